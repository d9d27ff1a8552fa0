from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen import urls
from briefgen.write import output as write


@pytest.mark.parametrize(("start", "target", "expected"), [
    ("", "claims/x/", "claims/x/"),
    ("claims/x/", "", "../../"),
    ("claims/x/", "claims/x/", "./"),
    ("claims/x/", "claims/", "../"),
    ("briefs/a/", "assets/style.css", "../../assets/style.css"),
    ("claims/", "claims/x/", "x/"),
    ("topics/a/page/2/", "topics/a/", "../../"),
    ("feed.xml", "briefs/a/", "briefs/a/"),
])
def test_relative(start: str, target: str, expected: str) -> None:
    assert urls.relative(start, target) == expected


@pytest.mark.parametrize(("text", "slug"), [
    ("North Korea", "north-korea"), ("  Nuclear   diplomacy ", "nuclear-diplomacy"), ("Überprüfung", "uberprufung"),
    ("../../etc", "etc"), ("Hà Nội", "ha-noi"), ("Łódź", "lodz"), ("İSTANBUL", "istanbul"), ("Straße", "strasse"),
    ("북한", "북한"), ("핵 외교", "핵-외교"), ("北朝鲜 核问题", "北朝鲜-核问题"), ("الشرق الأوسط", "الشرق-الأوسط"),
    ("Россия и КНДР", "россия-и-кндр"), ("ΣΎΝΟΔΟΣ ΚΟΡΥΦΗΣ", "σύνοδος-κορυφης"), ("हिन्दी भाषा", "हिन्दी-भाषा"),
    ("Kim Jong-un (김정은)", "kim-jong-un-김정은"), ("ＡＢＣ　１２３", "abc-123"), ("می\u200cخواهم", "میخواهم"),
    ("\u0301abc", "abc"), ("a - \u0301b", "a-b"), ("q\u0301x", "qx"), ("카타카나ー", "카타카나ー"),
])
def test_slugify(text: str, slug: str) -> None:
    assert urls.slugify(text) == slug


@pytest.mark.parametrize(("a", "b"), [
    ("Café", "Cafe\u0301"), ("CAFÉ", "café"), ("한국", unicodedata.normalize("NFD", "한국")),
    ("مُحَمَّد", unicodedata.normalize("NFD", "مُحَمَّد")), ("ＮＯＲＴＨ", "north"), ("Ελλάς", "ΕΛΛΆΣ"),
    ("Россия", "РОССИЯ"), ("🎉", "🎉\ufe0f"),
])
def test_names_that_differ_only_in_case_width_or_composition_share_a_slug(a: str, b: str) -> None:
    assert urls.slugify(a) == urls.slugify(b)


@pytest.mark.parametrize("text", ["!!!", "🎉", "🇰🇷🇰🇵", "…", "   ", "", "\u0301", "ꓸꓸ", "\u200d"])
def test_a_name_without_letters_or_digits_gets_a_stable_digest(text: str) -> None:
    slug = urls.slugify(text)
    assert re.fullmatch(r"[0-9a-f]{10}", slug)
    assert urls.slugify(text) == slug and urls.is_valid_id(slug)
    assert urls.slugify("🎊") != urls.slugify("🎉")


def test_a_long_name_is_cut_to_fit_a_file_name_and_keeps_names_apart() -> None:
    first, second = "북" * 150 + "가", "북" * 150 + "나"
    assert len(urls.slugify(first).encode()) <= urls.MAX_SLUG_BYTES
    assert urls.slugify(first) != urls.slugify(second)
    assert urls.slugify(first).startswith("북" * 60)
    assert urls.is_valid_id(urls.slugify(first)) and urls.slugify(urls.slugify(first)) == urls.slugify(first)
    assert not urls.is_valid_id("a" * (urls.MAX_SLUG_BYTES + 1))


@pytest.mark.parametrize("ident", ["a", "nk-will-not-disarm", "x1-2", "북한", "북한-핵-보유", "россия-2019",
                                   "الشرق-الأوسط", "σύνοδος", "中国", "मराठी"])
def test_valid_ids(ident: str) -> None:
    assert urls.is_valid_id(ident)


@pytest.mark.parametrize("ident", ["", "A", "a_b", "../x", "a--b", "-a", "a-", "a/b", "ａ", "Россия", "북한 핵",
                                   "북한/핵", "북한.핵", "é", "🎉", "북한\u200b", "\u0301a", "a\ufe0f", "ΣΥΝΟΔΟΣ"])
def test_invalid_ids(ident: str) -> None:
    assert not urls.is_valid_id(ident)


@given(st.text(max_size=40))
@settings(max_examples=400, deadline=None)
def test_every_slug_is_a_safe_stable_folder_name(text: str) -> None:
    slug = urls.slugify(text)
    assert slug and urls.slugify(slug) == slug and urls.is_valid_id(slug)
    assert write.safe_relpath(urls.output_file(urls.page_path("topic", slug))) == f"topics/{slug}/index.html"
    assert unicodedata.is_normalized("NFC", slug) and len(slug.encode("utf-8")) <= urls.MAX_SLUG_BYTES
    assert not any(unicodedata.category(c)[0] in "CZ" or c in "./\\%" for c in slug)
    assert urls.slugify(unicodedata.normalize("NFD", text)) == slug == urls.slugify(unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize(("path", "href"), [
    ("topics/북한/", "topics/%EB%B6%81%ED%95%9C/"), ("claims/x/", "claims/x/"),
    ("briefs/가/#섹션", "briefs/%EA%B0%80/#%EC%84%B9%EC%85%98"),
])
def test_hrefs_percent_encode_what_is_not_ascii(path: str, href: str) -> None:
    assert urls.href(path) == href


def test_page_paths_are_urls_and_their_files_have_the_names_themselves() -> None:
    path = urls.page_path("topic", "북한")
    assert path == "topics/%EB%B6%81%ED%95%9C/"
    assert urls.output_file(path) == "topics/북한/index.html"
    assert urls.output_file(urls.topic_feed("북한")) == "topics/북한/feed.xml"
    assert urls.relative("briefs/%EA%B0%80/", path) == "../../topics/%EB%B6%81%ED%95%9C/"


def test_a_slug_cut_short_is_still_a_slug() -> None:
    greek = urls.slugify("Ασφάλεια και ειρήνη " * 6)
    assert all(urls.is_valid_id(urls.shortened(greek, n)) for n in range(1, len(greek) + 1))
    assert urls.shortened(greek, 2) == "ας"  # 'ασφάλεια' cut after its 'σ': a word now ends there
    assert urls.shortened("north-korea-will-not", 12) == "north-korea"
    assert urls.shortened("short", 60) == "short"
