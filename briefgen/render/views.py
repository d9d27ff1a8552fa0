"""What each template sees: explicit, frozen views built from the graph.

Templates never see the graph or the settings; every path here is a site path, turned into
a relative link by the template's `url()` function. Views are frozen and hashable, so a card
or link rendered from one can be reused wherever an equal view is shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefgen import urls
from briefgen.render.argmap import ArgumentMap
from briefgen.render.pagination import Pager


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
    relations: tuple[RelationGroup, ...] = ()
    """Every relation to other claims in words, each claim once per relation (a mutual one once)."""


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
class Phrase:
    """A piece of a sentence about claims: words, or a link to a claim."""

    text: str = ""
    claim: ClaimRef | None = None


@dataclass(frozen=True)
class RelationGroup:
    """One kind of relation of a claim page's claim, said in words: a heading and a phrase per relation."""

    kind: str
    """supports, support-each-other, supported-by, opposes, oppose-each-other, opposed-by, undercuts or
    undercut: for styling and for tests."""
    heading: str
    """The verb, as the list's heading: 'Supports', 'Is supported by', ..."""
    items: tuple[tuple[Phrase, ...], ...]
    """Each relation as words and claim links, completing the heading ('the support that X gives Y')."""
