"""What one place in the content says: the typed result of reading front matter or a site-wide file.

resolve/ merges the specs from every place into the brief graph.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from briefgen.load.dates import When
from briefgen.model import Location


@dataclass(frozen=True)
class Ref:
    """An id named somewhere, and where."""

    id: str
    at: Location


@dataclass(frozen=True)
class LinkedSupportSpec:
    """'supports: [{claim: c, with: [b]}]' on claim a: a and b support c only together."""

    claim: Ref
    """The conclusion."""
    others: tuple[Ref, ...]
    """The other premises (never empty: a group of one is a plain support)."""
    at: Location


@dataclass(frozen=True)
class UndercutSpec:
    """'undercuts: [{from: a, to: c}]': this claim attacks the support a gives c."""

    premises: tuple[Ref, ...]
    conclusion: Ref
    at: Location
    """Where the undercut is written: the start of its entry."""


@dataclass(frozen=True)
class ClaimSpec:
    id: str
    at: Location
    text: str | None = None
    sources: tuple[Ref, ...] = ()
    supports: tuple[Ref, ...] = ()
    opposes: tuple[Ref, ...] = ()
    held_by: tuple[Ref, ...] = ()
    rebuttal: str | None = None
    linked: tuple[LinkedSupportSpec, ...] = ()
    """The linked supports among 'supports' (plain ones are in `supports`)."""
    undercuts: tuple[UndercutSpec, ...] = ()
    reviews: tuple[ReviewSpec, ...] = ()
    corrections: tuple[CorrectionSpec, ...] = ()


@dataclass(frozen=True)
class SourceSpec:
    id: str
    at: Location
    fields: tuple[tuple[str, Any], ...] = ()
    """Bibliographic fields given here; empty for a bare id."""


@dataclass(frozen=True)
class ActorSpec:
    id: str
    at: Location
    name: str
    role: str = ""
    url: str = ""
    kind: str = "person"


@dataclass(frozen=True)
class AuthorSpec:
    slug: str
    at: Location
    name: str
    bio: str = ""
    url: str = ""
    orcid: str = ""


@dataclass(frozen=True)
class AliasSpec:
    """An old address of a brief (front matter `aliases`), checked as a path, not yet placed on the site."""

    at: Location
    segments: tuple[str, ...]
    """The path's parts from the root, percent-decoded: ('2019', '02', 'old-name')."""
    folder: bool
    """Served as segments/index.html (True) or as the file the last segment names (x.html)."""
    host: str = ""
    """The host of an alias given as a full URL, lower-cased; '' for a path."""


@dataclass(frozen=True)
class BriefSpec:
    path: str
    slug: str
    slug_at: Location
    title: str
    date: dt.date | None
    updated: dt.date | None
    authors: tuple[str, ...]
    topics: tuple[str, ...]
    summary: str
    draft: bool
    claims: tuple[ClaimSpec, ...]
    counterclaims: tuple[ClaimSpec, ...]
    sources: tuple[SourceSpec, ...]
    positions: tuple[PositionSpec, ...] = ()
    corrections: tuple[CorrectionSpec, ...] = ()
    aliases: tuple[AliasSpec, ...] = ()
    date_time: When | None = None
    """`date` as written, with its time and zone when it had them."""
    updated_time: When | None = None
    lang: str = ""
    """The brief's own language tag; '' when it gave none."""
    doi: str = ""


@dataclass(frozen=True)
class Prose:
    """Markdown written as a YAML value, with where it is, so that its references can be located."""

    text: str
    at: Location
    """The value's own position."""
    block: tuple[int, int] | None = None
    """(line, column) of the first line of text when the value is a block scalar (`key: |`)."""


@dataclass(frozen=True)
class ReviewSpec:
    at: Location
    """Where the review's entry starts."""
    rating: str
    """'' when missing (reported already): ids it names are still checked."""
    rating_at: Location
    date: dt.date | None
    reviewer: str = ""
    """'' for the site itself."""
    reviewer_at: Location | None = None
    explanation: Prose | None = None
    sources: tuple[Ref, ...] = ()
    url: str = ""


@dataclass(frozen=True)
class CorrectionSpec:
    at: Location
    date: dt.date
    text: Prose


@dataclass(frozen=True)
class PositionSpec:
    at: Location
    actor: Ref
    claim: Ref
    stance: str
    """'' when missing or wrong (reported already)."""
    date: str = ""
    """As precise as known ('2019-02-20', '2019-02', '2019'), '' when unknown."""
    source: Ref | None = None
    quote: str = ""
    note: Prose | None = None
