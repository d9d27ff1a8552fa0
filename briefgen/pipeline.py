"""The whole build in one readable function: load -> resolve -> render -> write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefgen.config import SitePaths, load_config
from briefgen.documents import parse_brief
from briefgen.errors import BuildFailed, Problem, has_errors, strict
from briefgen.load import load_content
from briefgen.markdown import make_markdown
from briefgen.model import BriefGraph
from briefgen.render import make_environment, render_site
from briefgen.resolve import resolve
from briefgen.theme import static_files, theme_dirs
from briefgen.write import WriteStats, write_site


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


def check(paths: SitePaths, options: BuildOptions) -> tuple[BriefGraph | None, list[Problem]]:
    """Load and resolve only: the graph and every problem, errors and warnings."""
    config, problems = load_config(paths, options.base_url)
    if has_errors(problems):
        return None, sorted(strict(problems) if options.strict else problems)
    loaded = load_content(paths.root, paths.content)
    md = make_markdown(config.allow_html)
    parsed = [parse_brief(doc, md) for doc in loaded.briefs]
    graph, resolve_problems = resolve(config, parsed, loaded.data, options.drafts)
    found = sorted([*problems, *loaded.problems, *resolve_problems])
    return graph, strict(found) if options.strict else found


def build(site: Path, options: BuildOptions = BuildOptions()) -> BuildResult:
    """Build the site at `site`; raise BuildFailed (having written nothing) when the content has errors."""
    paths = SitePaths.of(site, options.output)
    graph, problems = check(paths, options)
    if graph is None or has_errors(problems):
        raise BuildFailed(problems)
    dirs = theme_dirs(paths.templates)
    pages = render_site(graph, make_environment(dirs))
    files = {page.path: page.data for page in pages}
    stats = write_site(paths.output, files, static_files(dirs, paths.static))
    return BuildResult(graph, tuple(problems), len(pages), stats)
