"""Layering for `layout`: cycles broken, layers assigned, long edges threaded with dummies, crossings reduced.

A connected graph of n boxes (vertices 0..n-1) with edges between them becomes a `Layered`: every
vertex has a layer (rank) and a place in it, and every edge is a chain of vertices one layer apart,
through a dummy vertex in each layer it passes. All of it depends on the input order alone.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise

ORDER_SWEEPS = 8
"""Barycenter sweeps at most; small graphs settle in two or three."""


@dataclass(frozen=True)
class Layered:
    """A connected graph, layered: boxes are vertices 0..n-1, dummies follow."""

    n: int
    """Boxes; vertices from n on are dummies."""
    rank: list[int]
    layers: list[list[int]]
    """The vertices of each layer, in order."""
    up: list[list[int]]
    """Neighbours in the layer above, by vertex."""
    down: list[list[int]]
    chains: list[list[int]]
    """Each edge's vertices from its upper end to its lower end."""
    reversed: list[bool]
    """Whether each edge points up (its source is its lower end): how cycles are broken."""


def layer_graph(n: int, edges: list[tuple[int, int]], widths: list[float] | None = None,
                budget: float = float("inf"), gap: float = 0.0, lane: float = 0.0) -> Layered:
    """Break cycles, assign layers, thread dummy vertices through the layers long edges pass and order
    the layers to cross few edges. With `widths` (one per box), no layer is wider than `budget` where
    that can be helped: boxes `gap` apart, and each edge passing through a layer takes a `lane`."""
    order = _acyclic_order(n, edges)
    place = [0] * n
    for i, v in enumerate(order):
        place[v] = i
    flipped = [place[s] > place[t] for s, t in edges]
    oriented = [(t, s) if f else (s, t) for (s, t), f in zip(edges, flipped, strict=True)]
    preds: list[list[int]] = [[] for _ in range(n)]
    succs: list[list[int]] = [[] for _ in range(n)]
    for s, t in oriented:
        succs[s].append(t)
        preds[t].append(s)
    rank = [0] * n
    for v in order:  # a topological order of the oriented edges: longest path from the sources
        for w in succs[v]:
            rank[w] = max(rank[w], rank[v] + 1)
    for v in reversed(order):
        # Longest path puts every source at the top; a box with more edges below than above is pulled
        # down to just above its nearest successor, which shortens more edges than it stretches.
        if len(succs[v]) > len(preds[v]):
            rank[v] = min(rank[w] for w in succs[v]) - 1
    low = min(rank)
    rank = [r - low for r in rank]
    if widths is not None and _widest(rank, widths, gap) > budget:
        rank = _bounded(rank, place, preds, widths, budget, gap, lane)
    up: list[list[int]] = [[] for _ in range(n)]
    down: list[list[int]] = [[] for _ in range(n)]
    chains = []
    for s, t in oriented:
        chain = [s]
        for r in range(rank[s] + 1, rank[t]):
            rank.append(r)
            up.append([])
            down.append([])
            chain.append(len(rank) - 1)
        chain.append(t)
        for a, b in pairwise(chain):
            down[a].append(b)
            up[b].append(a)
        chains.append(chain)
    graph = Layered(n, rank, _initial_order(rank, down, n), up, down, chains, flipped)
    _order(graph)
    return graph


def _widest(rank: list[int], widths: list[float], gap: float) -> float:
    """The widest layer's boxes, side by side, `gap` apart."""
    used: dict[int, float] = {}
    for v, r in enumerate(rank):
        used[r] = used.get(r, -gap) + gap + widths[v]
    return max(used.values())


def _bounded(rank: list[int], place: list[int], preds: list[list[int]], widths: list[float], budget: float,
             gap: float, lane: float) -> list[int]:
    """Ranks at least those given, with no layer wider than `budget` unless one box alone is.

    Boxes are taken layer by layer (in their order of `place` within one) and each goes to the first layer
    at or below its own, and below all its predecessors, that has room for it; the edges from its
    predecessors then take a lane in every layer they pass. This is list scheduling, as in Coffman and
    Graham's layering, with the longest-path layers as the wish: a layer that fits keeps its boxes.
    """
    new = [0] * len(rank)
    used: dict[int, float] = {}
    for v in sorted(range(len(rank)), key=lambda v: (rank[v], place[v])):
        r = max([rank[v], *(new[p] + 1 for p in preds[v])])
        while r in used and used[r] + gap + widths[v] > budget:
            r += 1
        new[v] = r
        used[r] = used.get(r, -gap) + gap + widths[v]
        for p in preds[v]:
            for passed in range(new[p] + 1, r):
                used[passed] = used.get(passed, -gap) + lane
    return new


def _acyclic_order(n: int, edges: list[tuple[int, int]]) -> list[int]:
    """An order of the vertices with few edges pointing backwards (Eades, Lin and Smyth's greedy heuristic):
    sinks go to the end and sources to the front as they appear, else the vertex with the most edges out
    over edges in goes next. Reversing the backward edges breaks every cycle; on these maps it reverses
    fewer edges than a depth-first search and makes shallower, straighter drawings."""
    succs: list[list[int]] = [[] for _ in range(n)]
    preds: list[list[int]] = [[] for _ in range(n)]
    for s, t in edges:
        succs[s].append(t)
        preds[t].append(s)
    outs, ins = [len(x) for x in succs], [len(x) for x in preds]
    alive = [True] * n
    front: list[int] = []
    back: list[int] = []
    ready = [v for v in range(n) if not (outs[v] and ins[v])]  # sinks and sources, handled in turn
    while True:
        for v in ready:  # the list grows while it is read: removing a vertex can make new sinks and sources
            if not alive[v]:
                continue
            (front if outs[v] else back).append(v)
            alive[v] = False
            for w in succs[v]:
                ins[w] -= 1
                if not ins[w] and alive[w]:
                    ready.append(w)
            for u in preds[v]:
                outs[u] -= 1
                if not outs[u] and alive[u]:
                    ready.append(u)
        rest = [v for v in range(n) if alive[v]]
        if not rest:
            break
        # Only cycles are left: the vertex with the most edges out over edges in goes first, as if a source.
        ready = [max(rest, key=lambda v: (outs[v] - ins[v], -v))]
        ins[ready[0]] = 0
    return front + back[::-1]


def _initial_order(rank: list[int], down: list[list[int]], n: int) -> list[list[int]]:
    """Layers filled depth-first from the top boxes in input order, so that chains start side by side."""
    layers: list[list[int]] = [[] for _ in range(max(rank) + 1)]
    seen = [False] * len(rank)
    for root in sorted(range(n), key=lambda v: (rank[v] > 0, v)):
        stack = [root]
        while stack:
            v = stack.pop()
            if seen[v]:
                continue
            seen[v] = True
            layers[rank[v]].append(v)
            stack.extend(reversed(down[v]))
    return layers


def _order(graph: Layered) -> None:
    """Reorder the layers in place by barycenter sweeps, keeping the ordering with fewest crossings;
    stop at none, or when a sweep each way brought no improvement."""
    layers = graph.layers
    best = [list(layer) for layer in layers]
    pos = _positions(layers, len(graph.rank))
    fewest = current = _crossings(layers, graph.down, pos)
    stale = 0
    for sweep in range(ORDER_SWEEPS):
        if not fewest or stale == 2:
            break
        downward = sweep % 2 == 0
        rows = range(1, len(layers)) if downward else range(len(layers) - 2, -1, -1)
        changed = False
        for r in rows:
            ordered = _by_barycenter(layers[r], graph.up if downward else graph.down, pos)
            if ordered != layers[r]:
                layers[r], changed = ordered, True
                for i, v in enumerate(ordered):
                    pos[v] = i
        if changed:
            current = _crossings(layers, graph.down, pos)
        stale = stale + 1 if current >= fewest else 0
        if current < fewest:
            fewest, best = current, [list(layer) for layer in layers]
    layers[:] = best


def _positions(layers: list[list[int]], size: int) -> list[int]:
    pos = [0] * size
    for layer in layers:
        for i, v in enumerate(layer):
            pos[v] = i
    return pos


def _by_barycenter(layer: list[int], neighbours: list[list[int]], pos: list[int]) -> list[int]:
    """Vertices with neighbours sorted by their mean position; vertices without keep their places."""
    at = pos.__getitem__
    movable = sorted([(sum(map(at, neighbours[v])) / len(neighbours[v]), i, v)
                      for i, v in enumerate(layer) if neighbours[v]])
    result = list(layer)
    slots = [i for i, v in enumerate(layer) if neighbours[v]]
    for slot, (_, _, v) in zip(slots, movable, strict=True):
        result[slot] = v
    return result


def _crossings(layers: list[list[int]], down: list[list[int]], pos: list[int]) -> int:
    """Edge crossings between consecutive layers: inversions among the edges taken in upper order."""
    total = 0
    for layer in layers[:-1]:
        seen: list[int] = []
        for v in layer:
            below = down[v]
            for p in sorted([pos[w] for w in below]) if len(below) > 1 else [pos[w] for w in below]:
                i = bisect_right(seen, p)
                total += len(seen) - i
                seen.insert(i, p)
    return total
