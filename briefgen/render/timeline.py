"""Positions over time as pages show them: an actor's timeline, and who said what about a claim.

A reversal is not written by authors: it is what the record shows, a dated position of an actor
on a claim taking the other side from their dated position before it. Deriving it keeps it
true to the positions given (an edit to one date moves it), and a reversal is never claimed
without the earlier position that it reverses.
"""

from __future__ import annotations

from briefgen.argmodel import Position
from briefgen.model import SiteConfig
from briefgen.render.argviews import PositionView
from briefgen.render.dates import format_date, format_loose_date
from briefgen.render.verdicts import Refs

REVERSED = "reversed"


def position_views(refs: Refs, positions: tuple[Position, ...]) -> tuple[PositionView, ...]:
    """`positions` (in timeline order) as views, each reversal marked."""
    graph = refs.graph
    changes = reversals(positions)
    return tuple(PositionView(
        actor=refs.actor_ref(p.actor), claim=refs.claim_ref(p.claim), stance=p.stance, date=p.date,
        date_text=when(p, graph.config), quote=p.quote,
        source=refs.source_ref(p.source) if p.source in graph.sources else None,
        brief=refs.brief_link(p.brief) if p.brief in graph.briefs else None, note_html=p.note_html,
        change=REVERSED if changed else "",
    ) for p, changed in zip(positions, changes, strict=True))


def reversals(positions: tuple[Position, ...]) -> list[bool]:
    """For each position (in timeline order), whether it reverses its actor's last dated position on its claim."""
    last: dict[tuple[str, str], str] = {}
    out = []
    for position in positions:
        if not position.date:  # an undated position is not placed among the dated ones
            out.append(False)
            continue
        key = (position.actor, position.claim)
        out.append(key in last and last[key] != position.stance)
        last[key] = position.stance
    return out


def when(position: Position, config: SiteConfig) -> str:
    """As precisely as the position is dated; an undated one by the date its brief reported it."""
    if position.date:
        return format_loose_date(position.date, config)
    if position.reported:
        return f"by {format_date(position.reported, config)}"
    return "Date unknown"
