"""The commonest edit, writing prose, without resolving the whole site again.

When the only difference from the last build is the rendered text of some briefs, everything
resolve would compute is what it computed last time, except those briefs' bodies: the same
front matter gives the same claims, sources and links, and the same citations, claim passages
and cross-links in the text give the same backlinks. Where a reference sits in the text matters
only to an error about it, and the last build had none. So the last graph, with the new bodies,
is the graph resolve would make.
"""

from __future__ import annotations

import dataclasses

from briefgen.load.documents import ParsedBrief
from briefgen.model import BriefBody, BriefGraph


def with_new_bodies(graph: BriefGraph, edits: list[tuple[ParsedBrief, ParsedBrief]]) -> BriefGraph | None:
    """`graph` with the new bodies when nothing but prose changed in the `edits` (the parses of each
    changed file before and after; files were neither added nor removed); None when resolve must run."""
    if not edits:
        return graph
    bodies = dict(graph.bodies)
    for old, new in edits:
        if old.spec is None or new.spec is None or not _same_but_prose(old, new):
            return None
        slug = new.spec.slug
        brief = graph.briefs.get(slug)
        if brief is not None and brief.file.path == new.spec.path:  # else a draft left out of the site
            bodies[slug] = BriefBody(new.body_html, new.words)
    return dataclasses.replace(graph, bodies=bodies)


def _same_but_prose(old: ParsedBrief, new: ParsedBrief) -> bool:
    if [(r.ref.kind, r.ref.target) for r in old.refs] != [(r.ref.kind, r.ref.target) for r in new.refs]:
        return False
    return dataclasses.replace(new, body_html=old.body_html, words=old.words, refs=old.refs) == old
