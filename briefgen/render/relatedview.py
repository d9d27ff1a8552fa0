"""Related briefs and the claims argued alongside a claim, as pages show them: a link and the reason.

The lists themselves are computed in resolve (resolve/related.py) and kept in the graph, so an
edit that changes them remakes exactly the pages that show them.
"""

from __future__ import annotations

from typing import Protocol

from briefgen import urls
from briefgen.model import BriefGraph, RelatedBrief, RelatedClaim
from briefgen.render.citeviews import RelatedLink
from briefgen.render.viewrefs import Link

_RELATION_SAID = {"supports": "supported by this claim", "supported by": "supports this claim",
                  "opposes": "opposed by this claim", "opposed by": "opposes this claim"}


class Refs(Protocol):
    """What the view builder gives: the graph, and links built once per build."""

    graph: BriefGraph

    def brief_link(self, slug: str) -> Link: ...


def related_brief_links(views: Refs, slug: str) -> tuple[RelatedLink, ...]:
    return tuple(RelatedLink(link.title, link.path, brief_reason(related), link.lang, link.dir)
                 for related in views.graph.related_briefs.get(slug, ())
                 for link in (views.brief_link(related.slug),))


def alongside_links(views: Refs, cid: str) -> tuple[RelatedLink, ...]:
    graph = views.graph
    return tuple(RelatedLink(graph.claims[related.id].text, urls.page_path("claim", related.id), claim_reason(related))
                 for related in graph.related_claims.get(cid, ()))


def brief_reason(related: RelatedBrief) -> str:
    """'2 shared claims, 1 shared source, 1 shared topic'."""
    parts = [_count(related.claims, "shared claim"), _count(related.sources, "shared source"),
             _count(related.actors, "shared actor"), _count(related.topics, "shared topic")]
    return ", ".join(part for part in parts if part)


def claim_reason(related: RelatedClaim) -> str:
    """'argued together in 3 briefs; supports this claim'."""
    parts = [f"argued together in {_count(related.together, 'brief')}" if related.together else "",
             _RELATION_SAID.get(related.relation, related.relation)]
    return "; ".join(part for part in parts if part)


def _count(number: int, noun: str) -> str:
    if not number:
        return ""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
