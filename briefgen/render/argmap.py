"""Argument maps: claims and their support/oppose relations, laid out at build time as inline SVG.

The layout is our own layered layout (`briefgen.render.layout`): pure Python, a fraction of a
millisecond for a map of a few dozen claims, and its result depends on its input alone, in order,
so output stays byte-identical. The layout chooses where layers run: left to right (a claim's
supporters and opponents to its left) when that fits a brief page's column and is no taller than
top to bottom, which is the case for small, one-step-deep arguments; otherwise whichever drawing is
narrower, since a map wider than the page has to be scrolled sideways.

The SVG never relies on colour: 'supports' is a solid line ending in an arrow, 'opposes' a
dashed line ending in a bar, each with a text label; counterclaims carry a text label too. Linked
premises run into a dot and undercuts end on the support they attack (`argjoins`), again labelled.

Layout cache. `build_map` takes an optional `layouts` mapping, which a build may keep on disk
(pickled) and merge across worker processes. Keys and values are plain tuples of ints, floats and
tuples (no objects of ours), hashable and picklable:

- key, a `ShapeKey`: `(sizes, edges)`. `sizes` holds one `(width, height)` pair of ints per claim
  box, in the map's node order (the height says how many lines the box holds); `edges` the
  `(source, target)` pairs of node positions of the drawn edges (a mutual pair drawn once), sorted.
  That is everything the layout reads, the orientation included, which it derives from these.
  Claim ids, texts, roles, relation kinds and page paths are not in it: maps of one shape share a
  layout.
- value, a `layout.Layout`: `(boxes, routes)`. `boxes[i]` is the `(x, y, w, h)` of node `i`;
  `routes[k]` the `(points, label)` of `edges[k]`: its polyline as `(x, y)` pairs from source to
  target, and the point its label is centred on.

A cache kept between runs must be dropped when briefgen's code changes (spacing and rules are code,
not key), as the parse cache is, e.g. by salting its file with `cache.code_fingerprint()`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, MutableMapping, Sequence
from dataclasses import dataclass
from html import escape

from briefgen import urls
from briefgen.render import maptext
from briefgen.render.argjoins import EDGE_LABELS, JOIN_SIZE, MapJoin, draw_join, drawn_joins, join_edges, join_title
from briefgen.render.layout import Layout, Route, Spacing, layered
from briefgen.render.maptext import EM, ROLE_EM, ROLE_SPACING

NODE_W = 216
LINE_H = 16
PAD_X, PAD_Y = 10, 9
FONT = 13
"""The size of a claim's words, in px (the map CSS sets it too); a role line is ROLE_FONT, a label LABEL_FONT."""
ROLE_FONT, LABEL_FONT = 10, 11
LABEL_H = 14
"""The height an edge label takes in the layout; its width follows its words."""
MAX_LINES = 4
LAYER_GAP = 56
"""Between layers running top to bottom, where edges cross and their labels sit."""
LAYER_GAP_ACROSS = 104
"""Between layers running left to right: the widest label, 'oppose each other', fits between the boxes."""
ROW_GAP = 16
COMPONENT_GAP = 28
MARGIN = 8
COLUMN = 680
"""The width a brief or claim page gives its map on a wide screen: a drawing never exceeds it."""
WIDE_COLUMN = 1088
"""The width a page of the site map gives its drawing on a wide screen (a wide page, 1280 px)."""
PHONE = 388
"""The widest drawing a phone (390 px wide, 358 px of column) shows scaled to fit with its words still
12 px or more; a wider one is offered behind a disclosure there, after the map as a list (mapmarkup)."""
ROLE_LABELS = {"counter": "Counterclaim", "focus": "This claim", "external": "Elsewhere"}
RELATION_LABELS = {"supports": ("supports", "supported by"), "opposes": ("opposes", "opposed by")}
MUTUAL_LABELS = {"supports": "support each other", "opposes": "oppose each other"}
MARKERS = {"supports": "arrow", "linked": "arrow", "opposes": "bar", "undercuts": "diamond"}


@dataclass(frozen=True)
class MapNode:
    id: str
    text: str
    path: str
    """Site path of the claim page."""
    role: str
    """'claim' (asserted here), 'counter' (answered here), 'focus' (the page's claim), 'external', or 'more':
    a box saying how many claims the map leaves out, linking to where they are listed (its `path` may
    end in a #fragment)."""
    contested: bool = False
    verdict: str = ""
    """The label of the claim's latest rating, '' for none: written on the box, not only coloured."""


@dataclass(frozen=True)
class MapEdge:
    source: str
    target: str
    kind: str
    """'supports' or 'opposes': source supports/opposes target. Lines through a join (argjoins) are also
    'premise' (premise to join), 'linked' (join to conclusion) and 'undercuts' (undercutter to join)."""
    mutual: bool = False
    """The target also supports/opposes the source: drawn once, with a marker at each end."""


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    """Top-left corner."""
    w: float
    h: float
    lines: tuple[str, ...]


@dataclass(frozen=True)
class OutlineRelation:
    label: str
    node: MapNode
    extra: tuple[tuple[str, MapNode], ...] = ()
    """Words and claims that complete the relation: ('together with', a co-premise), ('gives', a conclusion)."""
    kind: str = ""
    """supports, opposes, linked or undercuts."""


@dataclass(frozen=True)
class OutlineItem:
    node: MapNode
    relations: tuple[OutlineRelation, ...]


@dataclass(frozen=True)
class ArgumentMap:
    """What a template needs to show a map: the drawing and its text alternative."""

    id: str
    """Element id prefix, unique on the page."""
    title: str
    svg: str
    """Inline SVG markup; every user text in it is escaped."""
    outline: tuple[OutlineItem, ...]
    """The text alternative: each claim with its relations, as a nested list."""
    shown: int
    total: int
    """Claims the map could show; more than `shown` when it was capped."""
    kinds: tuple[str, ...] = ()
    """The kinds of relation drawn (supports, opposes, linked, undercuts), for a key to only those."""
    width: float = 0
    """The drawing's natural width, in px: a page scales it down to fit, never up."""


def build_map(map_id: str, title: str, nodes: Sequence[MapNode], edges: Iterable[MapEdge], page: str,
              total: int = 0, layouts: Layouts | None = None, joins: Iterable[MapJoin] = (),
              column: float = COLUMN) -> ArgumentMap:
    """Lay out `nodes` and the `edges` between them, as seen from the page at site path `page`, to fit
    `column` px where one box does.

    `joins` are supports drawn through a join point (linked, or undercut); a plain support that is also
    given in `edges` is drawn once, through its join. `layouts` caches layouts by shape across maps (and
    builds): see the module docstring.
    """
    ids = {n.id for n in nodes}
    shown_joins = drawn_joins(joins, ids)
    through = {(j.premises[0], j.conclusion) for j in shown_joins if not j.linked}
    kept = sorted({e for e in edges if e.source in ids and e.target in ids and e.source != e.target
                   and not (e.kind == "supports" and (e.source, e.target) in through)},
                  key=lambda e: (e.source, e.target, e.kind))
    drawn = _merge_mutual(kept)
    drawn += [MapEdge(*edge) for join in shown_joins for edge in join_edges(join)]
    boxes, routes = _choose_layout(nodes, drawn, shown_joins, layouts, column)
    svg, width = _svg(map_id, title, nodes, shown_joins, drawn, boxes, routes, page)
    kinds = {e.kind for e in drawn} - {"premise"}
    claims = [n for n in nodes if n.role != "more"]
    return ArgumentMap(map_id, title, svg, _outline(claims, drawn, shown_joins), len(claims),
                       max(total, len(claims)), tuple(k for k in MARKERS if k in kinds), width)


def _merge_mutual(edges: Sequence[MapEdge]) -> list[MapEdge]:
    """One edge for each pair of claims that support (or oppose) each other."""
    present = {(e.source, e.target, e.kind) for e in edges}
    out = []
    for e in edges:
        if (e.target, e.source, e.kind) not in present:
            out.append(e)
        elif e.source < e.target:
            out.append(MapEdge(e.source, e.target, e.kind, mutual=True))
    return out


# -- layout ---------------------------------------------------------------------------------------

ShapeKey = tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int, int], ...], int]
"""What a layout depends on: (box sizes, edges between box positions with their labels' widths, the column);
see the module docstring."""
Layouts = MutableMapping[ShapeKey, Layout]
"""A cache of layouts by shape."""


def spacing(column: float) -> Spacing:
    """The spacing of a map drawn to fit `column` px."""
    return Spacing(layer=LAYER_GAP, layer_across=LAYER_GAP_ACROSS, row=ROW_GAP, component=COMPONENT_GAP,
                   margin=MARGIN, min_width=min(column, 3 * NODE_W + 2 * ROW_GAP), column=column)


SPACING = spacing(COLUMN)


def _choose_layout(nodes: Sequence[MapNode], edges: Sequence[MapEdge], joins: Sequence[MapJoin] = (),
                   layouts: Layouts | None = None, column: float = COLUMN) -> tuple[dict[str, Box], list[Route]]:
    """Boxes by node id (a join's by its node id) and one route per edge (in `edges` order), from `layouts`
    when it has the shape.

    The layout chooses the orientation: left to right when that fits the column (and is no taller), else
    top to bottom, as many boxes a layer as fit the column (`layout.layered`).
    """
    lines = [_node_lines(node) for node in nodes] + [()] * len(joins)
    position = {node_id: i for i, node_id in enumerate([*(n.id for n in nodes), *(j.node for j in joins)])}
    triples = [(position[e.source], position[e.target], label_width(edge_label(e))) for e in edges]
    key = shape_key(lines, triples, len(joins), column)
    placed = layouts.get(key) if layouts is not None else None
    if placed is None:
        placed = layered(key[0], [(s, t) for s, t, _ in key[1]], None, spacing(key[2]),
                         [(w, LABEL_H if w else 0) for _, _, w in key[1]])
        if layouts is not None:
            layouts[key] = placed
    rects, routes = placed
    by_edge: dict[tuple[int, int, int], list[Route]] = {}
    for triple, route in zip(key[1], routes, strict=True):
        by_edge.setdefault(triple, []).append(route)
    boxes = {node_id: Box(*rects[i], lines[i]) for node_id, i in position.items()}
    # A pair can carry two edges (one claim both supports and opposes another): each gets its own route.
    return boxes, [by_edge[triple].pop(0) for triple in triples]


def shape_key(lines: Sequence[tuple[str, ...]], edges: Iterable[tuple[int, int, int]], joins: int = 0,
              column: float = COLUMN) -> ShapeKey:
    """The cache key of a map whose boxes hold `lines`, whose edges join (source, target) box positions and
    carry labels (source, target, label width), drawn to fit `column`; the last `joins` boxes are join
    points, which are small squares."""
    claims = len(lines) - joins
    sizes = [(NODE_W, len(box) * LINE_H + 2 * PAD_Y) if i < claims else (JOIN_SIZE, JOIN_SIZE)
             for i, box in enumerate(lines)]
    return tuple(sizes), tuple(sorted(edges)), round(column)


LINE_EMS = (NODE_W - 2 * PAD_X) / FONT
"""The room of a box's line, in ems of its words."""


def wrap(text: str, em: float = EM, room: float = LINE_EMS) -> tuple[str, ...]:
    """The lines of a claim's box (see maptext.wrap)."""
    return maptext.wrap(text, em, room, MAX_LINES)


def edge_label(edge: MapEdge) -> str:
    """The words on an edge: its kind, or both directions' when mutual; none on a premise's line into its join."""
    return MUTUAL_LABELS[edge.kind] if edge.mutual else EDGE_LABELS.get(edge.kind, edge.kind)


def label_width(label: str) -> int:
    """The room an edge label takes along a line, in px (see maptext.label_width)."""
    return maptext.label_width(label, LABEL_FONT)


def _role_lines(node: MapNode) -> tuple[str, ...]:
    """The line(s) above a claim's words naming its part on the map and its verdict, in words, not only
    colour: 'COUNTERCLAIM · CONTESTED · RATED: FALSE'."""
    label = ROLE_LABELS.get(node.role, "")
    if node.contested:
        label = f"{label} · contested" if label else "Contested"
    if node.verdict:
        label = f"{label} · rated: {node.verdict}" if label else f"Rated: {node.verdict}"
    return (maptext.wrap(label.upper(), ROLE_EM, (NODE_W - 2 * PAD_X) / ROLE_FONT, MAX_LINES, ROLE_SPACING)
            if label else ())


def _node_lines(node: MapNode) -> tuple[str, ...]:
    return _role_lines(node) + wrap(node.text)


# -- drawing --------------------------------------------------------------------------------------


def _svg(map_id: str, title: str, nodes: Sequence[MapNode], joins: Sequence[MapJoin], edges: Sequence[MapEdge],
         boxes: dict[str, Box], routes: Sequence[Route], page: str) -> tuple[str, float]:
    """The drawing, and its width. Its view box holds every box, line and label (labels are kept inside
    the drawing by the layout; they are counted here all the same)."""
    xs = [b.x + b.w for b in boxes.values()] + [x for points, _ in routes for x, _ in points]
    ys = [b.y + b.h for b in boxes.values()] + [y for points, _ in routes for _, y in points]
    for edge, (_, (lx, ly)) in zip(edges, routes, strict=True):
        xs.append(lx + label_width(edge_label(edge)) / 2)
        ys.append(ly + LABEL_H / 2)
    width = math.ceil(max(xs, default=MARGIN) + MARGIN)
    height = math.ceil(max(ys, default=MARGIN) + MARGIN)
    out = [f'<svg class="argmap-svg" xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
           f'viewBox="0 0 {width:.0f} {height:.0f}" role="group" aria-labelledby="{map_id}-title">',
           f'<title id="{map_id}-title">{escape(title)}</title>',
           "<defs>",
           f'<marker id="{map_id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" '
           'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="argmap-marker-supports"/></marker>',
           f'<marker id="{map_id}-bar" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="9" markerHeight="9" '
           'orient="auto-start-reverse"><path d="M8,0 L8,10" class="argmap-marker-opposes"/></marker>',
           f'<marker id="{map_id}-diamond" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" '
           'orient="auto-start-reverse"><path d="M0,5 L5,1 L10,5 L5,9 z" class="argmap-marker-undercuts"/></marker>',
           "</defs>"]
    for edge, route in zip(edges, routes, strict=True):
        out.append(_edge(map_id, edge, route))
    text = {n.id: n.text for n in nodes}
    for join in joins:
        box = boxes[join.node]
        out.append(draw_join(join, (box.x, box.y, box.w, box.h), join_title(join, text)))
    for node in nodes:
        out.append(_node(node, boxes[node.id], page))
    out.append("</svg>")
    return "\n".join(out), width


def _edge(map_id: str, edge: MapEdge, route: Route) -> str:
    """The layout starts and ends the line on the facing sides of the boxes and says where the label goes."""
    points, (lx, ly) = route
    d = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points)
    if edge.kind == "premise":  # a premise's line into its join: the arrow leaving the join says the rest
        return f'<g class="argmap-edge argmap-premise"><path d="{d}"/></g>'
    marker = f"url(#{map_id}-{MARKERS.get(edge.kind, 'arrow')})"
    start_marker = f' marker-start="{marker}"' if edge.mutual else ""
    # Centred on the point the layout chose: the baseline sits a third of the font below it.
    return (f'<g class="argmap-edge argmap-{edge.kind}">'
            f'<path d="{d}" marker-end="{marker}"{start_marker}/>'
            f'<text x="{lx:.1f}" y="{ly + 4:.1f}" text-anchor="middle">{escape(edge_label(edge))}</text></g>')


def _node(node: MapNode, box: Box, page: str) -> str:
    path, _, fragment = node.path.partition("#")
    href = escape(urls.relative(page, path) + (f"#{fragment}" if fragment else ""))
    role_lines = len(_role_lines(node))
    texts = []
    for index, line in enumerate(box.lines):
        cls = ' class="argmap-label"' if index < role_lines else ""
        texts.append(f'<tspan x="{box.x + PAD_X:.1f}" y="{box.y + PAD_Y + (index + 1) * LINE_H - 4:.1f}"{cls}>'
                     f"{escape(line)}</tspan>")
    return (f'<a href="{href}" class="argmap-node argmap-{node.role}{" is-contested" if node.contested else ""}">'
            f"<title>{escape(node.text)}</title>"
            f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.w:.1f}" height="{box.h:.1f}" rx="6"/>'
            f"<text>{''.join(texts)}</text></a>")


def _outline(nodes: Sequence[MapNode], edges: Sequence[MapEdge], joins: Sequence[MapJoin]) -> tuple[OutlineItem, ...]:
    """Each claim with its relations in words; a mutual relation is said once on each side ('oppose each
    other'), never as both 'opposes' and 'opposed by'."""
    by_id = {n.id: n for n in nodes}
    out: dict[str, list[OutlineRelation]] = {n.id: [] for n in nodes}
    for e in edges:
        if e.kind not in RELATION_LABELS or e.source not in by_id or e.target not in by_id:
            continue  # lines through a join: said below, once per support
        ahead, back = (MUTUAL_LABELS[e.kind],) * 2 if e.mutual else RELATION_LABELS[e.kind]
        out[e.source].append(OutlineRelation(ahead, by_id[e.target], kind=e.kind))
        out[e.target].append(OutlineRelation(back, by_id[e.source], kind=e.kind))
    for join in joins:
        kind = "linked" if join.linked else "supports"
        conclusion, premises = by_id[join.conclusion], [by_id[p] for p in join.premises]
        for premise in premises:
            extra = _together([p for p in premises if p is not premise])
            out[premise.id].append(OutlineRelation("supports", conclusion, extra, kind))
        out[conclusion.id].append(OutlineRelation("supported by", premises[0], _together(premises[1:]), kind))
        gives = ("gives" if not join.linked else "together give", conclusion)
        for cutter in join.undercut_by:
            out[cutter].append(OutlineRelation("undercuts the support that", premises[0],
                                               (*(("and", p) for p in premises[1:]), gives), "undercuts"))
            for premise in premises:
                out[premise.id].append(OutlineRelation("its support of", conclusion,
                                                       (("is undercut by", by_id[cutter]),), "undercuts"))
            out[conclusion.id].append(OutlineRelation("its support from", premises[0],
                                                      (*(("and", p) for p in premises[1:]),
                                                       ("is undercut by", by_id[cutter])), "undercuts"))
    return tuple(OutlineItem(node, tuple(out[node.id])) for node in nodes)


def _together(others: Sequence[MapNode]) -> tuple[tuple[str, MapNode], ...]:
    """'together with A', 'together with A and B'."""
    return tuple(("together with" if i == 0 else "and", node) for i, node in enumerate(others))
