"""The parts of the site's argument map: clusters of claims closely tied to each other, each small enough to read.

A site of hundreds of briefs has one argument graph of hundreds of claims, often all connected; drawn
whole it is a tangle no page can hold. So the related claims (those with at least one relation) are
split into parts of at most PART_SIZE claims, and each part is drawn on a page of its own
(`/map/<part>/`), under an index (`/map/`):

- each connected cluster of claims (by support, opposition, linked premises or undercut) that is no
  larger than PART_SIZE is a part, whole: nothing it says is cut;
- a larger cluster is cut into regions grown from its hubs: the most connected claim not yet in a
  part starts a region, which takes in, one at a time, the neighbouring claim with the most relations
  into it (then the one with fewest relations elsewhere: leaves follow their hub), but not another
  hub (a claim with more relations elsewhere than into the region, and at least half as many as the
  region's own hub has: it starts a region of its own), until it holds GROWN
  claims, or GROWN_RELATIONS relations among them, or has no neighbour left. A region left with
  fewer than MIN_REGION claims joins the region it has most relations with, if that one has room.
  Growing from hubs keeps each claim with the claims it is argued with, which is what a reader
  follows; on a cluster with real topics it finds them;
- clusters smaller than SMALL_CLUSTER claims (a pair, a claim and its rebuttal) are gathered into
  parts of up to PART_SIZE claims, largest first, so that a site of many small arguments does not get
  a page for every pair.

A part is named after its first claim, its hub (the most connected), so its URL is
`/map/<hub-claim-id>/`: it stays while that claim stays the centre of its part. Everything depends on
the graph alone, in sorted order: identical input gives identical parts.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping

from briefgen.argmodel import Inference, InferenceLinks, MapPart
from briefgen.model import ClaimLinks

PART_SIZE = 30
"""Claims a part holds at most: about what a page draws readably (four boxes a row, eight rows or so)."""
MIN_REGION = 5
"""A region of a cut cluster smaller than this joins its closest neighbour, where it fits."""
GROWN = PART_SIZE - MIN_REGION + 1
"""Claims a region grows to: room is left for a small region to join it."""
GROWN_RELATIONS = 40
"""Relations among its claims at which a region stops growing: a dense region is drawn smaller, as thirty
claims with a hundred relations between them are a tangle on any page."""
PART_RELATIONS = 50
"""Relations a small region joining another keeps it under, where it can."""
SMALL_CLUSTER = 5
"""Clusters smaller than this are gathered with others into one part."""

Weights = dict[str, dict[str, int]]


def map_parts(claim_links: Mapping[str, ClaimLinks], inferences: Mapping[str, Inference],
              claim_inferences: Mapping[str, InferenceLinks]) -> tuple[dict[str, MapPart], dict[str, str]]:
    """The parts, largest first (then by name), and the part of every related claim."""
    weights = _weights(claim_links, inferences, claim_inferences)
    parts: list[list[str]] = []
    small: list[list[str]] = []
    for cluster in _clusters(weights):
        if len(cluster) < SMALL_CLUSTER:
            small.append(_from_hub(cluster, weights))
        elif len(cluster) <= PART_SIZE:
            parts.append(_from_hub(cluster, weights))
        else:
            parts.extend(_regions(cluster, weights))
    parts.extend(_gathered(small))
    parts.sort(key=lambda claims: (-len(claims), claims[0]))
    named = {claims[0]: MapPart(claims[0], tuple(claims)) for claims in parts}
    return named, {cid: part.name for part in named.values() for cid in part.claims}


def _weights(claim_links: Mapping[str, ClaimLinks], inferences: Mapping[str, Inference],
             claim_inferences: Mapping[str, InferenceLinks]) -> Weights:
    """Relations between each pair of related claims, counted: a support, an opposition, two claims in one
    linked support or in one undercut support (its premises, conclusion and undercutters) each count one."""
    weights: Weights = {}

    def add(a: str, b: str) -> None:
        if a != b:
            mine, theirs = weights.setdefault(a, {}), weights.setdefault(b, {})
            mine[b] = mine.get(b, 0) + 1
            theirs[a] = theirs.get(a, 0) + 1

    for cid, links in claim_links.items():
        for other in (*links.supports, *links.opposes):
            add(cid, other)
    seen: set[str] = set()
    for roles in claim_inferences.values():
        for iid in (*roles.premise_of, *roles.undercuts):
            inference = inferences[iid]
            if iid in seen or not (inference.linked or inference.undercut_by):
                continue  # a plain support is in claim_links already
            seen.add(iid)
            members = sorted({*inference.premises, inference.conclusion, *inference.undercut_by})
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    add(a, b)
    return weights


def _clusters(weights: Weights) -> list[list[str]]:
    """Connected clusters, each sorted by id."""
    seen: set[str] = set()
    clusters = []
    for start in sorted(weights):
        if start in seen:
            continue
        members = [start]
        seen.add(start)
        for cid in members:  # grows while read
            for other in weights[cid]:
                if other not in seen:
                    seen.add(other)
                    members.append(other)
        clusters.append(sorted(members))
    return clusters


def _degree(cid: str, weights: Weights) -> int:
    return sum(weights[cid].values())


def _from_hub(members: list[str], weights: Weights) -> list[str]:
    """`members` reordered breadth-first from their most connected claim, neighbours by weight then id."""
    inside = set(members)
    hub = min(members, key=lambda c: (-_degree(c, weights), c))
    order, seen = [hub], {hub}
    for cid in order:
        near = sorted((c for c in weights[cid] if c in inside and c not in seen),
                      key=lambda c: (-weights[cid][c], c))
        seen.update(near)
        order.extend(near)
    return order + sorted(inside - seen)  # none: a region is connected


def _regions(cluster: list[str], weights: Weights) -> list[list[str]]:
    """A cluster too large for one part, cut into regions grown from its hubs (see the module docstring)."""
    free = set(cluster)
    degree = {cid: _degree(cid, weights) for cid in cluster}
    seeds = iter(sorted(cluster, key=lambda c: (-degree[c], c)))
    regions: list[list[str]] = []
    while free:
        regions.append(_grow(next(c for c in seeds if c in free), free, weights, degree))
    return _merged(regions, weights)


def _grow(seed: str, free: set[str], weights: Weights, degree: dict[str, int]) -> list[str]:
    """A region from `seed`, taking the claims it takes out of `free`."""
    region = [seed]
    free.discard(seed)
    gain: dict[str, int] = {}
    heap: list[tuple[int, int, str]] = []
    inner = 0
    cid = seed
    while True:
        for other, weight in weights[cid].items():
            if other in free:
                gain[other] = gain.get(other, 0) + weight
                heapq.heappush(heap, (-gain[other], degree[other] - gain[other], other))
        cid = ""
        while heap and len(region) < GROWN and inner < GROWN_RELATIONS:
            minus_gain, elsewhere, candidate = heapq.heappop(heap)
            if candidate not in free or -minus_gain != gain[candidate]:
                continue  # taken, or its gain grew since
            if elsewhere > -minus_gain and 2 * elsewhere >= degree[seed]:
                continue  # a hub of its own, more tied elsewhere: it starts a region, unless its gain grows
            cid = candidate
            break
        if not cid:
            return region
        free.discard(cid)
        region.append(cid)
        inner += gain[cid]


def _merged(regions: list[list[str]], weights: Weights) -> list[list[str]]:
    """Regions too small to stand alone joined to the region they have most relations with, where it has
    room; each region then reordered from its hub."""
    owner = {cid: i for i, region in enumerate(regions) for cid in region}
    alive = [True] * len(regions)
    inner = [0] * len(regions)
    for cid, i in owner.items():
        inner[i] += sum(weight for other, weight in weights[cid].items() if owner[other] == i and other > cid)
    for i in sorted(range(len(regions)), key=lambda i: (len(regions[i]), regions[i][0])):
        if len(regions[i]) >= MIN_REGION:
            continue
        ties: dict[int, int] = {}
        for cid in regions[i]:
            for other, weight in weights[cid].items():
                j = owner[other]
                if j != i and alive[j]:
                    ties[j] = ties.get(j, 0) + weight
        room = [j for j in ties if len(regions[j]) + len(regions[i]) <= PART_SIZE]
        if not room:
            continue
        # Into the most tied region that stays under PART_RELATIONS, else the most tied with room.
        j = min(room, key=lambda j: (inner[j] + ties[j] + inner[i] > PART_RELATIONS, -ties[j], regions[j][0]))
        regions[j] = regions[j] + regions[i]
        inner[j] += ties[j] + inner[i]
        for cid in regions[i]:
            owner[cid] = j
        alive[i] = False
    return [_from_hub(region, weights) for i, region in enumerate(regions) if alive[i]]


def _gathered(small: list[list[str]]) -> list[list[str]]:
    """Small clusters gathered into parts of up to PART_SIZE claims, the largest clusters first."""
    parts: list[list[str]] = []
    for cluster in sorted(small, key=lambda c: (-len(c), c[0])):
        if parts and len(parts[-1]) + len(cluster) <= PART_SIZE:
            parts[-1].extend(cluster)
        else:
            parts.append(list(cluster))
    return parts
