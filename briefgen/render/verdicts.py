"""Verdicts as pages show them: a claim's reviews, and the latest rating on every link to the claim."""

from __future__ import annotations

from typing import Protocol

from briefgen import urls
from briefgen.argmodel import Review
from briefgen.model import BriefGraph, Rating
from briefgen.render.argviews import ReviewView
from briefgen.render.dates import format_date
from briefgen.render.viewrefs import ActorRef, ClaimRef, Link, SourceRef


class Refs(Protocol):
    """What the views here need of a ViewBuilder: its graph, and its refs (built once, shared by pages)."""

    graph: BriefGraph

    def claim_ref(self, cid: str) -> ClaimRef: ...
    def source_ref(self, sid: str) -> SourceRef: ...
    def actor_ref(self, aid: str) -> ActorRef: ...
    def brief_link(self, slug: str) -> Link: ...
    def author_link(self, slug: str) -> Link: ...


def latest(reviews: tuple[Review, ...]) -> Review | None:
    """The claim's current verdict: its newest review (a claim's reviews are kept oldest first)."""
    return reviews[-1] if reviews else None


def verdict(graph: BriefGraph, cid: str) -> str:
    """The label of the claim's latest rating, '' when it has no review."""
    review = latest(graph.reviews.get(cid, ()))
    return rating_of(graph, review.rating).label if review else ""


def rating_of(graph: BriefGraph, ident: str) -> Rating:
    return next((r for r in graph.config.ratings if r.id == ident), Rating(ident, ident))


def rating_value(graph: BriefGraph, ident: str) -> tuple[int, int]:
    """(the rating's place on the scale, 1 the worst; the best place): higher is better, as schema.org reads it."""
    ratings = graph.config.ratings
    ids = [r.id for r in ratings]
    return len(ids) - ids.index(ident) if ident in ids else 0, len(ids)


def review_views(refs: Refs, cid: str) -> tuple[ReviewView, ...]:
    """The claim's reviews, newest first."""
    reviews = refs.graph.reviews.get(cid, ())
    return tuple(review_view(refs, review, anchor) for review, anchor in reversed(list(zip(reviews, anchors(reviews),
                                                                                             strict=True))))


def anchors(reviews: tuple[Review, ...]) -> list[str]:
    """The element id of each review on its claim's page: by date, numbered when a day has several."""
    out: list[str] = []
    count: dict[str, int] = {}
    for review in reviews:
        day = review.date.isoformat()
        count[day] = count.get(day, 0) + 1
        out.append(f"review-{day}" + (f"-{count[day]}" if count[day] > 1 else ""))
    return out


def review_view(refs: Refs, review: Review, anchor: str) -> ReviewView:
    graph = refs.graph
    value, best = rating_value(graph, review.rating)
    reviewer = refs.author_link(review.reviewer_author) if review.reviewer_author in graph.authors \
        else Link(review.reviewer, "")
    return ReviewView(
        anchor=anchor, rating=rating_of(graph, review.rating).label, rating_id=review.rating, value=value, best=best,
        reviewer=reviewer, date=review.date, date_text=format_date(review.date, graph.config),
        explanation_html=review.explanation_html,
        sources=tuple(refs.source_ref(s) for s in review.sources if s in graph.sources), url=review.url,
        brief=refs.brief_link(review.brief) if review.brief in graph.briefs else None,
        scale=tuple(r.label for r in graph.config.ratings),
    )


def review_url(graph: BriefGraph, review: Review, anchor: str) -> str:
    """Where a review is read: its own URL, else its place on the claim's page (a site path)."""
    return review.url or f"{urls.page_path('claim', review.claim)}#{anchor}"
