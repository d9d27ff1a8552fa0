"""Render stage: BriefGraph -> pages (site path, bytes), one explicit view per page kind."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from briefgen import urls
from briefgen.errors import BuildFailed, Problem, Severity
from briefgen.model import BriefGraph
from briefgen.views import ViewBuilder

NOT_FOUND = "404.html"


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


@jinja2.pass_context
def _abs_url(context: jinja2.runtime.Context, path: str) -> str:
    """An absolute URL when the site has a base_url, else the relative link."""
    base = context["site"].base_url
    return base + path if base else urls.relative(context["page"].path, path)


def page_plan(graph: BriefGraph, views: ViewBuilder) -> Iterator[tuple[str, str, Callable[[], Any], Callable[[], Any]]]:
    """(site path, template, meta, view) for every HTML page; meta and view are built lazily."""
    g = graph
    yield "", "home.html", lambda: views.meta("", g.config.title, g.config.description, "home"), views.home
    yield "briefs/", "briefs.html", lambda: views.meta("briefs/", "All briefs", "", "briefs"), views.briefs_index
    for slug, brief in g.briefs.items():
        path = urls.page_path("brief", slug)
        yield (path, "brief.html", lambda p=path, b=brief: views.meta(p, b.title, b.summary, "brief", "article"),
               lambda s=slug: views.brief_page(s))
    yield "claims/", "claims.html", lambda: views.meta("claims/", "Claims", "", "claims"), views.claims_index
    for cid, claim in g.claims.items():
        path = urls.page_path("claim", cid)
        yield (path, "claim.html", lambda p=path, c=claim: views.meta(p, _short(c.text), c.text, "claim"),
               lambda c=cid: views.claim_page(c))
    yield "sources/", "sources.html", lambda: views.meta("sources/", "Sources", "", "sources"), views.sources_index
    for sid, source in g.sources.items():
        path = urls.page_path("source", sid)
        yield (path, "source.html", lambda p=path, s=source: views.meta(p, s.title, s.note or s.title, "source"),
               lambda s=sid: views.source_page(s))
    yield "actors/", "index_list.html", lambda: views.meta("actors/", "Actors", "", "actors"), views.actors_index
    for aid, actor in g.actors.items():
        path = urls.page_path("actor", aid)
        yield (path, "actor.html", lambda p=path, a=actor: views.meta(p, a.name, a.role, "actor", "profile"),
               lambda a=aid: views.actor_page(a))
    yield "topics/", "index_list.html", lambda: views.meta("topics/", "Topics", "", "topics"), views.topics_index
    for slug, topic in g.topics.items():
        path = urls.page_path("topic", slug)
        yield (path, "topic.html", lambda p=path, t=topic: views.meta(p, t.name, f"Briefs on {t.name}.", "topic"),
               lambda s=slug: views.topic_page(s))
    yield "authors/", "index_list.html", lambda: views.meta("authors/", "Authors", "", "authors"), views.authors_index
    for slug, author in g.authors.items():
        path = urls.page_path("author", slug)
        yield (path, "author.html",
               lambda p=path, a=author: views.meta(p, a.name, a.bio or f"Briefs by {a.name}.", "author", "profile"),
               lambda s=slug: views.author_page(s))
    yield "404.html", "404.html", lambda: views.meta("404.html", "Page not found", "", "404"), lambda: None


def render_site(graph: BriefGraph, env: jinja2.Environment) -> list[Page]:
    """Every page of the site; a template error becomes a problem, not a traceback."""
    views = ViewBuilder(graph)
    site = views.site()
    pages: list[Page] = []
    for path, template_name, meta, view in page_plan(graph, views):
        pages.append(Page(urls.output_file(path), render_page(env, template_name, path, site, meta(), view())))
    return pages


def render_page(env: jinja2.Environment, template_name: str, path: str, site: Any, meta: Any, view: Any) -> bytes:
    """One planned page as bytes; a template error raises BuildFailed with one problem, never a traceback."""
    try:
        return env.get_template(template_name).render(site=site, page=meta, view=view).encode("utf-8")
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
