"""Which claims each argument map shows: a brief's, a claim's neighbourhood, and a part of the site's.

Each takes an optional `layouts` cache, passed on to `build_map` (see `argmap` for its format):
None lays every map out afresh.
"""

from __future__ import annotations

from collections.abc import Iterator

from briefgen import urls
from briefgen.model import BriefGraph
from briefgen.render.argjoins import MapJoin
from briefgen.render.argmap import WIDE_COLUMN, ArgumentMap, Layouts, MapEdge, MapNode, build_map
from briefgen.render.verdicts import verdict

BRIEF_OWN = 16
"""A brief's own claims (and counterclaims) that its map shows at most, in the brief's order."""
BRIEF_NEIGHBOURS = 6
"""Claims elsewhere that a brief's map shows at most beside the brief's own: those most tied to them."""
CLAIM_NEIGHBOURS = 10
"""Claims around a claim that its map shows at most, taken from each kind of relation in turn. The caps
keep a map readable on a phone (and cheap to draw: a map of thirty claims cost more than the rest of its
page); a box at the foot of the map says how many are left out and links to where they are listed."""
KIND_ORDER = ("supported-by", "opposed-by", "supports", "opposes", "linked", "undercuts")
"""How a claim's neighbours are grouped on its map (and which kind a claim related in two ways counts as)."""


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
                   graph.claim_links[cid].contested, verdict(graph, cid))


def brief_map(graph: BriefGraph, slug: str, layouts: Layouts | None = None) -> ArgumentMap | None:
    """The brief's claims and counterclaims, and the claims elsewhere they support or oppose."""
    brief = graph.briefs[slug]
    own = list(dict.fromkeys([*brief.claims, *(c.claim for c in brief.counterclaims)]))
    if not own:
        return None
    counters = {c.claim for c in brief.counterclaims}
    everyone = own
    own = own[:BRIEF_OWN]
    nodes = [_node(graph, cid, "counter" if cid in counters and cid not in brief.claims else "claim")
             for cid in own]
    ties: dict[str, int] = {}
    for cid in own:
        for other in neighbours(graph, cid):
            ties[other] = ties.get(other, 0) + 1
    others = sorted(set(ties) - set(everyone), key=lambda c: (-ties[c], c))
    nodes += [_node(graph, cid, "external") for cid in others[:BRIEF_NEIGHBOURS]]
    path = urls.page_path("brief", slug)
    if len(everyone) > len(own):
        left = len(everyone) - len(own)
        nodes.append(_more(f"and {left} more of this brief’s claims: see the list above", path + "#claims-heading"))
    part = next((graph.claim_parts[c] for c in own if c in graph.claim_parts), None)
    if len(others) > BRIEF_NEIGHBOURS and part is not None:
        left = len(others) - BRIEF_NEIGHBOURS
        nodes.append(_more(f"and {left} more related claim{'s' if left > 1 else ''} elsewhere: see the site map",
                           urls.map_part(part)))
    shown = {n.id for n in nodes}
    edges = {e for cid in own for e in relation_edges(graph, cid) if e.source in shown and e.target in shown}
    return build_map("argmap", f"Argument map of “{brief.title}”", nodes, edges, path,
                     len(everyone) + len(others), layouts, map_joins(graph, own))


def claim_map(graph: BriefGraph, cid: str, layouts: Layouts | None = None) -> ArgumentMap | None:
    """The claim and the claims related to it, grouped by how (KIND_ORDER); when there are more than
    CLAIM_NEIGHBOURS, some of each kind in turn and a box for the rest, linking to the page's list of them."""
    around = neighbours(graph, cid)
    if not around:
        return None
    groups = _by_kind(graph, cid, around)
    shown: list[str] = []
    while len(shown) < min(CLAIM_NEIGHBOURS, len(around)):
        for group in groups:  # one of each kind in turn, so that every kind is on the map
            if group and len(shown) < CLAIM_NEIGHBOURS:
                shown.append(group.pop(0))
    shown = [c for kind in _by_kind(graph, cid, shown) for c in kind]
    nodes = [_node(graph, cid, "focus"), *(_node(graph, c, "external") for c in shown)]
    left = len(around) - len(shown)
    if left:
        nodes.append(_more(f"and {left} more related claim{'s' if left > 1 else ''}: see the list above",
                           urls.page_path("claim", cid) + "#relations-heading"))
    edges = {e for c in [cid, *shown] for e in relation_edges(graph, c)}
    return build_map("argmap", "Claims around this one", nodes, edges, urls.page_path("claim", cid),
                     len(around) + 1, layouts, map_joins(graph, [cid, *shown]))


def _by_kind(graph: BriefGraph, cid: str, around: list[str]) -> list[list[str]]:
    """`around` split by how each relates to claim `cid`, in KIND_ORDER, each in the order given."""
    links = graph.claim_links[cid]
    kinds = [set(links.supported_by), set(links.opposed_by), set(links.supports), set(links.opposes), set()]
    for iid in inference_ids(graph, cid):
        inference = graph.inferences[iid]
        if inference.linked:
            kinds[4].update(inference.premises, (inference.conclusion,))
    groups: list[list[str]] = [[] for _ in KIND_ORDER]
    for other in around:
        groups[next((i for i, members in enumerate(kinds) if other in members), len(KIND_ORDER) - 1)].append(other)
    return groups


def _more(text: str, path: str) -> MapNode:
    """A box standing for the claims a map leaves out."""
    return MapNode(f"more:{path}", text, path, "more")


def part_map(graph: BriefGraph, name: str, layouts: Layouts | None = None) -> ArgumentMap:
    """A part of the site's argument map (resolve/clusters.py), drawn to fit a wide page."""
    part = graph.map_parts[name]
    nodes = [_node(graph, cid, "claim") for cid in part.claims]
    edges = {e for cid in part.claims for e in relation_edges(graph, cid)}
    return build_map("argmap", f"Argument map around “{graph.claims[name].text}”", nodes, edges,
                     urls.map_part(name), len(part.claims), layouts, map_joins(graph, list(part.claims)),
                     WIDE_COLUMN)
