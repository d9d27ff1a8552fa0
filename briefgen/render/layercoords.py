"""Step 3 of the layered layout (layout.py): where each box sits along its layer.

Each layer is placed as close as possible to the mean of its neighbours while keeping boxes apart
(a weighted isotonic regression, solved exactly by pool-adjacent-violators), sweeping down and up;
then long edges are straightened where their whole run has room."""

from __future__ import annotations

from itertools import pairwise

from briefgen.render.layering import Layered

Point = tuple[float, float]

DUMMY_WEIGHT = 4.0
"""How much more a dummy vertex wants its place than a box: long edges stay straight."""
LANE = 6.0
"""Between two edges passing through a layer side by side: closer than boxes, so that a layer many long
edges pass stays narrow."""


def coordinates(graph: Layered, size: list[float], gap: float, width: float = float("inf")) -> list[float]:
    """Centre of every vertex along its layer: near its neighbours' mean, never overlapping, and every layer
    that fits `width` within the same `width` (from 0), so that the whole drawing does."""
    centre = [0.0] * len(size)
    offsets = []
    bounds = []
    lowest = [-float("inf")] * len(size)
    highest = [float("inf")] * len(size)
    for layer in graph.layers:
        at, gaps = 0.0, [0.0]
        for (a, b), room in zip(pairwise(layer), _room(layer, size, graph.n, gap, width), strict=True):
            at += (size[a] + size[b]) / 2 + room
            gaps.append(at)
        offsets.append(gaps)
        # With its offsets taken out, each vertex of a layer has the same room: the layer's first box at
        # the left edge at least, its last at the right edge at most.
        low, high = size[layer[0]] / 2, width - gaps[-1] - size[layer[-1]] / 2
        bounds.append((low, high) if low <= high else (-float("inf"), float("inf")))
        for v, at in zip(layer, gaps, strict=True):
            centre[v] = at + (low if low <= high else 0.0)
            if low <= high:
                lowest[v], highest[v] = low + at, high + at
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
        _fit(graph.layers[r], targets, offsets[r], bounds[r], centre)
    for chain in graph.chains:
        _straighten(graph, chain[1:-1], size, gap, centre, (lowest, highest))
    return centre


def _room(layer: list[int], size: list[float], n: int, gap: float, width: float) -> list[float]:
    """The room between each two neighbours of a layer: `gap`, or a LANE between two edges passing; in a layer
    too wide for `width` so, a LANE between an edge and a box too, and if still too wide, less, all alike."""
    rooms = [LANE if a >= n and b >= n else gap for a, b in pairwise(layer)]
    boxes = sum(size[v] for v in layer)
    if boxes + sum(rooms) > width:
        rooms = [min(room, LANE) for room in rooms]
        if boxes + sum(rooms) > width and sum(rooms) > 0:
            rooms = [room * max(width - boxes, 0.0) / sum(rooms) for room in rooms]
    return rooms


def _targets(layer: list[int], neighbours: list[list[int]], n: int) -> list[tuple[int, list[int], float]]:
    """Each vertex of `layer` with the neighbours it is drawn to, and how strongly."""
    return [(v, neighbours[v], DUMMY_WEIGHT if v >= n else (len(neighbours[v]) or 0.25)) for v in layer]


def _fit(layer: list[int], targets: list[tuple[int, list[int], float]], offsets: list[float], bounds: Point,
         centre: list[float]) -> None:
    """Move a layer's vertices to the least-squares placement near their targets that keeps the order and
    the gaps: with offsets taken out, an isotonic regression, solved by pool-adjacent-violators; then held
    within `bounds` (offsets taken out), which keeps the order and the gaps too."""
    low, high = bounds
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
            centre[layer[i]] = min(max(mean, low), high) + offsets[i]
            i += 1


def _straighten(graph: Layered, dummies: list[int], size: list[float], gap: float, centre: list[float],
                bounds: tuple[list[float], list[float]]) -> None:
    """Line up a long edge's dummy vertices where every one of them has room, so the edge runs straight."""
    if len(dummies) < 2:
        return
    low, high = max(bounds[0][d] for d in dummies), min(bounds[1][d] for d in dummies)
    for d in dummies:
        layer = graph.layers[graph.rank[d]]
        i = layer.index(d)
        if i:
            before = layer[i - 1]
            low = max(low, centre[before] + size[before] / 2 + (LANE if before >= graph.n else gap))
        if i + 1 < len(layer):
            after = layer[i + 1]
            high = min(high, centre[after] - size[after] / 2 - (LANE if after >= graph.n else gap))
    if low <= high:
        mean = sum(centre[d] for d in dummies) / len(dummies)
        for d in dummies:
            centre[d] = min(max(mean, low), high)
