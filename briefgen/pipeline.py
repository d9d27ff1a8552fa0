"""The whole build in one readable function: load -> resolve -> render -> write."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from markdown_it import MarkdownIt

from briefgen import parallel
from briefgen.cache import LastBuild, ParseCache, code_fingerprint
from briefgen.errors import BuildFailed, Problem, has_errors, strict
from briefgen.load.documents import ParsedBrief, parse_brief, parse_file
from briefgen.load.files import DataDoc, SourceDoc, load_site_files, read_bytes, scan_briefs
from briefgen.load.markdown import make_markdown
from briefgen.load.settings import load_config
from briefgen.load.todo import brief_todo_problems
from briefgen.model import BriefGraph, SiteConfig
from briefgen.paths import SitePaths
from briefgen.progress import Progress
from briefgen.render.pages import Page, make_environment, render_changed
from briefgen.render.theme import static_files, theme_dirs
from briefgen.resolve.resolver import resolve
from briefgen.write.output import StagedSite, WriteStats

CACHE_DIR = ".briefgen-cache"
"""The cache folder `briefgen build` keeps in the site folder (git-ignored)."""

USER_OVERRIDABLE = frozenset({"robots.txt"})
"""Generated files that a file of the same name in the site's static/ replaces."""


@dataclass(frozen=True)
class BuildOptions:
    output: Path | None = None
    drafts: bool = False
    base_url: str | None = None
    strict: bool = False
    """Treat warnings as errors."""
    cache_dir: Path | None = None
    """Keep parsed briefs and the last build's fingerprint here between runs; None: nothing is kept."""
    jobs: int | None = None
    """Most processes to parse and render with (None: one per core; 1: never fork)."""


@dataclass(frozen=True)
class BuildResult:
    graph: BriefGraph | None
    """None only when the cache showed nothing changed since the last build, so nothing was resolved."""
    problems: tuple[Problem, ...]
    """Warnings only: a build with errors raises BuildFailed instead."""
    briefs: int
    pages: int
    stats: WriteStats


@dataclass(frozen=True)
class _BriefFile:
    """One brief file as read: its bytes and cache key, or the problem reading it."""

    rel: str
    stem: str
    raw: bytes | None
    key: str
    problem: Problem | None


@dataclass(frozen=True)
class _Inputs:
    """Everything read before parsing, and a digest of it all."""

    config: SiteConfig
    data: list[DataDoc]
    files: list[_BriefFile]
    problems: list[Problem]
    digest: hashlib.blake2b


Resolver = Callable[[SiteConfig, list[ParsedBrief], list[DataDoc], bool], tuple[BriefGraph, list[Problem]]]


def check(paths: SitePaths, options: BuildOptions, cache: ParseCache | None = None,
          progress: Progress | None = None, resolver: Resolver = resolve) -> tuple[BriefGraph | None, list[Problem]]:
    """Load and resolve only: the graph and every problem, errors and warnings.

    `resolver` lets live preview reuse its last graph when an edit cannot have changed the links.
    """
    config, problems = load_config(paths, options.base_url)
    if has_errors(problems):
        return None, sorted(strict(problems) if options.strict else problems)
    cache = cache or new_cache(config, options.cache_dir)
    return _resolve(_read_inputs(paths, options, config, problems, cache), options, cache, resolver,
                    progress or Progress(enabled=False))


def _read_inputs(paths: SitePaths, options: BuildOptions, config: SiteConfig, problems: list[Problem],
                 cache: ParseCache) -> _Inputs:
    settings = f"{code_fingerprint()}|drafts={options.drafts}|strict={options.strict}|{config!r}"
    digest = hashlib.blake2b(settings.encode())
    data, data_problems = load_site_files(paths.root, paths.content)
    for doc in data:
        digest.update(f"|{doc.path}|".encode())
        digest.update(read_bytes(paths.root / doc.path, doc.path)[0] or b"")
    files = _read_briefs(paths, cache)
    for file in files:
        digest.update(f"|{file.rel}|{file.key}".encode())
    return _Inputs(config, data, files, [*problems, *data_problems], digest)


def _resolve(inputs: _Inputs, options: BuildOptions, cache: ParseCache, resolver: Resolver,
             progress: Progress) -> tuple[BriefGraph, list[Problem]]:
    parsed = _parse(inputs.files, inputs.config, cache, options.jobs, progress)
    if options.cache_dir is not None:  # the cache is this build's own: keep only what this build used
        cache.forget_unused()
    cache.save()  # a no-op for a cache without a folder
    graph, problems = resolver(inputs.config, parsed, inputs.data, options.drafts)
    found = sorted([*inputs.problems, *problems])
    return graph, strict(found) if options.strict else found


def new_cache(config: SiteConfig, folder: Path | None = None) -> ParseCache:
    return ParseCache(f"allow_html={config.allow_html}", folder)


def parse_briefs(paths: SitePaths, config: SiteConfig, cache: ParseCache, jobs: int | None = 1,
                 progress: Progress | None = None) -> list[ParsedBrief]:
    """Every brief file, parsed; unchanged files come from the cache."""
    return _parse(_read_briefs(paths, cache), config, cache, jobs, progress or Progress(enabled=False))


def _read_briefs(paths: SitePaths, cache: ParseCache) -> list[_BriefFile]:
    files = []
    for entry in scan_briefs(paths.root, paths.content):
        key = cache.known_key(entry.rel, entry.stat)
        if key is not None:  # unchanged since this process last read it: no need to read it again
            files.append(_BriefFile(entry.rel, entry.stem, None, key, None))
            continue
        raw, problem = read_bytes(Path(entry.path), entry.rel)
        key = cache.key(entry.rel, raw) if raw is not None else ""
        if key:
            cache.remember_key(entry.rel, entry.stat, key)
        files.append(_BriefFile(entry.rel, entry.stem, raw, key, problem))
    return files


def _parse(files: list[_BriefFile], config: SiteConfig, cache: ParseCache, jobs: int | None,
           progress: Progress) -> list[ParsedBrief]:
    """Parsed briefs in file order: from the cache, else parsed here or, when there are many, on every core."""
    parsed: list[ParsedBrief | None] = []
    missing: list[int] = []
    for index, file in enumerate(files):
        hit = cache.get(file.key) if file.key else None
        if hit is None and file.raw is None:
            parsed.append(ParsedBrief(None, problems=(file.problem,) if file.problem else ()))
            continue
        if hit is None:
            missing.append(index)
        parsed.append(hit)
    progress.start("parsing", len(missing))
    workers = parallel.workers_for(len(missing), parallel.PARSE_THRESHOLD, jobs)
    pieces = [[(files[i].raw, files[i].rel, files[i].stem) for i in piece]
              for piece in parallel.chunks(missing, workers)]
    done = 0
    for piece in parallel.run(_parse_piece, config.allow_html, pieces, workers):
        for result in piece:
            index = missing[done]
            cache.put(files[index].key, result)
            parsed[index] = result
            done += 1
        progress.advance(len(piece))
    return [item for item in parsed if item is not None]


def _parse_piece(allow_html: bool, piece: list[tuple[bytes, str, str]]) -> list[ParsedBrief]:
    md = make_markdown(allow_html)
    return [parse_file(raw, rel, stem, md) for raw, rel, stem in piece]


def parse_and_validate(doc: SourceDoc, md: MarkdownIt) -> ParsedBrief:
    """One brief parsed, with its TODO problems: all depend on the file alone, so all are cached."""
    parsed = parse_brief(doc, md)
    return replace(parsed, problems=(*parsed.problems, *brief_todo_problems(doc)))


def build(site: Path, options: BuildOptions = BuildOptions(), cache: ParseCache | None = None,
          progress: Progress | None = None) -> BuildResult:
    """Build the site at `site`; raise BuildFailed (having written nothing) when the content has errors."""
    progress = progress or Progress(enabled=False)
    paths = SitePaths.of(site, options.output)
    config, problems = load_config(paths, options.base_url)
    if has_errors(problems):
        raise BuildFailed(problems)
    cache = cache or new_cache(config, options.cache_dir)
    inputs = _read_inputs(paths, options, config, problems, cache)
    dirs = theme_dirs(paths.templates)
    copies = static_files(dirs, paths.static)

    def keep_page(page: Page) -> bool:
        # A site's own robots.txt is what its author wants served; any other clash is an error (write.py).
        return not (page.path in USER_OVERRIDABLE and page.path in copies)

    last_build = LastBuild(options.cache_dir, paths.output)
    theme = last_build.theme(dirs)
    fingerprint = last_build.fingerprint(inputs.digest, theme, copies)
    if last_build.unchanged(fingerprint):
        return BuildResult(None, last_build.problems, last_build.briefs, last_build.pages,
                           WriteStats(0, last_build.files, 0))
    try:
        graph, problems = _resolve(inputs, options, cache, resolve, progress)
        if has_errors(problems):
            raise BuildFailed(problems)
        with StagedSite(paths.output, copies) as staged:
            rendered = render_changed(graph, make_environment(dirs), theme, last_build.known_pages(),
                                      lambda page: keep_page(page) and staged.add(page.path, page.data),
                                      options.jobs, progress)
            for path in rendered.kept:
                staged.keep(path)
            stats = staged.commit()
    finally:
        progress.finish()
    result = BuildResult(graph, tuple(problems), len(graph.briefs), len(rendered.digests), stats)
    last_build.record(fingerprint, result.problems, result.briefs, result.pages, stats.written + stats.unchanged,
                      rendered.digests)
    return result
