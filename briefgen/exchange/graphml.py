"""/graph.graphml: the site's claims and relations as GraphML, for yEd, Gephi, Cytoscape or networkx.

One node per claim (and one per inference that is linked or undercut: see edges.py), one edge per
relation, with the claim's text, its page and each edge's relation as GraphML data (docs/exchange.md).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from briefgen.exchange.edges import plain_graph
from briefgen.model import BriefGraph

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold at all, even escaped."""
KEYS = (("d0", "node", "label"), ("d1", "node", "kind"), ("d2", "node", "path"), ("d3", "edge", "relation"))


def graphml(graph: BriefGraph) -> bytes:
    root = ET.Element("graphml", {"xmlns": NAMESPACE})
    for ident, target, name in KEYS:
        ET.SubElement(root, "key", {"id": ident, "for": target, "attr.name": name, "attr.type": "string"})
    body = ET.SubElement(root, "graph", {"id": "briefgen", "edgedefault": "directed"})
    nodes, edges = plain_graph(graph)
    for node in nodes:
        element = ET.SubElement(body, "node", {"id": node.key})
        for key, value in (("d0", node.label), ("d1", node.kind), ("d2", node.path)):
            if value:
                ET.SubElement(element, "data", {"key": key}).text = _NOT_XML.sub("", value)
    for number, edge in enumerate(edges, 1):
        element = ET.SubElement(body, "edge", {"id": f"e{number}", "source": edge.source, "target": edge.target})
        ET.SubElement(element, "data", {"key": "d3"}).text = edge.relation
    ET.indent(root)
    written: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return written + b"\n"
