"""The brief model: frozen dataclasses that hold ids, never pointers to each other.

Everything here is a finished value; backlinks live in `BriefGraph` and are computed in
one pass after every file is loaded (see resolve.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

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
class SiteConfig:
    title: str = "Briefs"
    base_url: str = ""
    """Absolute URL the site is published at, with a trailing slash, or '' when unknown."""
    description: str = ""
    language: str = "en"
    copyright: str = ""
    allow_html: bool = False
    """Pass raw HTML in Markdown through a sanitizer instead of escaping it."""
    citation_style: str = ""
    """A bundled CSL style's name, the absolute path of a site's own .csl file, or '' for briefgen's
    own plain form (citeproc costs milliseconds a source; a site that wants a style names it)."""


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
    map_parts: Mapping[str, MapPart] = field(default_factory=dict)
    """Part name -> a part of the site's argument map, largest first (resolve/clusters.py)."""
    claim_parts: Mapping[str, str] = field(default_factory=dict)
    """Claim id -> the name of its map part; only claims with a relation have one."""


def inference_id(premises: tuple[str, ...] | list[str], conclusion: str) -> str:
    """The stable id of a support: its premises, sorted, joined by '+', then '->' and the conclusion.

    Claim ids hold only a-z, 0-9 and single inner '-', so '+' and '->' cannot occur in them and the id
    reads back unambiguously ('a+b->c'); the same group written in any order or place has one id.
    """
    return "+".join(sorted(set(premises))) + "->" + conclusion


@dataclass(frozen=True)
class Inference:
    """A support: claims that, taken together, support a conclusion; and the claims that undercut it."""

    id: str
    """inference_id(premises, conclusion)."""
    premises: tuple[str, ...]
    """Claim ids, sorted; more than one for linked premises, which support the conclusion only together."""
    conclusion: str
    undercut_by: tuple[str, ...] = ()
    """Claims that attack this support itself (the step from premises to conclusion), sorted."""

    @property
    def linked(self) -> bool:
        return len(self.premises) > 1


@dataclass(frozen=True)
class InferenceLinks:
    """The inferences one claim takes part in, by role; each tuple holds inference ids, sorted."""

    premise_of: tuple[str, ...] = ()
    concludes: tuple[str, ...] = ()
    """Inferences whose conclusion is this claim."""
    undercuts: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.premise_of or self.concludes or self.undercuts)


@dataclass(frozen=True)
class MapPart:
    """A part of the site's argument map: claims closely tied to each other, drawn on a page of their own."""

    name: str
    """The id of its hub claim, its first: the part's URL is map/<name>/."""
    claims: tuple[str, ...]
    """Claim ids, the hub first, then its neighbours breadth-first; several clusters when small ones are
    gathered into one part."""
