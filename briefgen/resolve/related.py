"""Related briefs and claims, from the graph rather than from tags.

**Briefs.** Two briefs are close when they argue over the same claims, rest on the same sources
and discuss the same actors. Each thing they share adds its weight:

| shared | weight | why |
| --- | --- | --- |
| claim (asserted or answered by each) | 5 | the same point argued, for or against: what a reader of one wants next |
| source | 2 | the same evidence, perhaps for another point |
| actor (holding a claim either argues, or linked from either's text) | 1 | the same people: a wide net |
| topic | tie-break | an editor's label: it orders briefs that share as much, and alone never relates two |

So one shared claim outweighs two shared sources, and a source two actors. Among briefs that
share as much, more shared topics come first, then the brief nearest in the site's order (by date).

**Claims.** A claim's page lists the claims most often argued alongside it: asserted in the same
briefs (or answered in the same briefs), one point per brief, and two more when one claim
supports or opposes the other. Ties keep the site's order of claims.

**Linear time.** Nothing compares every pair. Each brief goes through the inverted lists of the
briefs that share each of its claims, sources and actors, built in one pass. A claim, source or
actor shared by more than POSTING_CAP briefs (a claim most of the site argues) is common ground:
its list is not read, and it only ranks, after the rarer things they share, the briefs found
through those (by a set lookup each); when a brief shares nothing rarer with at least SHOWN
others, the briefs nearest in date among those sharing its common ground fill the list.
A claim's companions come from at most POSTING_CAP briefs on each side and at most
POSTING_CAP claims of each. The work is thus bounded by the number of claims, sources and actors
the briefs name times POSTING_CAP, whatever the site's size or shape.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from operator import itemgetter

from briefgen.model import BriefGraph, RelatedBrief, RelatedClaim

SHOWN = 5
"""Related briefs on a brief page, and claims argued alongside on a claim page."""
POSTING_CAP = 64
"""Briefs read through one shared claim, source or actor for one brief (and claims read from one brief)."""
CLAIM_WEIGHT, SOURCE_WEIGHT, ACTOR_WEIGHT = 5, 2, 1
TOGETHER_WEIGHT, RELATION_WEIGHT = 1, 2
WEIGHTS = (CLAIM_WEIGHT, SOURCE_WEIGHT, ACTOR_WEIGHT)
"""By kind of thing shared: 0 claims, 1 sources, 2 actors."""
TIE_CAP = 2
"""Among more than TIE_CAP * shown briefs that share equally many rarer things, the nearest in date are ranked."""


def related_briefs(graph: BriefGraph, shown: int = SHOWN,
                   cap: int = POSTING_CAP) -> dict[str, tuple[RelatedBrief, ...]]:
    """Every brief's closest briefs, closest first."""
    index = _Index(graph, cap)
    out: dict[str, tuple[RelatedBrief, ...]] = {}
    for rank, slug in enumerate(index.slugs):
        # Counter.update counts a list in C: each shared thing adds its weight (its list is held `weight` times).
        score: Counter[int] = Counter()
        popular = []
        for number in index.owned[rank]:
            weighted = index.weighted[number]
            if weighted is None:
                popular.append(number)
            else:
                score.update(weighted)
        score.pop(rank, None)
        if len(score) < shown:  # little in common but what much of the site shares: the nearest of those
            for number in popular:
                score.update(dict.fromkeys(_nearest(index.postings[number], rank, shown + 1), 0))
            score.pop(rank, None)
        out[slug] = tuple(_closest(index, rank, score, frozenset(popular), shown))
    return out



class _Index:
    """Inverted lists: each claim, source and actor (numbered) -> the ranks of the briefs that share it."""

    def __init__(self, graph: BriefGraph, cap: int) -> None:
        self.slugs = list(graph.briefs)
        numbers: dict[tuple[int, str], int] = {}
        self.kinds: list[int] = []
        self.postings: list[list[int]] = []
        owned: list[tuple[int, ...]] = []
        self.topics = [frozenset(graph.briefs[slug].topics) for slug in self.slugs]
        for rank, slug in enumerate(self.slugs):
            mine: dict[int, None] = {}
            for key in _entities(graph, slug):
                number = numbers.get(key)
                if number is None:
                    number = numbers[key] = len(self.kinds)
                    self.kinds.append(key[0])
                    self.postings.append([])
                if number not in mine:
                    mine[number] = None
                    self.postings[number].append(rank)
            owned.append(tuple(mine))
        self.owned = owned
        self.owned_sets = [frozenset(numbers_) for numbers_ in owned]
        self.weights = [WEIGHTS[kind] for kind in self.kinds]
        self.weighted = [ranks * self.weights[n] if len(ranks) <= cap else None
                         for n, ranks in enumerate(self.postings)]

    def points(self, numbers: Iterable[int]) -> int:
        return sum(map(self.weights.__getitem__, numbers))


def _closest(index: _Index, rank: int, score: Counter[int], popular: frozenset[int],
             shown: int) -> Iterable[RelatedBrief]:
    """The `shown` best of the briefs found: by what rarer things they share, then by the common ground
    they share, then by shared topics, then by nearness in date."""
    if not score:
        return
    # Sorting, slicing and picking run in C: per brief, only the best few are looked at in Python.
    ordered = score.most_common()
    points = sorted(score.values())
    threshold = points[-min(shown, len(points))]
    above = len(points) - bisect_right(points, threshold)
    tied_end = len(points) - bisect_left(points, threshold)
    group = list(map(itemgetter(0), ordered[:above]))
    tied = sorted(map(itemgetter(0), ordered[above:tied_end]))
    most = TIE_CAP * shown
    if len(tied) > most:  # a tie among many: the nearest in date are ranked (they lie within `most` of it)
        at = bisect_left(tied, rank)
        tied = sorted(tied[max(0, at - most):at + most], key=lambda other: (abs(other - rank), other))[:most]
    group += tied
    topics = index.topics[rank]
    ranked = sorted((-score[other], -index.points(popular & index.owned_sets[other]),
                     -len(topics & index.topics[other]), abs(other - rank), other) for other in group)
    mine = index.owned_sets[rank]
    for rare, common, shared_topics, _distance, other in ranked[:shown]:
        counts = [0, 0, 0]
        for number in mine & index.owned_sets[other]:
            counts[index.kinds[number]] += 1
        yield RelatedBrief(index.slugs[other], -rare - common, counts[0], counts[1], counts[2], -shared_topics)


def _entities(graph: BriefGraph, slug: str) -> Iterable[tuple[int, str]]:
    """(kind, id) of what a brief argues (0), cites (1) and discusses (2)."""
    brief = graph.briefs[slug]
    argued = [*brief.claims, *(c.claim for c in brief.counterclaims)]
    for cid in argued:
        yield 0, cid
    for sid in brief.sources:
        yield 1, sid
    for cid in argued:
        links = graph.claim_links.get(cid)
        for aid in links.held_by if links else ():
            yield 2, aid
    for kind, target in brief.mentions:
        if kind == "actor":
            yield 2, target


def _nearest(ranks: list[int], rank: int, count: int) -> list[int]:
    """The `count` ranks of a sorted list nearest `rank` (the briefs nearest in date)."""
    at = bisect_left(ranks, rank)
    start = max(0, min(at - count // 2, len(ranks) - count))
    return ranks[start:start + count]


def related_claims(graph: BriefGraph, shown: int = SHOWN,
                   cap: int = POSTING_CAP) -> dict[str, tuple[RelatedClaim, ...]]:
    """Every claim's most frequent companions, closest first."""
    answered = {slug: tuple(c.claim for c in brief.counterclaims[:cap]) for slug, brief in graph.briefs.items()}
    asserted = {slug: brief.claims[:cap] for slug, brief in graph.briefs.items()}
    order = {cid: index for index, cid in enumerate(graph.claims)}
    out: dict[str, tuple[RelatedClaim, ...]] = {}
    for cid, links in graph.claim_links.items():
        together: Counter[str] = Counter()
        for slug in links.asserted_in[:cap]:
            together.update(asserted[slug])
        for slug in links.answered_in[:cap]:
            together.update(answered[slug])
        together.pop(cid, None)
        relation: dict[str, str] = {}
        for label, others in (("supports", links.supports), ("supported by", links.supported_by),
                              ("opposes", links.opposes), ("opposed by", links.opposed_by)):
            for other in others:
                relation.setdefault(other, label)
        relation.pop(cid, None)
        candidates = together.keys() | relation.keys()
        best = heapq.nsmallest(shown, candidates, key=lambda other: (
            -(TOGETHER_WEIGHT * together[other] + (RELATION_WEIGHT if other in relation else 0)),
            order.get(other, len(order)), other))
        out[cid] = tuple(RelatedClaim(other, TOGETHER_WEIGHT * together[other]
                                      + (RELATION_WEIGHT if other in relation else 0),
                                      together[other], relation.get(other, "")) for other in best)
    return out
