"""/graph.gv: the site's claims and relations in Graphviz's DOT language (`dot -Tsvg graph.gv`).

The file is named .gv, Graphviz's own extension, because .dot is also Word's template extension and
servers send it as one. Styles say each relation without colour: supports solid, opposes dashed,
undercuts dotted, each with a text label; linked premises meet at a point (docs/exchange.md).
"""

from __future__ import annotations

from briefgen.exchange.edges import plain_graph
from briefgen.model import BriefGraph

STYLES = {
    "supports": 'label="supports", style=solid, color="#17603a"',
    "opposes": 'label="opposes", style=dashed, arrowhead=tee, color="#a1261b"',
    "premise": 'arrowhead=none, color="#17603a"',
    "conclusion": 'label="supports", style=solid, color="#17603a"',
    "undercuts": 'label="undercuts", style=dotted, arrowhead=diamond, color="#5b2f8f"',
}


def quote(text: str) -> str:
    """A DOT double-quoted string: only the quote is escaped by the language; a backslash is doubled so that
    Graphviz does not read '\\n' or '\\l' in a claim's text as a line break."""
    text = " ".join(text.split())
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dot(graph: BriefGraph) -> bytes:
    lines = ["digraph briefgen {",
             f"  label={quote(graph.config.title)};",
             '  node [shape=box, style="rounded", fontname="Helvetica"];',
             '  edge [fontname="Helvetica", fontsize=10];']
    nodes, edges = plain_graph(graph)
    for node in nodes:
        if node.kind == "claim":
            lines.append(f"  {quote(node.key)} [label={quote(node.label)}, URL={quote(node.path)}];")
        else:
            shape = "point" if node.linked else "circle, width=0.12, label=\"\""
            lines.append(f"  {quote(node.key)} [shape={shape}, tooltip={quote(node.label)}];")
    linked = {node.key for node in nodes if node.linked}
    for edge in edges:
        style = STYLES[edge.relation]
        if edge.source in linked:
            style = style.replace('label="supports"', 'label="together support"')
        lines.append(f"  {quote(edge.source)} -> {quote(edge.target)} [{style}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")
