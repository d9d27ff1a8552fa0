"""Making the outputs of the plan that need making, on every core when there are enough of them.

An output is made again when it is new, when something it read from the graph changed, or when
a template it renders with changed (deps.py, templates.py); otherwise its files from the last
build stay. Each output is built through a graph that records its reads, rendered, and written
straight into the build's staging folder, by whichever process made it: only its record (reads,
files and digests) travels back.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2

from briefgen import parallel, urls
from briefgen.errors import BuildFailed, Problem, Severity
from briefgen.model import BriefGraph
from briefgen.progress import Progress
from briefgen.render.citations import CitationFormatter
from briefgen.render.deps import Key, KeyTable, Reads, read_any, recording
from briefgen.render.layoutcache import LayoutCache
from briefgen.render.pdf import PDF_COST, Printer, print_links, size_text
from briefgen.render.plan import Item, Page, Printed
from briefgen.render.templates import Fragments, Links, link_prefix
from briefgen.render.viewbuilder import ViewBuilder
from briefgen.render.views import SiteView
from briefgen.write.output import Stage

OUTPUTS_PER_PIECE = 60
"""Outputs made per task: small enough that pieces spread evenly over the workers."""


@dataclass(frozen=True)
class Record:
    """What one output read and wrote, kept until the next build."""

    reads: bytes
    """The graph keys its view read, numbered by the build's KeyTable and packed."""
    template: str
    """The page's template; '' for a generated file."""
    files: tuple[tuple[str, str], ...]
    """(output path, digest) of each file it wrote."""


@dataclass(frozen=True)
class Rendered:
    records: dict[str, Record]
    """Every output of the plan by name: made by this build, or kept from the last."""
    made: frozenset[str]
    """Names of the outputs this build made."""
    layouts: dict[Any, Any]
    """Argument-map layouts computed by this build (in whichever process)."""


def item_name(item: Item) -> str:
    return item.path if isinstance(item, Page) else f"\0{item.name}"


def render(graph: BriefGraph, items: list[Item], site: SiteView, env: jinja2.Environment,
           stale_templates: set[str] | None, last: Mapping[str, Record], changed: set[Key] | None, table: KeyTable,
           stage: Stage, layouts: LayoutCache, jobs: int | None, progress: Progress) -> Rendered:
    """Make the outputs whose reads or templates changed (all of them when `changed` is None)."""
    numbers = table.numbers(changed) if changed is not None else set()
    table.add_graph(graph)
    records: dict[str, Record] = {}
    todo: list[int] = []
    for index, item in enumerate(items):
        name = item_name(item)
        record = last.get(name)
        if record is not None and changed is not None and not _stale(item, record, numbers, stale_templates):
            records[name] = record
        else:
            todo.append(index)
    printing = [i for i in todo if isinstance(items[i], Printed)]
    pdfs = [item for i in printing if isinstance(item := items[i], Printed)]
    # WeasyPrint is imported here, once, before any fork: only a build with a PDF to make needs it.
    job = _Job(graph, items, site, env, stage, layouts, table, Printer() if printing else None)
    made: set[str] = set()
    new_layouts: dict[Any, Any] = {}
    if printing:  # PDFs first: the pages that link to them show their size
        _load(env, pdfs[0].template)
        progress.start("printing", len(printing))
        workers = parallel.workers_for(len(printing) * PDF_COST, parallel.RENDER_THRESHOLD, jobs)
        _make_all(job, parallel.chunks(printing, workers), workers, records, made, new_layouts, progress)
        job.printed = frozenset(pdf.path for pdf in pdfs)
        showing = {i for i, item in enumerate(items) if isinstance(item, Page) and item.pdf in job.printed}
        todo = sorted((set(todo) - set(printing)) | showing)
    for template in sorted({item.template for i in todo if isinstance(item := items[i], Page)}):
        _load(env, template)  # compiled once here, so forked workers inherit them instead of each compiling
    progress.start("rendering", len(todo))
    workers = parallel.workers_for(len(todo), parallel.RENDER_THRESHOLD, jobs)
    _make_all(job, parallel.chunks(todo, workers, most=OUTPUTS_PER_PIECE), workers, records, made, new_layouts,
              progress)
    return Rendered(records, frozenset(made), new_layouts)


def _make_all(job: _Job, pieces: Sequence[Sequence[int]], workers: int, records: dict[str, Record],
              made: set[str], layouts: dict[Any, Any], progress: Progress) -> None:
    for piece in parallel.run(_make, job, pieces, workers):
        if piece.problem is not None:
            raise BuildFailed([piece.problem])
        for name, record in piece.records:
            records[name] = record
            made.add(name)
        layouts.update(piece.layouts)
        progress.advance(len(piece.records))


def _stale(item: Item, record: Record, changed: set[int], stale_templates: set[str] | None) -> bool:
    if isinstance(item, Page) and (record.template != item.template or stale_templates is None
                                   or item.template in stale_templates):
        return True
    return read_any(changed, record.reads)


def _load(env: jinja2.Environment, name: str) -> None:
    with contextlib.suppress(jinja2.TemplateError):  # rendering reports it, with its place
        env.get_template(name)


@dataclass
class _Worker:
    """What one process keeps while it makes outputs: its view builder (refs made once), fragments."""

    reads: Reads
    views: ViewBuilder
    fragments: Fragments


class _Job:
    """What every piece of work shares; each forked worker has its own copy, kept across its pieces."""

    def __init__(self, graph: BriefGraph, items: list[Item], site: SiteView, env: jinja2.Environment,
                 stage: Stage, layouts: LayoutCache, table: KeyTable, printer: Printer | None = None) -> None:
        self.graph, self.items, self.site, self.env, self.layouts = graph, items, site, env, layouts
        self.table = table
        self.stage = stage
        self.printer = printer
        self.printed: frozenset[str] = frozenset()
        """PDFs this build printed into the stage; the others are where the last build left them."""
        self._worker: _Worker | None = None

    def pdf_size(self, path: str) -> int:
        folder = self.stage.root if path in self.printed else self.stage.out
        try:
            return os.stat(f"{folder}/{path}").st_size
        except OSError:
            return 0

    def worker(self) -> _Worker:
        if self._worker is None:
            reads = Reads(self.table)
            config = self.graph.config
            views = ViewBuilder(recording(self.graph, reads), reads, self.layouts,
                                CitationFormatter(config.citation_style, config.language))
            self._worker = _Worker(reads, views, Fragments(self.env))
        return self._worker


@dataclass(frozen=True)
class _Piece:
    records: list[tuple[str, Record]]
    layouts: dict[Any, Any]
    problem: Problem | None = None


COLLECT_EVERY = 32
"""Pages rendered between two collections of the youngest generation: each page once would cost 8% of
a cold build's time; so far apart, a worker holds at most a few dozen pages' cycles."""


def _make(job: _Job, indices: Sequence[int]) -> _Piece:
    worker = job.worker()
    records: list[tuple[str, Record]] = []
    for index in indices:
        item = job.items[index]
        worker.reads.take()
        try:
            files: tuple[tuple[str, bytes], ...]
            if isinstance(item, Printed):
                files = ((item.path, _print(job, worker, item)),)
            elif isinstance(item, Page):
                files = ((urls.output_file(item.path), _render_page(job, worker, item).encode("utf-8")),)
            else:
                files = tuple((urls.output_file(path), data) for path, data in item.make(worker.views.graph).items())
            written = tuple((path, job.stage.write(path, data)) for path, data in files)
        except BuildFailed as failed:
            return _Piece(records, {}, failed.problems[0])
        reads = worker.reads.take()
        records.append((item_name(item), Record(reads, item.template if isinstance(item, Page) else "", written)))
        if len(records) % COLLECT_EVERY == 0:
            # The build pauses the cycle collector (engine.py), but every page Jinja renders leaves a
            # cycle (its context and the macros that close over it) holding the page's whole view:
            # at 10,000 briefs, hundreds of MB. The youngest generation holds little but those pages.
            gc.collect(0)
    return _Piece(records, job.layouts.take_added())


def _print(job: _Job, worker: _Worker, page: Printed) -> bytes:
    """A PDF, printed from its template's HTML; a failure raises BuildFailed, never a traceback."""
    html = _render_page(job, worker, page)
    base_url = job.site.base_url
    try:
        assert job.printer is not None  # render() made one, as there are PDFs to print
        return job.printer.print(html, base_url + posixpath.dirname(page.path) + "/" if base_url else "")
    except Exception as exc:  # a layout failure in WeasyPrint must be reported, not crash the build
        raise BuildFailed([Problem(page.template, 0, 0, Severity.ERROR,
                                   f"could not print /{page.path}: {type(exc).__name__}: {exc}", "pdf")]) from None


def _render_page(job: _Job, worker: _Worker, page: Page) -> str:
    """One page's HTML; a template error raises BuildFailed with one problem, never a traceback."""
    try:
        meta, view = page.view(worker.views)
        if page.pdf:
            meta = dataclasses.replace(meta, pdf=page.pdf, pdf_size=size_text(job.pdf_size(page.pdf)))
        prefix = link_prefix(meta.path, job.site.base_url)
        links = print_links(job.site.base_url, prefix) if isinstance(page, Printed) else Links(prefix,
                                                                                               job.site.base_url)
        template = job.env.get_template(page.template)
        html: str = template.render(site=job.site, page=meta, view=view, url=links, abs_url=links.absolute,
                                    **worker.fragments.functions(links))
        return html
    except jinja2.TemplateSyntaxError as exc:
        problem = Problem(exc.filename or exc.name or "template", exc.lineno, 0, Severity.ERROR,
                          f"template syntax error: {exc.message}", "template")
    except jinja2.TemplateNotFound as exc:
        problem = Problem(page.template, 0, 0, Severity.ERROR, f"template not found: {exc.name}", "template")
    except Exception as exc:  # a broken user template must be reported, not crash the build
        where, line = _template_frame(exc, page.template)
        problem = Problem(where, line, 0, Severity.ERROR,
                          f"template error while rendering /{page.path}: {type(exc).__name__}: {exc}", "template")
    raise BuildFailed([problem])


def _template_frame(exc: BaseException, default: str) -> tuple[str, int]:
    """The innermost template file and line in the traceback (Jinja puts template lines there)."""
    where, line = default, 0
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt", ".json")):
            where, line = filename, tb.tb_lineno
        tb = tb.tb_next
    return where, line
