"""Everything a site is made of: each HTML page with its template and view, and each generated file.

The plan is cheap to make (no view is built until a page is rendered), so every build makes it
afresh from the graph, and the engine renders only the items whose reads changed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from briefgen import times, urls
from briefgen.exchange.aif import aif_json
from briefgen.exchange.argdown_write import argdown
from briefgen.exchange.dot import dot
from briefgen.exchange.graphml import graphml
from briefgen.model import BriefGraph
from briefgen.render import sublists
from briefgen.render.citefiles import cite_files
from briefgen.render.claimreview import claim_jsonld
from briefgen.render.corrections import PATH as CORRECTIONS
from briefgen.render.corrections import (
    corrected_claim_lastmod,
    correction_count,
    corrections_page,
    has_corrections,
    with_corrections,
)
from briefgen.render.feeds import site_feed, topic_feed
from briefgen.render.graph_json import graph_json
from briefgen.render.jsonld import JsonLd, script_json
from briefgen.render.pagination import PER_PAGE, page_count
from briefgen.render.pdf import PDF_TEMPLATE, print_body
from briefgen.render.redirects import redirect_page
from briefgen.render.search import search_files, search_records
from briefgen.render.sitemap import robots_txt, sitemap_files
from briefgen.render.viewbuilder import ViewBuilder
from briefgen.render.views import PageMeta

NOT_IN_SITEMAP = ("404.html", urls.SEARCH)


@dataclass(frozen=True)
class Page:
    """An HTML page: a template rendered with the page's meta and view."""

    path: str
    """Site path ('claims/x/'); its output file is urls.output_file(path)."""
    template: str
    view: Callable[[ViewBuilder], tuple[PageMeta, Any]]
    pdf: str = ""
    """Site path of the PDF of this page (a Printed item of the plan) that it links to; '' for none."""


@dataclass(frozen=True)
class Printed(Page):
    """A PDF: its template renders HTML for print, which WeasyPrint lays out (render/pdf.py).

    Its path is the PDF's own ('briefs/x/x.pdf'). It is made before the pages, so the page that
    links to it can show its size."""


@dataclass(frozen=True)
class Generated:
    """Files made by a function of the graph: feeds, sitemap, graph.json, the search index, redirect pages."""

    name: str
    """Names the item between builds; the files it makes may vary."""
    make: Callable[[BriefGraph], dict[str, bytes]]


Item = Page | Generated


def plan(graph: BriefGraph) -> list[Item]:
    """Every page and generated file of the site, in a fixed order."""
    return [*pages(graph), *generated(graph), *printed(graph)]


def pages(graph: BriefGraph) -> Iterator[Page]:
    g = graph
    yield Page("", "home.html", lambda v: (v.meta("", g.config.title, _home_description(v.graph), "home",
                                                  jsonld=script_json(JsonLd(v.graph).home())), v.home()))
    yield from _listing("briefs/", "briefs.html", "briefs", len(g.briefs), _named("All briefs"),
                        lambda v, n: v.briefs_index(n), feed=urls.SITE_FEED)
    for slug in g.briefs:
        yield Page(urls.page_path("brief", slug), "brief.html", partial(_brief, slug=slug),
                   urls.brief_pdf(slug) if g.config.pdf else "")
        yield from _long_lists(g, "brief", slug)
    yield from _listing("claims/", "claims.html", "claims", len(g.claims), _named("Claims"),
                        lambda v, n: v.claims_index(n))
    for cid in g.claims:
        yield Page(urls.page_path("claim", cid), "claim.html", partial(_claim, cid=cid))
        yield from _long_lists(g, "claim", cid)
    yield from _listing("sources/", "sources.html", "sources", len(g.sources), _named("Sources"),
                        lambda v, n: v.sources_index(n))
    for sid in g.sources:
        yield Page(urls.page_path("source", sid), "source.html", partial(_source, sid=sid))
        yield from _long_lists(g, "source", sid)
    yield from _listing("actors/", "index_list.html", "actors", len(g.actors), _named("Actors"),
                        lambda v, n: v.actors_index(n))
    for aid in g.actors:
        yield Page(urls.page_path("actor", aid), "actor.html", partial(_actor, aid=aid))
        yield from _long_lists(g, "actor", aid)
    yield from _listing("topics/", "index_list.html", "topics", len(g.topics), _named("Topics"),
                        lambda v, n: v.topics_index(n))
    for slug in g.topics:
        yield from _listing(urls.page_path("topic", slug), "topic.html", "topic", len(g.topic_briefs.get(slug, ())),
                            partial(_topic_heading, slug=slug), partial(_topic_page, slug=slug),
                            feed=urls.topic_feed(slug))
    yield from _listing("authors/", "index_list.html", "authors", len(g.authors), _named("Authors"),
                        lambda v, n: v.authors_index(n))
    for slug in g.authors:
        yield from _listing(urls.page_path("author", slug), "author.html", "author",
                            len(g.author_briefs.get(slug, ())), partial(_author_heading, slug=slug),
                            partial(_author_page, slug=slug), og_type="profile",
                            jsonld=partial(_author_jsonld, slug=slug))
    yield from _listing(urls.MAP, "map.html", "map", len(g.map_parts),
                        lambda _v: ("Argument map", "How the claims on this site support and oppose each other, "
                                                    "part by part."), lambda v, n: v.map_index(n))
    for name in g.map_parts:
        yield Page(urls.map_part(name), "map_part.html", partial(_map_part, name=name))
    yield Page(urls.SEARCH, "search.html", lambda v: (v.meta(urls.SEARCH, "Search", "Search the briefs, claims and "
                                                             "sources.", "search"), v.search_page()))
    yield Page("404.html", "404.html", lambda v: (v.meta("404.html", "Page not found", "", "404"), None))
    if has_corrections(g):
        yield from _listing(CORRECTIONS, "corrections.html", "corrections", correction_count(g), _corrections_heading,
                            corrections_page)


def generated(graph: BriefGraph) -> list[Generated]:
    """Each feed is its own item: an edit remakes only the feeds that show the brief it touched."""
    return [
        Generated("feed", site_feed),
        *(Generated(f"feed:{slug}", partial(topic_feed, slug=slug)) for slug in graph.topics),
        Generated("sitemap", _sitemap),
        Generated("robots", lambda g: {urls.ROBOTS: robots_txt(g.config.base_url)}),
        Generated("graph.json", lambda g: {urls.GRAPH_JSON: graph_json(g)}),
        Generated("aif", lambda g: {urls.AIF_JSON: aif_json(g)}),
        Generated("argdown", lambda g: {urls.ARGDOWN: argdown(g)}),
        Generated("graphml", lambda g: {urls.GRAPHML: graphml(g)}),
        Generated("dot", lambda g: {urls.DOT: dot(g)}),
        Generated("search", _search),
        *(Generated(f"redirect:{path}", partial(redirect_page, path=path)) for path in graph.redirects),
        *(Generated(f"cite:{slug}", partial(cite_files, slug=slug)) for slug in graph.briefs),
    ]


def printed(graph: BriefGraph) -> Iterator[Printed]:
    """A PDF of every brief, when the site asks for them."""
    if graph.config.pdf:
        for slug in graph.briefs:
            yield Printed(urls.brief_pdf(slug), PDF_TEMPLATE, partial(_printed_brief, slug=slug))


def _sitemap(graph: BriefGraph) -> dict[str, bytes]:
    # The pages listed are those of the plan, made from the same graph: what the sitemap reads is
    # what decides the pages, so it is remade exactly when the set of pages changes.
    paths = [item.path for item in pages(graph) if item.path not in NOT_IN_SITEMAP]
    lastmod = {urls.page_path("brief", slug): times.day_or_stamp(brief.updated, brief.modified) if brief.updated
               else times.day_or_stamp(brief.date, brief.published) for slug, brief in graph.briefs.items()}
    lastmod.update(corrected_claim_lastmod(graph))
    return sitemap_files(graph.config.base_url, paths, lastmod)


def _search(graph: BriefGraph) -> dict[str, bytes]:
    return search_files(search_records(graph), graph.config.language)


def _home_description(graph: BriefGraph) -> str:
    """The site's description, or what the site holds: search results show a home page's description."""
    if graph.config.description:
        return graph.config.description
    briefs, claims = len(graph.briefs), len(graph.claims)
    said = f"{graph.config.title}: {briefs} brief{'s' * (briefs != 1)}"
    if not claims:
        return said + "."
    return f"{said} and the {claims} claim{'s' * (claims != 1)} they argue, with who holds them and why."


def _brief(v: ViewBuilder, slug: str) -> tuple[PageMeta, Any]:
    brief = v.graph.briefs[slug]
    path = urls.page_path("brief", slug)
    ld = with_corrections(JsonLd(v.graph).brief(slug), v.graph.brief_corrections.get(slug, ()))
    meta = v.meta(path, brief.title, brief.summary, "brief", "article", script_json(ld))
    return meta, v.cited_brief_page(slug)


def _printed_brief(v: ViewBuilder, slug: str) -> tuple[PageMeta, Any]:
    # No argument map in print: the PDF reads only what it shows, so a change that moves the map
    # alone does not print it again.
    brief = v.graph.briefs[slug]
    view = v.brief_page(slug, with_map=False)
    return (v.meta(urls.brief_pdf(slug), brief.title, brief.summary, "print"),
            dataclasses.replace(view, body_html=print_body(view.body_html)))


def _claim(v: ViewBuilder, cid: str) -> tuple[PageMeta, Any]:
    claim = v.graph.claims[cid]
    path = urls.page_path("claim", cid)
    return v.meta(path, _short(claim.text), claim.text, "claim", jsonld=script_json(claim_jsonld(v.graph, cid))), \
        v.claim_page(cid)


def _map_part(v: ViewBuilder, name: str) -> tuple[PageMeta, Any]:
    view = v.map_part(name)
    return v.meta(urls.map_part(name), f"Argument map: {_short(view.heading)}", f"Part of the argument map: "
                  f"{view.argument_map.shown} claims {view.heading[0].lower()}{view.heading[1:]}", "map"), view


def _source(v: ViewBuilder, sid: str) -> tuple[PageMeta, Any]:
    source = v.graph.sources[sid]
    path = urls.page_path("source", sid)
    meta = v.meta(path, source.title, source.note or source.title, "source",
                  jsonld=script_json(JsonLd(v.graph).source(sid)))
    return meta, v.source_page(sid)


def _actor(v: ViewBuilder, aid: str) -> tuple[PageMeta, Any]:
    actor = v.graph.actors[aid]
    path = urls.page_path("actor", aid)
    meta = v.meta(path, actor.name, actor.role, "actor", "profile", script_json(JsonLd(v.graph).actor(aid)))
    return meta, v.actor_page(aid)


Heading = Callable[[ViewBuilder], tuple[str, str]]
"""A listing's title and meta description, read from the graph when its page is built."""


def _named(title: str) -> Heading:
    return lambda _v: (title, "")


def _corrections_heading(v: ViewBuilder) -> tuple[str, str]:
    return "Corrections", f"Corrections made to the briefs and claims of {v.graph.config.title}, newest first."


def _author_heading(v: ViewBuilder, slug: str) -> tuple[str, str]:
    author = v.graph.authors[slug]
    return author.name, author.bio or f"Briefs by {author.name}."


def _author_page(v: ViewBuilder, number: int, slug: str) -> Any:
    return v.author_page(slug, number)


def _author_jsonld(v: ViewBuilder, slug: str) -> str:
    return script_json(JsonLd(v.graph).author(slug))


def _topic_heading(v: ViewBuilder, slug: str) -> tuple[str, str]:
    name = v.graph.topics[slug].name
    return name, f"Briefs on {name}."


def _topic_page(v: ViewBuilder, number: int, slug: str) -> Any:
    return v.topic_page(slug, number)


def _long_lists(graph: BriefGraph, kind: str, ident: str) -> Iterator[Page]:
    """The pages of an entity's lists too long for its own page (render/sublists.py)."""
    for sub, count in sublists.long_lists(graph, kind, ident):
        yield from _listing(sublists.sublist_path(kind, ident, sub.name), "sublist.html", "sublist", count,
                            partial(sublists.heading, kind=kind, ident=ident, name=sub.name),
                            partial(sublists.sublist_page, kind=kind, ident=ident, name=sub.name),
                            per_page=sub.shown)


def _listing(path: str, template: str, kind: str, items: int, heading: Heading,
             view: Callable[[ViewBuilder, int], Any], og_type: str = "website", feed: str = "",
             jsonld: Callable[[ViewBuilder], str] | None = None, per_page: int = PER_PAGE) -> Iterator[Page]:
    """The pages of a listing: its first page at `path`, the rest at path/page/N/."""
    count = page_count(items, per_page)
    for number in range(1, count + 1):
        page_path = urls.paged(path, number)

        def build(v: ViewBuilder, p: str = page_path, n: int = number) -> tuple[PageMeta, Any]:
            title, description = heading(v)
            if n > 1:
                title = f"{title} (page {n} of {count})"
            ld = jsonld(v) if jsonld is not None and n == 1 else ""
            return v.meta(p, title, description, kind, og_type, ld, feed), view(v, n)

        yield Page(page_path, template, build)


def _short(text: str, limit: int = 70) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
