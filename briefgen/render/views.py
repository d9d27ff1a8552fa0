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
    alongside: tuple[RelatedLink, ...] = ()
    """The claims most often argued alongside this one, closest first."""


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


@dataclass(frozen=True)
class MetaTag:
    """One <meta name=... content=...> of a page's head."""

    name: str
    content: str


@dataclass(frozen=True)
class Download:
    label: str
    """The format's name: 'BibTeX'."""
    path: str
    """Site path of the file."""
    filename: str
    """The name a browser saves it under."""
    media_type: str


@dataclass(frozen=True)
class CiteBox:
    meta: tuple[MetaTag, ...]
    """Highwire Press citation_* and Dublin Core tags, in order."""
    citation: str
    """The brief's citation in the site's citation style, as markup (markupsafe.Markup)."""
    style: str
    """The style's name, as a reader knows it ('Chicago author-date')."""
    downloads: tuple[Download, ...]
    doi_url: str = ""
    """https://doi.org/... when the brief has a DOI."""


@dataclass(frozen=True)
class RelatedLink:
    """A brief or claim shown as close to the one on the page, and why."""

    title: str
    path: str
    reason: str
    """'3 shared claims, 1 shared source'."""
