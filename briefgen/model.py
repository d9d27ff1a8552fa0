"""The brief model: frozen dataclasses that hold ids, never pointers to each other.

Everything here is a finished value; backlinks live in `BriefGraph` and are computed in
one pass after every file is loaded (see resolve.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from briefgen.argmodel import Correction, Inference, InferenceLinks, MapPart, Position, Review

SOURCE_KINDS = ("news", "report", "dataset", "statement", "book", "other")
ACTOR_KINDS = ("person", "organization")


@dataclass(frozen=True)
class Location:
    path: str
    """Relative to the site folder."""
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}" if self.line else self.path


@dataclass(frozen=True)
class Rating:
    """One step of the site's rating scale."""

    id: str
    label: str


DEFAULT_RATINGS = (Rating("accurate", "Accurate"), Rating("mostly-accurate", "Mostly accurate"),
                   Rating("mixed", "Mixed"), Rating("mostly-inaccurate", "Mostly inaccurate"),
                   Rating("inaccurate", "Inaccurate"))
"""The scale of a site whose briefgen.yaml names none, best first. Its ids are no YAML booleans:
'true' and 'false' would need quotes in every review."""


@dataclass(frozen=True)
class Moment:
    """A time as the author wrote it: the wall-clock date and time, and its offset from UTC.

    Not a datetime with a time zone: two of those are equal when they name the same instant, and
    a changed offset (which feeds show) must count as a change.
    """

    local: dt.datetime
    """The date and time as written, without a zone."""
    offset: int
    """Minutes east of UTC (the written offset, or the site's time zone's on that day)."""

    @property
    def aware(self) -> dt.datetime:
        return self.local.replace(tzinfo=dt.timezone(dt.timedelta(minutes=self.offset)))

    def isoformat(self) -> str:
        """RFC 3339: '2019-02-20T10:00:00-04:00', 'Z' for UTC."""
        text = self.aware.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text


@dataclass(frozen=True)
class SiteConfig:
    title: str = "Briefs"
    base_url: str = ""
    """Absolute URL the site is published at, with a trailing slash, or '' when unknown."""
    description: str = ""
    language: str = "en"
    copyright: str = ""
    publisher: str = ""
    """Who publishes the briefs, as citations name them; '' means the site's title."""
    allow_html: bool = False
    """Pass raw HTML in Markdown through a sanitizer instead of escaping it."""
    citation_style: str = ""
    """A bundled CSL style's name, the absolute path of a site's own .csl file, or '' for briefgen's
    own plain form (citeproc costs milliseconds a source; a site that wants a style names it)."""
    ratings: tuple[Rating, ...] = DEFAULT_RATINGS
    """The rating scale of reviews, best first."""
    date_format: str = ""
    """How pages show dates, as %-directives (render/dates.py); '' for the language's default."""
    month_names: tuple[str, ...] = ()
    """Twelve month names for %B in date_format; () for English."""
    timezone: str = ""
    """IANA time zone of times written without an offset (and of bare dates in feeds); '' for UTC."""
    pdf: bool = False
    """Print a PDF of every brief beside its page (render/pdf.py; needs the `briefgen[pdf]` extra)."""


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    defined_at: Location
    publisher: str = ""
    kind: str = "other"
    url: str = ""
    date: str = ""
    """As the author wrote it (a date or a year); '' when unknown."""
    authors: tuple[str, ...] = ()
    note: str = ""
    csl: str = ""
    """The CSL-JSON item from sources.json or sources.bib, as JSON text; '' for a sources.yaml entry."""
    archived_url: str = ""
    """An archived copy of the source (http(s)), '' for none."""
    accessed: str = ""
    """When the source was read at its URL: an ISO date (a CSL item's may be '2019-02' or '2019'); '' when unknown."""


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    defined_at: Location
    role: str = ""
    url: str = ""
    kind: str = "person"


@dataclass(frozen=True)
class Author:
    slug: str
    name: str
    bio: str = ""
    url: str = ""
    orcid: str = ""
    """The ORCID iD, 0000-0002-1825-0097, checked; '' when not given."""


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str


@dataclass(frozen=True)
class Claim:
    id: str
    text: str
    defined_at: Location


@dataclass(frozen=True)
class Passage:
    """Words in a brief's body marked as making a claim."""

    claim: str
    brief: str
    anchor: str
    """The element id of the passage on the brief page."""
    text: str
    """Plain text of the passage."""


@dataclass(frozen=True)
class Citation:
    """One `[@id]` in a brief's body."""

    source: str
    anchor: str
    """The element id of the citation mark on the brief page."""


@dataclass(frozen=True)
class Counterclaim:
    """A position the brief answers, with the brief's answer."""

    claim: str
    rebuttal_html: str = ""


@dataclass(frozen=True)
class Brief:
    slug: str
    title: str
    date: dt.date
    file: Location
    updated: dt.date | None = None
    authors: tuple[str, ...] = ()
    """Author slugs."""
    topics: tuple[str, ...] = ()
    """Topic slugs."""
    summary: str = ""
    draft: bool = False
    claims: tuple[str, ...] = ()
    """Ids of the claims this brief asserts, in the order given."""
    counterclaims: tuple[Counterclaim, ...] = ()
    sources: tuple[str, ...] = ()
    """The brief's source list in display order: cited in the body first, by first citation."""
    citations: tuple[Citation, ...] = ()
    passages: tuple[Passage, ...] = ()
    mentions: tuple[tuple[str, str], ...] = ()
    """(kind, id) of every cross-link in the body, e.g. ('actor', 'john-bolton'), in order, once each."""
    published: Moment | None = None
    """The time of `date` when the front matter gave one; None for a bare date."""
    modified: Moment | None = None
    """The time of `updated` when the front matter gave one."""
    lang: str = ""
    """The brief's own language tag (front matter 'lang': 'ar', 'zh-Hant'); '' when it gave none."""
    doi: str = ""
    """The brief's DOI, bare (10.1234/abc); '' when it has none."""


@dataclass(frozen=True)
class BriefBody:
    """A brief's rendered text, kept apart from the Brief: prose is what authors edit most, and
    only the brief's own page and the feeds show it, while every listing shows the Brief."""

    html: str
    words: int


@dataclass(frozen=True)
class ClaimLinks:
    asserted_in: tuple[str, ...] = ()
    answered_in: tuple[str, ...] = ()
    supports: tuple[str, ...] = ()
    supported_by: tuple[str, ...] = ()
    opposes: tuple[str, ...] = ()
    opposed_by: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    held_by: tuple[str, ...] = ()
    passages: tuple[Passage, ...] = ()
    contested_by: tuple[str, ...] = ()
    """Briefs taking the other side from a brief that asserts this claim; empty when uncontested."""

    @property
    def contested(self) -> bool:
        return bool(self.contested_by)


@dataclass(frozen=True)
class SourceLinks:
    briefs: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()


@dataclass(frozen=True)
class Redirect:
    """An old address of a brief, which a small page at that address sends on to the brief."""

    brief: str
    """The brief's slug."""
    at: Location
    """Where the alias is given (its line in the brief's front matter)."""


@dataclass(frozen=True)
class RelatedBrief:
    """A brief close to another in the graph, and what the two share (resolve/related.py)."""

    slug: str
    score: int
    """The weighted sum of what they share; the closest brief scores highest."""
    claims: int = 0
    """Claims both argue (each asserts or answers it)."""
    sources: int = 0
    actors: int = 0
    topics: int = 0


@dataclass(frozen=True)
class RelatedClaim:
    """A claim argued alongside another (resolve/related.py)."""

    id: str
    score: int
    together: int = 0
    """Briefs that assert both, or answer both."""
    relation: str = ""
    """'supports', 'supported by', 'opposes' or 'opposed by' when one names the other; '' otherwise."""


@dataclass(frozen=True)
class BriefGraph:
    config: SiteConfig
    briefs: Mapping[str, Brief]
    """By slug, newest first."""
    bodies: Mapping[str, BriefBody]
    """By slug, as briefs."""
    claims: Mapping[str, Claim]
    sources: Mapping[str, Source]
    actors: Mapping[str, Actor]
    authors: Mapping[str, Author]
    topics: Mapping[str, Topic]
    claim_links: Mapping[str, ClaimLinks]
    source_links: Mapping[str, SourceLinks]
    actor_claims: Mapping[str, tuple[str, ...]]
    topic_briefs: Mapping[str, tuple[str, ...]]
    author_briefs: Mapping[str, tuple[str, ...]]
    actor_mentions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Actor id -> briefs whose body links to the actor."""
    inferences: Mapping[str, Inference] = field(default_factory=dict)
    """Inference id -> every support between claims, alone or linked, with what undercuts it."""
    claim_inferences: Mapping[str, InferenceLinks] = field(default_factory=dict)
    """Claim id -> the inferences it takes part in (every claim has an entry, often empty)."""
    reviews: Mapping[str, tuple[Review, ...]] = field(default_factory=dict)
    """Claim id -> its reviews, oldest first (every claim; () when it has none)."""
    actor_positions: Mapping[str, tuple[Position, ...]] = field(default_factory=dict)
    """Actor id -> what the actor said, in timeline order (every actor)."""
    claim_positions: Mapping[str, tuple[Position, ...]] = field(default_factory=dict)
    """Claim id -> what actors said about it, in timeline order (every claim)."""
    brief_corrections: Mapping[str, tuple[Correction, ...]] = field(default_factory=dict)
    """Brief slug -> its corrections, newest first (every brief)."""
    claim_corrections: Mapping[str, tuple[Correction, ...]] = field(default_factory=dict)
    """Claim id -> its corrections, newest first (every claim)."""
    redirects: Mapping[str, Redirect] = field(default_factory=dict)
    """An old address of a brief (one of its `aliases`, as a site path: '2019/02/old-name/', 'old/page.html') ->
    the brief it now is. Each is served by a small page that sends the reader on."""
    related_briefs: Mapping[str, tuple[RelatedBrief, ...]] = field(default_factory=dict)
    """Brief slug -> the briefs closest to it, closest first (at most related.SHOWN)."""
    related_claims: Mapping[str, tuple[RelatedClaim, ...]] = field(default_factory=dict)
    """Claim id -> the claims most often argued alongside it, closest first (at most related.SHOWN)."""
    map_parts: Mapping[str, MapPart] = field(default_factory=dict)
    """Part name -> a part of the site's argument map, largest first (resolve/clusters.py)."""
    claim_parts: Mapping[str, str] = field(default_factory=dict)
    """Claim id -> the name of its map part; only claims with a relation have one."""


