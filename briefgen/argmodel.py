"""The argument's own records in the model: supports (alone or linked) and what undercuts them,
verdicts, positions over time, corrections, and the parts of the site map.

Frozen like the rest of the model (model.py), which holds them in the BriefGraph.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


def inference_id(premises: tuple[str, ...] | list[str], conclusion: str) -> str:
    """The stable id of a support: its premises, sorted, joined by '+', then '->' and the conclusion.

    Claim ids hold only letters, digits and single inner '-', so '+' and '->' cannot occur in them and the id
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
class Review:
    """A verdict on a claim."""

    claim: str
    rating: str
    """The id of a rating of the site's scale."""
    date: dt.date
    reviewer: str
    """The reviewer's name as shown: an author's name, an organisation's, or the site's title."""
    reviewer_author: str = ""
    """The author's slug when the reviewer is one of the site's authors; '' for an organisation."""
    explanation_html: str = ""
    sources: tuple[str, ...] = ()
    url: str = ""
    """Where the review is published, when elsewhere; '' when it is published on the claim's page."""
    brief: str = ""
    """The slug of the brief whose front matter gives the review; '' for content/claims.yaml."""


@dataclass(frozen=True)
class Position:
    """What an actor said about a claim, and when."""

    actor: str
    claim: str
    stance: str
    """'asserts' or 'denies'."""
    date: str = ""
    """As precise as known: '2019-02-20', '2019-02' or '2019'; '' when unknown."""
    source: str = ""
    """A source id, or ''."""
    quote: str = ""
    note_html: str = ""
    brief: str = ""
    """The slug of the brief that reports it; '' for content/positions.yaml."""
    reported: dt.date | None = None
    """The date of the brief that reports it: the position was taken by then."""


@dataclass(frozen=True)
class Correction:
    """A dated correction notice on a brief or a claim."""

    date: dt.date
    html: str
    """The notice's text, with links made for the corrected page."""
    listed_html: str
    """The same, with links made for the corrections page."""
    text: str
    """Plain text, for JSON-LD."""


@dataclass(frozen=True)
class MapPart:
    """A part of the site's argument map: claims closely tied to each other, drawn on a page of their own."""

    name: str
    """The id of its hub claim, its first: the part's URL is map/<name>/."""
    claims: tuple[str, ...]
    """Claim ids, the hub first, then its neighbours breadth-first; several clusters when small ones are
    gathered into one part."""
