"""Reviews, positions and corrections: gathered with every other definition, attached once the graph is linked.

`gather` runs before references are checked, so that the ids these records name are checked
(and reported, with did-you-mean) with all the others; `attach` then builds them into the
graph's own mappings, keyed by every claim, actor and brief, so that a page reads only its own
entry and an edit remakes only the pages that show it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from briefgen.load.fields import BriefSpec, ClaimSpec, FieldReader, read_list
from briefgen.load.files import DataDoc
from briefgen.load.records import read_position
from briefgen.load.specs import CorrectionSpec
from briefgen.model import BriefGraph, Topic
from briefgen.resolve.corrections import build_corrections, corrected_briefs, warn_early
from briefgen.resolve.positions import Placed, build_positions, gather_position_refs
from briefgen.resolve.prose import ProseRenderer
from briefgen.resolve.registry import Registry
from briefgen.resolve.reviews import build_reviews, gather_review_refs

POSITIONS_FILE = "positions"
"""content/positions.yaml: positions no one brief reports."""


@dataclass(frozen=True)
class Gathered:
    claims: tuple[tuple[ClaimSpec, str], ...]
    """Claim entries with reviews or corrections, and the slug of the brief that gives each ('' for claims.yaml)."""
    positions: tuple[Placed, ...]
    corrections: tuple[tuple[str, CorrectionSpec], ...]
    """(brief slug, correction) of every brief."""


def gather(reg: Registry, specs: Iterable[BriefSpec], data: Iterable[DataDoc]) -> Gathered:
    """Every review, position and correction of the site, their ids queued to be checked."""
    briefs = sorted(specs, key=lambda s: s.path)
    slug_of = {spec.path: spec.slug for spec in briefs}
    claims = sorted(reg.claim_records, key=lambda c: (c.at.path, c.at.line, c.at.col))
    gather_review_refs(reg, claims)
    positions: list[Placed] = []
    for spec in briefs:
        positions += [(p, spec.slug, spec.date) for p in spec.positions]
    for doc in data:
        if doc.name == POSITIONS_FILE:
            reader = FieldReader(doc.path, doc.marks, reg.problems)
            positions += [(p, "", None) for p in read_list(reader, doc.data, partial(read_position, reader))]
    gather_position_refs(reg, (p for p, _slug, _date in positions))
    return Gathered(tuple((c, slug_of.get(c.at.path, "")) for c in claims), tuple(positions),
                    tuple((spec.slug, c) for spec in briefs for c in spec.corrections))


def attach(reg: Registry, graph: BriefGraph, gathered: Gathered, topics: dict[str, Topic]) -> BriefGraph:
    """The graph with its reviews, positions and corrections, and briefs `updated` by their corrections."""
    prose = ProseRenderer(reg, graph.config.allow_html)
    reviews = build_reviews(reg, gathered.claims, graph.claims, graph.config, graph.authors, prose)
    by_actor, by_claim = build_positions(reg, gathered.positions, graph.claims, graph.actors, graph.sources, prose)
    of_briefs = build_corrections(((slug, c) for slug, c in gathered.corrections if slug in graph.briefs), prose)
    of_claims = build_corrections(((spec.id, c) for spec, _slug in gathered.claims if spec.id in graph.claims
                                   for c in spec.corrections), prose)
    prose.check(set(graph.briefs), topics)
    warn_early(reg, graph.briefs, gathered.corrections)
    return dataclasses.replace(
        graph, briefs=corrected_briefs(graph.briefs, of_briefs),
        reviews={cid: reviews.get(cid, ()) for cid in graph.claims},
        actor_positions={aid: by_actor.get(aid, ()) for aid in graph.actors},
        claim_positions={cid: by_claim.get(cid, ()) for cid in graph.claims},
        brief_corrections={slug: of_briefs.get(slug, ()) for slug in graph.briefs},
        claim_corrections={cid: of_claims.get(cid, ()) for cid in graph.claims},
    )
