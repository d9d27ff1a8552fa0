from __future__ import annotations

import pytest

from briefgen import urls


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
    ("../../etc", "etc"), ("!!!", ""),
])
def test_slugify(text: str, slug: str) -> None:
    assert urls.slugify(text) == slug


@pytest.mark.parametrize("ident", ["a", "nk-will-not-disarm", "x1-2"])
def test_valid_ids(ident: str) -> None:
    assert urls.is_valid_id(ident)


@pytest.mark.parametrize("ident", ["", "A", "a_b", "../x", "a--b", "-a", "a-", "a/b", "ａ"])
def test_invalid_ids(ident: str) -> None:
    assert not urls.is_valid_id(ident)
