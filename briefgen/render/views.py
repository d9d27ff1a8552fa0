"""What each template sees: explicit, frozen views built from the graph.

Templates never see the graph or the settings; every path here is a site path, turned into
a relative link by the template's `url()` function. Views are frozen and hashable, so a card
or link rendered from one can be reused wherever an equal view is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from briefgen import urls
from briefgen.render.argmap import ArgumentMap
from briefgen.render.argviews import CorrectionView, PositionView, RelationGroup, ReviewView
from briefgen.render.citeviews import CiteBox, RelatedLink
from briefgen.render.pagination import Pager
from briefgen.render.viewrefs import ActorRef, BriefRef, ClaimRef, Link, SourceRef


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
    corrections: str = ""
    """Site path of the corrections page, '' when the site has no correction."""
    dir: str = "ltr"
    """How the site's language runs: 'rtl' for Arabic, Hebrew, Persian, Urdu..., else 'ltr'."""


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
    pdf: str = ""
    """Site path of this page's PDF (a brief's, when the site prints them), '' for none."""
    pdf_size: str = ""
    """The PDF's size as people read it ('84 KB'); '' when there is no PDF."""


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
class More:
    """A list cut short on its entity's page."""

    count: int
    """How long the whole list is."""
    path: str
    """Site path of the first page of the whole list."""


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
    more: Mapping[str, More | None] = field(default_factory=dict)
    """Each list cut short on this page (render/sublists.py names them) -> its length and where all of it
    is listed; None for a list shown whole."""
    corrections: tuple[CorrectionView, ...] = ()
    """Newest first."""
    updated_datetime: str = ""
    """For <time datetime>: the update's RFC 3339 time or date; '' when not updated."""
    cite: CiteBox | None = None
    """How to cite the brief: its meta tags, its citation in the site's style, its downloads."""
    related: tuple[RelatedLink, ...] = ()
    """The briefs closest to this one in the graph, closest first."""


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
    relations: tuple[RelationGroup, ...] = ()
    """Every relation to other claims in words, each claim once per relation (a mutual one once)."""
    more: Mapping[str, More | None] = field(default_factory=dict)
    """Each list cut short on this page (render/sublists.py names them) -> its length and where all of it
    is listed; None for a list shown whole."""
    reviews: tuple[ReviewView, ...] = ()
    """Newest first."""
    positions: tuple[PositionView, ...] = ()
    """Who said what about the claim, in the order it was said."""
    corrections: tuple[CorrectionView, ...] = ()
    """Newest first."""
    alongside: tuple[RelatedLink, ...] = ()
    """The claims most often argued alongside this one, closest first."""


@dataclass(frozen=True)
class SourcePage:
    source: SourceRef
    note: str
    briefs: tuple[BriefRef, ...]
    claims: tuple[ClaimRef, ...]
    more: Mapping[str, More | None] = field(default_factory=dict)
    """Each list cut short on this page (render/sublists.py names them) -> its length and where all of it
    is listed; None for a list shown whole."""


@dataclass(frozen=True)
class ActorPage:
    actor: ActorRef
    url: str
    claims: tuple[ClaimRef, ...]
    mentioned_in: tuple[BriefRef, ...]
    """Briefs whose text links to this actor."""
    more: Mapping[str, More | None] = field(default_factory=dict)
    """Each list cut short on this page (render/sublists.py names them) -> its length and where all of it
    is listed; None for a list shown whole."""
    timeline: tuple[PositionView, ...] = ()
    """What the actor said, in the order it was said."""


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
class Download:
    """A file of the site's data, in one format."""

    title: str
    path: str
    description: str


@dataclass(frozen=True)
class MapPartEntry:
    """A part of the site's argument map, as the map's index lists it."""

    link: Link
    """The part's page, titled by its hub claim."""
    claims: int
    relations: int
    """Supports, oppositions, linked supports and undercuts among its claims."""
    arguments: int
    """Separate clusters in it: more than one when small arguments are gathered into one part."""
    topics: tuple[Link, ...] = ()
    """The topics of the briefs that make its claims, most frequent first (three at most)."""


@dataclass(frozen=True)
class MapIndexPage:
    """/map/: the parts of the site's argument map, largest first, and the argument data to download."""

    parts: tuple[MapPartEntry, ...]
    related: int
    """Claims with at least one relation: every one of them is in exactly one part."""
    claims: int
    pager: Pager | None = None
    downloads: tuple[Download, ...] = ()
    """The whole argument graph in each exchange format (docs/exchange.md)."""


@dataclass(frozen=True)
class MapPartPage:
    """/map/<part>/: one part of the site's argument map."""

    heading: str
    hub: ClaimRef
    argument_map: ArgumentMap
    neighbours: tuple[tuple[Link, int], ...] = ()
    """Other parts that claims here have relations with, and how many, most first."""
    index: str = urls.MAP
    """Site path of the map's index."""
    relations: int = 0
    arguments: int = 1
    """Separate clusters in it (see MapPartEntry)."""


@dataclass(frozen=True)
class SearchPage:
    briefs: int
    claims: int
    sources: int


@dataclass(frozen=True)
class SubListPage:
    """One page of an entity's whole list (the briefs asserting a claim, a brief's claims ...)."""

    heading: str
    owner: Link
    """The claim, brief, source or actor whose list it is."""
    kind: str
    """How each item shows: 'briefs' (BriefRef), 'links' (Link), 'claims' (ClaimRef), 'sources' (SourceRef),
    'actors' (ActorRef), 'passages' (PassageView) or 'counterclaims' (CounterItem)."""
    count: int
    items: tuple[Any, ...]
    pager: Pager | None = None


