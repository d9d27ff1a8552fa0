"""Supports drawn through a join point: linked premises, and supports that are undercut.

A linked support's premises run into one small dot, and one arrow, labelled "together support",
leaves it for the conclusion: the drawing says that they support it only together. A support that
is undercut is drawn through a small ring, and the undercut ends on that ring, since what it
attacks is the support, not a claim. In the layout a join is a node of its own, a small square box,
so that the layered layout (layout.py) places it between premises and conclusion like any box.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

JOIN_SIZE = 10
"""The side of a join's box in the layout; the dot or ring is drawn at its centre."""
JOIN_PREFIX = "join:"
"""Starts the layout node id of a join; claim ids cannot hold ':', so the two never meet."""
EDGE_LABELS = {"premise": "", "linked": "together support", "undercuts": "undercuts"}
"""The text on each kind of edge a join adds (a premise's line into the dot needs none: the arrow says it)."""


@dataclass(frozen=True)
class MapJoin:
    """A support drawn through a join point."""

    id: str
    """The inference's id."""
    premises: tuple[str, ...]
    conclusion: str
    undercut_by: tuple[str, ...] = ()
    """Claims on the map that undercut this support."""

    @property
    def linked(self) -> bool:
        return len(self.premises) > 1

    @property
    def node(self) -> str:
        return JOIN_PREFIX + self.id


def drawn_joins(joins: Iterable[MapJoin], ids: set[str]) -> list[MapJoin]:
    """The joins whose claims are all on the map, with only the undercuts the map shows; a plain support
    that nothing on the map undercuts is an ordinary edge, and is not a join."""
    out = {}
    for join in joins:
        if join.conclusion not in ids or not all(p in ids for p in join.premises):
            continue
        cutters = tuple(sorted(u for u in set(join.undercut_by) if u in ids))
        if join.linked or cutters:
            out[join.id] = MapJoin(join.id, join.premises, join.conclusion, cutters)
    return [out[key] for key in sorted(out)]


def join_edges(join: MapJoin) -> list[tuple[str, str, str]]:
    """(source, target, kind) of every line a join adds to the layout."""
    edges = [(p, join.node, "premise") for p in join.premises]
    edges.append((join.node, join.conclusion, "linked" if join.linked else "supports"))
    edges += [(u, join.node, "undercuts") for u in join.undercut_by]
    return edges


def join_title(join: MapJoin, text: dict[str, str]) -> str:
    """What a join means, in words, for its tooltip."""
    premises = _and([f"“{text[p]}”" for p in join.premises])
    verb = "together support" if join.linked else "supports"
    said = f"{premises} {verb} “{text[join.conclusion]}”"
    if join.undercut_by:
        said += "; undercut by " + _and([f"“{text[u]}”" for u in join.undercut_by])
    return said


def draw_join(join: MapJoin, box: tuple[float, float, float, float], title: str) -> str:
    x, y, w, h = box
    kind = "linked" if join.linked else "undercut"
    return (f'<g class="argmap-join argmap-join-{kind}"><title>{escape(title)}</title>'
            f'<circle cx="{x + w / 2:.1f}" cy="{y + h / 2:.1f}" r="{4.5 if join.linked else 4}"/></g>')


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
