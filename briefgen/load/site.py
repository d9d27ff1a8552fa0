"""Loading a whole site: its settings, its site-wide files and every brief, parsed.

A brief whose file has the stat it had when last read is not read again; one whose bytes were
parsed before is not parsed again; the rest are parsed here or, when there are many, on every
core.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefgen import parallel
from briefgen.errors import Problem, has_errors
from briefgen.load.cache import ParseCache, ParsedBriefs
from briefgen.load.documents import ParsedBrief, parse_file
from briefgen.load.files import BriefEntry, DataDoc, load_site_files, read_bytes, rel_path, scan_brief_files
from briefgen.load.markdown import make_markdown
from briefgen.load.settings import load_config
from briefgen.load.unparsed import unparsed_brief
from briefgen.model import SiteConfig
from briefgen.paths import SitePaths
from briefgen.progress import Progress
from briefgen.symlinks import folder_problem, walk_files


@dataclass(frozen=True)
class Loaded:
    config: SiteConfig
    data: tuple[DataDoc, ...]
    """The site-wide files (sources.yaml, ...)."""
    parsed: ParsedBriefs
    """Every brief, in path order."""
    problems: tuple[Problem, ...]
    """Of the settings and of site-wide files that could not be read; each brief carries its own."""


def load_site(paths: SitePaths, base_url: str | None, cache: ParseCache, jobs: int | None,
              progress: Progress, pdf: bool | None = None) -> Loaded:
    """The site as read now; when the settings have errors, nothing else is read."""
    config, problems = load_config(paths, base_url, pdf)
    if has_errors(problems):
        return Loaded(config, (), ParsedBriefs((), cache), tuple(problems))
    data, data_problems = load_site_files(paths.root, paths.content)
    cache.use(f"allow_html={config.allow_html}")
    entries, scan_problems = scan_brief_files(paths.root, paths.content)
    parsed = _parse(entries, cache, config.allow_html, jobs, progress)
    return Loaded(config, tuple(data), parsed, (*problems, *data_problems, *scan_problems, *_theme_problems(paths)))


def _theme_problems(paths: SitePaths) -> list[Problem]:
    """Links out of the site among its templates and static files (render copies and loads neither
    kind of link; reported here so that `check` says what `build` refuses)."""
    problems: list[Problem] = []
    for folder in (paths.templates, paths.static):
        problem = folder_problem(folder, paths.root, rel_path(folder, paths.root))
        problems.extend([problem] if problem else walk_files(folder, paths.root)[1])
    return problems


def _parse(entries: list[BriefEntry], cache: ParseCache, allow_html: bool, jobs: int | None,
           progress: Progress) -> ParsedBriefs:
    keys: list[str | None] = []
    unknown: list[tuple[int, BriefEntry]] = []
    for entry in entries:
        key = cache.known_key(entry.rel, entry.stat)
        if key is None:
            unknown.append((len(keys), entry))
        keys.append(key)
    progress.start("parsing", len(unknown))
    workers = parallel.workers_for(len(unknown), parallel.PARSE_THRESHOLD, jobs)
    pieces = parallel.chunks([entry for _, entry in unknown], workers)
    done = 0
    # Workers read the files too: reading thousands of them in this process alone came before any parse.
    for piece in parallel.run(_read_and_parse, _Job(cache, allow_html, workers > 1), pieces, workers):
        for key, stat, parse in piece:
            index, entry = unknown[done]
            keys[index] = key
            if stat is not None:
                cache.stats[entry.rel] = (stat, key)
            if parse is not None:
                cache.put(key, parse)
            done += 1
        progress.advance(len(piece))
    return ParsedBriefs(tuple(key for key in keys if key is not None), cache)


@dataclass(frozen=True)
class _Job:
    cache: ParseCache
    """In a worker, the copy it was forked with: only asked which parses it already has."""
    allow_html: bool
    pickled: bool
    """Send each parse back pickled (from a worker: it crosses the pipe as bytes anyway, and the
    parse cache keeps those bytes to save them again without pickling)."""


Read = tuple[str, "tuple[int, int, int] | None", "ParsedBrief | bytes | None"]
"""(cache key, the file's stat to remember or None, the parse when the cache lacks it)."""


def _read_and_parse(job: _Job, piece: Sequence[BriefEntry]) -> list[Read]:
    md = make_markdown(job.allow_html)
    out: list[Read] = []
    for entry in piece:
        raw, problem = read_bytes(Path(entry.path), entry.rel)
        if raw is None:  # read again next time: no stat is kept for it
            out.append((f"unreadable:{entry.rel}", None, ParsedBrief(None, problems=(problem,) if problem else (),
                                                                     unparsed=unparsed_brief(entry.rel, entry.stem,
                                                                                             None))))
            continue
        key = job.cache.key(entry.rel, raw)
        if key in job.cache:
            out.append((key, entry.stat, None))
            continue
        parse = parse_file(raw, entry.rel, entry.stem, md)
        out.append((key, entry.stat, pickle.dumps(parse, protocol=5) if job.pickled else parse))
    return out
