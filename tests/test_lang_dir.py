"""The site's language and a brief's own `lang` set lang and dir in the HTML; text that may run the other way
from the page is isolated (dir="auto"), so mixed pages read correctly."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import feedparser
import pytest

from briefgen.cli import main
from briefgen.engine import BuildOptions, check
from briefgen.langs import direction, language_tag
from tests.conftest import parse_html


@pytest.mark.parametrize(("tag", "way"), [
    ("en", "ltr"), ("ar", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("ps", "rtl"), ("yi", "rtl"),
    ("ar-EG", "rtl"), ("ko", "ltr"), ("zh-Hant", "ltr"), ("az-Arab", "rtl"), ("ur-Latn", "ltr"), ("ckb", "rtl"),
    ("ku", "ltr"), ("dv", "rtl"), ("sd-Deva", "ltr"),
])
def test_the_direction_of_a_language(tag: str, way: str) -> None:
    assert direction(tag) == way


@pytest.mark.parametrize(("text", "tag"), [
    ("en", "en"), ("EN", "en"), ("pt_br", "pt-BR"), ("zh-hant-tw", "zh-Hant-TW"), ("es-419", "es-419"),
    ("English", None), ("e", None), ("en--us", None), ("ar script", None), ("", None),
])
def test_language_tags_are_read_in_their_usual_case(text: str, tag: str | None) -> None:
    assert language_tag(text) == tag


ARABIC = ("---\ntitle: الشرق الأوسط بعد القمة\ndate: 2019-03-01\nlang: ar\nslug: middle-east\n"
          "summary: ملخص قصير.\nclaims:\n  - id: c\n    text: نص الادعاء.\n    sources: [s]\n"
          "counterclaims:\n  - id: k\n    text: Another view.\n    opposes: c\n    rebuttal: الرد.\n"
          "sources:\n  - id: s\n    title: مصدر\n---\n## الخلفية\n\nنص [@s].\n")
ENGLISH = ("---\ntitle: An English brief\ndate: 2019-02-01\nsummary: S.\ntopics: [الشرق الأوسط]\n"
           "claims:\n  - id: k\n    text: Another view.\n---\nText.\n")


@pytest.fixture
def mixed(scratch_site):  # type: ignore[no-untyped-def]
    site = scratch_site({"briefgen.yaml": "title: Mixed\n", "content/briefs/ar.md": ARABIC,
                         "content/briefs/en.md": ENGLISH})
    assert main(["build", str(site), "-q"]) == 0
    return site / "output"


def test_a_brief_in_another_language_carries_its_lang_and_dir_on_its_page(mixed) -> None:  # type: ignore[no-untyped-def]
    page = parse_html(mixed / "briefs/middle-east/index.html")
    assert (page.get("lang"), page.get("dir")) == ("en", "ltr")  # the site's words (nav, headings) stay English
    own = {(el.tag, el.get("class") or el.get("id")): (el.get("lang"), el.get("dir")) for el in page.iter()
           if el.get("lang") == "ar"}
    assert own == {("h1", "brief-title"): ("ar", "rtl"), ("p", "standfirst"): ("ar", "rtl"),
                   ("div", "prose brief-body"): ("ar", "rtl"), ("div", "rebuttal-text"): ("ar", "rtl")}


def test_its_cards_and_links_elsewhere_carry_it_too(mixed) -> None:  # type: ignore[no-untyped-def]
    home = parse_html(mixed / "index.html")
    cards = {card.findtext(".//h3/a"): (card.get("lang"), card.get("dir")) for card in home.iter("article")}
    assert cards == {"الشرق الأوسط بعد القمة": ("ar", "rtl"), "An English brief": (None, None)}
    seen = 0
    for page in mixed.rglob("*.html"):
        root = parse_html(page)
        parents = {child: parent for parent in root.iter() for child in parent}
        for link in root.iter("a"):
            if link.text != "الشرق الأوسط بعد القمة" or "briefs/middle-east" in page.as_posix():
                continue
            element, langs = link, []
            while element is not None:
                langs.append((element.get("lang"), element.get("dir")))
                element = parents.get(element)
            assert next(pair for pair in langs if pair[0]) == ("ar", "rtl"), page  # on the link or its card
            seen += 1
    assert seen >= 5
    disputed = parse_html(mixed / "briefs/en/index.html").find(".//p[@class='contested-by']/a")
    assert disputed is not None and (disputed.get("lang"), disputed.get("dir")) == ("ar", "rtl")  # a plain link


def test_names_and_claims_in_lists_find_their_own_direction(mixed) -> None:  # type: ignore[no-untyped-def]
    topic = parse_html(mixed / "topics/index.html")
    assert [(a.text, a.get("dir")) for a in topic.iter("a") if a.text == "الشرق الأوسط"] == [("الشرق الأوسط", "auto")]
    claim = parse_html(mixed / "claims/c/index.html")
    heading = claim.find(".//h1")
    assert heading is not None and heading.get("dir") == "auto"
    claims = parse_html(mixed / "claims/index.html")
    assert {a.get("dir") for a in claims.iter("a") if "claim-link" in (a.get("class") or "")} == {"auto"}


def test_feeds_and_json_ld_say_the_briefs_language(mixed) -> None:  # type: ignore[no-untyped-def]
    feed = ET.parse(mixed / "feed.xml").getroot()
    atom, xml_lang = "{http://www.w3.org/2005/Atom}", "{http://www.w3.org/XML/1998/namespace}lang"
    assert {e.findtext(f"{atom}title"): e.get(xml_lang, feed.get(xml_lang)) for e in feed.iter(f"{atom}entry")} \
        == {"الشرق الأوسط بعد القمة": "ar", "An English brief": "en"}
    assert len(feedparser.parse((mixed / "feed.xml").read_bytes()).entries) == 2
    script = parse_html(mixed / "briefs/middle-east/index.html").find(".//script[@type='application/ld+json']")
    assert script is not None and script.text and json.loads(script.text)["inLanguage"] == "ar"


def test_a_right_to_left_site_is_rtl_throughout(scratch_site) -> None:  # type: ignore[no-untyped-def]
    site = scratch_site({"briefgen.yaml": "title: موجزات\nlanguage: ar\n",
                         "content/briefs/ar.md": ARABIC.replace("lang: ar\n", ""),
                         "content/briefs/en.md": ENGLISH.replace("summary: S.\n", "summary: S.\nlang: en\n")})
    assert main(["build", str(site), "-q"]) == 0
    out = site / "output"
    for path in ("index.html", "briefs/middle-east/index.html", "topics/index.html", "404.html"):
        root = parse_html(out / path)
        assert (root.get("lang"), root.get("dir")) == ("ar", "rtl"), path
    english = parse_html(out / "briefs/en/index.html")
    body = english.find(".//div[@class='prose brief-body']")
    assert body is not None and (body.get("lang"), body.get("dir")) == ("en", "ltr")
    arabic = parse_html(out / "briefs/middle-east/index.html").find(".//div[@class='prose brief-body']")
    assert arabic is not None and arabic.get("lang") is None  # the site's own language: nothing to say
    drawing = parse_html(out / "briefs/middle-east/index.html").find(".//div[@class='argmap-scroll']")
    assert drawing is not None and drawing.get("dir") == "ltr"  # a drawing's geometry does not mirror


def test_a_brief_in_the_sites_language_says_nothing_more(scratch_site) -> None:  # type: ignore[no-untyped-def]
    site = scratch_site({"content/briefs/en.md": ENGLISH.replace("summary: S.\n", "summary: S.\nlang: EN\n")})
    assert main(["build", str(site), "-q"]) == 0
    page = parse_html(site / "output/briefs/en/index.html")
    assert [el.tag for el in page.iter() if el.get("lang")] == ["html"]


def test_a_bad_lang_is_a_located_error(scratch_site) -> None:  # type: ignore[no-untyped-def]
    site = scratch_site({"content/briefs/en.md": ENGLISH.replace("summary: S.\n", "summary: S.\nlang: Arabic!\n")})
    _graph, problems = check(site, BuildOptions())
    assert [(p.line, p.message) for p in problems if p.is_error] == \
        [(5, "'lang' must be a language code like en, fr, ar or pt-BR, not 'Arabic!'")]
