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
from briefgen.load.files import DataDoc, load_site_files, read_bytes, scan_briefs
from briefgen.load.markdown import make_markdown
from briefgen.load.settings import load_config
from briefgen.model import SiteConfig
from briefgen.paths import SitePaths
from briefgen.progress import Progress


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
              progress: Progress) -> Loaded:
    """The site as read now; when the settings have errors, nothing else is read."""
    config, problems = load_config(paths, base_url)
    if has_errors(problems):
        return Loaded(config, (), ParsedBriefs((), cache), tuple(problems))
    data, data_problems = load_site_files(paths.root, paths.content)
    cache.use(f"allow_html={config.allow_html}")
    parsed = _parse(paths, cache, config.allow_html, jobs, progress)
    return Loaded(config, tuple(data), parsed, (*problems, *data_problems))


def _parse(paths: SitePaths, cache: ParseCache, allow_html: bool, jobs: int | None,
           progress: Progress) -> ParsedBriefs:
    keys: list[str] = []
    missing: list[tuple[str, str, bytes, str]] = []
    for entry in scan_briefs(paths.root, paths.content):
        key = cache.known_key(entry.rel, entry.stat)
        if key is None:
            raw, problem = read_bytes(Path(entry.path), entry.rel)
            if raw is None:
                key = f"unreadable:{entry.rel}"  # read again next time: no stat is kept for it
                cache.put(key, ParsedBrief(None, problems=(problem,) if problem else ()))
            else:
                key = cache.key(entry.rel, raw)
                cache.stats[entry.rel] = (entry.stat, key)
                if key not in cache:
                    missing.append((key, entry.rel, raw, entry.stem))
        keys.append(key)
    progress.start("parsing", len(missing))
    workers = parallel.workers_for(len(missing), parallel.PARSE_THRESHOLD, jobs)
    pieces = parallel.chunks([item[1:] for item in missing], workers)
    done = 0
    for piece in parallel.run(_parse_piece, (allow_html, workers > 1), pieces, workers):
        for result in piece:
            cache.put(missing[done][0], result)
            done += 1
        progress.advance(len(piece))
    return ParsedBriefs(tuple(keys), cache)


def _parse_piece(settings: tuple[bool, bool], piece: Sequence[tuple[str, bytes, str]]) -> list[ParsedBrief | bytes]:
    """The parses of `piece`; pickled one by one when made in a worker process: they cross the pipe as
    bytes anyway, and the parse cache keeps those bytes to save them again without pickling."""
    allow_html, pickled = settings
    md = make_markdown(allow_html)
    parses = [parse_file(raw, rel, stem, md) for rel, raw, stem in piece]
    return [pickle.dumps(p, protocol=5) for p in parses] if pickled else list(parses)
