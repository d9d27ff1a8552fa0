"""Every backlink of the graph, in one pass over the briefs and one over the claims."""

from __future__ import annotations

from briefgen.model import (
    Actor,
    Author,
    Brief,
    BriefBody,
    BriefGraph,
    Claim,
    ClaimLinks,
    Passage,
    SiteConfig,
    Source,
    SourceLinks,
    Topic,
)
from briefgen.resolve.registry import Registry


def link(config: SiteConfig, briefs: dict[str, Brief], bodies: dict[str, BriefBody], claims: dict[str, Claim],
          sources: dict[str, Source],
          actors: dict[str, Actor], authors: dict[str, Author], topics: dict[str, Topic],
          reg: Registry) -> BriefGraph:
    """Every backlink, in one pass over the briefs and one over the claims."""
    def bucket() -> dict[str, dict[str, None]]:
        return {cid: {} for cid in claims}

    asserted, answered, supported_by, opposed_by = bucket(), bucket(), bucket(), bucket()
    passages: dict[str, list[Passage]] = {cid: [] for cid in claims}
    source_briefs: dict[str, dict[str, None]] = {sid: {} for sid in sources}
    source_claims: dict[str, dict[str, None]] = {sid: {} for sid in sources}
    topic_briefs: dict[str, list[str]] = {slug: [] for slug in topics}
    author_briefs: dict[str, list[str]] = {slug: [] for slug in authors}
    actor_mentions: dict[str, list[str]] = {aid: [] for aid in actors}
    for slug, brief in briefs.items():
        for cid in brief.claims:
            asserted.get(cid, {})[slug] = None
        for counter in brief.counterclaims:
            answered.get(counter.claim, {})[slug] = None
        for passage in brief.passages:
            passages.setdefault(passage.claim, []).append(passage)
        for sid in brief.sources:
            source_briefs.setdefault(sid, {})[slug] = None
        for topic in brief.topics:
            topic_briefs.setdefault(topic, []).append(slug)
        for author in brief.authors:
            author_briefs.setdefault(author, []).append(slug)
        for kind, target in brief.mentions:
            if kind == "actor" and target in actor_mentions:
                actor_mentions[target].append(slug)
    actor_claims: dict[str, list[str]] = {aid: [] for aid in actors}
    for cid in claims:
        rel = reg.relations.get(cid, {})
        for other in rel.get("supports", {}):
            supported_by.setdefault(other, {})[cid] = None
        for other in rel.get("opposes", {}):
            opposed_by.setdefault(other, {})[cid] = None
        for sid in rel.get("sources", {}):
            source_claims.setdefault(sid, {})[cid] = None
        for aid in rel.get("held_by", {}):
            actor_claims.setdefault(aid, []).append(cid)
    # Backlink lists keep the briefs' order (newest first): sorted by rank, never by scanning every brief.
    rank = {slug: index for index, slug in enumerate(briefs)}
    links = {}
    for cid in claims:
        rel = reg.relations.get(cid, {})
        rivals = {**rel.get("opposes", {}), **opposed_by[cid]}
        other_side = dict(answered[cid])
        for rival in rivals:
            other_side.update(asserted.get(rival, {}))
        contested = (tuple(sorted((b for b in other_side if b not in asserted[cid]), key=rank.__getitem__))
                     if asserted[cid] else ())
        links[cid] = ClaimLinks(
            asserted_in=tuple(asserted[cid]), answered_in=tuple(answered[cid]),
            supports=tuple(rel.get("supports", {})), supported_by=tuple(sorted(supported_by[cid])),
            opposes=tuple(rel.get("opposes", {})), opposed_by=tuple(sorted(opposed_by[cid])),
            sources=tuple(rel.get("sources", {})), held_by=tuple(rel.get("held_by", {})),
            passages=tuple(passages[cid]), contested_by=contested,
        )
    return BriefGraph(
        config=config, briefs=briefs, bodies=bodies, claims=claims, sources=sources, actors=actors, authors=authors,
        topics=topics, claim_links=links,
        source_links={sid: SourceLinks(tuple(source_briefs[sid]), tuple(sorted(source_claims[sid])))
                      for sid in sources},
        actor_claims={aid: tuple(sorted(v)) for aid, v in actor_claims.items()},
        topic_briefs={k: tuple(v) for k, v in topic_briefs.items()},
        author_briefs={k: tuple(v) for k, v in author_briefs.items()},
        actor_mentions={k: tuple(v) for k, v in actor_mentions.items()},
    )
