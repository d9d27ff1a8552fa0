"""Where the labels of a layered drawing's edges go: on the edge, in a gap between layers, clear of each other.

Boxes sit in layers and gaps between layers hold nothing but edges, so a label kept inside a gap can
never cover a box; it only has to stay clear of the other labels in that gap, and inside the drawing.
Each label is tried on each of its edge's gap crossings (the middle one first) at places along it a
label's height apart, from the middle of the gap outwards; when none is free, the layout is told how
much room that gap lacks (the room of every label it could not place), makes the gap wider, and asks
again (`layout._place`). Everything is in (main, cross) coordinates: main runs across the layers,
cross along them.
"""

from __future__ import annotations

from collections.abc import Sequence

Point = tuple[float, float]
Crossing = tuple[int, Point, Point]
"""A gap crossing of an edge: the gap's index (after layer r), and the points where the edge enters
and leaves the gap."""

PAD = 3.0
"""Room kept around a label, so that two never touch."""


def place_labels(crossings: Sequence[Sequence[Crossing]], sizes: Sequence[Point], gaps: Sequence[Point],
                 cross_range: Point) -> tuple[list[Point], dict[int, float]]:
    """The centre of each edge's label, and for each gap where some label found no room, the room it lacks.

    `crossings[j]` are edge j's gap crossings from its upper end to its lower; `sizes[j]` its label's
    (main, cross) size, (0, 0) for none; `gaps[r]` the (from, to) main extent of gap r; `cross_range`
    the drawing's extent along the layers, which every label stays within.
    """
    placed: dict[int, list[tuple[float, float, float, float]]] = {}
    centres: list[Point] = []
    lacking: dict[int, float] = {}
    low, high = cross_range
    for route, (lm, lc) in zip(crossings, sizes, strict=True):
        if not route:
            centres.append((0.0, 0.0))
            continue
        order = _middle_out(len(route))
        if lm <= 0:
            r, a, b = route[order[0]]
            centres.append(((a[0] + b[0]) / 2, (a[1] + b[1]) / 2))
            continue
        spot = None
        for index in order:
            r, (am, ac), (bm, bc) = route[index]
            lo, hi = gaps[r]
            for m in _stops(lo + PAD + lm / 2, hi - PAD - lm / 2, lm + 2 * PAD):
                t = (m - am) / (bm - am) if bm != am else 0.5
                c = ac + (bc - ac) * t
                shifted = min(max(c, low + lc / 2), high - lc / 2)
                if abs(shifted - c) > lc / 2:  # pushed off its own line: it would label another
                    continue
                rect = (m - lm / 2 - PAD, shifted - lc / 2 - PAD, m + lm / 2 + PAD, shifted + lc / 2 + PAD)
                if not any(_overlap(rect, other) for other in placed.get(r, ())):
                    spot = (r, m, shifted, rect)
                    break
            if spot is not None:
                break
        if spot is None:
            r, (am, ac), (bm, bc) = route[order[0]]
            m, c = (am + bm) / 2, min(max((ac + bc) / 2, low + lc / 2), high - lc / 2)
            # every label left without room needs its own: on nearly parallel edges they share no place
            lacking[r] = lacking.get(r, 0.0) + lm + 2 * PAD
            spot = (r, m, c, (m - lm / 2, c - lc / 2, m + lm / 2, c + lc / 2))
        r, m, c, rect = spot
        placed.setdefault(r, []).append(rect)
        centres.append((m, c))
    return centres, lacking


def _stops(low: float, high: float, step: float) -> list[float]:
    """Places from `low` to `high`, `step` apart, the middle first and then outwards: in a taller gap, more."""
    if high < low:
        return []
    middle = (low + high) / 2
    count = int((high - low) / 2 / step)
    return [middle + side * k * step for k in range(count + 1) for side in ((1,) if k == 0 else (-1, 1))]


def _middle_out(count: int) -> list[int]:
    """0..count-1 from the middle outwards: 1 0 2 for three, 1 2 0 3 for four."""
    middle = (count - 1) // 2
    order = [middle]
    for step in range(1, count):
        for index in (middle + step, middle - step):
            if 0 <= index < count:
                order.append(index)
    return order


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
