"""/graph.aif.json: the site's claims and their relations in the Argument Interchange Format, as AIFdb writes it.

AIF is a graph of information nodes (I-nodes: here, claims) and scheme nodes between them: an RA node
for each inference (its premises point to it, it points to the conclusion; linked premises share one
RA node), and a CA node for each conflict (the attacker points to it, it points to what is attacked:
a claim for 'opposes', an RA node for an undercut). AIFdb's JSON holds `nodes` ({nodeID, text,
type}), `edges` ({edgeID, fromID, toID, formEdgeID}) and `locutions` (dialogue moves: none here).
Ids are numbers written as strings, as AIFdb writes them; claims get theirs in the order of their
briefgen ids, then RA nodes in the order of inference ids, then CA nodes (docs/exchange.md).
"""

from __future__ import annotations

import json
from typing import Any

from briefgen.model import BriefGraph

RA_TEXT = "Default Inference"
CA_TEXT = "Default Conflict"
"""The texts AIFdb gives scheme nodes that name no particular scheme."""


def aif_json(graph: BriefGraph) -> bytes:
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []

    def node(text: str, kind: str) -> str:
        ident = str(len(nodes) + 1)
        nodes.append({"nodeID": ident, "text": text, "type": kind})
        return ident

    def edge(source: str, target: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": source, "toID": target, "formEdgeID": None})

    claim_node = {cid: node(claim.text, "I") for cid, claim in graph.claims.items()}
    ra_node: dict[str, str] = {}
    for iid, inference in graph.inferences.items():
        ra_node[iid] = ra = node(RA_TEXT, "RA")
        for premise in inference.premises:
            edge(claim_node[premise], ra)
        edge(ra, claim_node[inference.conclusion])
    for cid in graph.claims:
        for target in graph.claim_links[cid].opposes:
            ca = node(CA_TEXT, "CA")
            edge(claim_node[cid], ca)
            edge(ca, claim_node[target])
    for iid, inference in graph.inferences.items():
        for cutter in inference.undercut_by:
            ca = node(CA_TEXT, "CA")
            edge(claim_node[cutter], ca)
            edge(ca, ra_node[iid])
    document = {"nodes": nodes, "edges": edges, "locutions": []}
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
