"""The site's argument as a plain directed graph, for the formats that have no notion of inference.

GraphML and DOT join two nodes per edge, so a support that is more than one edge of that kind (linked
premises, or a support attacked by an undercut, which needs something to point at) becomes a node of
its own, an 'inference', as the argument maps draw it; a plain support stays one edge.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen import urls
from briefgen.argmodel import Inference
from briefgen.model import BriefGraph

RELATIONS = ("supports", "opposes", "premise", "conclusion", "undercuts")
"""supports, opposes: claim -> claim. premise: claim -> inference; conclusion: inference -> claim;
undercuts: claim -> inference."""


@dataclass(frozen=True)
class Node:
    key: str
    """'claim:ID' or 'inference:ID'."""
    kind: str
    """claim or inference."""
    label: str
    path: str
    """The claim's page; '' for an inference."""
    linked: bool = False


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    relation: str


def plain_graph(graph: BriefGraph) -> tuple[list[Node], list[Edge]]:
    nodes = [Node(f"claim:{cid}", "claim", claim.text, urls.page_path("claim", cid))
             for cid, claim in graph.claims.items()]
    edges: list[Edge] = []
    for iid, inference in graph.inferences.items():
        if not inference.linked and not inference.undercut_by:
            edges.append(Edge(f"claim:{inference.premises[0]}", f"claim:{inference.conclusion}", "supports"))
            continue
        key = f"inference:{iid}"
        nodes.append(Node(key, "inference", _words(graph, inference), "", inference.linked))
        edges += [Edge(f"claim:{p}", key, "premise") for p in inference.premises]
        edges.append(Edge(key, f"claim:{inference.conclusion}", "conclusion"))
        edges += [Edge(f"claim:{u}", key, "undercuts") for u in inference.undercut_by]
    for cid in graph.claims:
        edges += [Edge(f"claim:{cid}", f"claim:{other}", "opposes") for other in graph.claim_links[cid].opposes]
    return nodes, edges


def _words(graph: BriefGraph, inference: Inference) -> str:
    verb = "together support" if inference.linked else "supports"
    return f"{' + '.join(inference.premises)} {verb} {inference.conclusion}"
