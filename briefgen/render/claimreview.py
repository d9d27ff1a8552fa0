"""schema.org JSON-LD of a claim page: the Claim, and a ClaimReview for each of its reviews.

What fact-check aggregators read (Google's ClaimReview markup, the Duke Reporters' Lab): each
review names the claim reviewed, the works it appears in (`appearance`, the earliest as
`firstAppearance`), the rating with its place on the site's scale (`ratingValue` between
`worstRating` 1 and `bestRating`, higher is better) and its name (`alternateName`), who
reviewed it and when.
"""

from __future__ import annotations

from typing import Any

from briefgen import urls
from briefgen.argmodel import Review
from briefgen.model import BriefGraph
from briefgen.render.corrections import with_corrections
from briefgen.render.jsonld import CONTEXT, JsonLd
from briefgen.render.verdicts import anchors, rating_of, rating_value, review_url
from briefgen.sanitize import plain_text


class ClaimLd(JsonLd):
    """The JSON-LD of one claim page, built with JsonLd's parts so that both describe things alike."""

    def page(self, cid: str) -> dict[str, Any] | list[dict[str, Any]]:
        """The Claim alone, or the Claim followed by one ClaimReview per review (oldest first)."""
        claim = with_corrections(self.claim(cid), self.graph.claim_corrections.get(cid, ()))
        reviews = self.graph.reviews.get(cid, ())
        if not reviews:
            return claim
        return [claim, *(self.review(r, anchor) for r, anchor in zip(reviews, anchors(reviews), strict=True))]

    def review(self, review: Review, anchor: str) -> dict[str, Any]:
        graph = self.graph
        page = urls.page_path("claim", review.claim)
        value, best = rating_value(graph, review.rating)
        url = review_url(graph, review, anchor)
        data: dict[str, Any] = {
            "@context": CONTEXT, "@type": "ClaimReview",
            "url": url if review.url else self._url(page, url),
            "claimReviewed": graph.claims[review.claim].text,
            "itemReviewed": self._reviewed(page, review.claim),
            "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": best, "worstRating": 1,
                             "alternateName": rating_of(graph, review.rating).label},
            "author": self._reviewer(page, review),
            "datePublished": review.date.isoformat(),
        }
        if review.explanation_html:
            data["reviewBody"] = plain_text(review.explanation_html)
        if review.sources:
            data["citation"] = [self._source(page, s) for s in review.sources if s in graph.sources]
        if review.brief in graph.briefs:
            data["isBasedOn"] = self._appearance(page, review.brief)
        return data

    def _reviewed(self, page: str, cid: str) -> dict[str, Any]:
        """The claim as a ClaimReview names it: where it appears, and who holds it."""
        links = self.graph.claim_links[cid]
        # Where the claim appears: the briefs asserting it; a claim only answered appears in the briefs answering it.
        shown = links.asserted_in or links.answered_in
        data: dict[str, Any] = {"@type": "Claim", "text": self.graph.claims[cid].text,
                                "url": self._url(page, page)}
        if shown:
            data["appearance"] = [self._appearance(page, b) for b in shown]
            first = min(shown, key=lambda b: (self.graph.briefs[b].date, b))
            data["firstAppearance"] = self._appearance(page, first)
        if links.held_by:
            data["author"] = [self._actor(page, a) for a in links.held_by]
        return data

    def _reviewer(self, page: str, review: Review) -> dict[str, Any]:
        if review.reviewer_author in self.graph.authors:
            return self._author(page, review.reviewer_author)
        data: dict[str, Any] = {"@type": "Organization", "name": review.reviewer}
        if review.reviewer == self.graph.config.title:  # the site reviewing a claim itself
            data["url"] = self._url(page, "")
        return data


def claim_jsonld(graph: BriefGraph, cid: str) -> dict[str, Any] | list[dict[str, Any]]:
    return ClaimLd(graph).page(cid)
