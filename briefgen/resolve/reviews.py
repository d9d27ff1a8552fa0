"""Reviews: verdicts on claims, checked against the site's rating scale and merged across places.

A review is known by its claim, reviewer and date: the same review given in two places is
one, and two different reviews by one reviewer of one claim on one day are an error (a
revised verdict is a new review with a later date, so the claim's history stays readable).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from briefgen.argmodel import Review
from briefgen.errors import did_you_mean
from briefgen.load.specs import ClaimSpec, ReviewSpec
from briefgen.model import Author, Location, Rating, SiteConfig
from briefgen.resolve.prose import ProseRenderer
from briefgen.resolve.registry import Registry


def gather_review_refs(reg: Registry, claims: Iterable[ClaimSpec]) -> None:
    """Queue each review's source ids to be checked with every other reference."""
    for claim in claims:
        for review in claim.reviews:
            reg.pending.extend(("source", ref) for ref in review.sources)
            reg.cited_by_records.update(ref.id for ref in review.sources)


def build_reviews(reg: Registry, claims: Iterable[tuple[ClaimSpec, str]], known_claims: Mapping[str, object],
                  config: SiteConfig, authors: Mapping[str, Author],
                  prose: ProseRenderer) -> dict[str, tuple[Review, ...]]:
    """Claim id -> its reviews, oldest first, from (claim spec, slug of the brief that gives it or '')."""
    ratings = _Ratings(config.ratings)
    reviewers = _Reviewers(authors, config.title)
    found: dict[tuple[str, str, object], tuple[Review, Location]] = {}
    for claim, brief in claims:
        if claim.id not in known_claims:
            continue  # an unknown claim: reported where it is named
        for spec in claim.reviews:
            rating = ratings.find(reg, spec) if spec.rating else None
            if rating is None or spec.date is None:
                continue  # reported already
            name, author = reviewers.find(reg, spec)
            review = Review(claim.id, rating, spec.date, name, author,
                            prose.render(spec.explanation, "a review's explanation"),
                            tuple(dict.fromkeys(ref.id for ref in spec.sources)), spec.url, brief)
            key = (claim.id, author or name, spec.date)
            known = found.get(key)
            if known is None:
                found[key] = (review, spec.at)
            elif _content(known[0]) != _content(review):
                reg.error(spec.at, f"review of claim '{claim.id}' by {name} on {spec.date.isoformat()} is given "
                                   f"differently here than at {known[1]}", "conflicting-definition",
                          "give a revised verdict as a new review with a later date")
    out: dict[str, list[Review]] = {}
    for review, _at in found.values():
        out.setdefault(review.claim, []).append(review)
    return {cid: tuple(sorted(reviews, key=lambda r: (r.date, r.reviewer, r.rating))) for cid, reviews in out.items()}


def _content(review: Review) -> tuple[object, ...]:
    """What two places must agree on to give the same review (the brief it is written in may differ)."""
    return review.rating, review.explanation_html, frozenset(review.sources), review.url


class _Ratings:
    """A review's rating, matched to the scale by id or label, in any case."""

    def __init__(self, ratings: tuple[Rating, ...]) -> None:
        self._ids = [r.id for r in ratings]
        self._by_word: dict[str, str] = {}
        for rating in ratings:
            self._by_word.setdefault(_word(rating.label), rating.id)
            self._by_word[_word(rating.id)] = rating.id

    def find(self, reg: Registry, spec: ReviewSpec) -> str | None:
        found = self._by_word.get(_word(spec.rating))
        if found is None:
            hint = did_you_mean(_word(spec.rating).replace(" ", "-"), self._ids) or \
                f"the site's ratings are {', '.join(self._ids)}; briefgen.yaml's 'ratings' sets them"
            reg.error(spec.rating_at, f"rating '{spec.rating}' is not on the site's rating scale", "unknown-rating",
                      hint)
        return found


def _word(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").split())


class _Reviewers:
    """A reviewer as written -> (name shown, author slug or ''): an author by id or name, else an organisation."""

    def __init__(self, authors: Mapping[str, Author], site: str) -> None:
        self._site = site
        self._by_key: dict[str, Author] = {}
        for author in authors.values():
            self._by_key.setdefault(author.name, author)
        self._by_key.update((author.slug, author) for author in authors.values())

    def find(self, reg: Registry, spec: ReviewSpec) -> tuple[str, str]:
        if not spec.reviewer or spec.reviewer == self._site:
            return self._site, ""
        author = self._by_key.get(spec.reviewer)
        if author is not None:
            return author.name, author.slug
        near = did_you_mean(spec.reviewer, self._by_key)
        if near and spec.reviewer_at is not None:
            reg.warn(spec.reviewer_at, f"reviewer '{spec.reviewer}' is no author of this site, so it is taken "
                                       "as an organisation's name", "reviewer-not-author", near)
        return spec.reviewer, ""
