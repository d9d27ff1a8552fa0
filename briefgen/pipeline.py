"""The whole build in one readable function: load -> resolve -> render -> write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from briefgen.cache import ParseCache
from briefgen.config import SitePaths, load_config
from briefgen.documents import ParsedBrief, parse_brief
from briefgen.errors import BuildFailed, Problem, has_errors
from briefgen.load import DataDoc, brief_files, brief_from_bytes, load_site_files, read_bytes, rel_path
from briefgen.markdown import make_markdown
from briefgen.model import BriefGraph, SiteConfig
from briefgen.render import make_environment, render_site
from briefgen.resolve import resolve
from briefgen.theme import static_files, theme_dirs
from briefgen.write import WriteStats, write_site


@dataclass(frozen=True)
class BuildOptions:
    output: Path | None = None
    drafts: bool = False
    base_url: str | None = None


@dataclass(frozen=True)
class BuildResult:
    graph: BriefGraph
    problems: tuple[Problem, ...]
    """Warnings only: a build with errors raises BuildFailed instead."""
    pages: int
    stats: WriteStats


Resolver = Callable[[SiteConfig, list[ParsedBrief], list[DataDoc], bool], tuple[BriefGraph, list[Problem]]]


def check(paths: SitePaths, options: BuildOptions, cache: ParseCache | None = None,
          resolver: Resolver = resolve) -> tuple[BriefGraph | None, list[Problem]]:
    """Load and resolve only: the graph and every problem, errors and warnings.

    `resolver` lets live preview reuse its last graph when an edit cannot have changed the links.
    """
    config, problems = load_config(paths, options.base_url)
    if has_errors(problems):
        return None, problems
    data, data_problems = load_site_files(paths.root, paths.content)
    parsed = parse_briefs(paths, config, cache or new_cache(config))
    graph, resolve_problems = resolver(config, parsed, data, options.drafts)
    return graph, sorted([*problems, *data_problems, *resolve_problems])


def new_cache(config: SiteConfig, folder: Path | None = None) -> ParseCache:
    return ParseCache(f"allow_html={config.allow_html}", folder)


def parse_briefs(paths: SitePaths, config: SiteConfig, cache: ParseCache) -> list[ParsedBrief]:
    """Every brief file, parsed; unchanged files come from the cache."""
    md: MarkdownIt | None = None
    parsed = []
    for path in brief_files(paths.content):
        rel = rel_path(path, paths.root)
        raw, problem = read_bytes(path, rel)
        if raw is None:
            parsed.append(ParsedBrief(None, problems=(problem,) if problem else ()))
            continue
        key = cache.key(rel, raw)
        hit = cache.get(key)
        if hit is None:
            md = md or make_markdown(config.allow_html)
            doc = brief_from_bytes(raw, rel, path.stem)
            hit = ParsedBrief(None, problems=(doc,)) if isinstance(doc, Problem) else parse_brief(doc, md)
            cache.put(key, hit)
        parsed.append(hit)
    return parsed


def build(site: Path, options: BuildOptions = BuildOptions(), cache: ParseCache | None = None) -> BuildResult:
    """Build the site at `site`; raise BuildFailed (having written nothing) when the content has errors."""
    paths = SitePaths.of(site, options.output)
    graph, problems = check(paths, options, cache)
    if graph is None or has_errors(problems):
        raise BuildFailed(problems)
    dirs = theme_dirs(paths.templates)
    pages = render_site(graph, make_environment(dirs))
    files = {page.path: page.data for page in pages}
    stats = write_site(paths.output, files, static_files(dirs, paths.static))
    return BuildResult(graph, tuple(problems), len(pages), stats)
