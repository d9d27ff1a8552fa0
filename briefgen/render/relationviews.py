"""A claim's relations to other claims, said in words for its page.

Each relation is listed once: two claims that oppose (or support) each other are one entry, "oppose
each other", not one under "Opposes" and another under "Is opposed by". Linked premises are said as
the group they are ("supports X together with Y"), and undercuts name the support they attack.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from briefgen.argmodel import Inference
from briefgen.render import sublists
from briefgen.render.argviews import Phrase, RelationGroup

if TYPE_CHECKING:
    from briefgen.render.viewbuilder import ViewBuilder

Sentence = tuple[Phrase, ...]
_Quoted = Callable[[str], Sentence]

HEADINGS = {
    "supports": "Supports",
    "support-each-other": "Support each other",
    "supported-by": "Is supported by",
    "opposes": "Opposes",
    "oppose-each-other": "Oppose each other",
    "opposed-by": "Is opposed by",
    "undercuts": "Undercuts",
    "undercut": "Undercut support",
}
"""Every kind, in the order the page lists them."""


def claim_relations(v: ViewBuilder, cid: str) -> tuple[RelationGroup, ...]:
    graph = v.graph
    links = graph.claim_links[cid]
    groups: dict[str, list[Sentence]] = {kind: [] for kind in HEADINGS}

    def claim(other: str) -> Phrase:
        return Phrase(claim=v.claim_ref(other))

    def quoted(other: str) -> Sentence:
        """A claim within a sentence about several: quoted, as claims are sentences of their own."""
        return Phrase("“"), claim(other), Phrase("”")

    for kind, mine, theirs in (("support", links.supports, links.supported_by),
                               ("oppose", links.opposes, links.opposed_by)):
        both = set(mine) & set(theirs)
        groups[f"{kind}-each-other"] += [(Phrase("This claim and "), claim(c)) for c in mine if c in both]
        groups[f"{kind}s"] += [(claim(c),) for c in mine if c not in both]
        groups[f"{kind}ed-by".replace("ee", "e")] += [(claim(c),) for c in theirs if c not in both]
    roles = graph.claim_inferences.get(cid)
    if roles is not None:
        for iid in roles.premise_of:
            inference = graph.inferences[iid]
            others = [p for p in inference.premises if p != cid]
            if others:
                groups["supports"].append((*quoted(inference.conclusion), Phrase(" together with "),
                                           *_join(quoted(p) for p in others)))
            if inference.undercut_by:
                groups["undercut"].append(_premise_undercut(inference, others, quoted))
        for iid in roles.concludes:
            inference = graph.inferences[iid]
            if inference.linked:
                groups["supported-by"].append((*_join(quoted(p) for p in inference.premises),
                                               Phrase(" together")))
            if inference.undercut_by:
                groups["undercut"].append((Phrase("The support that "), *_support(inference, quoted, "it"),
                                           Phrase(" is undercut by "),
                                           *_join(quoted(u) for u in inference.undercut_by)))
        for iid in roles.undercuts:
            inference = graph.inferences[iid]
            groups["undercuts"].append((Phrase("the support that "), *_support(inference, quoted, "")))
    # Each list is cut where the claim page's sub-lists cut it (render/sublists.py): a claim with
    # thousands of relations must not make a page of megabytes; the page links to the whole list.
    return tuple(RelationGroup(kind, HEADINGS[kind], tuple(items[:_shown(kind)]))
                 for kind, items in groups.items() if items)


def _shown(kind: str) -> int:
    listed = kind if kind in ("supports", "supported-by", "opposes", "opposed-by") else "supports"
    return sublists.shown("claim", listed)


def _premise_undercut(inference: Inference, others: Sequence[str], quoted: _Quoted) -> Sentence:
    together = (Phrase(" together with "), *_join(quoted(p) for p in others)) if others else ()
    return (Phrase("Its support of "), *quoted(inference.conclusion), *together, Phrase(" is undercut by "),
            *_join(quoted(u) for u in inference.undercut_by))


def _support(inference: Inference, quoted: _Quoted, conclusion: str) -> Sentence:
    """'X gives Y' or 'X and Z together give Y'; `conclusion` replaces the conclusion's link when given."""
    verb = " gives " if not inference.linked else " together give "
    end = (Phrase(verb + conclusion),) if conclusion else (Phrase(verb), *quoted(inference.conclusion))
    return (*_join(quoted(p) for p in inference.premises), *end)


def _join(sentences: Iterable[Sentence]) -> Sentence:
    """'A', 'A and B', 'A, B and C'."""
    items = list(sentences)
    out: list[Phrase] = []
    for index, item in enumerate(items):
        if index:
            out.append(Phrase(" and " if index == len(items) - 1 else ", "))
        out.extend(item)
    return tuple(out)
