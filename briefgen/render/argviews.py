"""Views of the argument's records: verdicts, positions over time, corrections, and relations said in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefgen.render.pagination import Pager
from briefgen.render.viewrefs import ActorRef, ClaimRef, Link, SourceRef


@dataclass(frozen=True)
class ReviewView:
    """A verdict on a claim, as its page shows it."""

    anchor: str
    """Element id on the claim page ('review-2019-02-21-2')."""
    rating: str
    """The rating's label, 'Mostly false'."""
    rating_id: str
    value: int
    """The rating's place on the scale: 1 is the worst, `best` the best."""
    best: int
    reviewer: Link
    """The reviewer's name; its path is an author's page, or '' for an organisation."""
    date: dt.date
    date_text: str
    explanation_html: str
    sources: tuple[SourceRef, ...]
    url: str
    """Where the review is published, when elsewhere; ''."""
    brief: Link | None
    """The brief whose front matter gives the review."""
    scale: tuple[str, ...] = ()
    """The labels of the site's ratings, best first."""


@dataclass(frozen=True)
class PositionView:
    """What an actor said about a claim, and when."""

    actor: ActorRef
    claim: ClaimRef
    stance: str
    """'asserts' or 'denies'."""
    date: str
    """ISO text as precise as known ('2019-02'), '' when unknown: for <time datetime>."""
    date_text: str
    """'February 2019'; for an undated position the date by which a brief reported it ('by 20 February
    2019'); 'Date unknown' when nothing dates it."""
    quote: str
    source: SourceRef | None
    brief: Link | None
    """The brief that reports it."""
    note_html: str
    change: str = ""
    """'reversed' when the actor took the other side of the claim before, else ''."""


@dataclass(frozen=True)
class CorrectionView:
    date: dt.date
    date_text: str
    html: str


@dataclass(frozen=True)
class CorrectionEntry:
    """A correction on the site-wide corrections page."""

    correction: CorrectionView
    page: Link
    """The corrected brief or claim."""
    kind: str
    """'brief' or 'claim'."""


@dataclass(frozen=True)
class CorrectionsPage:
    heading: str
    entries: tuple[CorrectionEntry, ...]
    """Newest first."""
    pager: Pager | None = None


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
