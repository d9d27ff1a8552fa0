"""The example site's verdict, correction and timeline of John Bolton's positions, drawn only from the seed text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import extruct
import feedparser
import pytest

from briefgen.engine import BuildOptions, build
from tests.conftest import REPO, parse_html

BASE = "https://example.org/hanoi/"
SEED = REPO.parent / "shared" / "seed" / "hanoi-summit.txt"
SITE_TITLE = "briefgen example: the Hanoi summit"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("example") / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "briefgen.yaml", site / "briefgen.yaml")
    build(site, BuildOptions(base_url=BASE))
    return site / "output"


def _text(element) -> str:  # type: ignore[no-untyped-def]
    return " ".join("".join(element.itertext()).split())


def test_the_example_verdict_is_the_sites_own_and_says_so(out: Path) -> None:
    tree = parse_html(out / "claims/rapid-disarmament-possible/index.html")
    [review] = tree.findall(".//section[@class='panel reviews']/article")
    assert _text(review.find(".//p[@class='review-rating']")) == "Rated: Very unlikely"
    assert _text(review.find(".//p[@class='meta review-by']")).startswith(f"By {SITE_TITLE} ·")
    explanation = review.find(".//div[@class='prose review-explanation']")
    assert "example site’s own rating" in _text(explanation)
    assert explanation.find(".//a").get("href") == "../../briefs/hanoi-summit/"
    items = extruct.extract((out / "claims/rapid-disarmament-possible/index.html").read_text(encoding="utf-8"),
                            syntaxes=["json-ld"], uniform=True)["json-ld"]
    claim_review = next(i for i in items if i["@type"] == "ClaimReview")
    assert claim_review["author"] == {"@type": "Organization", "name": SITE_TITLE, "url": BASE}
    assert claim_review["reviewRating"]["alternateName"] == "Very unlikely"
    assert (claim_review["reviewRating"]["ratingValue"], claim_review["reviewRating"]["bestRating"]) == (1, 5)
    assert claim_review["isBasedOn"]["url"] == BASE + "briefs/hanoi-summit/"


def test_the_example_correction_is_on_the_brief_the_claim_and_the_corrections_page(out: Path) -> None:
    brief = parse_html(out / "briefs/hanoi-summit/index.html")
    assert "force a better deal" in _text(brief.find(".//aside[@class='correction-notice']"))
    claim = parse_html(out / "claims/max-pressure-failed/index.html")
    assert _text(claim.find(".//h1")).endswith("it will not “force a better deal.”")  # the fix itself
    assert claim.find(".//aside[@class='correction-notice']") is not None
    listed = parse_html(out / "corrections/index.html").findall(".//ol[@class='corrections-list']/li")
    assert {e.find(".//h2/a").get("href") for e in listed} == {"../briefs/hanoi-summit/#corrections",
                                                               "../claims/max-pressure-failed/#corrections"}
    feed = feedparser.parse((out / "feed.xml").read_bytes(), response_headers={"content-type": "application/xml"})
    hanoi = next(e for e in feed.entries if e.link.endswith("/hanoi-summit/"))
    assert hanoi.published.startswith("2019-02-20") and hanoi.updated > hanoi.published


def test_boltons_timeline_holds_what_the_commentary_reports_and_nothing_else(out: Path) -> None:
    items = parse_html(out / "actors/john-bolton/index.html").findall(".//ol[@class='timeline']/li")
    assert len(items) == 3
    for item in items:  # the commentary dates none of them: each was said by the time it was published
        assert _text(item.find(".//p[@class='position-when']")) == "by 20 February 2019"
        assert "Reported in North Korean disarmament isn't going to happen" in _text(item)
    claims = {item.find(".//p[@class='position-what']/a").get("href").split("/")[-2]: item for item in items}
    assert set(claims) == {"sanctions-force-better-deal", "negotiations-will-fail", "limited-arms-control-achievable"}
    assert _text(claims["limited-arms-control-achievable"].find(".//p[@class='position-what']")).startswith("denies")


@pytest.mark.skipif(not SEED.is_file(), reason="needs shared/seed/hanoi-summit.txt beside the repo")
def test_every_quotation_in_the_example_records_is_in_the_seed_text(out: Path) -> None:
    seed = " ".join(SEED.read_text(encoding="utf-8").split())
    pages = [out / "actors/john-bolton/index.html", out / "claims/rapid-disarmament-possible/index.html"]
    quotes = [_text(q) for page in pages for q in parse_html(page).iter("blockquote")
              if "position-quote" in (q.get("class") or "")]
    explanation = _text(parse_html(pages[1]).find(".//div[@class='prose review-explanation']"))
    quotes += re.findall(r"“(.+?)”(?= It is not)", explanation)
    quotes = [q.strip("“”") for q in quotes]
    assert len(quotes) == 4
    for quote in quotes:
        assert quote.replace("‘", "“").replace("’ pace", "” pace") in seed, quote
