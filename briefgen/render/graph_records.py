"""The reviews, positions and corrections of /graph.json, and the site's rating scale (docs/graph-json.md)."""

from __future__ import annotations

from typing import Any

from briefgen.model import BriefGraph
from briefgen.render.verdicts import latest, rating_value
from briefgen.sanitize import plain_text


def records_json(graph: BriefGraph) -> dict[str, Any]:
    """The top-level keys these records add: `ratings`, `verdicts`, `reviews`, `positions`, `corrections`."""
    reviews = []
    verdicts = {}
    for cid, claim_reviews in graph.reviews.items():
        newest = latest(claim_reviews)
        if newest is not None:
            verdicts[cid] = newest.rating
        for review in claim_reviews:
            reviews.append({
                "claim": cid, "rating": review.rating, "rating_value": rating_value(graph, review.rating)[0],
                "date": review.date.isoformat(), "reviewer": review.reviewer,
                "reviewer_author": review.reviewer_author or None, "explanation_html": review.explanation_html,
                "explanation_text": plain_text(review.explanation_html),
                "sources": list(review.sources), "url": review.url or None, "brief": review.brief or None,
            })
    positions = [{"actor": p.actor, "claim": p.claim, "stance": p.stance, "date": p.date or None,
                  "source": p.source or None, "quote": p.quote, "note_html": p.note_html,
                  "note_text": plain_text(p.note_html), "brief": p.brief or None,
                  "reported": p.reported.isoformat() if p.reported else None}
                 for aid in sorted(graph.actor_positions) for p in graph.actor_positions[aid]]
    corrections = [{"of": f"{kind}:{key}", "date": c.date.isoformat(), "html": c.html, "text": c.text}
                   for kind, mapping in (("brief", graph.brief_corrections), ("claim", graph.claim_corrections))
                   for key in sorted(mapping) for c in mapping[key]]
    return {
        "ratings": [{"id": r.id, "label": r.label, "value": len(graph.config.ratings) - index}
                    for index, r in enumerate(graph.config.ratings)],
        "verdicts": dict(sorted(verdicts.items())),
        "reviews": reviews,
        "positions": positions,
        "corrections": corrections,
    }
