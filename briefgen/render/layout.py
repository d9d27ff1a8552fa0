"""A layered (Sugiyama-style) layout for small directed graphs, such as argument maps.

Argument maps are small (2 to 30 boxes, a few dozen edges) and may hold cycles (two claims that
oppose each other), so this is the classic layered layout, written for that size:

1. `layering`: cycles are broken by reversing the backward edges of a greedy (Eades-Lin-Smyth)
   vertex order, layers are assigned by longest path with boxes pulled down towards their
   successors when that shortens edges, edges spanning several layers get a dummy vertex in each
   layer they pass, and barycenter sweeps reduce crossings (ties broken by current place);
2. the orientation: layers run left to right or top to bottom, whichever fits `Spacing.column`
   (and is then the shorter), else whichever is narrower;
3. coordinates: each layer is placed as close as possible to the mean of its neighbours while
   keeping boxes apart (a weighted isotonic regression, solved exactly by pool-adjacent-violators),
   sweeping down and up; then long edges are straightened where their whole run has room;
4. routes: an edge leaves the side of its box facing the next layer, runs straight through every
   layer it passes (where its dummy kept room), crosses the gaps between layers diagonally and
   enters the facing side of its other box; edges sharing a side are spread along it.

Everything depends on the input alone, in its order: nothing iterates over a set or depends on hash
seeds, so identical input gives an identical, byte-for-byte layout. Nodes are numbered by their
position in `sizes`; edges join two different nodes.

The result is plain tuples (picklable, hashable, with no methods) so that it can be cached on disk:
`(boxes, routes)`, where `boxes[i]` is `(x, y, w, h)` (top-left corner and size) of node `i`, and
`routes[j]` is `(points, label)` for edge `j`: `points` is the polyline from the source box to the
target box, and `label` a point on the edge's middle crossing of a gap between layers where its
label can go (the midpoint, unless another label is there).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from briefgen.render.layering import Layered, layer_graph

Point = tuple[float, float]
Rect = tuple[float, float, float, float]
Route = tuple[tuple[Point, ...], Point]
Layout = tuple[tuple[Rect, ...], tuple[Route, ...]]

DUMMY_WEIGHT = 4.0
"""How much more a dummy vertex wants its place than a box: long edges stay straight."""
LABEL_STEPS = (0.5, 0.35, 0.65, 0.2, 0.8)
"""Where along its gap crossing an edge label may go, in order of preference."""


@dataclass(frozen=True)
class Spacing:
    layer: float = 56
    """Between layers running top to bottom: where edges cross over and their labels sit."""
    layer_across: float = 84
    """Between layers running left to right: wider, as labels are wider than tall."""
    row: float = 16
    """Between neighbouring boxes, or edges passing through, within a layer."""
    component: float = 28
    """Between unconnected parts of the graph, stacked top to bottom."""
    margin: float = 8
    min_width: float = 0
    """Boxes without edges are set in rows at least this wide (or as wide as the widest part)."""
    port: float = 12
    """Most room between the ends of edges that share one side of a box."""
    label: Point = (60, 14)
    """Room an edge label takes (width, height): labels in one gap are kept this far apart."""
    column: float = 680
    """The width a drawing should fit, for choosing its orientation."""


@dataclass(frozen=True)
class _Part:
    """One connected part, placed."""

    boxes: tuple[Rect, ...]
    routes: tuple[Route, ...]
    width: float
    """Where its right edge is."""
    height: float


def layered(sizes: Sequence[tuple[float, float]], edges: Sequence[tuple[int, int]], across: bool | None = None,
            spacing: Spacing = Spacing()) -> Layout:
    """Boxes of `sizes` (width, height) and routes of `edges`; layers run left to right when `across`, top
    to bottom when not, and None chooses (see the module docstring). Unconnected parts are stacked top to
    bottom, boxes without edges last, in rows."""
    for s, t in edges:
        if s == t or not (0 <= s < len(sizes) and 0 <= t < len(sizes)):
            raise ValueError(f"edge {(s, t)} must join two different nodes of {len(sizes)}")
    parts, singles = [], []
    for nodes, members in _components(len(sizes), edges):
        if not members:
            singles.append(nodes[0])
            continue
        local = {v: i for i, v in enumerate(nodes)}
        graph = layer_graph(len(nodes), [(local[edges[j][0]], local[edges[j][1]]) for j in members])
        parts.append((nodes, members, graph, [sizes[v] for v in nodes]))
    if across is None:
        across = _prefer_across([(graph, part_sizes) for _, _, graph, part_sizes in parts], spacing)
    boxes: list[Rect] = [(0.0, 0.0, 0.0, 0.0)] * len(sizes)
    routes: list[Route] = [((), (0.0, 0.0))] * len(edges)
    top, widest = spacing.margin, 0.0
    for nodes, members, graph, part_sizes in parts:
        part = _place(graph, part_sizes, across, spacing, (spacing.margin, top))
        for v, box in zip(nodes, part.boxes, strict=True):
            boxes[v] = box
        for j, route in zip(members, part.routes, strict=True):
            routes[j] = route
        widest = max(widest, part.width)
        top += part.height + spacing.component
    limit = max(widest, spacing.min_width)
    x, row_height = 0.0, 0.0
    for v in singles:
        w, h = sizes[v]
        if x > 0 and x + w > limit:
            top, x, row_height = top + row_height + spacing.row, 0.0, 0.0
        boxes[v] = (x + spacing.margin, top, w, h)
        x, row_height = x + w + spacing.row, max(row_height, h)
    return tuple(boxes), tuple(routes)


def _prefer_across(parts: list[tuple[Layered, list[tuple[float, float]]]], spacing: Spacing) -> bool:
    """Whether layers should run left to right: the drawing that fits the column, then the shorter, else the
    narrower. Measured on layers packed tight, before coordinates (a drawing is never narrower than that),
    so the choice costs no second layout; boxes without edges are left out, they go below either way.

    The rule it replaces, 'left to right when one step deep', chose the same on the example site. On the
    maps of a generated 200-brief corpus (mostly several steps deep, with many claims a step, which top to
    bottom grow wide) it cuts the median width from 1,950 to 1,510 px, and the mean overflow past a brief
    page's column from 1,190 to 860 px."""
    across_width = across_height = down_width = down_height = 0.0
    for graph, sizes in parts:
        length_across = spacing.layer_across * (len(graph.layers) - 1)
        length_down = spacing.layer * (len(graph.layers) - 1)
        for rank in graph.layers:
            widest = tallest = 0.0
            row_width = row_height = -spacing.row
            for v in rank:
                w, h = sizes[v] if v < graph.n else (0.0, 0.0)
                widest, tallest = max(widest, w), max(tallest, h)
                row_width += w + spacing.row
                row_height += h + spacing.row
            length_across += widest
            length_down += tallest
            across_height = max(across_height, row_height)
            down_width = max(down_width, row_width)
        across_width = max(across_width, length_across)
        down_height += length_down
    return (max(across_width, spacing.column), across_height) <= (max(down_width, spacing.column), down_height)


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


def _place(graph: Layered, sizes: list[tuple[float, float]], across: bool, spacing: Spacing, corner: Point) -> _Part:
    """One connected part, with its top-left at `corner`."""
    # Work in (main, cross) coordinates: main runs across the layers, cross along them.
    cross_size = [(h if across else w) for w, h in sizes] + [0.0] * (len(graph.rank) - len(sizes))
    main_size = [(w if across else h) for w, h in sizes]
    centre = _coordinates(graph, cross_size, spacing.row)
    low = min(c - z / 2 for c, z in zip(centre, cross_size, strict=True))
    high = max(c + z / 2 for c, z in zip(centre, cross_size, strict=True))
    thickness = [max(main_size[v] for v in layer if v < len(sizes)) for layer in graph.layers]
    gap = spacing.layer_across if across else spacing.layer
    start = [0.0] * len(thickness)
    for r in range(1, len(thickness)):
        start[r] = start[r - 1] + thickness[r - 1] + gap
    left, top = corner
    main_shift, cross_shift = (left, top - low) if across else (top, left - low)
    centre = [c + cross_shift for c in centre]
    start = [a + main_shift for a in start]
    boxes = []
    for v, (w, h) in enumerate(sizes):
        r = graph.rank[v]
        main, cross = start[r] + (thickness[r] - main_size[v]) / 2, centre[v] - cross_size[v] / 2
        boxes.append((main, cross, w, h) if across else (cross, main, w, h))
    ports = _ports(graph, centre, cross_size, spacing.port)
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
        middle = (len(chain) - 2) // 2
        r = r_head + middle
        crossings.append((r, (start[r] + thickness[r], first if middle == 0 else centre[chain[middle]]),
                          (start[r + 1], last if middle + 2 == len(chain) else centre[chain[middle + 1]])))
    w, h = spacing.label
    labels = _labels(crossings, (w, h) if across else (h, w), [(a + t, a + t + gap)
                                                               for a, t in zip(start, thickness, strict=True)])
    routes: list[Route] = []
    for line, label, flipped in zip(lines, labels, graph.reversed, strict=True):
        points = line if across else [(c, m) for m, c in line]
        if flipped:
            points.reverse()
        routes.append((tuple(points), label if across else (label[1], label[0])))
    length = start[-1] + thickness[-1] - main_shift
    width, height = (length, high - low) if across else (high - low, length)
    return _Part(tuple(boxes), tuple(routes), left + width, height)


def _coordinates(graph: Layered, size: list[float], gap: float) -> list[float]:
    """Centre of every vertex along its layer: near its neighbours' mean, never overlapping."""
    centre = [0.0] * len(size)
    offsets = []
    for layer in graph.layers:
        at, gaps = 0.0, [0.0]
        for a, b in pairwise(layer):
            at += (size[a] + size[b]) / 2 + gap
            gaps.append(at)
        offsets.append(gaps)
        for v, at in zip(layer, gaps, strict=True):
            centre[v] = at
    last = len(graph.layers) - 1
    both = [u + d for u, d in zip(graph.up, graph.down, strict=True)]
    # Down, each layer under the one above; up, each over the one below; then every inner layer between
    # both, and the top layer over the one below. A second round moved boxes by 3 px (median) on a
    # generated corpus, for a fifth more time.
    passes = ([(r, _targets(graph.layers[r], graph.up, graph.n)) for r in range(1, last + 1)]
              + [(r, _targets(graph.layers[r], graph.down, graph.n)) for r in range(last - 1, -1, -1)]
              + [(r, _targets(graph.layers[r], both, graph.n)) for r in range(1, last)]
              + [(0, _targets(graph.layers[0], graph.down, graph.n))])
    for r, targets in passes:
        _fit(graph.layers[r], targets, offsets[r], centre)
    for chain in graph.chains:
        _straighten(graph, chain[1:-1], size, gap, centre)
    return centre


def _targets(layer: list[int], neighbours: list[list[int]], n: int) -> list[tuple[int, list[int], float]]:
    """Each vertex of `layer` with the neighbours it is drawn to, and how strongly."""
    return [(v, neighbours[v], DUMMY_WEIGHT if v >= n else (len(neighbours[v]) or 0.25)) for v in layer]


def _fit(layer: list[int], targets: list[tuple[int, list[int], float]], offsets: list[float],
         centre: list[float]) -> None:
    """Move a layer's vertices to the least-squares placement near their targets that keeps the order and
    the gaps: with offsets taken out, an isotonic regression, solved by pool-adjacent-violators."""
    means: list[float] = []
    weights: list[float] = []
    counts: list[int] = []
    for (v, near, weight), offset in zip(targets, offsets, strict=True):
        if len(near) == 1:
            mean = centre[near[0]] - offset
        else:
            mean = (sum([centre[u] for u in near]) / len(near) if near else centre[v]) - offset
        count = 1
        while means and means[-1] > mean:
            pooled = weights.pop()
            mean = (means.pop() * pooled + mean * weight) / (pooled + weight)
            weight += pooled
            count += counts.pop()
        means.append(mean)
        weights.append(weight)
        counts.append(count)
    i = 0
    for mean, count in zip(means, counts, strict=True):
        for _ in range(count):
            centre[layer[i]] = mean + offsets[i]
            i += 1


def _straighten(graph: Layered, dummies: list[int], size: list[float], gap: float, centre: list[float]) -> None:
    """Line up a long edge's dummy vertices where every one of them has room, so the edge runs straight."""
    if len(dummies) < 2:
        return
    low, high = -float("inf"), float("inf")
    for d in dummies:
        layer = graph.layers[graph.rank[d]]
        i = layer.index(d)
        if i:
            low = max(low, centre[layer[i - 1]] + size[layer[i - 1]] / 2 + gap)
        if i + 1 < len(layer):
            high = min(high, centre[layer[i + 1]] - size[layer[i + 1]] / 2 - gap)
    if low <= high:
        mean = sum(centre[d] for d in dummies) / len(dummies)
        for d in dummies:
            centre[d] = min(max(mean, low), high)


def _labels(crossings: list[tuple[int, Point, Point]], size: Point, gaps: list[Point]) -> list[Point]:
    """Where each edge's label goes: on its middle crossing of a gap, at the midpoint unless another label
    is there already, then a little way towards either end; always inside the gap. (main, cross) throughout."""
    placed: list[list[Point]] = [[] for _ in gaps]
    labels = []
    long, short = size
    for r, (am, ac), (bm, bc) in crossings:
        low, high = gaps[r][0] + long / 2, gaps[r][1] - long / 2
        taken = placed[r]
        label = ((am + bm) / 2, (ac + bc) / 2)
        for t in LABEL_STEPS:
            m, c = am + (bm - am) * t, ac + (bc - ac) * t
            if not low <= m <= high:
                continue
            for pm, pc in taken:
                if abs(m - pm) < long and abs(c - pc) < short:
                    break
            else:
                label = m, c
                break
        taken.append(label)
        labels.append(label)
    return labels


def _ports(graph: Layered, centre: list[float], size: list[float], step: float) -> list[list[float]]:
    """Where each edge leaves its upper box and enters its lower box, along the box's side: [upper, lower].

    Edges sharing a side are spread over its middle, in the order of where they go, so that their
    arrowheads and bars stay apart and they do not cross at the box.
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
        span = min(step * (len(items) - 1), size[v] * 0.6)
        for i, (_, j, end) in enumerate(items):
            ends[j][end] = centre[v] + span * (i / (len(items) - 1) - 0.5)
    return ends
