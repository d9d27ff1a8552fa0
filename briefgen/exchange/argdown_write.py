"""/graph.argdown: the site's claims and relations as an Argdown document (argdown.org).

Every claim is a statement titled by its id (`[nk-will-not-disarm]: North Korea will not ...`).
A plain support or an opposition is a relation between statements (`+>`, `->`). A support that is
linked, or undercut, is a reconstructed argument: its premise-conclusion structure lists the premises,
an inference line and the conclusion, and an undercut is written under the inference line (`<_`),
which is where Argdown puts an attack on the step from premises to conclusion. `briefgen import`
reads this back to the same claims and relations (docs/exchange.md).
"""

from __future__ import annotations

import json
import re

from briefgen.argmodel import Inference
from briefgen.model import BriefGraph

INDENT = "    "
_SPECIAL = re.compile(r"[\\\[\]<>#@*_{}]|/(?=[/*])|(?<=/)/")
"""Characters Argdown reads as syntax inside a statement's text: escaped with a backslash."""


def escape(text: str) -> str:
    """A claim's text as Argdown statement text: one line, its syntax characters escaped."""
    return _SPECIAL.sub(lambda m: "\\" + m.group(0), " ".join(text.split()))


def argument_title(inference: Inference) -> str:
    """A readable title for the argument that carries a support (Argdown titles cannot hold '>')."""
    verb = "together support" if inference.linked else "supports"
    return f"{' + '.join(inference.premises)} {verb} {inference.conclusion}"


def argdown(graph: BriefGraph) -> bytes:
    title = " ".join(graph.config.title.split()).replace("===", "= = =")
    out = ["===", f"title: {_yaml_text(title)}", "===", "",
           f"// The claims of {title}, each a statement titled by its id, and how they support,",
           "// oppose and undercut each other. Written by briefgen; 'briefgen import' reads it back.", ""]
    out += [f"[{cid}]: {escape(claim.text)}\n" for cid, claim in graph.claims.items()]
    by_premise: dict[str, list[str]] = {}
    arguments = []
    for inference in graph.inferences.values():
        if inference.linked or inference.undercut_by:
            arguments.append(inference)
        else:
            by_premise.setdefault(inference.premises[0], []).append(inference.conclusion)
    for cid in graph.claims:
        links = graph.claim_links[cid]
        relations = [f"{INDENT}+> [{other}]" for other in by_premise.get(cid, ())]
        relations += [f"{INDENT}-> [{other}]" for other in links.opposes]
        if relations:
            out += [f"[{cid}]", *relations, ""]
    for inference in arguments:
        out += [f"<{argument_title(inference)}>", ""]
        out += [f"({number}) [{premise}]" for number, premise in enumerate(inference.premises, 1)]
        out.append("----")
        out += [f"{INDENT}<_ [{cutter}]" for cutter in inference.undercut_by]
        out += [f"({len(inference.premises) + 1}) [{inference.conclusion}]", ""]
    return ("\n".join(out).rstrip("\n") + "\n").encode("utf-8")


def _yaml_text(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)
