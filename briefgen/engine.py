"""The one build engine: `briefgen build`, `check` and `serve` all go through it.

A build is four stages, each in the package of its name:

    load     the site's files        -> parsed briefs and site-wide files  (load/site.py)
    resolve  parsed documents        -> one BriefGraph, and every problem  (resolve/)
    render   the graph               -> the outputs that changed, staged   (render/outputs.py)
    write    the staged files        -> the output folder, all at once     (write/output.py)

The engine keeps what it learnt between builds (state.py): in memory for `serve`, on disk for
the command line. That state is what lets a build parse only the files that changed and render
only the outputs whose inputs changed.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2

from briefgen.errors import BuildFailed, Problem, has_errors, strict
from briefgen.fingerprint import (
    CACHE_DIR,
    Summary,
    stat_text,
    summary_path,
    unchanged_since_last_build,
    write_summary,
)
from briefgen.load.site import Loaded, load_site
from briefgen.model import BriefGraph
from briefgen.options import BuildOptions
from briefgen.paths import SitePaths
from briefgen.progress import Progress
from briefgen.render.addresses import alias_clashes
from briefgen.render.deps import changes
from briefgen.render.outputs import Record, Rendered, render
from briefgen.render.plan import Generated, Item, Page, Printed, plan
from briefgen.render.templates import make_environment, template_digests
from briefgen.render.theme import static_files, theme_dirs
from briefgen.render.viewbuilder import ViewBuilder
from briefgen.render.views import SiteView
from briefgen.resolve.bodies import with_new_bodies
from briefgen.resolve.resolver import resolve
from briefgen.state import LastBuild, State, load_state, save_state, state_path
from briefgen.write.copies import Copied, stage_copies
from briefgen.write.lock import OutputLock
from briefgen.write.output import (
    MANIFEST,
    Stage,
    WriteStats,
    commit,
    missing_files,
    path_problems,
    read_manifest,
    recover,
)

USER_OVERRIDABLE = frozenset({"robots.txt"})
"""Generated files that a file of the same name in the site's static/ replaces."""


@dataclass(frozen=True)
class BuildResult:
    problems: tuple[Problem, ...]
    """Warnings only: a build with errors raises BuildFailed instead."""
    briefs: int
    pages: int
    stats: WriteStats
    made: frozenset[str] = frozenset()
    """Outputs rendered by this build (site paths of pages)."""
    graph: BriefGraph | None = None
    """None only when nothing had changed since the last build, so nothing was resolved."""


class Engine:
    """Builds one site into one output folder, again and again, doing only what changed."""

    def __init__(self, site: Path, options: BuildOptions | None = None, progress: Progress | None = None,
                 waiting: Callable[[str], None] | None = None) -> None:
        """`waiting` is told who holds the output folder when a build has to wait for another."""
        self.options = options or BuildOptions()
        self.paths = SitePaths.of(site, self.options.output)
        self.progress = progress or Progress(enabled=False)
        self._waiting = waiting
        cache = self.paths.root / CACHE_DIR
        self._state_file = state_path(cache, self.paths.output) if self.options.keep else None
        self._summary_file = summary_path(self.paths) if self.options.keep else None
        self._state: State | None = None
        self._built = False
        self._theme: _Theme | None = None

    def build(self) -> BuildResult:
        """Build the site; raise BuildFailed, having changed nothing in the output, when it has errors."""
        with OutputLock(self.paths.output, self._waiting), _collector_paused():
            recover(self.paths.output)
            stamp, summary = unchanged_since_last_build(self.paths, self.options) if self.options.keep else ("", None)
            if summary is not None:
                return _unchanged(summary)
            state = self._restore()
            loaded = load_site(self.paths, self.options.base_url, state.cache, self.options.jobs, self.progress,
                               self.options.pdf)
            graph, problems = self._resolve(loaded, state)
            if has_errors(problems):
                raise BuildFailed(problems)
            with Stage(self.paths.output) as stage:
                made = self._render(graph, state, stage)
                stats = commit(stage, made.files, made.staged, state.last.files if self._built and state.last else None)
            state.cache.keep_only(loaded.parsed.keys)
            state.last = LastBuild(self.options.settings(), loaded.data, loaded.problems, loaded.parsed.keys, graph,
                                   tuple(problems),
                                   made.site, made.templates, made.rendered.records, made.statics, made.files)
            self._save(state, stamp, graph, made.pages)
            self._built = True
            self.progress.finish()
        return BuildResult(tuple(problems), len(graph.briefs), made.pages, stats, made.rendered.made, graph)

    def check(self) -> tuple[BriefGraph | None, list[Problem]]:
        """Load and resolve only, writing nothing: the graph (None when the settings are broken) and every problem."""
        state = self._state or load_state(self._state_file, self.options.settings())
        loaded = load_site(self.paths, self.options.base_url, state.cache, self.options.jobs, self.progress,
                           self.options.pdf)
        if has_errors(loaded.problems) and not loaded.parsed and not loaded.data:
            return None, self._strict(list(loaded.problems))
        return self._resolve(loaded, None)

    # -- the stages ---------------------------------------------------------------------------------

    def _resolve(self, loaded: Loaded, state: State | None) -> tuple[BriefGraph, list[Problem]]:
        graph = None
        last = state.last if state is not None else None
        if (state is not None and last is not None and len(last.parsed) == len(loaded.parsed) and
                (last.settings, last.data, last.site_problems, last.graph.config) ==
                (self.options.settings(), loaded.data, loaded.problems, loaded.config)):
            edits = [(state.cache.get(a), state.cache.get(b)) for a, b in zip(last.parsed, loaded.parsed.keys,
                                                                            strict=True) if a != b]
            graph = with_new_bodies(last.graph, edits)
        if graph is not None and last is not None:
            problems = list(last.problems)
        else:
            graph, problems = resolve(loaded.config, loaded.parsed, loaded.data, self.options.drafts)
            problems = sorted([*loaded.problems, *problems, *alias_clashes(graph)])
        return graph, self._strict(problems)

    def _render(self, graph: BriefGraph, state: State, stage: Stage) -> _Made:
        """Render into `stage` what changed since the last build, and stage the copies that changed."""
        last = state.last
        dirs = theme_dirs(self.paths.templates)
        copies = static_files(dirs, self.paths.static)
        items = [item for item in plan(graph) if not _overridden(item, copies)]
        env, digests = self._templates(dirs, {item.template for item in items if isinstance(item, Page)}, state)
        site = ViewBuilder(graph).site()
        records: dict[str, Record] = {}
        changed = stale = None
        if last is not None and last.site == site:  # every page shows the site's name and menu
            changed = changes(last.graph, graph)
            stale = {name for name, digest in digests.items() if last.templates.get(name) != digest}
            # The first build of an engine checks that nobody deleted files from its output; after that the
            # output is its own (serve's is a private folder), and a walk of it costs what a save can't spare.
            gone = missing_files(self.paths.output, last.files) if not self._built else set()
            records = {name: r for name, r in last.records.items() if not any(p in gone for p, _ in r.files)}
        rendered = render(graph, items, site, env, stale, records, changed, state.keys, stage, state.layouts,
                          self.options.jobs, self.progress)
        state.layouts.update(rendered.layouts)  # made in worker processes, whose copies are gone
        state.layouts.take_added()
        made = {path: sha for record in rendered.records.values() for path, sha in record.files}
        problems = path_problems(made, copies)
        if problems:
            raise BuildFailed(problems)
        statics, copied = stage_copies(copies, last.statics if last is not None else {}, stage)
        staged = copied | {path for name in rendered.made for path, _ in rendered.records[name].files}
        files = {**made, **{path: known[2] for path, known in statics.items()}}
        pages = sum(1 for item in items if isinstance(item, Page) and not isinstance(item, Printed))
        return _Made(rendered, site, digests, statics, files, staged, pages)

    def _templates(self, dirs: list[Path], names: set[str], state: State) -> tuple[jinja2.Environment, dict[str, str]]:
        """The templates, compiled, and the digest of each page template with all it loads."""
        kept = self._theme
        env = kept.env if kept is not None and kept.dirs == dirs else make_environment(dirs)
        digests = template_digests(env, names, state.template_refs)
        if kept is not None and env is kept.env and digests != kept.digests:
            env = make_environment(dirs)  # a template changed: compile them all afresh
        self._theme = _Theme(dirs, env, digests)
        return env, digests

    # -- between builds -------------------------------------------------------------------------------

    def _restore(self) -> State:
        """The state, when the output is what its last build left there (else without its last build).

        After an engine's first build the output is taken to be its own: serve's is a private folder,
        and reading its manifest back cost more than the rest of a save's rebuild."""
        if self._state is None:
            self._state = load_state(self._state_file, self.options.settings())
        if (not self._built and self._state.last is not None
                and read_manifest(self.paths.output) != dict(self._state.last.files)):
            self._state.last = None  # the output is not what the last build left: make everything
        return self._state

    def _save(self, state: State, stamp: str, graph: BriefGraph, pages: int) -> None:
        self._state = state
        if self._state_file is None or self._summary_file is None or state.last is None:
            return
        save_state(self._state_file, state)
        problems = tuple(p.as_row() for p in state.last.problems)
        write_summary(self._summary_file, Summary(stamp, len(graph.briefs), pages, len(state.last.files), problems,
                                                  self._extra_inputs(graph), stat_text(self.paths.output / MANIFEST)))

    def _extra_inputs(self, graph: BriefGraph) -> tuple[str, ...]:
        """Files a build reads besides content/, templates/ and static/: a site's own citation style."""
        style = graph.config.citation_style
        return (style,) if style.endswith(".csl") else ()

    def _strict(self, problems: list[Problem]) -> list[Problem]:
        return strict(problems) if self.options.strict else problems


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off for the length of a build.

    A build holds millions of objects (parses, the graph, views) and makes few cycles; the collector
    walked them all again and again as they were made, some 15% of a build of 5,000 briefs.
    Forked workers inherit the pause; whatever cycles a build leaves are collected after it.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _unchanged(summary: Summary) -> BuildResult:
    """The result of the last build, which nothing has changed since."""
    problems = tuple(Problem.from_row(row) for row in summary.problems)
    return BuildResult(problems, summary.briefs, summary.pages, WriteStats(0, summary.files, 0))


def _overridden(item: Item, copies: dict[str, Path]) -> bool:
    """A site's own static/robots.txt is what its author wants served instead of the generated one."""
    return isinstance(item, Generated) and f"{item.name}.txt" in USER_OVERRIDABLE & copies.keys()


@dataclass(frozen=True)
class _Theme:
    """The templates the last build compiled: serve's next build reuses them unless one changed
    (compiling them was a third of a save's rebuild)."""

    dirs: list[Path]
    env: jinja2.Environment
    digests: dict[str, str]


@dataclass(frozen=True)
class _Made:
    """What rendering and staging made of one build."""

    rendered: Rendered
    site: SiteView
    templates: dict[str, str]
    statics: dict[str, Copied]
    files: dict[str, str]
    """The output's new manifest: every file of briefgen's it will hold."""
    staged: set[str]
    """The files this build wrote into the stage."""
    pages: int


def build(site: Path, options: BuildOptions | None = None) -> BuildResult:
    """Build the site at `site` once (a new engine, its state restored from the cache when kept)."""
    return Engine(site, options).build()


def check(site: Path, options: BuildOptions | None = None) -> tuple[BriefGraph | None, list[Problem]]:
    """Every problem of the site at `site`, writing nothing."""
    return Engine(site, options).check()
