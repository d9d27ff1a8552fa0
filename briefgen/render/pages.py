"""Render stage: BriefGraph -> pages (site path, bytes), one explicit view per page kind."""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from briefgen import parallel, urls
from briefgen.errors import BuildFailed, Problem, Severity
from briefgen.model import BriefGraph
from briefgen.progress import Progress
from briefgen.render.feeds import feed_files
from briefgen.render.graph_json import graph_json
from briefgen.render.jsonld import JsonLd, script_json
from briefgen.render.pagination import paginate
from briefgen.render.search import search_files
from briefgen.render.sitemap import robots_txt, sitemap_files
from briefgen.render.viewdigest import ViewDigester
from briefgen.render.views import PageMeta, SiteView, ViewBuilder

NOT_IN_SITEMAP = ("404.html", urls.SEARCH)

NOT_FOUND = "404.html"
PAGES_PER_PIECE = 100
"""Pages rendered per task: few enough that a task's HTML is small in memory and in the pipe."""


@dataclass(frozen=True)
class Page:
    path: str
    """Output file, relative to the output folder ("claims/x/index.html")."""
    data: bytes


def make_environment(dirs: list[Path], cls: type[jinja2.Environment] = jinja2.Environment) -> jinja2.Environment:
    """Templates by search path; 'default/NAME' always names the default theme's file, for extending it.

    `cls` lets live preview use an Environment subclass that records which templates a page used.
    """
    loader = jinja2.ChoiceLoader([
        jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(dirs[-1]))}),
        jinja2.FileSystemLoader([str(d) for d in dirs]),
    ])
    env = cls(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals["url"] = _url
    env.globals["abs_url"] = _abs_url
    env.filters["jsonld_person"] = lambda name: {"@type": "Person", "name": name}
    env.filters["jsonld_work"] = lambda title: {"@type": "CreativeWork", "name": title}
    return env


@jinja2.pass_context
def _url(context: jinja2.runtime.Context, path: str) -> str:
    """A link to a site path, relative to the page being rendered.

    The 404 page is served at any missing address, so relative links cannot work there:
    it links absolutely (from base_url, or from the host's root when there is none).
    """
    page = context["page"].path
    if page == NOT_FOUND:
        return (context["site"].base_url or "/") + path
    return urls.relative(page, path)


def _page_url(page: str, base_url: str) -> Callable[[str], str]:
    """`url()` for rendering one page, the same as `_url` without a context lookup per link.

    Jinja hands a pass_context function a new derived context for every call inside a loop,
    and a page has hundreds of links; this plain function, passed as a render variable (which
    macros imported `with context` see too), skips that.
    """
    if page == NOT_FOUND:
        return functools.partial(operator.add, base_url or "/")
    return functools.partial(urls.relative, page)


@jinja2.pass_context
def _abs_url(context: jinja2.runtime.Context, path: str) -> str:
    """An absolute URL when the site has a base_url, else the relative link."""
    base = context["site"].base_url
    return base + path if base else urls.relative(context["page"].path, path)


PlanItem = tuple[str, str, Callable[[], PageMeta], Callable[[], Any]]


def page_plan(graph: BriefGraph, views: ViewBuilder) -> Iterator[PlanItem]:
    """(site path, template, meta, view) for every HTML page; meta and view are built lazily."""
    g = graph
    ld = JsonLd(graph)
    yield "", "home.html", lambda: views.meta("", g.config.title, g.config.description, "home",
                                              jsonld=script_json(ld.home())), views.home
    yield from _paged(views, "briefs/", "briefs.html", "All briefs", "briefs", views.briefs_index(), "briefs",
                      feed=urls.SITE_FEED)
    for slug, brief in g.briefs.items():
        path = urls.page_path("brief", slug)
        yield (path, "brief.html",
               lambda p=path, b=brief: views.meta(p, b.title, b.summary, "brief", "article",
                                                  script_json(ld.brief(b.slug))),
               lambda s=slug: views.brief_page(s))
    yield from _paged(views, "claims/", "claims.html", "Claims", "claims", views.claims_index(), "claims")
    for cid, claim in g.claims.items():
        path = urls.page_path("claim", cid)
        yield (path, "claim.html",
               lambda p=path, c=claim: views.meta(p, _short(c.text), c.text, "claim",
                                                  jsonld=script_json(ld.claim(c.id))),
               lambda c=cid: views.claim_page(c))
    yield from _paged(views, "sources/", "sources.html", "Sources", "sources", views.sources_index(), "sources")
    for sid, source in g.sources.items():
        path = urls.page_path("source", sid)
        yield (path, "source.html",
               lambda p=path, s=source: views.meta(p, s.title, s.note or s.title, "source",
                                                   jsonld=script_json(ld.source(s.id))),
               lambda s=sid: views.source_page(s))
    yield from _paged(views, "actors/", "index_list.html", "Actors", "actors", views.actors_index(), "entries")
    for aid, actor in g.actors.items():
        path = urls.page_path("actor", aid)
        yield (path, "actor.html",
               lambda p=path, a=actor: views.meta(p, a.name, a.role, "actor", "profile", script_json(ld.actor(a.id))),
               lambda a=aid: views.actor_page(a))
    yield from _paged(views, "topics/", "index_list.html", "Topics", "topics", views.topics_index(), "entries")
    for slug, topic in g.topics.items():
        path = urls.page_path("topic", slug)
        yield from _paged(views, path, "topic.html", topic.name, "topic", views.topic_page(slug), "briefs",
                          description=f"Briefs on {topic.name}.", feed=urls.topic_feed(slug))
    yield from _paged(views, "authors/", "index_list.html", "Authors", "authors", views.authors_index(), "entries")
    for slug, author in g.authors.items():
        path = urls.page_path("author", slug)
        yield from _paged(views, path, "author.html", author.name, "author", views.author_page(slug), "briefs",
                          description=author.bio or f"Briefs by {author.name}.", og_type="profile",
                          jsonld=script_json(ld.author(slug)))
    yield (urls.MAP, "map.html",
           lambda: views.meta(urls.MAP, "Argument map", "How the claims on this site support and oppose each other.",
                              "map"), views.map_page)
    yield (urls.SEARCH, "search.html",
           lambda: views.meta(urls.SEARCH, "Search", "Search the briefs, claims and sources.", "search"),
           views.search_page)
    yield "404.html", "404.html", lambda: views.meta("404.html", "Page not found", "", "404"), lambda: None


def _paged(views: ViewBuilder, path: str, template: str, title: str, kind: str, view: Any, field: str,
           description: str = "", og_type: str = "website", jsonld: str = "", feed: str = "") -> Iterator[PlanItem]:
    """The pages of a listing: its first page at `path`, the rest at path/page/N/."""
    for page_path, page_view in paginate(view, field, path):
        pager = page_view.pager
        page_title = title if pager.number == 1 else f"{title} (page {pager.number} of {pager.count})"
        yield (page_path, template,
               lambda p=page_path, t=page_title: views.meta(p, t, description, kind, og_type,
                                                            jsonld if p == path else "", feed),
               lambda v=page_view: v)


def extra_files(graph: BriefGraph, html_paths: list[str], search: bool = True) -> dict[str, bytes]:
    """The site's non-HTML outputs: feeds, sitemap, robots.txt, graph.json and (with `search`) the search index."""
    lastmod = {urls.page_path("brief", slug): b.updated or b.date for slug, b in graph.briefs.items()}
    in_sitemap = [p for p in html_paths if p not in NOT_IN_SITEMAP]
    return {
        **feed_files(graph),
        **sitemap_files(graph.config.base_url, in_sitemap, lastmod),
        urls.ROBOTS: robots_txt(graph.config.base_url),
        urls.GRAPH_JSON: graph_json(graph),
        **(search_files(graph) if search else {}),
    }


@dataclass(frozen=True)
class Rendered:
    kept: list[str]
    """Output files of pages whose view is the one `known` says they were rendered from: not rendered."""
    digests: dict[str, str]
    """Output file -> view digest, for every page."""


def render_site(graph: BriefGraph, env: jinja2.Environment, jobs: int | None = 1,
                progress: Progress | None = None) -> list[Page]:
    """Every page of the site; a template error becomes a problem, not a traceback."""
    pages: list[Page] = []
    render_changed(graph, env, "", {}, pages.append, jobs, progress)
    return pages


def render_changed(graph: BriefGraph, env: jinja2.Environment, theme: str, known: Mapping[str, str],
                   sink: Callable[[Page], None], jobs: int | None = 1, progress: Progress | None = None) -> Rendered:
    """Render the pages whose view digest is not the one in `known` (output file -> digest) into `sink`.

    `theme` is a digest of the templates (and of briefgen's code), which views do not show.
    Pages go to `sink` as they are made, so a large site is never all in memory. Pages are
    independent of each other, so a large site renders on every core (`jobs`: at most this
    many processes, None for one per core); the pages are the same either way.
    """
    views = ViewBuilder(graph)
    plan = list(page_plan(graph, views))
    progress = progress or Progress(enabled=False)
    progress.start("rendering", len(plan))
    workers = parallel.workers_for(len(plan), parallel.RENDER_THRESHOLD, jobs)
    pieces = parallel.chunks(range(len(plan)), workers, most=PAGES_PER_PIECE)
    job = _RenderJob(plan, views.site(), env, known, ViewDigester(theme))
    result = Rendered([], {})
    for piece in parallel.run(_render_piece, job, pieces, workers):
        if piece.problem is not None:
            raise BuildFailed([piece.problem])
        for page in piece.pages:
            sink(page)
        result.kept.extend(piece.kept)
        result.digests.update(piece.digests)
        progress.advance(len(piece.digests))
    # Feeds, sitemap and search index are made from the whole graph at once, after the pages.
    for path, data in extra_files(graph, [item[0] for item in plan]).items():
        sink(Page(path, data))
    return result


@dataclass(frozen=True)
class _RenderJob:
    """What every render task shares; each forked worker has its own copy, kept across its tasks."""

    plan: list[PlanItem]
    site: SiteView
    env: jinja2.Environment
    known: Mapping[str, str]
    digester: ViewDigester
    """Remembers the digest of each shared ref, for all the tasks a process runs."""


@dataclass(frozen=True)
class _Piece:
    pages: list[Page]
    kept: list[str]
    digests: dict[str, str]
    problem: Problem | None = None


def _render_piece(job: _RenderJob, piece: range) -> _Piece:
    """The pages of plan[piece] whose view changed, stopping at the first template error."""
    pages: list[Page] = []
    kept: list[str] = []
    digests: dict[str, str] = {}
    for path, template_name, meta, view in job.plan[piece.start:piece.stop]:
        output = urls.output_file(path)
        try:
            page, data = meta(), view()
            digest = digests[output] = job.digester.page(template_name, job.site, page, data)
            if job.known.get(output) == digest:
                kept.append(output)
                continue
            template = job.env.get_template(template_name)
            html = template.render(site=job.site, page=page, view=data, url=_page_url(page.path, job.site.base_url))
        except jinja2.TemplateSyntaxError as exc:
            return _Piece(pages, kept, digests, Problem(_template_path(exc.filename, exc.name), exc.lineno, 0,
                                                        Severity.ERROR, f"template syntax error: {exc.message}",
                                                        "template"))
        except Exception as exc:  # a broken user template must be reported, not crash the build
            where, line = _template_frame(exc, template_name)
            return _Piece(pages, kept, digests, Problem(
                where, line, 0, Severity.ERROR, f"template error while rendering /{path}: {type(exc).__name__}: {exc}",
                "template"))
        pages.append(Page(output, html.encode("utf-8")))
    return _Piece(pages, kept, digests)


def render_page(env: jinja2.Environment, template_name: str, path: str, site: Any, meta: Any, view: Any) -> bytes:
    """One planned page as bytes; a template error raises BuildFailed with one problem, never a traceback."""
    try:
        return env.get_template(template_name).render(site=site, page=meta, view=view,
                                                      url=_page_url(meta.path, site.base_url)).encode("utf-8")
    except jinja2.TemplateSyntaxError as exc:
        problem = Problem(_template_path(exc.filename, exc.name), exc.lineno, 0, Severity.ERROR,
                          f"template syntax error: {exc.message}", "template")
    except Exception as exc:  # a broken user template must be reported, not crash the build
        where, line = _template_frame(exc, template_name)
        problem = Problem(where, line, 0, Severity.ERROR,
                          f"template error while rendering /{path}: {type(exc).__name__}: {exc}", "template")
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


def _template_path(filename: str | None, name: str | None) -> str:
    return filename or name or "template"


def _short(text: str, limit: int = 70) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
