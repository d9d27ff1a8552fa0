"""A layered (Sugiyama-style) layout for small directed graphs, such as argument maps.

Argument maps are small (2 to 30 boxes, a few dozen edges) and may hold cycles (two claims that
oppose each other), so this is the classic layered layout, written for that size:

1. `layering`: cycles are broken by reversing the backward edges of a greedy (Eades-Lin-Smyth)
   vertex order, layers are assigned by longest path with boxes pulled down towards their
   successors when that shortens edges, edges spanning several layers get a dummy vertex in each
   layer they pass, and barycenter sweeps reduce crossings (ties broken by current place);
2. the orientation: layers run left to right when that fits `Spacing.column`, is no taller, and
   crowds no box's side with edges; else top to bottom, where a layer holds no more boxes than fit
   the column and gives the rest to the layers below (list scheduling, as Coffman-Graham), so that
   the drawing is never wider than the column unless one box is;
3. coordinates (`layercoords`): each layer is placed as close as possible to the mean of its
   neighbours while keeping boxes apart (a weighted isotonic regression, solved exactly by
   pool-adjacent-violators), sweeping down and up; then long edges are straightened where their
   whole run has room;
4. routes: an edge leaves the side of its box facing the next layer, runs straight through every
   layer it passes (where its dummy kept room), crosses the gaps between layers diagonally and
   enters the facing side of its other box; edges sharing a side are spread along it;
5. labels (`maplabels`): each edge's label goes on one of its gap crossings, clear of every other
   label and inside the drawing; a gap too crowded for its labels is made wider.

Everything depends on the input alone, in its order: nothing iterates over a set or depends on hash
seeds, so identical input gives an identical, byte-for-byte layout. Nodes are numbered by their
position in `sizes`; edges join two different nodes.

The result is plain tuples (picklable, hashable, with no methods) so that it can be cached on disk:
`(boxes, routes)`, where `boxes[i]` is `(x, y, w, h)` (top-left corner and size) of node `i`, and
`routes[j]` is `(points, label)` for edge `j`: `points` is the polyline from the source box to the
target box, and `label` the centre of its label (of the size given for it), on one of the edge's
crossings of a gap between layers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.render.layercoords import LANE, Point, coordinates
from briefgen.render.layering import Layered, layer_graph
from briefgen.render.maplabels import PAD, Crossing, place_labels

Rect = tuple[float, float, float, float]
Route = tuple[tuple[Point, ...], Point]
Layout = tuple[tuple[Rect, ...], tuple[Route, ...]]

CORNER = 8.0
"""Room kept clear at each end of a box's side, where its corner is rounded: no edge ends there."""
LABEL_ATTEMPTS = 4
"""Times a part is placed at most while a gap between its layers lacks room for its labels."""


@dataclass(frozen=True)
class Spacing:
    layer: float = 56
    """Between layers running top to bottom: where edges cross over and their labels sit."""
    layer_across: float = 84
    """Between layers running left to right, at least; the widest label is given room besides."""
    row: float = 16
    """Between neighbouring boxes, or edges passing through, within a layer."""
    component: float = 28
    """Between unconnected parts of the graph, stacked top to bottom."""
    margin: float = 8
    min_width: float = 0
    """Boxes without edges are set in rows at least this wide (or as wide as the widest part)."""
    port: float = 12
    """Most room between the ends of edges that share one side of a box."""
    column: float = 680
    """The width a drawing should fit: layers run top to bottom unless left to right fits it, and a layer
    running top to bottom holds no more boxes than fit it, side by side."""
    crowded: int = 5
    """Edges on one side of a box, at most, for layers to run left to right: a box's side is its height
    then, and more edges than this would meet at one point."""


@dataclass(frozen=True)
class _Part:
    """One connected part, placed."""

    boxes: tuple[Rect, ...]
    routes: tuple[Route, ...]
    width: float
    """Where its right edge is."""
    height: float


def layered(sizes: Sequence[tuple[float, float]], edges: Sequence[tuple[int, int]], across: bool | None = None,
            spacing: Spacing = Spacing(), labels: Sequence[tuple[float, float]] = ()) -> Layout:
    """Boxes of `sizes` (width, height) and routes of `edges`; layers run left to right when `across`, top
    to bottom when not, and None chooses (see the module docstring). `labels` are the (width, height) of
    each edge's label, (0, 0) or none for no label: each is placed on its edge clear of the others.
    Unconnected parts are stacked top to bottom, boxes without edges last, in rows."""
    for s, t in edges:
        if s == t or not (0 <= s < len(sizes) and 0 <= t < len(sizes)):
            raise ValueError(f"edge {(s, t)} must join two different nodes of {len(sizes)}")
    label_sizes = list(labels) or [(0.0, 0.0)] * len(edges)
    if len(label_sizes) != len(edges):
        raise ValueError(f"{len(label_sizes)} labels for {len(edges)} edges")
    parts: _Parts = []
    singles = []
    for nodes, members in _components(len(sizes), edges):
        if not members:
            singles.append(nodes[0])
            continue
        local = {v: i for i, v in enumerate(nodes)}
        part_edges = [(local[edges[j][0]], local[edges[j][1]]) for j in members]
        parts.append((nodes, members, part_edges, layer_graph(len(nodes), part_edges), [sizes[v] for v in nodes]))
    chosen = across if across is not None else _prefer_across(
        [(graph, part_sizes) for _, _, _, graph, part_sizes in parts], spacing, label_sizes)
    budget = spacing.column - 2 * spacing.margin
    boxes, routes, top, widest = _stack(parts, chosen, spacing, label_sizes, len(sizes), len(edges))
    if across is None and chosen and widest - spacing.margin > budget:  # its labels widened it past the column
        boxes, routes, top, widest = _stack(parts, False, spacing, label_sizes, len(sizes), len(edges))
    limit = max(widest - spacing.margin, min(spacing.min_width, budget))
    x, row_height = 0.0, 0.0
    for v in singles:
        w, h = sizes[v]
        if x > 0 and x + w > limit:
            top, x, row_height = top + row_height + spacing.row, 0.0, 0.0
        boxes[v] = (x + spacing.margin, top, w, h)
        x, row_height = x + w + spacing.row, max(row_height, h)
    return tuple(boxes), tuple(routes)


_Parts = list[tuple[list[int], list[int], list[tuple[int, int]], Layered, list[tuple[float, float]]]]


def _stack(parts: _Parts, across: bool, spacing: Spacing, labels: list[tuple[float, float]], boxes: int,
           edges: int) -> tuple[list[Rect], list[Route], float, float]:
    """The connected parts placed one under the other: every box and route (those of boxes without edges
    left empty), where the next part would go, and the right edge of the widest."""
    rects: list[Rect] = [(0.0, 0.0, 0.0, 0.0)] * boxes
    routes: list[Route] = [((), (0.0, 0.0))] * edges
    top, widest = spacing.margin, 0.0
    budget = spacing.column - 2 * spacing.margin
    for nodes, members, part_edges, graph, part_sizes in parts:
        if not across:  # a layer wider than the column gives some of its boxes to the layers below
            graph = layer_graph(len(nodes), part_edges, [w for w, _ in part_sizes], budget, spacing.row, LANE)
        part = _place(graph, part_sizes, across, spacing, (spacing.margin, top), [labels[j] for j in members])
        for v, box in zip(nodes, part.boxes, strict=True):
            rects[v] = box
        for j, route in zip(members, part.routes, strict=True):
            routes[j] = route
        widest = max(widest, part.width)
        top += part.height + spacing.component
    return rects, routes, top, widest


def _across_gap(spacing: Spacing, labels: Sequence[tuple[float, float]]) -> float:
    """Between layers running left to right: room for the widest label, and for it to slide along its edge."""
    widest = max((w for w, _ in labels), default=0.0)
    return max(spacing.layer_across, widest + 2 * PAD + 2 * spacing.port)


def _prefer_across(parts: list[tuple[Layered, list[tuple[float, float]]]], spacing: Spacing,
                   labels: Sequence[tuple[float, float]]) -> bool:
    """Whether layers should run left to right: when that fits the column, is no taller than top to bottom,
    and crowds no box's side with edges. Measured on layers packed tight, before coordinates (a drawing is
    never narrower than that), so the choice costs no second layout; boxes without edges are left out, they
    go below either way.

    Top to bottom, a layer holds no more boxes than fit the column (`layering`), so a drawing that way
    always fits; left to right is the choice for small, one-step arguments, whose claims then read as
    reasons beside what they support. The rule it replaces ('left to right when one step deep') chose the
    same on the example site."""
    gap = _across_gap(spacing, labels)
    budget = spacing.column - 2 * spacing.margin
    across_width = across_height = down_height = 0.0
    for graph, sizes in parts:
        if any(len(graph.up[v]) > spacing.crowded or len(graph.down[v]) > spacing.crowded for v in range(graph.n)):
            return False
        length_across = gap * (len(graph.layers) - 1)
        length_down = -spacing.layer
        for rank in graph.layers:
            widest = tallest = 0.0
            row_height = -spacing.row
            rows, row_width = 1, -spacing.row
            for v in rank:
                w, h = sizes[v] if v < graph.n else (0.0, 0.0)
                widest, tallest = max(widest, w), max(tallest, h)
                row_height += h + spacing.row
                if row_width > 0 and row_width + spacing.row + w > budget:  # top to bottom, it wraps
                    rows, row_width = rows + 1, -spacing.row
                row_width += spacing.row + w
            length_across += widest
            length_down += rows * (tallest + spacing.layer)
            across_height = max(across_height, row_height)
        across_width = max(across_width, length_across)
        down_height += length_down
    return across_width <= budget and across_height <= down_height


def _components(n: int, edges: Sequence[tuple[int, int]]) -> list[tuple[list[int], list[int]]]:
    """Connected parts as (nodes, edge indices), each in input order, ordered by their first node."""
    root = list(range(n))

    def find(v: int) -> int:
        while root[v] != v:
            root[v] = root[root[v]]
            v = root[v]
        return v

    for s, t in edges:
        a, b = find(s), find(t)
        root[max(a, b)] = min(a, b)
    nodes: dict[int, list[int]] = {}
    for v in range(n):
        nodes.setdefault(find(v), []).append(v)
    members: dict[int, list[int]] = {r: [] for r in nodes}
    for j, (s, _) in enumerate(edges):
        members[find(s)].append(j)
    return [(nodes[r], members[r]) for r in nodes]


def _place(graph: Layered, sizes: list[tuple[float, float]], across: bool, spacing: Spacing, corner: Point,
           labels: list[tuple[float, float]]) -> _Part:
    """One connected part, with its top-left at `corner`."""
    # Work in (main, cross) coordinates: main runs across the layers, cross along them.
    cross_size = [(h if across else w) for w, h in sizes] + [0.0] * (len(graph.rank) - len(sizes))
    main_size = [(w if across else h) for w, h in sizes]
    centre = coordinates(graph, cross_size, spacing.row, float('inf') if across else
                          spacing.column - 2 * spacing.margin)
    low = min(c - z / 2 for c, z in zip(centre, cross_size, strict=True))
    high = max(c + z / 2 for c, z in zip(centre, cross_size, strict=True))
    thickness = [max((main_size[v] for v in layer if v < len(sizes)), default=0.0) for layer in graph.layers]
    left, top = corner
    main_shift, cross_shift = (left, top - low) if across else (top, left - low)
    centre = [c + cross_shift for c in centre]
    ports = _ports(graph, centre, cross_size, spacing.port)
    label_sizes = [(w, h) if across else (h, w) for w, h in labels]  # as (main, cross)
    gaps = [_across_gap(spacing, labels) if across else spacing.layer] * (len(thickness) - 1)
    for attempt in range(LABEL_ATTEMPTS):
        start = [main_shift] * len(thickness)
        for r in range(1, len(thickness)):
            start[r] = start[r - 1] + thickness[r - 1] + gaps[r - 1]
        lines, crossings = _lines(graph, centre, ports, main_size, start, thickness)
        bands = [(start[r] + thickness[r], start[r + 1]) for r in range(len(gaps))]
        spots, lacking = place_labels(crossings, label_sizes, bands, (low + cross_shift, high + cross_shift))
        if not lacking or attempt == LABEL_ATTEMPTS - 1:
            break
        for r, room in lacking.items():  # a crowded gap grows by what its labels lacked, and all are placed again
            gaps[r] += room
    boxes = []
    for v, (w, h) in enumerate(sizes):
        r = graph.rank[v]
        main, cross = start[r] + (thickness[r] - main_size[v]) / 2, centre[v] - cross_size[v] / 2
        boxes.append((main, cross, w, h) if across else (cross, main, w, h))
    routes: list[Route] = []
    for line, (m, c), flipped in zip(lines, spots, graph.reversed, strict=True):
        points = line if across else [(c2, m2) for m2, c2 in line]
        if flipped:
            points.reverse()
        routes.append((tuple(points), (m, c) if across else (c, m)))
    length = start[-1] + thickness[-1] - main_shift
    width, height = (length, high - low) if across else (high - low, length)
    return _Part(tuple(boxes), tuple(routes), left + width, height)


def _lines(graph: Layered, centre: list[float], ports: list[list[float]], main_size: list[float],
           start: list[float], thickness: list[float]) -> tuple[list[list[Point]], list[list[Crossing]]]:
    """Each edge's polyline in (main, cross), and its crossings of the gaps between layers."""
    lines, crossings = [], []
    for chain, (first, last) in zip(graph.chains, ports, strict=True):
        head, tail = chain[0], chain[-1]
        r_head, r_tail = graph.rank[head], graph.rank[tail]
        # Out of the box, straight to the edge of its layer; through each layer passed at the dummy's place;
        # from the edge of the last layer straight into the box. Gaps between layers are crossed diagonally.
        line = [(start[r_head] + (thickness[r_head] + main_size[head]) / 2, first)]
        if main_size[head] < thickness[r_head]:
            line.append((start[r_head] + thickness[r_head], first))
        for d in chain[1:-1]:
            r = graph.rank[d]
            line += [(start[r], centre[d]), (start[r] + thickness[r], centre[d])]
        if main_size[tail] < thickness[r_tail]:
            line.append((start[r_tail], last))
        line.append((start[r_tail] + (thickness[r_tail] - main_size[tail]) / 2, last))
        lines.append(line)
        across = [first, *(centre[d] for d in chain[1:-1]), last]  # where the edge is at each layer
        crossings.append([(graph.rank[v], (start[graph.rank[v]] + thickness[graph.rank[v]], across[i]),
                           (start[graph.rank[v] + 1], across[i + 1])) for i, v in enumerate(chain[:-1])])
    return lines, crossings


def _ports(graph: Layered, centre: list[float], size: list[float], step: float) -> list[list[float]]:
    """Where each edge leaves its upper box and enters its lower box, along the box's side: [upper, lower].

    Edges sharing a side are spread along it, `step` apart or as far as the side allows (its rounded
    corners kept clear), in the order of where they go, so that their arrowheads and bars stay apart and
    they do not cross at the box: twenty edges into one box meet it at twenty points, not one.
    """
    sides: list[list[tuple[float, int, int]]] = [[] for _ in range(2 * graph.n)]
    for j, chain in enumerate(graph.chains):
        sides[2 * chain[0] + 1].append((centre[chain[1]], j, 0))
        sides[2 * chain[-1]].append((centre[chain[-2]], j, 1))
    ends = [[0.0, 0.0] for _ in graph.chains]
    for index, items in enumerate(sides):
        v = index // 2
        if len(items) == 1:
            ends[items[0][1]][items[0][2]] = centre[v]
            continue
        items.sort()
        span = min(step * (len(items) - 1), max(size[v] - 2 * CORNER, 0.0))
        for i, (_, j, end) in enumerate(items):
            ends[j][end] = centre[v] + span * (i / (len(items) - 1) - 0.5)
    return ends
