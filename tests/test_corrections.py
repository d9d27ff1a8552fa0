"""Corrections on the built site: a dated notice atop the page, /corrections/, the footer, feeds, JSON-LD, sitemap."""

from __future__ import annotations

import re
from pathlib import Path

import extruct
import feedparser
import pytest

from briefgen.engine import BuildOptions, build
from tests.conftest import MINIMAL_BRIEF, parse_html, write_site
from tests.sitecheck import broken_links

BASE = "https://example.org/briefs/"
CORRECTED = MINIMAL_BRIEF.replace("summary: Short.\n", """\
summary: Short.
updated: 2020-01-05
corrections:
  - date: 2020-01-04
    text: An earlier version gave the wrong *colour*.
  - date: 2020-02-01
    text: |
      We misnamed [the source](source:obs); it is now named right.
""").replace("    sources: [obs]\n", """\
    sources: [obs]
    corrections:
      - date: 2020-01-20
        text: The claim's wording was made plainer.
""")
OTHER = """\
---
title: Another brief
date: 2020-01-10
summary: Not corrected.
claims:
  - sky-is-blue
---
Text.
"""


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = write_site(tmp_path_factory.mktemp("corrections") / "site",
                      {"content/briefs/a-minimal-brief.md": CORRECTED, "content/briefs/another-brief.md": OTHER})
    build(site, BuildOptions(base_url=BASE))
    return site / "output"


def _text(element) -> str:  # type: ignore[no-untyped-def]
    return " ".join("".join(element.itertext()).split())


def _jsonld(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return extruct.extract(path.read_text(encoding="utf-8"), syntaxes=["json-ld"], uniform=True)["json-ld"]


def test_a_corrected_brief_starts_with_its_dated_corrections_and_is_updated_by_them(out: Path) -> None:
    article = parse_html(out / "briefs/a-minimal-brief/index.html").find(".//article[@class='brief']")
    children = [child.tag + "." + (child.get("class") or "") for child in article]
    assert children.index("aside.correction-notice") == 1  # right after the header, before the text
    assert children.index("aside.correction-notice") < children.index("div.prose brief-body")
    notice = article.find("aside[@class='correction-notice']")
    assert notice.get("id") == "corrections" and _text(notice.find("h2")) == "Corrections"
    dates = [t.get("datetime") for t in notice.findall(".//p[@class='correction-date']/time")]
    assert dates == ["2020-02-01", "2020-01-04"]
    assert notice.find(".//div[@class='correction-text']//a").get("href") == "../../sources/obs/"
    meta = article.find(".//header/p[@class='meta']")
    assert [t.get("datetime") for t in meta.findall("time")] == ["2020-01-02", "2020-02-01"]


def test_a_corrected_claim_starts_with_its_notice(out: Path) -> None:
    page = parse_html(out / "claims/sky-is-blue/index.html").find(".//article[@class='claim-page']")
    notice = page.find("aside[@class='correction-notice']")
    assert _text(notice) == "Correction 20 January 2020 The claim's wording was made plainer."
    assert parse_html(out / "briefs/another-brief/index.html").find(".//aside[@class='correction-notice']") is None


def test_the_corrections_page_lists_every_correction_newest_first_linking_its_page(out: Path) -> None:
    tree = parse_html(out / "corrections/index.html")
    entries = tree.findall(".//ol[@class='corrections-list']/li")
    assert [(e.find(".//time").get("datetime"), e.find(".//h2/a").get("href")) for e in entries] == [
        ("2020-02-01", "../briefs/a-minimal-brief/#corrections"),
        ("2020-01-20", "../claims/sky-is-blue/#corrections"),
        ("2020-01-04", "../briefs/a-minimal-brief/#corrections"),
    ]
    assert entries[0].find(".//div[@class='prose correction-text']//a").get("href") == "../sources/obs/"
    assert not broken_links(out)


def test_every_page_links_the_corrections_page_from_its_footer(out: Path) -> None:
    for page, href in (("index.html", "corrections/"), ("briefs/another-brief/index.html", "../../corrections/")):
        links = [a.get("href") for a in parse_html(out / page).findall(".//footer//a")]
        assert href in links, page


def test_a_site_without_corrections_has_no_corrections_page_or_link(scratch_site) -> None:  # type: ignore[no-untyped-def]
    site = scratch_site({"content/briefs/a.md": MINIMAL_BRIEF})
    build(site, BuildOptions())
    assert not (site / "output/corrections").exists()
    footer = [a.get("href", "") for a in parse_html(site / "output/index.html").findall(".//footer//a")]
    assert footer and not any("corrections" in href for href in footer)


def test_the_feed_entry_is_updated_by_the_correction_and_says_so(out: Path) -> None:
    feed = feedparser.parse((out / "feed.xml").read_bytes(), response_headers={"content-type": "application/xml"})
    assert not feed.bozo
    entries = {e.title: e for e in feed.entries}
    corrected = entries["A minimal brief"]
    assert corrected.published.startswith("2020-01-02") and corrected.updated.startswith("2020-02-01")
    content = corrected.content[0].value
    assert re.search(r"Correction, 1 February 2020:.*We misnamed", content, re.S)
    assert content.index("Correction, 4 January 2020") < content.index("The sky is blue")
    assert entries["Another brief"].updated.startswith("2020-01-10")
    assert "Correction" not in entries["Another brief"].content[0].value


def test_json_ld_has_each_correction_and_the_corrected_date(out: Path) -> None:
    [brief] = _jsonld(out / "briefs/a-minimal-brief/index.html")
    assert brief["dateModified"] == "2020-02-01"
    assert brief["correction"] == [
        {"@type": "CorrectionComment", "text": "We misnamed the source; it is now named right.",
         "datePublished": "2020-02-01"},
        {"@type": "CorrectionComment", "text": "An earlier version gave the wrong colour.",
         "datePublished": "2020-01-04"}]
    [claim] = _jsonld(out / "claims/sky-is-blue/index.html")
    assert claim["correction"] == [{"@type": "CorrectionComment", "text": "The claim's wording was made plainer.",
                                    "datePublished": "2020-01-20"}]
    [other] = _jsonld(out / "briefs/another-brief/index.html")
    assert "correction" not in other and other["dateModified"] == "2020-01-10"


def test_the_sitemap_dates_corrected_pages_by_their_latest_correction(out: Path) -> None:
    text = (out / "sitemap.xml").read_text(encoding="utf-8")
    lastmod = dict(re.findall(r"<loc>([^<]+)</loc><lastmod>([^<]+)</lastmod>", text))
    assert lastmod[BASE + "briefs/a-minimal-brief/"] == "2020-02-01"
    assert lastmod[BASE + "claims/sky-is-blue/"] == "2020-01-20"
    assert BASE + "corrections/" in text
