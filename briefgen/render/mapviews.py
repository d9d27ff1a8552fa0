"""The views of the site's argument map: its index at /map/, and a page for each part at /map/<part>/.

The parts are the graph's (`graph.map_parts`, made by resolve/clusters.py); these views only read them,
so a page is made again exactly when its part, or a claim on it, changed.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from briefgen import urls
from briefgen.render import maps
from briefgen.render.argjoins import MapJoin, drawn_joins
from briefgen.render.pagination import page_count, page_items, pager
from briefgen.render.viewrefs import Link
from briefgen.render.views import Download, MapIndexPage, MapPartEntry, MapPartPage

if TYPE_CHECKING:
    from briefgen.render.viewbuilder import ViewBuilder

TOPICS_SHOWN = 3


def part_title(v: ViewBuilder, name: str) -> str:
    """A part is named by its hub claim: 'Around “North Korea will not give up its nuclear arsenal.”'."""
    return f"Around “{v.graph.claims[name].text}”"


def map_index(v: ViewBuilder, number: int, downloads: tuple[Download, ...]) -> MapIndexPage:
    graph = v.graph
    names = list(graph.map_parts)
    entries = tuple(_entry(v, name) for name in page_items(names, number))
    count = page_count(len(names))
    return MapIndexPage(entries, len(graph.claim_parts), len(graph.claims),
                        pager(urls.MAP, number, count) if count > 1 else None, downloads)


def _size(v: ViewBuilder, claims: tuple[str, ...]) -> tuple[int, int]:
    """The relations among `claims` (supports, oppositions, linked supports, undercuts) and the separate
    arguments they make."""
    graph = v.graph
    inside = set(claims)
    plain = {(e.source, e.target, e.kind) for cid in claims for e in maps.relation_edges(graph, cid)
             if e.target in inside and e.source in inside}
    joins = drawn_joins(maps.map_joins(graph, list(claims)), inside)
    return (len(plain) + sum(j.linked + len(j.undercut_by) for j in joins),
            _arguments(claims, {(a, b) for a, b, _ in plain}, joins))


def _entry(v: ViewBuilder, name: str) -> MapPartEntry:
    graph = v.graph
    claims = graph.map_parts[name].claims
    relations, arguments = _size(v, claims)
    topics: Counter[str] = Counter()
    for cid in claims:
        links = graph.claim_links[cid]
        for slug in dict.fromkeys((*links.asserted_in, *links.answered_in)):
            topics.update(graph.briefs[slug].topics)
    shown = sorted(topics, key=lambda t: (-topics[t], t))[:TOPICS_SHOWN]
    return MapPartEntry(Link(part_title(v, name), urls.map_part(name)), len(claims), relations, arguments,
                        tuple(Link(graph.topics[t].name, urls.page_path("topic", t)) for t in shown))


def _arguments(claims: tuple[str, ...], pairs: set[tuple[str, str]], joins: list[MapJoin]) -> int:
    """Connected clusters among `claims`, by the relations `pairs` and the supports through `joins`."""
    root = {cid: cid for cid in claims}

    def find(cid: str) -> str:
        while root[cid] != cid:
            root[cid] = root[root[cid]]
            cid = root[cid]
        return cid

    links = list(pairs)
    for join in joins:
        members = [*join.premises, join.conclusion, *join.undercut_by]
        links += [(members[0], other) for other in members[1:]]
    for a, b in links:
        root[find(a)] = find(b)
    return len({find(cid) for cid in claims})


def map_part_page(v: ViewBuilder, name: str) -> MapPartPage:
    graph = v.graph
    part = graph.map_parts[name]
    inside = set(part.claims)
    ties: Counter[str] = Counter()
    for cid in part.claims:
        for other in maps.neighbours(graph, cid):
            if other not in inside and other in graph.claim_parts:
                ties[graph.claim_parts[other]] += 1
    near = tuple((Link(part_title(v, other), urls.map_part(other)), ties[other])
                 for other in sorted(ties, key=lambda p: (-ties[p], p)))
    relations, arguments = _size(v, part.claims)
    return MapPartPage(part_title(v, name), v.claim_ref(name), maps.part_map(graph, name, v.layouts), near,
                       relations=relations, arguments=arguments)
