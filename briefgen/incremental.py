"""Incremental rebuilds for live preview: re-render only what a change can have touched.

Every rebuild re-runs load and resolve (each brief's parse is cached by content hash), then
decides page by page. A page is skipped without building its view when nothing it read from
the graph changed and no template it used changed; otherwise its view is built again, and it is
re-rendered only when that view (or a template it used) really differs. Bytes equal to what is
on disk are not written again. What a page read is recorded while its view is built, through a
graph whose mappings log every key and field looked up; which templates it used is recorded by
an Environment that logs every template it loads (as lektor does). An edit to a brief's prose
alone skips resolve too: QuickResolver patches the last graph with the new body.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import time
import traceback
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2

from briefgen import urls
from briefgen.cache import ParseCache
from briefgen.errors import BuildFailed, Problem, Severity, has_errors
from briefgen.load.documents import ParsedBrief
from briefgen.load.files import DataDoc
from briefgen.load.settings import load_config
from briefgen.model import BriefGraph, SiteConfig
from briefgen.paths import CONFIG_FILE, SitePaths
from briefgen.pipeline import USER_OVERRIDABLE, BuildOptions, check, new_cache
from briefgen.render.feeds import feed_files
from briefgen.render.pages import extra_files, make_environment, page_plan, render_page
from briefgen.render.theme import THEME_STATIC, static_files, theme_dirs
from briefgen.render.views import ViewBuilder
from briefgen.resolve.resolver import resolve
from briefgen.write.output import patch_files


class ChangeKind(str, Enum):
    CONFIG = "config"
    CONTENT = "content"
    TEMPLATE = "template"
    STATIC = "static"


ALL_KINDS = frozenset(ChangeKind)
_SCRATCH_SUFFIXES = (".swp", ".swx", ".swo", ".tmp", "~")


def classify(rel: str) -> ChangeKind | None:
    """What kind of change a changed path (relative to the site folder, '/'-separated) is; None: irrelevant."""
    parts = PurePosixPath(rel).parts
    if not parts or parts[0] in ("..", "/") or _is_editor_scratch(parts[-1]):
        return None
    if rel == CONFIG_FILE:
        return ChangeKind.CONFIG
    if parts[0] == "content":
        return ChangeKind.CONTENT
    if parts[0] == "templates":
        return ChangeKind.STATIC if len(parts) > 1 and parts[1] == THEME_STATIC else ChangeKind.TEMPLATE
    if parts[0] == "static":
        return ChangeKind.STATIC
    return None


def _is_editor_scratch(name: str) -> bool:
    """Swap, backup and lock files editors write beside the file being saved (vim's 4913 probe too)."""
    return name.endswith(_SCRATCH_SUFFIXES) or name.startswith(".#") or name == "4913" or (
        name.startswith("#") and name.endswith("#"))


@dataclass(frozen=True)
class Rebuild:
    """What one rebuild did; paths are output files relative to the output folder."""

    problems: tuple[Problem, ...]
    """Errors when the rebuild failed (nothing was written), else warnings."""
    rendered: frozenset[str] = frozenset()
    written: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()
    seconds: float = 0.0
    traceback: str = ""
    """Set when briefgen itself failed: the bug's traceback, for --verbose."""

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


Read = tuple[str, str, str]
"""(graph mapping, key, attribute) a view read. The attribute is PRESENCE for the lookup itself and
ANY for a whole value or a property. The key is ALL for the whole mapping: (ALL, PRESENCE) for its
keys and their order, (ALL, ANY) for its values, read in bulk through items() or values()."""
ALL, PRESENCE, ANY = "\0all", "", "*"
ANY_CHANGE: Read = ("", "", "")
"""The reads of a page whose view read nothing through the graph itself (a slice of a view the plan
built up front): it may show anything, so any change to the graph rebuilds its view."""


@dataclass(frozen=True)
class _PageState:
    template: str
    view_digest: bytes
    reads: frozenset[Read]
    templates: frozenset[str]
    data_digest: bytes


@dataclass(frozen=True)
class _StaticState:
    stat: tuple[int, int, int]
    digest: bytes


class _Reads:
    """What the page being built has read so far; reset per page."""

    def __init__(self) -> None:
        self.keys: set[Read] = set()


class _RecordingMapping(Mapping[str, Any]):
    """A read-only view of one graph mapping that notes every key a view looks up, and (through
    _RecordingValue) every field it reads, so a change to a brief's body does not touch the pages
    that only show its title."""

    def __init__(self, name: str, data: Mapping[str, Any], reads: _Reads) -> None:
        self._name, self._data, self._reads = name, data, reads

    def __getitem__(self, key: str) -> Any:
        return self._record(key, self._data[key])

    def get(self, key: str, default: Any = None) -> Any:
        value = self._data.get(key, _MISSING)
        return default if value is _MISSING else self._record(key, value)

    def _record(self, key: str, value: Any) -> Any:
        self._reads.keys.add((self._name, key, PRESENCE))
        if value is _MISSING:
            return value
        if dataclasses.is_dataclass(value):
            return _RecordingValue(value, self._name, key, self._reads)
        self._reads.keys.add((self._name, key, ANY))
        return value

    def __contains__(self, key: object) -> bool:
        self._reads.keys.add((self._name, str(key), PRESENCE))
        return key in self._data

    def __iter__(self) -> Iterator[str]:
        self._reads.keys.add((self._name, ALL, PRESENCE))
        return iter(self._data)

    def __len__(self) -> int:
        self._reads.keys.add((self._name, ALL, PRESENCE))
        return len(self._data)

    def keys(self) -> Any:
        self._reads.keys.add((self._name, ALL, PRESENCE))
        return self._data.keys()

    def items(self) -> Any:
        self._reads.keys.update(((self._name, ALL, PRESENCE), (self._name, ALL, ANY)))
        return self._data.items()

    def values(self) -> Any:
        self._reads.keys.update(((self._name, ALL, PRESENCE), (self._name, ALL, ANY)))
        return self._data.values()


_MISSING: Any = object()


class _RecordingValue:
    """Stands in for one model object (a Brief, a ClaimLinks...) and notes each attribute read."""

    __slots__ = ("_at", "_reads", "_value")

    def __init__(self, value: Any, name: str, key: str, reads: _Reads) -> None:
        self._value, self._at, self._reads = value, (name, key), reads

    def __getattr__(self, attr: str) -> Any:
        field = attr if attr in _field_names(type(self._value)) else ANY  # a property may read any field
        self._reads.keys.add((*self._at, field))
        return getattr(self._value, attr)


@functools.cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


class _TrackingEnvironment(jinja2.Environment):
    """Notes every template a render loads (extends, include and import all come through here)."""

    used: set[str]
    sources: dict[str, bytes]
    """Digest of each template's source, as loaded by this environment."""

    def _load_template(self, name: str, globals: Any) -> jinja2.Template:
        template = super()._load_template(name, globals)
        self.used.add(name)
        if name not in self.sources:
            self.sources[name] = _template_digest(self, name) or b""
        return template


def _template_digest(env: jinja2.Environment, name: str) -> bytes | None:
    """Digest of the source `name` resolves to now; None when it no longer exists."""
    assert env.loader is not None
    try:
        source = env.loader.get_source(env, name)[0]
    except jinja2.TemplateNotFound:
        return None
    return hashlib.blake2b(source.encode("utf-8"), digest_size=16).digest()


def _new_environment(paths: SitePaths) -> _TrackingEnvironment:
    env = make_environment(theme_dirs(paths.templates), _TrackingEnvironment)
    assert isinstance(env, _TrackingEnvironment)
    env.used, env.sources = set(), {}
    env.auto_reload = False  # a template change makes a new environment; no stat per page
    return env


def _mapping_fields(graph: BriefGraph) -> list[str]:
    return [f.name for f in dataclasses.fields(graph) if isinstance(getattr(graph, f.name), Mapping)]


def graph_changes(old: BriefGraph | None, new: BriefGraph) -> set[Read] | None:
    """Every (mapping, key, attribute) whose value differs between two graphs, in the vocabulary of
    _RecordingMapping's reads; None when everything must be redone (no old graph, other settings)."""
    if old is None or old.config != new.config:
        return None
    changed: set[Read] = set()
    for name in _mapping_fields(new):
        before, after = getattr(old, name), getattr(new, name)
        if before is after:  # QuickResolver keeps every mapping a prose edit cannot change
            continue
        for key in before.keys() | after.keys():
            a, b = before.get(key, _MISSING), after.get(key, _MISSING)
            if a is b or a == b:
                continue
            changed.update(((name, key, ANY), (name, ALL, ANY)))
            if a is _MISSING or b is _MISSING or type(a) is not type(b):
                changed.add((name, key, PRESENCE))
                for value in (a, b):
                    if dataclasses.is_dataclass(value):
                        changed.update((name, key, f) for f in _field_names(type(value)))
            elif dataclasses.is_dataclass(a):
                changed.update((name, key, f) for f in _field_names(type(a)) if getattr(a, f) != getattr(b, f))
        if list(before) != list(after):
            changed.add((name, ALL, PRESENCE))
    if changed:
        changed.add(ANY_CHANGE)
    return changed


def _digest(*parts: Any) -> bytes:
    # Views are frozen dataclasses of strings, numbers, dates and tuples: their repr is their value.
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).digest()


def _data_digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class _PageViews:
    """The ViewBuilder the plan's lambdas call, fresh for every page whose view is built.

    A ViewBuilder may build a ref once and hand it to many pages (a cached property, a memo):
    sharing one across pages would hide from every page but the first what the ref read.
    """

    def __init__(self, graph: BriefGraph) -> None:
        self._graph = graph
        self._current = ViewBuilder(graph)

    def fresh(self) -> None:
        self._current = ViewBuilder(self._graph)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._current, name)


@dataclass(frozen=True)
class _Resolved:
    config: SiteConfig
    parsed: list[ParsedBrief]
    data: list[DataDoc]
    drafts: bool
    graph: BriefGraph
    problems: list[Problem]


class QuickResolver:
    """resolve(), remembering its last call: when the only difference is the Markdown body of some
    briefs (the commonest edit: writing prose), it patches the last graph instead of resolving all.

    A body edit changes only a brief's HTML and word count: its claims, citations, passages and
    references, and so every link and problem in the graph, are compared equal before reuse. Where
    a reference sits matters only to an error about it, so positions may move when there is none.
    """

    def __init__(self) -> None:
        self._last: _Resolved | None = None
        self.patched = False
        """The last call patched bodies into the graph before it: nothing but prose changed."""

    def __call__(self, config: SiteConfig, parsed: list[ParsedBrief], data: list[DataDoc],
                 drafts: bool) -> tuple[BriefGraph, list[Problem]]:
        last = self._last
        graph = None
        if last is not None and (last.config, last.data, last.drafts) == (config, data, drafts):
            graph = _patch_bodies(last.graph, last.parsed, parsed, has_errors(last.problems))
        self.patched = graph is not None and last is not None
        if graph is None or last is None:
            graph, problems = resolve(config, parsed, data, drafts)
        else:
            problems = list(last.problems)
        self._last = _Resolved(config, list(parsed), list(data), drafts, graph, problems)
        return graph, list(problems)


def _patch_bodies(graph: BriefGraph, before: list[ParsedBrief], after: list[ParsedBrief],
                  positions_matter: bool) -> BriefGraph | None:
    """`graph` with the new bodies of briefs whose edit touched nothing else; None when resolve must run."""
    if len(before) != len(after):
        return None
    briefs = dict(graph.briefs)
    for old, new in zip(before, after, strict=True):
        if old is new:  # the parse cache hands back the same object for an unchanged file
            continue
        if old.spec is None or new.spec is None:
            return None
        same_refs = new.refs == old.refs or (not positions_matter and _targets(new) == _targets(old))
        if not same_refs or dataclasses.replace(new, body_html=old.body_html, words=old.words, refs=old.refs) != old:
            return None
        brief = briefs.get(new.spec.slug)
        if brief is not None and brief.file.path == new.spec.path:  # else a draft left out of the site
            briefs[new.spec.slug] = dataclasses.replace(brief, body_html=new.body_html, words=new.words)
    return dataclasses.replace(graph, briefs=briefs)


def _targets(parsed: ParsedBrief) -> list[tuple[str, str]]:
    return [(located.ref.kind, located.ref.target) for located in parsed.refs]


@dataclass(frozen=True)
class _Rendered:
    pages: dict[str, _PageState]
    writes: dict[str, bytes]
    """Files whose bytes changed."""
    rendered: frozenset[str]
    site_digest: bytes
    html_paths: tuple[str, ...]
    """Site paths of every planned page, in plan order (the sitemap lists them)."""


class Builder:
    """Builds a site into an output folder it owns, and rebuilds only what changes touch."""

    def __init__(self, site: Path, output: Path, options: BuildOptions | None = None) -> None:
        self.paths = SitePaths.of(site, output)
        self.options = options or BuildOptions()
        self._cache: ParseCache | None = None
        self._cache_settings: bool | None = None
        self._env: _TrackingEnvironment | None = None
        self._template_sources: dict[str, bytes] = {}
        self._graph: BriefGraph | None = None
        self._warnings: tuple[Problem, ...] = ()
        self._pages: dict[str, _PageState] = {}
        self._static: dict[str, _StaticState] = {}
        self._site_digest = b""
        self._extra: dict[str, bytes] = {}
        """Feeds, sitemap, graph.json, search index: output path -> digest of what was written."""
        self._resolver = QuickResolver()
        self._pending: set[ChangeKind] = set(ALL_KINDS)
        """Changes not yet built successfully: a failed rebuild leaves them to the next one."""

    def build(self, changes: Iterable[str] | None = None) -> Rebuild:
        """Rebuild after `changes` (paths relative to the site folder; None: anything may have changed).

        Never raises for bad input or a briefgen bug: a failed rebuild writes nothing and returns
        its problems; the output folder keeps the last good site.
        """
        started = time.perf_counter()
        kinds = set(ALL_KINDS) if changes is None else {k for k in map(classify, changes) if k}
        self._pending |= kinds
        if not self._pending:
            return Rebuild(self._warnings, seconds=time.perf_counter() - started)
        try:
            result = self._build(self._pending)
        except BuildFailed as failed:
            result = Rebuild(tuple(failed.problems))
        except Exception as exc:  # the preview must survive a bug in briefgen too
            problem = Problem("briefgen", 0, 0, Severity.ERROR, f"internal error: {type(exc).__name__}: {exc}",
                              "internal", "this is a bug in briefgen; --verbose prints the traceback")
            result = Rebuild((problem,), traceback=traceback.format_exc())
        if result.ok:
            self._pending = set()
        return dataclasses.replace(result, seconds=time.perf_counter() - started)

    def _build(self, kinds: set[ChangeKind]) -> Rebuild:
        if self._graph is not None and kinds <= {ChangeKind.STATIC, ChangeKind.TEMPLATE}:
            graph, warnings = self._graph, self._warnings  # templates and assets do not change the graph
        else:
            graph, problems = check(self.paths, self.options, self._parse_cache(), resolver=self._resolver)
            if graph is None or has_errors(problems):
                raise BuildFailed(problems)
            warnings = tuple(problems)
            assert self._cache is not None
            self._cache.forget_unused()

        changed_templates: set[str] = set()
        template_sources = self._template_sources
        if self._env is None or ChangeKind.TEMPLATE in kinds:
            self._env = _new_environment(self.paths)
            template_sources = {}
            for name, digest in self._template_sources.items():
                now = _template_digest(self._env, name)
                if now != digest:
                    changed_templates.add(name)
                if now is not None:
                    template_sources[name] = now

        done = self._render(graph, changed_templates)
        static, static_writes = self._copy_static(kinds)
        extra, extra_data = self._extra_files(graph, done.html_paths, force=ChangeKind.STATIC in kinds)
        # A site's own static/robots.txt replaces the generated one; when it goes, the generated one returns.
        shadowed = USER_OVERRIDABLE & static.keys()
        extra_writes = {p: data for p, data in extra_data.items()
                        if p not in shadowed and (self._extra.get(p) != extra[p] or p in self._static)}
        removed = ({p for p in self._pages if p not in done.pages} | {p for p in self._static if p not in static}
                   | {p for p in self._extra if p not in extra})
        removed -= done.pages.keys() | static.keys() | extra.keys()
        patch_files(self.paths.output, {**done.writes, **static_writes, **extra_writes}, sorted(removed))

        self._graph, self._warnings, self._pages, self._static = graph, warnings, done.pages, static
        self._extra = extra
        self._site_digest = done.site_digest
        self._template_sources = {**template_sources, **self._env.sources}
        written = frozenset(done.writes.keys() | static_writes.keys() | extra_writes.keys())
        return Rebuild(warnings, done.rendered, written, frozenset(removed))

    def _extra_files(self, graph: BriefGraph, html_paths: tuple[str, ...],
                     force: bool) -> tuple[dict[str, bytes], dict[str, bytes]]:
        """Digests of the non-HTML outputs, and the bytes of all of them when they were made again.

        The search index is built once, on the first build: running Pagefind takes seconds, far
        beyond a save-to-browser budget, and a preview's search may lag behind its pages.
        """
        if graph is self._graph and self._extra and not force:
            return self._extra, {}
        if self._resolver.patched and self._extra and not force:
            # Only prose changed: of these files only the feeds carry it (graph.json alone took 0.4 s at 1,000 briefs).
            feeds = feed_files(graph)
            return {**self._extra, **{p: _data_digest(data) for p, data in feeds.items()}}, feeds
        first = not self._extra
        files = extra_files(graph, list(html_paths), search=first)
        digests = {path: _data_digest(data) for path, data in files.items()}
        if not first:  # keep the first build's search index
            digests.update({p: d for p, d in self._extra.items() if p.startswith(urls.SEARCH_INDEX)})
        return digests, files

    def _parse_cache(self) -> ParseCache:
        config, _ = load_config(self.paths, self.options.base_url)
        if self._cache is None or self._cache_settings != config.allow_html:
            self._cache, self._cache_settings = new_cache(config), config.allow_html
        return self._cache

    def _render(self, graph: BriefGraph, changed_templates: set[str]) -> _Rendered:
        """Each planned page: kept, or its view built again, and rendered when that view changed."""
        env = self._env
        assert env is not None
        site = ViewBuilder(graph).site()
        site_digest = _digest(site)
        # every page shows the site view, and it may be derived from the whole graph
        changed = graph_changes(self._graph, graph) if self._pages and site_digest == self._site_digest else None
        reads = _Reads()
        recording = dataclasses.replace(
            graph, **{name: _RecordingMapping(name, getattr(graph, name), reads) for name in _mapping_fields(graph)})
        views = _PageViews(recording)
        pages: dict[str, _PageState] = {}
        writes: dict[str, bytes] = {}
        rendered: set[str] = set()
        html_paths: list[str] = []
        for path, template, meta, view in page_plan(graph, views):
            html_paths.append(path)
            out = urls.output_file(path)
            old = self._pages.get(out)
            templates_changed = old is not None and not old.templates.isdisjoint(changed_templates)
            if (old is not None and changed is not None and old.template == template and not templates_changed
                    and old.reads.isdisjoint(changed)):
                pages[out] = old
                continue
            reads.keys = set()
            views.fresh()
            page_meta, page_view = meta(), view()
            page_reads = frozenset(reads.keys or {ANY_CHANGE})
            view_digest = _digest(template, site, page_meta, page_view)
            if old is not None and old.view_digest == view_digest and not templates_changed:
                pages[out] = dataclasses.replace(old, reads=page_reads)
                continue
            env.used = set()
            data = render_page(env, template, path, site, page_meta, page_view)
            rendered.add(out)
            data_digest = _data_digest(data)
            if old is None or old.data_digest != data_digest or not (self.paths.output / out).is_file():
                writes[out] = data
            pages[out] = _PageState(template, view_digest, page_reads, frozenset(env.used), data_digest)
        return _Rendered(pages, writes, frozenset(rendered), site_digest, tuple(html_paths))

    def _copy_static(self, kinds: set[ChangeKind]) -> tuple[dict[str, _StaticState], dict[str, bytes]]:
        """Theme assets and static/ files: new states and the files whose bytes changed."""
        if self._static and not kinds & {ChangeKind.STATIC, ChangeKind.TEMPLATE}:
            return self._static, {}
        states: dict[str, _StaticState] = {}
        writes: dict[str, bytes] = {}
        for out, source in static_files(theme_dirs(self.paths.templates), self.paths.static).items():
            info = source.stat()
            stat = (info.st_mtime_ns, info.st_size, info.st_ino)
            old = self._static.get(out)
            if old is not None and old.stat == stat:
                states[out] = old
                continue
            data = source.read_bytes()
            state = _StaticState(stat, _data_digest(data))
            if old is None or old.digest != state.digest:
                writes[out] = data
            states[out] = state
        return states, writes
