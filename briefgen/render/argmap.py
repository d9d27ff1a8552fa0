"""Argument maps: claims and their support/oppose relations, laid out at build time as inline SVG.

The layout is grandalf's Sugiyama (layered) layout: pure Python, so a plain `pip install` is
enough, and its result depends on the input order alone (checked across hash seeds), so the
output stays byte-identical. Layers run left to right (a claim's supporters and opponents sit to
its left), which keeps maps narrow: their width grows with the depth of an argument, which is
small, and their height with the number of claims.

The SVG never relies on colour: 'supports' is a solid line ending in an arrow, 'opposes' a
dashed line ending in a bar, each with a text label; counterclaims carry a text label too.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from html import escape

from grandalf.graphs import Edge, Graph, Vertex
from grandalf.layouts import SugiyamaLayout

from briefgen import urls

NODE_W = 216
LINE_H = 16
PAD_X, PAD_Y = 10, 9
CHARS_PER_LINE = 26
MAX_LINES = 4
LAYER_GAP = 84
ROW_GAP = 16
COMPONENT_GAP = 28
MARGIN = 8
ROLE_LABELS = {"counter": "Counterclaim", "focus": "This claim", "external": "Elsewhere"}
RELATION_LABELS = {"supports": ("supports", "supported by"), "opposes": ("opposes", "opposed by")}


@dataclass(frozen=True)
class MapNode:
    id: str
    text: str
    path: str
    """Site path of the claim page."""
    role: str
    """'claim' (asserted here), 'counter' (answered here), 'focus' (the page's claim) or 'external'."""
    contested: bool = False


@dataclass(frozen=True)
class MapEdge:
    source: str
    target: str
    kind: str
    """'supports' or 'opposes': source supports/opposes target."""
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


def build_map(map_id: str, title: str, nodes: Sequence[MapNode], edges: Iterable[MapEdge], page: str,
              total: int = 0) -> ArgumentMap:
    """Lay out `nodes` and the `edges` between them, as seen from the page at site path `page`."""
    ids = {n.id for n in nodes}
    kept = sorted({e for e in edges if e.source in ids and e.target in ids and e.source != e.target},
                  key=lambda e: (e.source, e.target, e.kind))
    drawn = _merge_mutual(kept)
    boxes, paths = _choose_layout(nodes, drawn)
    svg = _svg(map_id, title, nodes, drawn, boxes, paths, page)
    return ArgumentMap(map_id, title, svg, _outline(nodes, kept), len(nodes), max(total, len(nodes)))


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

Layout = tuple[dict[str, "Box"], list[list[tuple[float, float]]]]


def _choose_layout(nodes: Sequence[MapNode], edges: Sequence[MapEdge]) -> Layout:
    """Left to right when the argument is one step deep (two layers fit a reading column), else top to bottom.

    Depth one means no claim both has a relation and is the target of one; deciding that up front
    costs nothing, where laying out both ways and comparing doubled the build's layout time.
    """
    sources = {e.source for e in edges}
    targets = {e.target for e in edges}
    # Node paths do not affect the layout; dropping them lets a brief's map and its claims' maps share one.
    key = tuple(replace(n, path="") for n in nodes), tuple(edges)
    boxes, paths = _layout_memo(key, not (sources & targets))
    return dict(boxes), [list(p) for p in paths]


@functools.lru_cache(maxsize=20_000)
def _layout_memo(key: tuple[tuple[MapNode, ...], tuple[MapEdge, ...]], across: bool) -> Layout:
    """The layout is a pure function of its input and the dearest step of a build (grandalf): a
    live-preview session or one build lays out each distinct neighbourhood once. Callers copy it."""
    return _layout(key[0], key[1], across)


class _View:
    """What grandalf reads and writes on a vertex: its size and centre."""

    def __init__(self, w: float, h: float) -> None:
        self.w, self.h = w, h
        self.xy = (0.0, 0.0)


class _EdgeView:
    def __init__(self) -> None:
        self.points: list[tuple[float, float]] = []

    def setpath(self, points: list[tuple[float, float]]) -> None:
        self.points = list(points)


def wrap(text: str) -> tuple[str, ...]:
    lines = textwrap.wrap(text, CHARS_PER_LINE, break_long_words=True) or [""]
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], textwrap.shorten(" ".join(lines[MAX_LINES - 1:]), CHARS_PER_LINE,
                                                            placeholder="…")]
    return tuple(lines)


def _node_lines(node: MapNode) -> tuple[str, ...]:
    label = ROLE_LABELS.get(node.role, "")
    if node.contested:
        label = f"{label} · contested" if label else "Contested"
    return ((label.upper(),) if label else ()) + wrap(node.text)


def _layout(nodes: Sequence[MapNode], edges: Sequence[MapEdge], across: bool) -> Layout:
    """Boxes by node id and one polyline per edge (in `edges` order).

    Layers run left to right when `across`, else top to bottom.
    """
    vertices: dict[str, Vertex] = {}
    lines: dict[str, tuple[str, ...]] = {}
    for node in nodes:
        lines[node.id] = _node_lines(node)
        vertex = Vertex(node.id)
        # grandalf stacks layers along y; `across` turns its drawing a quarter, so width and height swap.
        height = len(lines[node.id]) * LINE_H + 2 * PAD_Y
        vertex.view = _View(height, NODE_W) if across else _View(NODE_W, height)
        vertices[node.id] = vertex
    graph_edges = []
    for edge in edges:
        e = Edge(vertices[edge.source], vertices[edge.target])
        e.view = _EdgeView()
        graph_edges.append(e)
    graph = Graph(list(vertices.values()), graph_edges)
    boxes: dict[str, Box] = {}
    top = MARGIN
    singles: list[Vertex] = []
    for component in graph.C:
        members = list(component.sV)
        if len(members) == 1:
            singles.append(members[0])
            continue
        layout = SugiyamaLayout(component)
        layout.xspace, layout.yspace = (ROW_GAP, LAYER_GAP) if across else (ROW_GAP, LAYER_GAP * 2 // 3)
        layout.init_all()
        layout.draw()
        min_x = min(v.view.xy[0] - v.view.w / 2 for v in members)
        min_y = min(v.view.xy[1] - v.view.h / 2 for v in members)
        for v in members:
            cx, cy = v.view.xy
            if across:
                boxes[v.data] = Box(MARGIN + cy - min_y - v.view.h / 2, top + cx - min_x - v.view.w / 2,
                                    v.view.h, v.view.w, lines[v.data])
            else:
                boxes[v.data] = Box(MARGIN + cx - min_x - v.view.w / 2, top + cy - min_y - v.view.h / 2,
                                    v.view.w, v.view.h, lines[v.data])
        for e in component.sE:
            if across:
                e.view.points = [(MARGIN + py - min_y, top + px - min_x) for px, py in e.view.points]
            else:
                e.view.points = [(MARGIN + px - min_x, top + py - min_y) for px, py in e.view.points]
        top = max(b.y + b.h for b in boxes.values()) + COMPONENT_GAP
    width = max([b.x + b.w for b in boxes.values()] + [MARGIN + 3 * NODE_W + 2 * ROW_GAP])
    per_row = max(1, int((width - MARGIN) // (NODE_W + ROW_GAP)))
    for start in range(0, len(singles), per_row):
        row = singles[start:start + per_row]
        heights = [len(lines[v.data]) * LINE_H + 2 * PAD_Y for v in row]
        for index, (v, h) in enumerate(zip(row, heights, strict=True)):
            boxes[v.data] = Box(MARGIN + index * (NODE_W + ROW_GAP), top, NODE_W, h, lines[v.data])
        top += max(heights) + ROW_GAP
    return boxes, [e.view.points for e in graph_edges]


# -- drawing --------------------------------------------------------------------------------------


def _svg(map_id: str, title: str, nodes: Sequence[MapNode], edges: Sequence[MapEdge], boxes: dict[str, Box],
         paths: Sequence[list[tuple[float, float]]], page: str) -> str:
    width = max(b.x + b.w for b in boxes.values()) + MARGIN if boxes else 2 * MARGIN
    height = max(b.y + b.h for b in boxes.values()) + MARGIN if boxes else 2 * MARGIN
    out = [f'<svg class="argmap-svg" xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
           f'viewBox="0 0 {width:.0f} {height:.0f}" role="group" aria-labelledby="{map_id}-title">',
           f'<title id="{map_id}-title">{escape(title)}</title>',
           "<defs>",
           f'<marker id="{map_id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" '
           'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="argmap-marker-supports"/></marker>',
           f'<marker id="{map_id}-bar" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="9" markerHeight="9" '
           'orient="auto-start-reverse"><path d="M8,0 L8,10" class="argmap-marker-opposes"/></marker>',
           "</defs>"]
    for edge, points in zip(edges, paths, strict=True):
        out.append(_edge(map_id, edge, boxes, points))
    for node in nodes:
        out.append(_node(node, boxes[node.id], page))
    out.append("</svg>")
    return "\n".join(out)


def _edge(map_id: str, edge: MapEdge, boxes: dict[str, Box], points: list[tuple[float, float]]) -> str:
    source, target = boxes[edge.source], boxes[edge.target]
    start = _port(source, target)
    end = _port(target, source)
    middle = points[1:-1]
    route = [start, *middle, end]
    d = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in route)
    marker = f"url(#{map_id}-{'arrow' if edge.kind == 'supports' else 'bar'})"
    (ax, ay), (bx, by) = route[len(route) // 2 - 1], route[len(route) // 2]
    label = escape(f"{edge.kind[:-1]} each other" if edge.mutual else edge.kind)
    start_marker = f' marker-start="{marker}"' if edge.mutual else ""
    return (f'<g class="argmap-edge argmap-{edge.kind}">'
            f'<path d="{d}" marker-end="{marker}"{start_marker}/>'
            f'<text x="{(ax + bx) / 2:.1f}" y="{(ay + by) / 2 - 4:.1f}" text-anchor="middle">{label}</text></g>')


def _port(box: Box, other: Box) -> tuple[float, float]:
    """Where an edge leaves `box` towards `other`: the middle of the facing side."""
    cy = box.y + box.h / 2
    if other.x >= box.x + box.w:
        return box.x + box.w, cy
    if other.x + other.w <= box.x:
        return box.x, cy
    return box.x + box.w / 2, (box.y + box.h if other.y > box.y else box.y)


def _node(node: MapNode, box: Box, page: str) -> str:
    href = escape(urls.relative(page, node.path))
    has_label = node.role in ROLE_LABELS or node.contested
    texts = []
    for index, line in enumerate(box.lines):
        cls = ' class="argmap-label"' if has_label and index == 0 else ""
        texts.append(f'<tspan x="{box.x + PAD_X:.1f}" y="{box.y + PAD_Y + (index + 1) * LINE_H - 4:.1f}"{cls}>'
                     f"{escape(line)}</tspan>")
    return (f'<a href="{href}" class="argmap-node argmap-{node.role}{" is-contested" if node.contested else ""}">'
            f"<title>{escape(node.text)}</title>"
            f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.w:.1f}" height="{box.h:.1f}" rx="6"/>'
            f"<text>{''.join(texts)}</text></a>")


def _outline(nodes: Sequence[MapNode], edges: Sequence[MapEdge]) -> tuple[OutlineItem, ...]:
    by_id = {n.id: n for n in nodes}
    items = []
    for node in nodes:
        relations = [OutlineRelation(RELATION_LABELS[e.kind][0], by_id[e.target]) for e in edges if e.source == node.id]
        relations += [OutlineRelation(RELATION_LABELS[e.kind][1], by_id[e.source]) for e in edges
                      if e.target == node.id]
        items.append(OutlineItem(node, tuple(relations)))
    return tuple(items)
