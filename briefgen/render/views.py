"""What each template sees: explicit, frozen views built from the graph.

Templates never see the graph or the settings; every path here is a site path, turned into
a relative link by the template's `url()` function.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from briefgen import urls
from briefgen.model import Actor, Author, Brief, BriefGraph, Claim, Source, Topic
from briefgen.render import maps
from briefgen.render.argmap import ArgumentMap
from briefgen.render.citations import Formatted, format_sources
from briefgen.render.pagination import Pager

LINKS_SHOWN = 5
"""Briefs named beside a claim on a brief page; the rest are a count linking to the claim page.
A popular claim is disputed in hundreds of briefs: listing them all on every page that shows
the claim made those pages huge (and the build slow)."""

SOURCE_KIND_LABELS = {"news": "News report", "report": "Report", "dataset": "Dataset", "statement": "Statement",
                      "book": "Book", "other": "Other"}


@dataclass(frozen=True)
class Link:
    title: str
    path: str


@dataclass(frozen=True)
class SiteView:
    title: str
    description: str
    language: str
    copyright: str
    base_url: str
    nav: tuple[Link, ...]
    feed: str = urls.SITE_FEED
    """Site path of the Atom feed of all briefs."""
    search: str = urls.SEARCH


@dataclass(frozen=True)
class PageMeta:
    path: str
    """Site path of this page."""
    title: str
    description: str
    kind: str
    """'home', 'brief', 'claim', ... ; templates may style by it."""
    canonical: str
    """Absolute URL, or '' when the site has no base_url."""
    og_type: str = "website"
    jsonld: str = ""
    """schema.org JSON-LD, already safe to put inside <script>; '' for none."""
    feed: str = ""
    """Site path of this page's own Atom feed (a topic's), '' for none."""


@dataclass(frozen=True)
class ClaimRef:
    id: str
    text: str
    path: str
    contested: bool


@dataclass(frozen=True)
class BriefRef:
    slug: str
    title: str
    path: str
    date: dt.date
    date_text: str
    summary: str
    authors: tuple[Link, ...]
    topics: tuple[Link, ...]


@dataclass(frozen=True)
class SourceRef:
    id: str
    title: str
    path: str
    publisher: str
    kind: str
    kind_label: str
    url: str
    date: str
    authors: tuple[str, ...]
    styled: bool = False
    """True when the site's citation style formatted this source: show styled_before, the linked
    title, then styled_after; otherwise build the entry from the fields above."""
    styled_before: str = ""
    styled_after: str = ""
    """Markup (markupsafe.Markup) when styled."""


@dataclass(frozen=True)
class ActorRef:
    id: str
    name: str
    role: str
    kind: str
    path: str


@dataclass(frozen=True)
class ClaimPanelItem:
    claim: ClaimRef
    contested_by: tuple[Link, ...]
    """Briefs on the other side: the first LINKS_SHOWN of them (the claim page lists all)."""
    contested_count: int
    supports: tuple[ClaimRef, ...]
    source_numbers: tuple[tuple[int, str], ...]
    """(number in this brief's source list, source id)."""


@dataclass(frozen=True)
class CounterItem:
    claim: ClaimRef
    held_by: tuple[ActorRef, ...]
    opposes: tuple[ClaimRef, ...]
    asserted_in: tuple[Link, ...]
    """Other briefs arguing for the counterclaim: the first LINKS_SHOWN of them."""
    asserted_count: int
    rebuttal_html: str


@dataclass(frozen=True)
class SourceEntry:
    number: int
    source: SourceRef
    backlinks: tuple[str, ...]
    """Element ids of the citation marks on the page that cite this source."""


@dataclass(frozen=True)
class BriefPage:
    brief: BriefRef
    updated_text: str
    updated: dt.date | None
    body_html: str
    words: int
    claims: tuple[ClaimPanelItem, ...]
    counterclaims: tuple[CounterItem, ...]
    sources: tuple[SourceEntry, ...]
    argument_map: ArgumentMap | None = None


@dataclass(frozen=True)
class PassageView:
    text: str
    brief: Link
    path: str
    """Site path with the passage's fragment."""


@dataclass(frozen=True)
class ClaimPage:
    claim: ClaimRef
    contested_by: tuple[Link, ...]
    """Briefs that argue against this claim without answering it directly (by asserting an opposing claim)."""
    asserted_in: tuple[BriefRef, ...]
    answered_in: tuple[BriefRef, ...]
    supports: tuple[ClaimRef, ...]
    supported_by: tuple[ClaimRef, ...]
    opposes: tuple[ClaimRef, ...]
    opposed_by: tuple[ClaimRef, ...]
    held_by: tuple[ActorRef, ...]
    sources: tuple[SourceRef, ...]
    passages: tuple[PassageView, ...]
    argument_map: ArgumentMap | None = None


@dataclass(frozen=True)
class SourcePage:
    source: SourceRef
    note: str
    briefs: tuple[BriefRef, ...]
    claims: tuple[ClaimRef, ...]


@dataclass(frozen=True)
class ActorPage:
    actor: ActorRef
    url: str
    claims: tuple[ClaimRef, ...]
    mentioned_in: tuple[BriefRef, ...]
    """Briefs whose text links to this actor."""


@dataclass(frozen=True)
class ListPage:
    """A brief listing: topic, author and the briefs index."""

    heading: str
    intro: str
    briefs: tuple[BriefRef, ...]
    url: str = ""
    pager: Pager | None = None
    feed: str = ""
    """Site path of the listing's Atom feed, '' for none."""


@dataclass(frozen=True)
class IndexEntry:
    link: Link
    detail: str
    count: int


@dataclass(frozen=True)
class IndexPage:
    heading: str
    intro: str
    entries: tuple[IndexEntry, ...]
    pager: Pager | None = None


@dataclass(frozen=True)
class ClaimIndexPage:
    heading: str
    claims: tuple[tuple[ClaimRef, int, int], ...]
    """(claim, briefs asserting it, briefs opposing it)."""
    pager: Pager | None = None


@dataclass(frozen=True)
class SourceIndexPage:
    heading: str
    sources: tuple[tuple[SourceRef, int], ...]
    """(source, briefs citing it)."""
    pager: Pager | None = None


@dataclass(frozen=True)
class HomePage:
    latest: tuple[BriefRef, ...]
    contested: tuple[tuple[ClaimRef, int], ...]
    """Most contested claims, with how many briefs take the other side."""
    topics: tuple[IndexEntry, ...]
    more_topics: bool = False
    """True when the home page shows only the largest topics."""


@dataclass(frozen=True)
class MapPage:
    argument_map: ArgumentMap | None
    related: int
    """Claims with at least one support/oppose relation."""
    claims: int


@dataclass(frozen=True)
class SearchPage:
    briefs: int
    claims: int
    sources: int


class SharedRefs(tuple):  # type: ignore[type-arg]
    """A tuple of links built once per build and shown on many pages (the briefs disputing a claim).

    Templates see a plain tuple; the page digest (viewdigest.py) hashes each one once.
    """

    __slots__ = ()


RefT = TypeVar("RefT")


def _built_once(method: Callable[[ViewBuilder, str], RefT]) -> Callable[[ViewBuilder, str], RefT]:
    """A brief, claim or source is referenced from many pages: build its (frozen) ref once per ViewBuilder."""
    name = method.__name__

    @functools.wraps(method)
    def once(self: ViewBuilder, ident: str) -> RefT:
        made = self._refs.setdefault(name, {})
        if ident not in made:
            made[ident] = method(self, ident)
        return made[ident]  # type: ignore[no-any-return]
    return once


class ViewBuilder:
    """Builds views from one graph; holds no state beyond the graph it reads and the refs built from it."""

    def __init__(self, graph: BriefGraph) -> None:
        self.graph = graph
        self._refs: dict[str, dict[str, object]] = {}

    @cached_property
    def styled_sources(self) -> dict[str, Formatted]:
        """Every source in the site's citation style, formatted once per build."""
        config = self.graph.config
        return format_sources(self.graph.sources, config.citation_style, config.language)

    def site(self) -> SiteView:
        config = self.graph.config
        nav = (Link("Briefs", urls.page_path("brief")), Link("Claims", urls.page_path("claim")),
               Link("Sources", urls.page_path("source")), Link("Actors", urls.page_path("actor")),
               Link("Topics", urls.page_path("topic")))
        if self.has_map():
            nav += (Link("Map", urls.MAP),)
        nav += (Link("Search", urls.SEARCH),)
        return SiteView(config.title, config.description, config.language, config.copyright, config.base_url, nav)

    def has_map(self) -> bool:
        return any(maps.neighbours(self.graph, cid) for cid in self.graph.claims)

    def meta(self, path: str, title: str, description: str, kind: str, og_type: str = "website",
             jsonld: str = "", feed: str = "") -> PageMeta:
        description = " ".join(description.split()) or self.graph.config.description
        return PageMeta(path, title, description, kind, urls.absolute(self.graph.config.base_url, path), og_type,
                        jsonld, feed)

    # -- references -------------------------------------------------------------------------------

    @_built_once
    def claim_ref(self, cid: str) -> ClaimRef:
        claim: Claim = self.graph.claims[cid]
        return ClaimRef(cid, claim.text, urls.page_path("claim", cid), self.graph.claim_links[cid].contested)

    @_built_once
    def brief_ref(self, slug: str) -> BriefRef:
        brief: Brief = self.graph.briefs[slug]
        return BriefRef(slug, brief.title, urls.page_path("brief", slug), brief.date, format_date(brief.date),
                        brief.summary, tuple(self.author_link(a) for a in brief.authors),
                        tuple(self.topic_link(t) for t in brief.topics))

    @_built_once
    def contested_links(self, cid: str) -> tuple[Link, ...]:
        return SharedRefs(self.brief_link(b) for b in self.graph.claim_links[cid].contested_by[:LINKS_SHOWN])

    @_built_once
    def asserted_links(self, cid: str) -> tuple[Link, ...]:
        return SharedRefs(self.brief_link(b) for b in self.graph.claim_links[cid].asserted_in[:LINKS_SHOWN])

    @_built_once
    def brief_link(self, slug: str) -> Link:
        return Link(self.graph.briefs[slug].title, urls.page_path("brief", slug))

    @_built_once
    def author_link(self, slug: str) -> Link:
        author: Author = self.graph.authors[slug]
        return Link(author.name, urls.page_path("author", slug))

    @_built_once
    def topic_link(self, slug: str) -> Link:
        topic: Topic = self.graph.topics[slug]
        return Link(topic.name, urls.page_path("topic", slug))

    @_built_once
    def source_ref(self, sid: str) -> SourceRef:
        source: Source = self.graph.sources[sid]
        styled = self.styled_sources.get(sid)
        return SourceRef(sid, source.title, urls.page_path("source", sid), source.publisher, source.kind,
                         SOURCE_KIND_LABELS.get(source.kind, source.kind), source.url, format_loose_date(source.date),
                         source.authors, styled is not None, *((styled.before, styled.after) if styled else ()))

    @_built_once
    def actor_ref(self, aid: str) -> ActorRef:
        actor: Actor = self.graph.actors[aid]
        return ActorRef(aid, actor.name, actor.role, actor.kind, urls.page_path("actor", aid))

    # -- pages ------------------------------------------------------------------------------------

    def brief_page(self, slug: str) -> BriefPage:
        brief = self.graph.briefs[slug]
        numbers = {sid: index + 1 for index, sid in enumerate(brief.sources)}
        backlinks: dict[str, list[str]] = {sid: [] for sid in brief.sources}
        for citation in brief.citations:
            backlinks.setdefault(citation.source, []).append(citation.anchor)
        claims = []
        for cid in brief.claims:
            links = self.graph.claim_links[cid]
            claims.append(ClaimPanelItem(
                self.claim_ref(cid), self.contested_links(cid), len(links.contested_by),
                tuple(self.claim_ref(c) for c in links.supports),
                tuple((numbers[s], s) for s in links.sources if s in numbers)))
        counters = []
        for counter in brief.counterclaims:
            links = self.graph.claim_links[counter.claim]
            others = [b for b in links.asserted_in if b != slug]
            counters.append(CounterItem(
                self.claim_ref(counter.claim), tuple(self.actor_ref(a) for a in links.held_by),
                tuple(self.claim_ref(c) for c in links.opposes),
                (tuple(self.brief_link(b) for b in others[:LINKS_SHOWN]) if slug in links.asserted_in
                 else self.asserted_links(counter.claim)), len(others), counter.rebuttal_html))
        sources = tuple(SourceEntry(numbers[sid], self.source_ref(sid), tuple(backlinks.get(sid, ())))
                        for sid in brief.sources)
        return BriefPage(self.brief_ref(slug), format_date(brief.updated) if brief.updated else "", brief.updated,
                         brief.body_html, brief.words, tuple(claims), tuple(counters), sources,
                         maps.brief_map(self.graph, slug))

    def claim_page(self, cid: str) -> ClaimPage:
        links = self.graph.claim_links[cid]
        return ClaimPage(
            claim=self.claim_ref(cid),
            contested_by=tuple(self.brief_link(b) for b in links.contested_by if b not in links.answered_in),
            asserted_in=tuple(self.brief_ref(b) for b in links.asserted_in),
            answered_in=tuple(self.brief_ref(b) for b in links.answered_in),
            supports=tuple(self.claim_ref(c) for c in links.supports),
            supported_by=tuple(self.claim_ref(c) for c in links.supported_by),
            opposes=tuple(self.claim_ref(c) for c in links.opposes),
            opposed_by=tuple(self.claim_ref(c) for c in links.opposed_by),
            held_by=tuple(self.actor_ref(a) for a in links.held_by),
            sources=tuple(self.source_ref(s) for s in links.sources),
            passages=tuple(PassageView(p.text, self.brief_link(p.brief),
                                       f"{urls.page_path('brief', p.brief)}#{p.anchor}") for p in links.passages),
            argument_map=maps.claim_map(self.graph, cid),
        )

    def source_page(self, sid: str) -> SourcePage:
        links = self.graph.source_links[sid]
        return SourcePage(self.source_ref(sid), self.graph.sources[sid].note,
                          tuple(self.brief_ref(b) for b in links.briefs),
                          tuple(self.claim_ref(c) for c in links.claims))

    def actor_page(self, aid: str) -> ActorPage:
        return ActorPage(self.actor_ref(aid), self.graph.actors[aid].url,
                         tuple(self.claim_ref(c) for c in self.graph.actor_claims.get(aid, ())),
                         tuple(self.brief_ref(b) for b in self.graph.actor_mentions.get(aid, ())))

    def topic_page(self, slug: str) -> ListPage:
        briefs = tuple(self.brief_ref(b) for b in self.graph.topic_briefs[slug])
        return ListPage(self.graph.topics[slug].name, "", briefs, feed=urls.topic_feed(slug))

    def author_page(self, slug: str) -> ListPage:
        author = self.graph.authors[slug]
        return ListPage(author.name, author.bio, tuple(self.brief_ref(b) for b in self.graph.author_briefs[slug]),
                        author.url)

    def briefs_index(self) -> ListPage:
        return ListPage("All briefs", "", tuple(self.brief_ref(b) for b in self.graph.briefs), feed=urls.SITE_FEED)

    def claims_index(self) -> ClaimIndexPage:
        rows = []
        for cid in self.graph.claims:
            links = self.graph.claim_links[cid]
            rows.append((self.claim_ref(cid), len(links.asserted_in), len(links.contested_by)))
        rows.sort(key=lambda r: (not r[0].contested, -r[1] - r[2], r[0].id))
        return ClaimIndexPage("Claims", tuple(rows))

    def sources_index(self) -> SourceIndexPage:
        rows = [(self.source_ref(sid), len(self.graph.source_links[sid].briefs)) for sid in self.graph.sources]
        rows.sort(key=lambda r: (r[0].title.lower(), r[0].id))
        return SourceIndexPage("Sources", tuple(rows))

    def actors_index(self) -> IndexPage:
        entries = [IndexEntry(Link(a.name, urls.page_path("actor", aid)), a.role,
                              len(self.graph.actor_claims.get(aid, ()))) for aid, a in self.graph.actors.items()]
        entries.sort(key=lambda e: (e.link.title.lower(), e.link.path))
        return IndexPage("Actors", "People and organisations whose positions the briefs discuss.", tuple(entries))

    def topics_index(self) -> IndexPage:
        return IndexPage("Topics", "", self._topic_entries())

    def authors_index(self) -> IndexPage:
        entries = [IndexEntry(self.author_link(slug), "", len(self.graph.author_briefs.get(slug, ())))
                   for slug in self.graph.authors]
        entries.sort(key=lambda e: (e.link.title.lower(), e.link.path))
        return IndexPage("Authors", "", tuple(entries))

    def map_page(self) -> MapPage:
        related = sum(1 for cid in self.graph.claims if maps.neighbours(self.graph, cid))
        return MapPage(maps.site_map(self.graph), related, len(self.graph.claims))

    def search_page(self) -> SearchPage:
        return SearchPage(len(self.graph.briefs), len(self.graph.claims), len(self.graph.sources))

    def home(self, latest: int = 10, contested: int = 8, topics: int = 30) -> HomePage:
        rows = [(self.claim_ref(cid), len(links.contested_by) + len(links.asserted_in))
                for cid, links in self.graph.claim_links.items() if links.contested]
        rows.sort(key=lambda r: (-r[1], r[0].id))
        entries = self._topic_entries()
        return HomePage(tuple(self.brief_ref(b) for b in list(self.graph.briefs)[:latest]), tuple(rows[:contested]),
                        entries[:topics], len(entries) > topics)

    def _topic_entries(self) -> tuple[IndexEntry, ...]:
        entries = [IndexEntry(self.topic_link(slug), "", len(self.graph.topic_briefs.get(slug, ())))
                   for slug in self.graph.topics]
        entries.sort(key=lambda e: (-e.count, e.link.title.lower()))
        return tuple(entries)


def format_date(value: dt.date) -> str:
    return f"{value.day} {value.strftime('%B')} {value.year}"


def format_loose_date(value: str) -> str:
    """A source's date as written ('2019', '2019-02', '2019-02-19') in the same style as brief dates."""
    try:
        return format_date(dt.date.fromisoformat(value))
    except ValueError:
        pass
    try:
        month = dt.datetime.strptime(value, "%Y-%m")
        return f"{month.strftime('%B')} {month.year}"
    except ValueError:
        return value
