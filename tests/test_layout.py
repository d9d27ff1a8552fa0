"""The layered layout of argument maps: no overlaps, edges from box to box, cycles, determinism, the cache."""

from __future__ import annotations

import math
import os
import pickle
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefgen.render import argmap
from briefgen.render.argmap import MapEdge, MapNode, build_map
from briefgen.render.layout import Layout, Rect, Route, Spacing, layered

ROOT = Path(__file__).resolve().parent.parent
SIZE = (216.0, 50.0)
EPS = 1e-6


def overlap(a: Rect, b: Rect) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw - EPS and bx < ax + aw - EPS and ay < by + bh - EPS and by < ay + ah - EPS


def on_border(point: tuple[float, float], box: Rect) -> bool:
    x, y = point
    bx, by, bw, bh = box
    inside = bx - EPS <= x <= bx + bw + EPS and by - EPS <= y <= by + bh + EPS
    return inside and min(abs(x - bx), abs(x - bx - bw), abs(y - by), abs(y - by - bh)) < EPS


def cuts(a: tuple[float, float], b: tuple[float, float], box: Rect) -> bool:
    """Whether segment a-b passes through the inside of `box` (touching its border is fine)."""
    x, y, w, h = box
    lo_x, hi_x, lo_y, hi_y = x + 0.5, x + w - 0.5, y + 0.5, y + h - 0.5
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - lo_x), (dx, hi_x - a[0]), (-dy, a[1] - lo_y), (dy, hi_y - a[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def check(sizes: list[tuple[float, float]], edges: list[tuple[int, int]], result: Layout,
          labels: list[tuple[float, float]] | None = None) -> None:
    """Everything a readable drawing needs, whatever the graph. With `labels` (each edge's label size), every
    label touches its edge, lies inside the drawing and covers no box and no other label."""
    boxes, routes = result
    if labels is not None:
        check_labels(boxes, routes, labels)
    assert len(boxes) == len(sizes) and len(routes) == len(edges)
    for box, (w, h) in zip(boxes, sizes, strict=True):
        assert all(math.isfinite(v) for v in box) and box[0] >= 0 and box[1] >= 0
        assert box[2:] == (w, h)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not overlap(a, b), (a, b)
    for (s, t), (points, label) in zip(edges, routes, strict=True):
        assert len(points) >= 2 and all(math.isfinite(v) for p in points for v in p)
        assert on_border(points[0], boxes[s]) and on_border(points[-1], boxes[t]), (points, boxes[s], boxes[t])
        for p, q in pairwise(points):
            assert not any(cuts(p, q, box) for box in boxes), (p, q)
        assert labels is not None or any(on_segment(label, p, q) for p, q in pairwise(points)), (label, points)


def check_labels(boxes: tuple[Rect, ...], routes: tuple[Route, ...], labels: list[tuple[float, float]]) -> None:
    right = max([x + w for x, _, w, _ in boxes] + [x for points, _ in routes for x, _ in points])
    bottom = max([y + h for _, y, _, h in boxes] + [y for points, _ in routes for _, y in points])
    placed: list[Rect] = []
    for (points, (x, y)), (w, h) in zip(routes, labels, strict=True):
        if not w:
            continue
        rect = (x - w / 2, y - h / 2, w, h)
        assert rect[0] >= -EPS and rect[1] >= -EPS and x + w / 2 <= right + EPS and y + h / 2 <= bottom + EPS
        assert not any(overlap(rect, box) for box in boxes), (rect, boxes)
        assert not any(overlap(rect, other) for other in placed), (rect, placed)
        assert any(cuts(p, q, (rect[0] - 1, rect[1] - 1, w + 2, h + 2)) for p, q in pairwise(points)), (rect, points)
        placed.append(rect)


def on_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> bool:
    cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
    within = min(a[0], b[0]) - EPS <= p[0] <= max(a[0], b[0]) + EPS and min(a[1], b[1]) - EPS <= p[1] <= max(
        a[1], b[1]) + EPS
    return abs(cross) < 1e-3 * (1 + math.dist(a, b)) and within


GRAPHS = {
    "pair": (2, [(0, 1)]),
    "mutual": (2, [(0, 1), (1, 0)]),
    "three-cycle": (3, [(0, 1), (1, 2), (2, 0)]),
    "star in": (9, [(i, 0) for i in range(1, 9)]),
    "star out": (6, [(0, i) for i in range(1, 6)]),
    "chain and shortcut": (5, [(0, 1), (1, 2), (2, 3), (3, 4), (0, 4), (1, 4)]),
    "two parts and loners": (7, [(0, 1), (2, 3), (3, 2), (2, 4)]),
    "no edges": (4, []),
    "same pair twice": (2, [(0, 1), (0, 1)]),
}


@pytest.mark.parametrize("name", sorted(GRAPHS))
@pytest.mark.parametrize("across", [True, False, None])
def test_graphs_lay_out_without_overlap_with_edges_from_box_to_box(name: str, across: bool | None) -> None:
    n, edges = GRAPHS[name]
    sizes = [(216.0, 34.0 + 16 * (i % 4)) for i in range(n)]
    check(sizes, edges, layered(sizes, edges, across))


def test_edges_leave_and_enter_the_facing_sides() -> None:
    boxes, routes = layered([SIZE, SIZE], [(0, 1)], across=False)
    (points, _), = routes
    assert points[0] == (boxes[0][0] + SIZE[0] / 2, boxes[0][1] + SIZE[1])  # bottom of the upper box
    assert points[-1] == (boxes[1][0] + SIZE[0] / 2, boxes[1][1])  # top of the lower box
    boxes, routes = layered([SIZE, SIZE], [(0, 1)], across=True)
    (points, _), = routes
    assert points[0] == (boxes[0][0] + SIZE[0], boxes[0][1] + SIZE[1] / 2)
    assert points[-1] == (boxes[1][0], boxes[1][1] + SIZE[1] / 2)


def test_a_long_edge_bends_around_the_layers_it_passes() -> None:
    # 0 -> 1 -> 2 and 0 -> 2: the long edge gets a dummy in 1's layer, so it runs beside box 1, not through it.
    boxes, routes = layered([SIZE] * 3, [(0, 1), (1, 2), (0, 2)], across=False)
    long_route = routes[2][0]
    assert len(long_route) >= 4
    check([SIZE] * 3, [(0, 1), (1, 2), (0, 2)], (boxes, routes))


def test_mutual_opposition_and_three_cycles_keep_every_edge() -> None:
    for n, edges in (GRAPHS["mutual"], GRAPHS["three-cycle"]):
        boxes, routes = layered([SIZE] * n, edges, across=False)
        tops = sorted({b[1] for b in boxes})
        assert len(tops) == n  # a cycle is broken into a chain of layers, not piled into one
        check([SIZE] * n, edges, (boxes, routes))


def test_self_loops_and_unknown_nodes_are_refused() -> None:
    with pytest.raises(ValueError):
        layered([SIZE], [(0, 0)])
    with pytest.raises(ValueError):
        layered([SIZE], [(0, 1)])


def test_orientation_left_to_right_for_a_one_step_argument_top_to_bottom_for_a_chain() -> None:
    boxes, _ = layered([SIZE] * 5, [(1, 0), (2, 0), (3, 0), (4, 0)])
    assert len({b[0] for b in boxes}) == 2  # two columns: four boxes side by side would not fit the column
    boxes, _ = layered([SIZE] * 2, [(1, 0)])
    assert len({b[0] for b in boxes}) == 2  # both fit: the shorter drawing
    boxes, _ = layered([SIZE] * 4, [(0, 1), (1, 2), (2, 3)])
    assert len({b[0] for b in boxes}) == 1  # one column, four rows


def test_same_input_same_layout() -> None:
    sizes = [(216.0, 34.0 + 16 * (i % 3)) for i in range(12)]
    edges = [(i, (i * 5 + 1) % 12) for i in range(12) if i != (i * 5 + 1) % 12] + [(3, 9), (9, 3)]
    assert layered(sizes, edges) == layered(list(sizes), list(edges))


SCRIPT = """
import pickle, sys
from briefgen.render.argmap import MapEdge, MapNode, build_map
ids = ["sky", "sea", "rain", "cloud", "sun", "wind", "snow", "hail"]
nodes = [MapNode(i, f"The {i} claim, said at some length to wrap.", f"claims/{i}/", "claim") for i in ids]
edges = {MapEdge(a, b, k) for a, b, k in [("sky", "sea", "supports"), ("sea", "sky", "opposes"),
         ("rain", "sky", "supports"), ("cloud", "rain", "supports"), ("sun", "cloud", "opposes"),
         ("wind", "sun", "opposes"), ("snow", "sky", "supports"), ("sky", "snow", "supports"),
         ("hail", "sea", "opposes"), ("rain", "sea", "opposes")]}
cache = {}
m = build_map("argmap", "T", nodes, edges, "briefs/x/", layouts=cache)
sys.stdout.buffer.write(pickle.dumps((m.svg, sorted(cache.items()))))
"""


def test_output_does_not_depend_on_the_hash_seed() -> None:
    outputs = []
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, check=True)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    svg, _ = pickle.loads(outputs[0])
    assert svg.count('class="argmap-edge') == 9  # snow and sky support each other: drawn once


def _nodes(prefix: str, texts: list[str]) -> list[MapNode]:
    return [MapNode(f"{prefix}{i}", text, f"claims/{prefix}{i}/", "claim") for i, text in enumerate(texts)]


def test_the_cache_is_used_for_a_map_of_the_same_shape(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def counting(*args: object, **kwargs: object) -> Layout:
        calls.append(args)
        return layered(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(argmap, "layered", counting)
    cache: dict[argmap.ShapeKey, Layout] = {}
    texts = ["Short.", "A longer claim that wraps over two lines at least.", "Third."]
    first = build_map("argmap", "T", _nodes("a", texts), [MapEdge("a1", "a0", "supports"),
                                                         MapEdge("a2", "a0", "opposes")], "p/", layouts=cache)
    again = build_map("argmap", "T", _nodes("a", texts), [MapEdge("a1", "a0", "supports"),
                                                         MapEdge("a2", "a0", "opposes")], "p/", layouts=cache)
    assert len(calls) == 1 and first == again
    # Other claims, other words, other relation kinds, the same shape: laid out once.
    other = build_map("argmap", "T", _nodes("b", ["Brief.", texts[1].replace("longer", "bigger"), "Else."]),
                      [MapEdge("b1", "b0", "opposes"), MapEdge("b2", "b0", "opposes")], "p/", layouts=cache)
    assert len(calls) == 1 and len(cache) == 1 and "Brief." in other.svg
    build_map("argmap", "T", _nodes("a", texts), [MapEdge("a0", "a1", "supports")], "p/", layouts=cache)
    assert len(calls) == 2 and len(cache) == 2
    build_map("argmap", "T", _nodes("a", texts), [MapEdge("a0", "a1", "supports")], "p/")
    assert len(calls) == 3  # no cache, no memory: every call lays out


def _plain(value: object) -> bool:
    if isinstance(value, tuple):
        return all(_plain(v) for v in value)
    return type(value) in (int, float, str)


def test_cache_keys_and_values_are_plain_picklable_tuples() -> None:
    cache: dict[argmap.ShapeKey, Layout] = {}
    nodes = _nodes("c", ["One.", "Two.", "Three.", "Four."])
    build_map("argmap", "T", nodes, [MapEdge("c0", "c1", "supports"), MapEdge("c1", "c0", "supports"),
                                     MapEdge("c2", "c1", "opposes")], "p/", layouts=cache)
    assert len(cache) == 1
    for key, value in cache.items():
        assert _plain(key) and _plain(value)
        hash(key)
    assert pickle.loads(pickle.dumps(cache)) == cache
    # A cache filled elsewhere (a worker, an earlier build) gives the very same map.
    again = build_map("argmap", "T", nodes, [MapEdge("c0", "c1", "supports"), MapEdge("c1", "c0", "supports"),
                                             MapEdge("c2", "c1", "opposes")], "p/",
                      layouts=pickle.loads(pickle.dumps(cache)))
    fresh = build_map("argmap", "T", nodes, [MapEdge("c0", "c1", "supports"), MapEdge("c1", "c0", "supports"),
                                             MapEdge("c2", "c1", "opposes")], "p/")
    assert again == fresh


def test_a_claim_that_both_supports_and_opposes_another_gets_two_routes() -> None:
    m = build_map("argmap", "T", _nodes("d", ["One.", "Two."]),
                  [MapEdge("d0", "d1", "supports"), MapEdge("d0", "d1", "opposes")], "p/")
    paths = [line.split('d="')[1].split('"')[0] for line in m.svg.splitlines() if "argmap-edge" in line]
    assert len(paths) == 2 and paths[0] != paths[1]


SIZES = st.tuples(st.sampled_from([120.0, 216.0]), st.sampled_from([34.0, 50.0, 66.0, 82.0]))


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[tuple[float, float]], list[tuple[int, int]]]:
    n = draw(st.integers(1, 14))
    sizes = draw(st.lists(SIZES, min_size=n, max_size=n))
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1])
    edges = draw(st.lists(pairs, max_size=3 * n)) if n > 1 else []
    return sizes, edges


@settings(max_examples=300, deadline=None, database=None)
@given(graphs(), st.sampled_from([True, False, None]))
def test_any_small_graph_lays_out(graph: tuple[list[tuple[float, float]], list[tuple[int, int]]],
                                  across: bool | None) -> None:
    sizes, edges = graph
    check(sizes, edges, layered(sizes, edges, across))


@settings(max_examples=200, deadline=None, database=None)
@example(([(120.0, 34.0)] * 3, [(0, 2), (0, 2), (0, 1), (0, 2), (0, 2)]), True, None)  # four labels, one gap
@given(graphs(), st.sampled_from([True, False, None]), st.data())
def test_labels_of_any_small_graph_stay_clear_of_boxes_and_of_each_other(
        graph: tuple[list[tuple[float, float]], list[tuple[int, int]]], across: bool | None,
        data: st.DataObject | None) -> None:
    sizes, edges = graph
    labels = ([(64.0, 14.0), (64.0, 14.0), (0.0, 0.0), (64.0, 14.0), (128.0, 14.0)] if data is None else
              data.draw(st.lists(st.sampled_from([(0.0, 0.0), (64.0, 14.0), (128.0, 14.0)]),
                                 min_size=len(edges), max_size=len(edges))))
    check(sizes, edges, layered(sizes, edges, across, Spacing(), labels), labels)


WIDE_GRAPHS = {
    "twelve into one": (13, [(i, 0) for i in range(1, 13)]),
    "one into twelve": (13, [(0, i) for i in range(1, 13)]),
    "two fans and a chain": (16, [(i, 0) for i in range(1, 8)] + [(0, 8)] + [(8, i) for i in range(9, 16)]),
    "a lattice": (20, [(i, j) for i in range(10) for j in range(10, 20) if (i + j) % 4 == 0]),
}


@pytest.mark.parametrize("name", sorted(WIDE_GRAPHS))
@pytest.mark.parametrize("column", [680.0, 1088.0])
def test_a_drawing_fits_its_column_however_many_boxes_a_layer_would_hold(name: str, column: float) -> None:
    n, edges = WIDE_GRAPHS[name]
    sizes = [(216.0, 50.0)] * n
    labels = [(64.0, 14.0)] * len(edges)
    spacing = Spacing(column=column, min_width=column)
    boxes, routes = layered(sizes, edges, None, spacing, labels)
    check(sizes, edges, (boxes, routes), labels)
    drawn = [x + w for x, _, w, _ in boxes] + [x for points, _ in routes for x, _ in points]
    assert max(drawn) + spacing.margin <= column
    assert len({round(y) for _, y, _, _ in boxes}) >= 3  # some layers wrapped onto new rows


def test_edges_into_one_box_meet_it_at_points_apart() -> None:
    n = 13
    edges = [(i, 0) for i in range(1, n)]
    _boxes, routes = layered([(216.0, 50.0)] * n, edges, False)
    ends = sorted(points[-1][0] for points, _ in routes)
    assert all(b - a >= 8 for a, b in pairwise(ends)), ends
