"""The whole build in one readable function: load -> resolve -> render -> write."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from markdown_it import MarkdownIt

from briefgen.cache import ParseCache
from briefgen.config import SitePaths, load_config
from briefgen.documents import ParsedBrief, parse_brief
from briefgen.errors import BuildFailed, Problem, has_errors, strict
from briefgen.load import SourceDoc, brief_files, brief_from_bytes, load_site_files, read_bytes, rel_path
from briefgen.markdown import make_markdown
from briefgen.model import BriefGraph, SiteConfig
from briefgen.render import make_environment, render_site
from briefgen.resolve import resolve
from briefgen.theme import static_files, theme_dirs
from briefgen.validate import (
    SCHEMA_CODE,
    brief_schema_problems,
    brief_todo_problems,
    config_schema_problems,
    data_schema_problems,
    merge_problems,
)
from briefgen.write import WriteStats, write_site

USER_OVERRIDABLE = frozenset({"robots.txt"})
"""Generated files that a file of the same name in the site's static/ replaces."""


@dataclass(frozen=True)
class BuildOptions:
    output: Path | None = None
    drafts: bool = False
    base_url: str | None = None
    strict: bool = False
    """Treat warnings as errors."""


@dataclass(frozen=True)
class BuildResult:
    graph: BriefGraph
    problems: tuple[Problem, ...]
    """Warnings only: a build with errors raises BuildFailed instead."""
    pages: int
    stats: WriteStats


def check(paths: SitePaths, options: BuildOptions,
          cache: ParseCache | None = None) -> tuple[BriefGraph | None, list[Problem]]:
    """Load and resolve only: the graph and every problem, errors and warnings."""
    config, problems = load_config(paths, options.base_url)
    if has_errors(problems):
        return None, sorted(strict(problems) if options.strict else problems)
    data, data_problems = load_site_files(paths.root, paths.content)
    parsed = parse_briefs(paths, config, cache or new_cache(config))
    graph, resolve_problems = resolve(config, parsed, data, options.drafts)
    schema = config_schema_problems(paths) + [p for doc in data for p in data_schema_problems(doc)]
    everything = [*problems, *data_problems, *resolve_problems, *schema]
    # The schema and the hand-written checks often see the same mistake: print it once.
    hand_written = [p for p in everything if p.code != SCHEMA_CODE]
    found = sorted(merge_problems(hand_written, [p for p in everything if p.code == SCHEMA_CODE]))
    return graph, strict(found) if options.strict else found


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
            hit = ParsedBrief(None, problems=(doc,)) if isinstance(doc, Problem) else parse_and_validate(doc, md)
            cache.put(key, hit)
        parsed.append(hit)
    return parsed


def parse_and_validate(doc: SourceDoc, md: MarkdownIt) -> ParsedBrief:
    """One brief parsed, with its schema and TODO problems: all depend on the file alone, so all are cached."""
    parsed = parse_brief(doc, md)
    return replace(parsed, problems=(*parsed.problems, *brief_schema_problems(doc), *brief_todo_problems(doc)))


def build(site: Path, options: BuildOptions = BuildOptions(), cache: ParseCache | None = None) -> BuildResult:
    """Build the site at `site`; raise BuildFailed (having written nothing) when the content has errors."""
    paths = SitePaths.of(site, options.output)
    graph, problems = check(paths, options, cache)
    if graph is None or has_errors(problems):
        raise BuildFailed(problems)
    dirs = theme_dirs(paths.templates)
    pages = render_site(graph, make_environment(dirs))
    copies = static_files(dirs, paths.static)
    # A site's own robots.txt is what its author wants served; any other clash is an error (write.py).
    files = {page.path: page.data for page in pages if not (page.path in USER_OVERRIDABLE and page.path in copies)}
    stats = write_site(paths.output, files, copies)
    return BuildResult(graph, tuple(problems), len(pages), stats)
