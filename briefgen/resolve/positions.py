"""Positions over time: what each actor said about a claim, and when, in the order it was said.

A position's date is as precise as known (a day, a month or a year), or unknown. A position a
brief reports was taken by the brief's date at the latest, so an undated one is placed at that
date; one nobody dates comes last. Positions given in several places add up; the same position
twice is one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from briefgen.argmodel import Position
from briefgen.load.specs import PositionSpec
from briefgen.resolve.prose import ProseRenderer
from briefgen.resolve.registry import Registry

Placed = tuple[PositionSpec, str, "dt.date | None"]
"""A position as written, the slug of the brief that reports it ('' for positions.yaml), and that brief's date."""


def gather_position_refs(reg: Registry, positions: Iterable[PositionSpec]) -> None:
    """Queue each position's ids to be checked with every other reference."""
    for position in positions:
        reg.pending += [("actor", position.actor), ("claim", position.claim)]
        if position.source is not None:
            reg.pending.append(("source", position.source))
            reg.cited_by_records.add(position.source.id)


def build_positions(reg: Registry, placed: Iterable[Placed], claims: Mapping[str, object],
                    actors: Mapping[str, object], sources: Mapping[str, object],
                    prose: ProseRenderer) -> tuple[dict[str, tuple[Position, ...]], dict[str, tuple[Position, ...]]]:
    """(actor id -> positions, claim id -> positions), each in timeline order."""
    seen: dict[tuple[str, ...], Position] = {}
    for spec, brief, reported in placed:
        source = spec.source.id if spec.source is not None else ""
        if not spec.stance or spec.actor.id not in actors or spec.claim.id not in claims or \
                (source and source not in sources):
            continue  # a wrong stance or an unknown id: reported where it is written
        position = Position(spec.actor.id, spec.claim.id, spec.stance, spec.date, source, spec.quote,
                            prose.render(spec.note, "a position's note"), brief, reported)
        content = (position.actor, position.claim, position.stance, position.date, position.source, position.quote,
                   position.note_html)
        if content in seen:
            continue  # the same position given again (here or elsewhere): shown once, where first given
        seen[content] = position
        _warn(reg, spec, position)
    by_actor: dict[str, list[Position]] = {}
    by_claim: dict[str, list[Position]] = {}
    for position in sorted(seen.values(), key=timeline_key):
        by_actor.setdefault(position.actor, []).append(position)
        by_claim.setdefault(position.claim, []).append(position)
    return ({aid: tuple(v) for aid, v in by_actor.items()}, {cid: tuple(v) for cid, v in by_claim.items()})


def timeline_key(position: Position) -> tuple[dt.date, int, str, str, str, str]:
    """When it was said, as near as known: its own date, else the date of the brief that reports it."""
    start = start_of(position.date) if position.date else position.reported
    precision = len(position.date) if position.date else 0  # a year before that year's days
    return start or dt.date.max, precision, position.actor, position.claim, position.stance, position.quote


def start_of(date: str) -> dt.date:
    """The first day of a date, month or year written as ISO text."""
    parts = [int(part) for part in date.split("-")]
    return dt.date(parts[0], *[*parts[1:], 1, 1][:2])


def _warn(reg: Registry, spec: PositionSpec, position: Position) -> None:
    if not position.source and not position.brief:
        reg.warn(spec.at, f"position of '{position.actor}' on claim '{position.claim}' has no source",
                 "position-without-source", "add 'source: id' naming where it was said")
    if position.date and position.reported and start_of(position.date) > position.reported:
        reg.warn(spec.at, f"position is dated {position.date}, after the brief that reports it "
                          f"({position.reported.isoformat()})", "position-after-brief")
