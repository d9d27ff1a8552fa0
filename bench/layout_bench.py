#!/usr/bin/env python3
"""Argument-map layout: our layered layout against grandalf's Sugiyama, on the maps of a generated corpus.

    python bench/layout_bench.py                      # a 200-brief corpus, written to a temporary folder
    python bench/layout_bench.py --n 1000 --repeat 5
    python bench/layout_bench.py --site /tmp/lc       # maps of an existing site

It resolves the site, collects the layout input of every brief map and claim map (and the parts of
the site map, reported apart: a few a site, and larger) and times laying each out, uncached, with
`briefgen.render.layout.layered` and with the grandalf layout argmap used before (kept here as the
reference; needs `pip install grandalf`). A map's time is the best of --repeat runs, for both.
`--draw` also times drawing each brief and claim map whole, as a page does without a cache: choosing
its claims, wrapping their words, the layout, the SVG and the list.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from briefgen.engine import BuildOptions, check  # noqa: E402
from briefgen.render import argmap, maps  # noqa: E402
from briefgen.render.argmap import ShapeKey  # noqa: E402
from briefgen.render.layout import Layout, layered  # noqa: E402


class Recorder(MutableMapping[ShapeKey, Layout]):
    """A layout cache that never hits and remembers every key asked for: the input of every map."""

    def __init__(self) -> None:
        self.asked: list[ShapeKey] = []

    def __getitem__(self, key: ShapeKey) -> Layout:
        self.asked.append(key)
        raise KeyError(key)

    def __setitem__(self, key: ShapeKey, value: Layout) -> None:
        pass

    def __delitem__(self, key: ShapeKey) -> None:
        raise KeyError(key)

    def __iter__(self) -> Iterator[ShapeKey]:
        return iter(())

    def __len__(self) -> int:
        return 0


def corpus_script() -> Path:
    for candidate in (REPO.parent / "shared" / "bench" / "gen_corpus.py", Path("/work/shared/bench/gen_corpus.py")):
        if candidate.is_file():
            return candidate
    sys.exit("layout_bench: cannot find shared/bench/gen_corpus.py next to the repository")


def collect(site: Path) -> tuple[list[ShapeKey], list[ShapeKey]]:
    """The shape keys of the site's brief and claim maps, and of its site map."""
    graph, problems = check(site, BuildOptions(jobs=1))
    if graph is None:
        sys.exit(f"layout_bench: {site} does not resolve: {problems[:3]}")
    pages, whole = Recorder(), Recorder()
    for slug in graph.briefs:
        maps.brief_map(graph, slug, pages)
    for cid in graph.claims:
        maps.claim_map(graph, cid, pages)
    for name in graph.map_parts:
        maps.part_map(graph, name, whole)
    return pages.asked, whole.asked


def new_layout(key: ShapeKey) -> object:
    sizes, edges, column = key
    return layered(sizes, [(s, t) for s, t, _ in edges], None, argmap.spacing(column),
                   [(w, argmap.LABEL_H if w else 0) for _, _, w in edges])


def drawn(site: Path, repeat: int) -> list[float]:
    """Seconds to draw each brief and claim map whole, uncached: the best of `repeat` runs."""
    graph, _ = check(site, BuildOptions(jobs=1))
    assert graph is not None
    calls = [(maps.brief_map, slug) for slug in graph.briefs] + [(maps.claim_map, cid) for cid in graph.claims]
    best = [float("inf")] * len(calls)
    for _ in range(repeat):
        for i, (draw, ident) in enumerate(calls):
            start = time.perf_counter()
            draw(graph, ident)
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def grandalf_layout(key: ShapeKey) -> object:
    """argmap's layout before this layout module (commit 79c4a1a), given box sizes instead of claims."""
    from grandalf.graphs import Edge, Graph, Vertex  # type: ignore[import-untyped]
    from grandalf.layouts import SugiyamaLayout  # type: ignore[import-untyped]

    class View:
        def __init__(self, w: float, h: float) -> None:
            self.w, self.h = w, h
            self.xy = (0.0, 0.0)

    class EdgeView:
        def __init__(self) -> None:
            self.points: list[tuple[float, float]] = []

        def setpath(self, points: list[tuple[float, float]]) -> None:
            self.points = list(points)

    sizes, edges = key[0], [(s, t) for s, t, *_ in key[1]]
    across = not {s for s, _ in edges} & {t for _, t in edges}  # the old rule: left to right when one step deep
    vertices = []
    for i, (w, h) in enumerate(sizes):
        vertex = Vertex(i)
        vertex.view = View(h, w) if across else View(w, h)
        vertices.append(vertex)
    graph_edges = []
    for s, t in edges:
        e = Edge(vertices[s], vertices[t])
        e.view = EdgeView()
        graph_edges.append(e)
    graph = Graph(vertices, graph_edges)
    boxes = {}
    for component in graph.C:
        members = list(component.sV)
        if len(members) == 1:
            continue
        layout = SugiyamaLayout(component)
        layout.xspace, layout.yspace = (16, 84) if across else (16, 56)  # the spacing of the time
        layout.init_all()
        layout.draw()
        for v in members:
            boxes[v.data] = v.view.xy
    return boxes, [e.view.points for e in graph_edges]


def timed(layout: Callable[[ShapeKey], object], keys: list[ShapeKey], repeat: int) -> list[float]:
    """Seconds per key, the best of `repeat` runs over all keys."""
    best = [float("inf")] * len(keys)
    for _ in range(repeat):
        for i, key in enumerate(keys):
            start = time.perf_counter()
            layout(key)
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def summary(name: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return (f"{name:9} mean {statistics.fmean(ms):6.3f} ms  median {statistics.median(ms):6.3f}  "
            f"p95 {p95:6.3f}  max {ms[-1]:7.3f}  total {sum(ms) / 1000:5.2f} s")


def report(keys: list[ShapeKey], repeat: int, grandalf: bool, by_size: bool = True) -> None:
    new = timed(new_layout, keys, repeat)
    old = timed(grandalf_layout, keys, repeat) if grandalf else []
    buckets = [("all maps", 0, 10_000), ("2-10 boxes", 0, 10), ("11-20 boxes", 11, 20), ("21+ boxes", 21, 10_000)]
    for title, low, high in buckets[:4 if by_size else 1]:
        chosen = [i for i, key in enumerate(keys) if low <= len(key[0]) <= high]
        if not chosen:
            continue
        print(f"{title}: {len(chosen)} maps")
        print("  " + summary("layered", [new[i] for i in chosen]))
        if grandalf:
            print("  " + summary("grandalf", [old[i] for i in chosen]))
            print(f"  grandalf / layered: {sum(old[i] for i in chosen) / sum(new[i] for i in chosen):.1f}x in total, "
                  f"{statistics.median(old[i] / new[i] for i in chosen):.1f}x median per map")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200, help="briefs in the generated corpus")
    parser.add_argument("--site", type=Path, help="an existing site instead of a generated corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-grandalf", action="store_true", help="time the new layout only")
    parser.add_argument("--draw", action="store_true", help="also time drawing each brief and claim map whole")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp)
            subprocess.run([sys.executable, str(corpus_script()), "--n", str(args.n), "--out", str(site / "content")],
                           check=True, stdout=subprocess.DEVNULL)
        keys, whole = collect(site)
        whole_maps = drawn(site, args.repeat) if args.draw else []
    nodes = sorted(len(k[0]) for k in keys)
    edges = sorted(len(k[1]) for k in keys)
    print(f"{len(keys)} brief and claim maps, {len(set(keys))} distinct shapes; boxes median "
          f"{statistics.median(nodes)} max {nodes[-1]}, edges median {statistics.median(edges)} max {edges[-1]}")
    report(keys, args.repeat, not args.no_grandalf)
    if whole:
        print(f"site map: {len(whole)} parts, boxes median {statistics.median(len(k[0]) for k in whole)} "
              f"max {max(len(k[0]) for k in whole)}")
        report(whole, args.repeat, not args.no_grandalf, by_size=False)
    if whole_maps:
        print(f"brief and claim maps drawn whole, uncached: {len(whole_maps)} maps")
        print("  " + summary("drawn", whole_maps))


if __name__ == "__main__":
    main()
