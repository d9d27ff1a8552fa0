"""Verdicts on the built site: the claim page, every link to the claim, the maps, ClaimReview JSON-LD, graph.json."""

from __future__ import annotations

import json
from pathlib import Path

import extruct
import pytest

from briefgen.engine import BuildOptions, build
from tests.conftest import parse_html, write_site

BASE = "https://facts.example.org/desk/"
SVG = "{http://www.w3.org/2000/svg}"
SITE = {
    "briefgen.yaml": """\
        title: The Fact Desk
        ratings:
          - id: correct
            label: Correct
          - id: misleading
            label: Misleading
          - id: wrong
            label: Wrong
        """,
    "content/authors.yaml": "- id: ann\n  name: Ann Checker\n  url: https://example.org/ann\n",
    "content/actors.yaml": "- id: minister\n  name: The Minister\n  kind: person\n",
    "content/claims.yaml": """\
        - id: exports-doubled
          text: Exports doubled last year.
          held_by: [minister]
          sources: [stats]
          reviews:
            - rating: Misleading
              reviewer: ann
              date: 2021-03-01
              explanation: Exports rose by *half*, not double; see [the data](source:stats).
              sources: [stats]
        """,
    "content/briefs/early.md": """\
        ---
        title: Early take
        date: 2021-01-10
        summary: The first brief to make the claim.
        claims:
          - exports-doubled
        sources:
          - id: stats
            title: Trade statistics 2020
            kind: dataset
            url: https://stats.example.org/trade
        ---
        [Exports doubled]{claim=exports-doubled} [@stats].
        """,
    "content/briefs/later.md": """\
        ---
        title: Later answer
        date: 2021-02-10
        summary: A brief that answers the claim.
        claims:
          - id: exports-flat
            text: Exports barely grew.
            opposes: [exports-doubled]
            sources: [stats]
        counterclaims:
          - id: exports-doubled
            rebuttal: They did not.
            reviews:
              - rating: wrong
                reviewer: Independent Checkers Ltd
                date: 2021-04-02
                url: https://checkers.example.org/exports
        ---
        Text [@stats].
        """,
}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = write_site(tmp_path_factory.mktemp("verdicts") / "site", SITE)
    build(site, BuildOptions(base_url=BASE))
    return site / "output"


def _text(element) -> str:  # type: ignore[no-untyped-def]
    return " ".join("".join(element.itertext()).split())


def _jsonld(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return extruct.extract(path.read_text(encoding="utf-8"), syntaxes=["json-ld"], uniform=True)["json-ld"]


def test_claim_page_shows_each_verdict_in_words_newest_first(out: Path) -> None:
    tree = parse_html(out / "claims/exports-doubled/index.html")
    reviews = tree.findall(".//section[@class='panel reviews']/article")
    assert [r.get("id") for r in reviews] == ["review-2021-04-02", "review-2021-03-01"]
    newest, oldest = reviews
    assert _text(newest.find(".//*[@class='review-rating']")).startswith("Rated: Wrong")
    assert "Independent Checkers Ltd" in _text(newest.find(".//*[@class='meta review-by']"))
    assert newest.find(".//time").get("datetime") == "2021-04-02"
    assert newest.find(".//a[@class='external']").get("href") == "https://checkers.example.org/exports"
    assert [(li.text, li.get("aria-current")) for li in newest.findall(".//ol[@class='rating-scale']/li")] == [
        ("Correct", None), ("Misleading", None), ("Wrong", "true")]
    by = oldest.find(".//*[@class='meta review-by']/a")
    assert (by.text, by.get("href")) == ("Ann Checker", "../../authors/ann/")
    explanation = oldest.find(".//div[@class='prose review-explanation']")
    assert explanation.find(".//em").text == "half"
    assert explanation.find(".//a").get("href") == "../../sources/stats/"
    assert [a.get("href") for a in oldest.findall(".//p[@class='review-sources']/a")] == ["../../sources/stats/"]
    kicker = tree.find(".//p[@class='kicker']")
    badge = kicker.find("a[@class='badge badge-verdict']")
    assert (_text(badge), badge.get("href")) == ("Rated: Wrong", "#review-2021-04-02")


def test_every_link_to_the_claim_carries_its_latest_verdict_as_text(out: Path) -> None:
    for page in ("claims/index.html", "briefs/early/index.html", "briefs/later/index.html",
                 "claims/exports-flat/index.html", "actors/minister/index.html"):
        tree = parse_html(out / page)
        links = [a for a in tree.iter("a") if (a.get("href") or "").endswith("claims/exports-doubled/")
                 and a.get("class") == "claim-link"]
        assert links, page
        for parent in tree.iter():
            children = list(parent)
            for index, child in enumerate(children):
                if child in links:  # the badges that follow the link, up to the next link
                    badges = [_text(b) for b in children[index + 1:index + 3] if "badge" in (b.get("class") or "")]
                    assert "Rated: Wrong" in badges, page
    unreviewed = parse_html(out / "claims/index.html")
    row = next(tr for tr in unreviewed.iter("tr") if "Exports barely grew." in _text(tr))
    assert "Rated" not in _text(row)


def test_maps_write_the_verdict_on_the_claims_box(out: Path) -> None:
    part = next(p.relative_to(out).as_posix() for p in sorted(out.glob("map/*/index.html"))
                if "exports-doubled/" in p.read_text(encoding="utf-8"))  # the part of the site map that has it
    for page in ("claims/exports-flat/index.html", part, "briefs/later/index.html"):
        svg = parse_html(out / page).find(f".//{SVG}svg")
        node = next(a for a in svg.iter(f"{SVG}a") if a.get("href", "").endswith("exports-doubled/"))
        labels = [t.text for t in node.iter(f"{SVG}tspan") if t.get("class") == "argmap-label"]
        assert any("RATED: WRONG" in label for label in labels), (page, labels)
        other = next(a for a in svg.iter(f"{SVG}a") if a.find(f"{SVG}title").text == "Exports barely grew.")
        assert not any("RATED" in (t.text or "") for t in other.iter(f"{SVG}tspan"))


def test_claim_review_json_ld_reads_back_with_every_field(out: Path) -> None:
    items = _jsonld(out / "claims/exports-doubled/index.html")
    assert [i["@type"] for i in items] == ["Claim", "ClaimReview", "ClaimReview"]
    claim_url = BASE + "claims/exports-doubled/"
    first, second = items[1:]
    assert first["url"] == claim_url + "#review-2021-03-01"
    assert second["url"] == "https://checkers.example.org/exports"  # published elsewhere
    for review in (first, second):
        assert review["claimReviewed"] == "Exports doubled last year."
        reviewed = review["itemReviewed"]
        assert reviewed["@type"] == "Claim" and reviewed["url"] == claim_url
        assert [a["url"] for a in reviewed["appearance"]] == [BASE + "briefs/early/"]
        assert reviewed["firstAppearance"]["url"] == BASE + "briefs/early/"
        assert reviewed["firstAppearance"]["datePublished"] == "2021-01-10"
        assert reviewed["author"] == [{"@type": "Person", "name": "The Minister", "url": BASE + "actors/minister/"}]
        rating = review["reviewRating"]
        assert (rating["@type"], rating["bestRating"], rating["worstRating"]) == ("Rating", 3, 1)
    assert (first["reviewRating"]["ratingValue"], first["reviewRating"]["alternateName"]) == (2, "Misleading")
    assert (second["reviewRating"]["ratingValue"], second["reviewRating"]["alternateName"]) == (1, "Wrong")
    assert first["author"]["@type"] == "Person" and first["author"]["name"] == "Ann Checker"
    assert first["author"]["url"] == BASE + "authors/ann/" and first["author"]["sameAs"] == "https://example.org/ann"
    assert second["author"] == {"@type": "Organization", "name": "Independent Checkers Ltd"}
    assert (first["datePublished"], second["datePublished"]) == ("2021-03-01", "2021-04-02")
    assert first["reviewBody"] == "Exports rose by half, not double; see the data."
    assert first["citation"][0]["url"] == "https://stats.example.org/trade"


def test_a_claim_only_answered_appears_where_it_is_answered(tmp_path: Path) -> None:
    files = dict(SITE)
    files["content/briefs/early.md"] = SITE["content/briefs/early.md"].replace(
        "        claims:\n          - exports-doubled\n", "")
    site = write_site(tmp_path / "site", files)
    build(site, BuildOptions(base_url=BASE))
    review = _jsonld(site / "output/claims/exports-doubled/index.html")[1]
    assert [a["url"] for a in review["itemReviewed"]["appearance"]] == [BASE + "briefs/later/"]


def test_graph_json_lists_the_scale_the_verdicts_and_every_review(out: Path) -> None:
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert data["ratings"] == [{"id": "correct", "label": "Correct", "value": 3},
                               {"id": "misleading", "label": "Misleading", "value": 2},
                               {"id": "wrong", "label": "Wrong", "value": 1}]
    assert data["verdicts"] == {"exports-doubled": "wrong"}
    assert [(r["claim"], r["rating"], r["rating_value"], r["reviewer"], r["reviewer_author"], r["brief"])
            for r in data["reviews"]] == [
        ("exports-doubled", "misleading", 2, "Ann Checker", "ann", None),
        ("exports-doubled", "wrong", 1, "Independent Checkers Ltd", None, "later"),
    ]
    assert data["reviews"][0]["explanation_text"] == "Exports rose by half, not double; see the data."
