"""Which claims each argument map shows: a brief's, a claim's neighbourhood, and the whole site.

Each takes an optional `layouts` cache, passed on to `build_map` (see `argmap` for its format):
None lays every map out afresh.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from briefgen import urls
from briefgen.model import BriefGraph
from briefgen.render.argjoins import MapJoin
from briefgen.render.argmap import ArgumentMap, Layouts, MapEdge, MapNode, build_map

BRIEF_NEIGHBOURS = 6
"""Claims elsewhere that a brief's map shows at most beside the brief's own: those most tied to them."""
CLAIM_NEIGHBOURS = 10
"""Claims around a claim that its map shows at most. Both caps keep a map readable on a phone (and
cheap to draw: a map of thirty claims cost more than the rest of its page); the text outline and the
claim pages carry the rest."""
SITE_CAP = 90
"""Claims the site map shows at most; every claim's own page maps its neighbourhood."""


def relation_edges(graph: BriefGraph, cid: str) -> Iterator[MapEdge]:
    """Every support/oppose relation that touches claim `cid`, in either direction."""
    links = graph.claim_links[cid]
    for other in links.supports:
        yield MapEdge(cid, other, "supports")
    for other in links.supported_by:
        yield MapEdge(other, cid, "supports")
    for other in links.opposes:
        yield MapEdge(cid, other, "opposes")
    for other in links.opposed_by:
        yield MapEdge(other, cid, "opposes")


def inference_ids(graph: BriefGraph, cid: str) -> tuple[str, ...]:
    """The supports claim `cid` takes part in: as a premise, as the conclusion, or by undercutting them."""
    roles = graph.claim_inferences.get(cid)
    return () if roles is None else (*roles.premise_of, *roles.concludes, *roles.undercuts)


def neighbours(graph: BriefGraph, cid: str) -> list[str]:
    """Every claim related to `cid`: by support or opposition, as a co-premise, or through an undercut."""
    around = {e.target if e.source == cid else e.source for e in relation_edges(graph, cid)}
    for iid in inference_ids(graph, cid):
        inference = graph.inferences[iid]
        around.update(inference.premises, inference.undercut_by)
        around.add(inference.conclusion)
    return sorted(around - {cid})


def map_joins(graph: BriefGraph, cids: list[str]) -> list[MapJoin]:
    """The supports through a join point that touch the claims `cids` (build_map keeps those it can draw)."""
    seen = dict.fromkeys(iid for cid in cids for iid in inference_ids(graph, cid))
    joins = [graph.inferences[iid] for iid in seen]
    return [MapJoin(i.id, i.premises, i.conclusion, i.undercut_by) for i in joins if i.linked or i.undercut_by]


def _node(graph: BriefGraph, cid: str, role: str) -> MapNode:
    return MapNode(cid, graph.claims[cid].text, urls.page_path("claim", cid), role,
                   graph.claim_links[cid].contested)


def brief_map(graph: BriefGraph, slug: str, layouts: Layouts | None = None) -> ArgumentMap | None:
    """The brief's claims and counterclaims, and the claims elsewhere they support or oppose."""
    brief = graph.briefs[slug]
    own = list(dict.fromkeys([*brief.claims, *(c.claim for c in brief.counterclaims)]))
    if not own:
        return None
    counters = {c.claim for c in brief.counterclaims}
    nodes = [_node(graph, cid, "counter" if cid in counters and cid not in brief.claims else "claim")
             for cid in own]
    ties: dict[str, int] = {}
    for cid in own:
        for other in neighbours(graph, cid):
            ties[other] = ties.get(other, 0) + 1
    others = sorted(set(ties) - set(own), key=lambda c: (-ties[c], c))
    nodes += [_node(graph, cid, "external") for cid in others[:BRIEF_NEIGHBOURS]]
    edges = {e for cid in own for e in relation_edges(graph, cid)}
    return build_map("argmap", f"Argument map of “{brief.title}”", nodes, edges, urls.page_path("brief", slug),
                     len(own) + len(others), layouts, map_joins(graph, own))


def claim_map(graph: BriefGraph, cid: str, layouts: Layouts | None = None) -> ArgumentMap | None:
    """The claim and the claims that support or oppose it, or that it supports or opposes."""
    around = neighbours(graph, cid)
    if not around:
        return None
    shown = around[:CLAIM_NEIGHBOURS]
    nodes = [_node(graph, cid, "focus"), *(_node(graph, c, "external") for c in shown)]
    edges = {e for c in [cid, *shown] for e in relation_edges(graph, c)}
    return build_map("argmap", "Claims around this one", nodes, edges, urls.page_path("claim", cid),
                     len(around) + 1, layouts, map_joins(graph, [cid, *shown]))


def site_map(graph: BriefGraph, cap: int = SITE_CAP, layouts: Layouts | None = None) -> ArgumentMap | None:
    """The connected claims of the site, largest clusters first, capped at `cap` claims.

    A cluster larger than what is left of the cap is cut to the claims nearest its most connected
    claim, so what is drawn stays a connected argument rather than scattered fragments.
    """
    related = [cid for cid in graph.claims if neighbours(graph, cid)]
    if not related:
        return None
    clusters = _components(graph, related)
    chosen: list[str] = []
    for cluster in clusters:
        room = cap - len(chosen)
        if room <= 0:
            break
        if len(cluster) > room:
            if chosen and room < 3:
                break
            cluster = _nearest(graph, cluster, room)
        chosen.extend(cluster)
    nodes = [_node(graph, cid, "claim") for cid in chosen]
    edges = {e for cid in chosen for e in relation_edges(graph, cid)}
    return build_map("argmap", "Argument map of the site", nodes, edges, urls.MAP, len(related), layouts,
                     map_joins(graph, chosen))


def _components(graph: BriefGraph, claims: list[str]) -> list[list[str]]:
    """Connected clusters of claims, largest first, each in breadth-first order from its hub."""
    seen: set[str] = set()
    clusters = []
    for cid in sorted(claims, key=lambda c: (-len(neighbours(graph, c)), c)):
        if cid in seen:
            continue
        cluster = _nearest(graph, [cid], len(graph.claims))
        seen.update(cluster)
        clusters.append(cluster)
    clusters.sort(key=lambda c: (-len(c), c[0]))
    return clusters


def _nearest(graph: BriefGraph, cluster: list[str], limit: int) -> list[str]:
    """Up to `limit` claims reached breadth-first from the cluster's first (most connected) claim."""
    start = cluster[0]
    order: list[str] = []
    queue, seen = deque([start]), {start}
    while queue and len(order) < limit:
        cid = queue.popleft()
        order.append(cid)
        for other in neighbours(graph, cid):
            if other not in seen:
                seen.add(other)
                queue.append(other)
    return order
