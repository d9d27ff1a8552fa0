"""Building each page's view from the graph.

A ViewBuilder reads the graph it is given and nothing else; the engine gives it a graph that
records what it reads (deps.py), so each page's reads are exactly what its view shows. A ref
(a brief's card, a claim's link) is built once per ViewBuilder and shown on many pages: with
it, the builder keeps what building it read, and adds that to the reads of every page that
uses it again.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, MutableMapping
from typing import Any, TypeVar

from briefgen import langs, times, urls
from briefgen.model import BriefGraph
from briefgen.render import maps, mapviews, sublists
from briefgen.render.citations import CitationFormatter
from briefgen.render.citebox import BriefCiter, cite_box
from briefgen.render.corrections import correction_views, corrections_path
from briefgen.render.dates import format_date, format_loose_date
from briefgen.render.deps import Reads
from briefgen.render.pagination import page_count, page_items, pager
from briefgen.render.relatedview import alongside_links, related_brief_links
from briefgen.render.relationviews import claim_relations
from briefgen.render.timeline import position_views
from briefgen.render.verdicts import review_views, verdict
from briefgen.render.viewrefs import ActorRef, BriefRef, ClaimRef, Link, SourceRef
from briefgen.render.views import (
    ActorPage,
    BriefPage,
    ClaimIndexPage,
    ClaimPage,
    ClaimPanelItem,
    CounterItem,
    Download,
    HomePage,
    IndexEntry,
    IndexPage,
    ListPage,
    MapIndexPage,
    MapPartPage,
    PageMeta,
    PassageView,
    SearchPage,
    SiteView,
    SourceEntry,
    SourceIndexPage,
    SourcePage,
)

LINKS_SHOWN = 5
"""Briefs named beside a claim on a brief page; the rest are a count linking to the claim page.
A popular claim is disputed in hundreds of briefs: listing them all on every page that shows
the claim made those pages huge (and the build slow)."""

SOURCE_KIND_LABELS = {"news": "News report", "report": "Report", "dataset": "Dataset", "statement": "Statement",
                      "book": "Book", "other": "Other"}

DOWNLOADS = (
    Download("JSON", urls.GRAPH_JSON, "briefgen's own format: briefs, claims, sources, actors and every relation"),
    Download("AIF (JSON)", urls.AIF_JSON, "the Argument Interchange Format as AIFdb writes it: claims as I-nodes, "
                                          "supports as RA nodes, oppositions and undercuts as CA nodes"),
    Download("Argdown", urls.ARGDOWN, "statements and arguments for the Argdown editor and tools"),
    Download("GraphML", urls.GRAPHML, "for graph tools such as yEd, Gephi or Cytoscape"),
    Download("DOT", urls.DOT, "for Graphviz: dot -Tsvg graph.gv > map.svg"),
)
"""The files of the argument graph, for the map page (render/plan.py makes them)."""

RefT = TypeVar("RefT")


def _built_once(method: Callable[[ViewBuilder, str], RefT]) -> Callable[[ViewBuilder, str], RefT]:
    """Build a ref once per ViewBuilder, and count what building it read towards every page that shows it."""
    name = method.__name__

    @functools.wraps(method)
    def once(self: ViewBuilder, ident: str) -> RefT:
        made = self._refs.setdefault(name, {})
        hit = made.get(ident)
        if hit is None:
            reads = self.reads
            outer = reads.ids
            reads.ids = set()
            value = method(self, ident)
            inner = frozenset(reads.ids)
            reads.ids = outer
            hit = made[ident] = (value, inner)
        self.reads.ids.update(hit[1])
        return hit[0]
    return once


class ViewBuilder:
    """Builds views from one graph; holds nothing but what it builds from that graph."""

    def __init__(self, graph: BriefGraph, reads: Reads | None = None,
                 layouts: MutableMapping[Any, Any] | None = None,
                 citations: CitationFormatter | None = None) -> None:
        self.graph = graph
        self.reads = reads or Reads()
        self.layouts = layouts
        """Argument-map layouts by shape, kept between builds (render/argmap.py)."""
        self._citations = citations or CitationFormatter(graph.config.citation_style, graph.config.language)
        self._refs: dict[str, dict[str, tuple[Any, frozenset[int]]]] = {}
        self._citer = BriefCiter(graph.config.citation_style, graph.config.language)

    def site(self) -> SiteView:
        config = self.graph.config
        nav: tuple[Link, ...] = (Link("Briefs", urls.page_path("brief")), Link("Claims", urls.page_path("claim")),
               Link("Sources", urls.page_path("source")), Link("Actors", urls.page_path("actor")),
               Link("Topics", urls.page_path("topic")))
        if self.has_map():
            nav += (Link("Map", urls.MAP),)
        nav += (Link("Search", urls.SEARCH),)
        return SiteView(config.title, config.description, config.language, config.copyright, config.base_url, nav,
                        corrections=corrections_path(self.graph), dir=langs.direction(config.language))

    def has_map(self) -> bool:
        return bool(self.graph.map_parts)

    def meta(self, path: str, title: str, description: str, kind: str, og_type: str = "website",
             jsonld: str = "", feed: str = "") -> PageMeta:
        description = " ".join(description.split()) or self.graph.config.description
        return PageMeta(path, title, description, kind, urls.absolute(self.graph.config.base_url, path), og_type,
                        jsonld, feed)

    def own_language(self, lang: str) -> tuple[str, str]:
        """(lang, dir) of text in language `lang` when that is not the site's language, else ('', '')."""
        if not lang or langs.same_language(lang, self.graph.config.language):
            return "", ""
        return lang, langs.direction(lang)

    # -- references -------------------------------------------------------------------------------

    @_built_once
    def claim_ref(self, cid: str) -> ClaimRef:
        claim = self.graph.claims[cid]
        return ClaimRef(cid, claim.text, urls.page_path("claim", cid), self.graph.claim_links[cid].contested,
                        verdict(self.graph, cid))

    @_built_once
    def brief_ref(self, slug: str) -> BriefRef:
        brief = self.graph.briefs[slug]
        return BriefRef(slug, brief.title, urls.page_path("brief", slug), brief.date,
                        format_date(brief.date, self.graph.config), brief.summary,
                        tuple(self.author_link(a) for a in brief.authors),
                        tuple(self.topic_link(t) for t in brief.topics),
                        times.day_or_stamp(brief.date, brief.published), *self.own_language(brief.lang))

    @_built_once
    def contested_links(self, cid: str) -> tuple[Link, ...]:
        return tuple(self.brief_link(b) for b in self.graph.claim_links[cid].contested_by[:LINKS_SHOWN])

    @_built_once
    def asserted_links(self, cid: str) -> tuple[Link, ...]:
        return tuple(self.brief_link(b) for b in self.graph.claim_links[cid].asserted_in[:LINKS_SHOWN])

    @_built_once
    def brief_link(self, slug: str) -> Link:
        brief = self.graph.briefs[slug]
        return Link(brief.title, urls.page_path("brief", slug), *self.own_language(brief.lang))

    @_built_once
    def author_link(self, slug: str) -> Link:
        return Link(self.graph.authors[slug].name, urls.page_path("author", slug))

    @_built_once
    def topic_link(self, slug: str) -> Link:
        return Link(self.graph.topics[slug].name, urls.page_path("topic", slug))

    @_built_once
    def source_ref(self, sid: str) -> SourceRef:
        source = self.graph.sources[sid]
        styled = self._citations.format(source)
        return SourceRef(sid, source.title, urls.page_path("source", sid), source.publisher, source.kind,
                         SOURCE_KIND_LABELS.get(source.kind, source.kind), source.url,
                         format_loose_date(source.date, self.graph.config),
                         source.authors, styled is not None, styled.before if styled else "",
                         styled.after if styled else "",
                         archived_url=source.archived_url,
                         accessed=format_loose_date(source.accessed, self.graph.config),
                         accessed_iso=source.accessed)

    @_built_once
    def actor_ref(self, aid: str) -> ActorRef:
        actor = self.graph.actors[aid]
        return ActorRef(aid, actor.name, actor.role, actor.kind, urls.page_path("actor", aid))

    # -- pages ------------------------------------------------------------------------------------

    def brief_page(self, slug: str, with_map: bool = True) -> BriefPage:
        brief = self.graph.briefs[slug]
        body = self.graph.bodies[slug]
        numbers = {sid: index + 1 for index, sid in enumerate(brief.sources)}
        backlinks: dict[str, list[str]] = {sid: [] for sid in brief.sources}
        for citation in brief.citations:
            if sublists.rebuttal_number(citation.anchor, citation.source) <= sublists.shown("brief", "counterclaims"):
                backlinks.setdefault(citation.source, []).append(citation.anchor)
        claims = []
        for cid in brief.claims[:sublists.shown("brief", "claims")]:
            links = self.graph.claim_links[cid]
            claims.append(ClaimPanelItem(
                self.claim_ref(cid), self.contested_links(cid), len(links.contested_by),
                tuple(self.claim_ref(c) for c in links.supports),
                tuple((numbers[s], s) for s in links.sources if s in numbers)))
        counters = []
        for counter in brief.counterclaims[:sublists.shown("brief", "counterclaims")]:
            links = self.graph.claim_links[counter.claim]
            others = [b for b in links.asserted_in if b != slug]
            counters.append(CounterItem(
                self.claim_ref(counter.claim), tuple(self.actor_ref(a) for a in links.held_by),
                tuple(self.claim_ref(c) for c in links.opposes),
                (tuple(self.brief_link(b) for b in others[:LINKS_SHOWN]) if slug in links.asserted_in
                 else self.asserted_links(counter.claim)), len(others), counter.rebuttal_html))
        sources = tuple(SourceEntry(numbers[sid], self.source_ref(sid), tuple(backlinks.get(sid, ())))
                        for sid in brief.sources)
        updated = brief.updated
        return BriefPage(self.brief_ref(slug), format_date(updated, self.graph.config) if updated else "", updated,
                         body.html, body.words, tuple(claims), tuple(counters), sources,
                         maps.brief_map(self.graph, slug, self.layouts) if with_map else None,
                         sublists.more(self.graph, "brief", slug),
                         correction_views(self.graph.brief_corrections.get(slug, ()), self.graph.config),
                         times.day_or_stamp(updated, brief.modified) if updated else "")

    def cited_brief_page(self, slug: str) -> BriefPage:
        """The brief's page with how to cite it and the briefs related to it."""
        return dataclasses.replace(self.brief_page(slug), cite=cite_box(self.graph, slug, self._citer),
                                   related=related_brief_links(self, slug))

    def claim_page(self, cid: str) -> ClaimPage:
        links = self.graph.claim_links[cid]

        def cut(name: str, items: tuple[Any, ...]) -> tuple[Any, ...]:
            return items[:sublists.shown("claim", name)]
        return ClaimPage(
            claim=self.claim_ref(cid),
            contested_by=tuple(self.brief_link(b) for b in cut("disputed", sublists.disputed(self.graph, cid))),
            asserted_in=tuple(self.brief_ref(b) for b in cut("briefs", links.asserted_in)),
            answered_in=tuple(self.brief_ref(b) for b in cut("answers", links.answered_in)),
            supports=tuple(self.claim_ref(c) for c in cut("supports", links.supports)),
            supported_by=tuple(self.claim_ref(c) for c in cut("supported-by", links.supported_by)),
            opposes=tuple(self.claim_ref(c) for c in cut("opposes", links.opposes)),
            opposed_by=tuple(self.claim_ref(c) for c in cut("opposed-by", links.opposed_by)),
            held_by=tuple(self.actor_ref(a) for a in cut("held-by", links.held_by)),
            sources=tuple(self.source_ref(s) for s in cut("sources", links.sources)),
            passages=tuple(PassageView(p.text, self.brief_link(p.brief), sublists.anchor_path(p.brief, p.anchor, cid))
                           for p in cut("passages", links.passages)),
            argument_map=maps.claim_map(self.graph, cid, self.layouts),
            relations=claim_relations(self, cid),
            more=sublists.more(self.graph, "claim", cid),
            reviews=review_views(self, cid),
            positions=position_views(self, self.graph.claim_positions.get(cid, ())),
            corrections=correction_views(self.graph.claim_corrections.get(cid, ()), self.graph.config),
            alongside=alongside_links(self, cid),
        )

    def source_page(self, sid: str) -> SourcePage:
        links = self.graph.source_links[sid]
        return SourcePage(self.source_ref(sid), self.graph.sources[sid].note,
                          tuple(self.brief_ref(b) for b in links.briefs[:sublists.shown("source", "briefs")]),
                          tuple(self.claim_ref(c) for c in links.claims[:sublists.shown("source", "claims")]),
                          sublists.more(self.graph, "source", sid))

    def actor_page(self, aid: str) -> ActorPage:
        claims = self.graph.actor_claims.get(aid, ())[:sublists.shown("actor", "claims")]
        mentions = self.graph.actor_mentions.get(aid, ())[:sublists.shown("actor", "mentions")]
        return ActorPage(self.actor_ref(aid), self.graph.actors[aid].url, tuple(self.claim_ref(c) for c in claims),
                         tuple(self.brief_ref(b) for b in mentions), sublists.more(self.graph, "actor", aid),
                         position_views(self, self.graph.actor_positions.get(aid, ())))

    # -- listings, one page of them at a time -------------------------------------------------------

    def topic_page(self, slug: str, number: int = 1) -> ListPage:
        path = urls.page_path("topic", slug)
        return self._brief_list(self.graph.topics[slug].name, "", self.graph.topic_briefs[slug], path, number,
                                feed=urls.topic_feed(slug))

    def author_page(self, slug: str, number: int = 1) -> ListPage:
        author = self.graph.authors[slug]
        return self._brief_list(author.name, author.bio, self.graph.author_briefs[slug],
                                urls.page_path("author", slug), number, url=author.url)

    def briefs_index(self, number: int = 1) -> ListPage:
        return self._brief_list("All briefs", "", tuple(self.graph.briefs), urls.page_path("brief"), number,
                                feed=urls.SITE_FEED)

    def _brief_list(self, heading: str, intro: str, slugs: tuple[str, ...], path: str, number: int,
                    url: str = "", feed: str = "") -> ListPage:
        shown = page_items(slugs, number)
        return ListPage(heading, intro, tuple(self.brief_ref(b) for b in shown), url,
                        pager(path, number, page_count(len(slugs))), feed)

    def claims_index(self, number: int = 1) -> ClaimIndexPage:
        counts = {cid: (links.contested, len(links.asserted_in), len(links.contested_by))
                  for cid, links in self.graph.claim_links.items()}
        order = sorted(counts, key=lambda c: (not counts[c][0], -counts[c][1] - counts[c][2], c))
        rows = tuple((self.claim_ref(cid), counts[cid][1], counts[cid][2]) for cid in page_items(order, number))
        return ClaimIndexPage("Claims", rows, pager(urls.page_path("claim"), number, page_count(len(order))))

    def sources_index(self, number: int = 1) -> SourceIndexPage:
        order = sorted(self.graph.sources.values(), key=lambda s: (s.title.lower(), s.id))
        rows = tuple((self.source_ref(s.id), len(self.graph.source_links[s.id].briefs))
                     for s in page_items(order, number))
        return SourceIndexPage("Sources", rows, pager(urls.page_path("source"), number, page_count(len(order))))

    def actors_index(self, number: int = 1) -> IndexPage:
        order = sorted(self.graph.actors.values(), key=lambda a: (a.name.lower(), a.id))
        entries = tuple(IndexEntry(Link(a.name, urls.page_path("actor", a.id)), a.role,
                                   len(self.graph.actor_claims.get(a.id, ()))) for a in page_items(order, number))
        return IndexPage("Actors", "People and organisations whose positions the briefs discuss.", entries,
                         pager(urls.page_path("actor"), number, page_count(len(order))))

    def topics_index(self, number: int = 1) -> IndexPage:
        entries = self._topic_entries()
        return IndexPage("Topics", "", page_items(entries, number),
                         pager(urls.page_path("topic"), number, page_count(len(entries))))

    def authors_index(self, number: int = 1) -> IndexPage:
        order = sorted(self.graph.authors.values(), key=lambda a: (a.name.lower(), a.slug))
        entries = tuple(IndexEntry(self.author_link(a.slug), "", len(self.graph.author_briefs.get(a.slug, ())))
                        for a in page_items(order, number))
        return IndexPage("Authors", "", entries, pager(urls.page_path("author"), number, page_count(len(order))))

    # -- the rest ---------------------------------------------------------------------------------

    def map_index(self, number: int = 1) -> MapIndexPage:
        return mapviews.map_index(self, number, DOWNLOADS)

    def map_part(self, name: str) -> MapPartPage:
        return mapviews.map_part_page(self, name)

    def search_page(self) -> SearchPage:
        return SearchPage(len(self.graph.briefs), len(self.graph.claims), len(self.graph.sources))

    def home(self, latest: int = 10, contested: int = 8, topics: int = 30) -> HomePage:
        rows = [(cid, len(links.contested_by) + len(links.asserted_in))
                for cid, links in self.graph.claim_links.items() if links.contested]
        rows.sort(key=lambda r: (-r[1], r[0]))
        entries = self._topic_entries()
        newest = [slug for slug, _ in zip(self.graph.briefs, range(latest), strict=False)]
        return HomePage(tuple(self.brief_ref(b) for b in newest),
                        tuple((self.claim_ref(cid), count) for cid, count in rows[:contested]),
                        entries[:topics], len(entries) > topics)

    def _topic_entries(self) -> tuple[IndexEntry, ...]:
        counts = {slug: len(briefs) for slug, briefs in self.graph.topic_briefs.items()}
        order = sorted(self.graph.topics.values(), key=lambda t: (-counts.get(t.slug, 0), t.name.lower(), t.slug))
        return tuple(IndexEntry(Link(t.name, urls.page_path("topic", t.slug)), "", counts.get(t.slug, 0))
                     for t in order)
