"""A brief's `aliases`: a redirect page at each old address, and a located error for each bad one."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from briefgen.cli import main
from briefgen.engine import BuildOptions, check
from tests.conftest import parse_html, write_site

BRIEF = """\
---
title: "Sanctions & the summit"
date: 2020-01-02
summary: S.
aliases:
  - /2019/02/old-name/
  - old/page.html
  - /%EB%B6%81%ED%95%9C/
  - https://example.org/briefs-site/from-a-url/
---
Body.
"""
OTHER = "---\ntitle: Other\ndate: 2020-01-01\nsummary: S.\n---\nOther.\n"
BASE = "https://example.org/briefs-site/"


def _site(root: Path, brief: str = BRIEF, base_url: str = BASE) -> Path:
    return write_site(root, {"briefgen.yaml": f"title: T\nbase_url: {base_url}\n" if base_url else "title: T\n",
                             "content/briefs/sanctions.md": brief, "content/briefs/other.md": OTHER})


def _refresh_target(page: Path) -> str:
    tree = parse_html(page)
    refresh = tree.find(".//meta[@http-equiv='refresh']")
    assert refresh is not None
    delay, _, target = refresh.get("content").partition(";")
    assert delay.strip() == "0" and target.strip().startswith("url=")
    return target.strip()[4:]


@pytest.mark.parametrize("base_url", [BASE, ""])
def test_each_alias_is_a_page_that_sends_readers_on(tmp_path: Path, base_url: str) -> None:
    site = _site(tmp_path / "site", base_url=base_url)
    assert main(["build", str(site), "-q"]) == 0
    out = site / "output"
    pages = {"2019/02/old-name/": out / "2019/02/old-name/index.html", "old/page.html": out / "old/page.html",
             "북한/": out / "북한/index.html"}
    if base_url:
        pages["from-a-url/"] = out / "from-a-url/index.html"  # the URL, less base_url's own path
    for alias, page in pages.items():
        assert page.is_file(), alias
        # The target is relative: served from any sub-path, the alias leads to the brief.
        for served_at in ("https://example.org/", "http://localhost:8000/deep/sub/path/"):
            moved = urljoin(urljoin(served_at, alias), _refresh_target(page))
            assert unquote(urlsplit(moved).path) == unquote(urlsplit(served_at).path) + "briefs/sanctions/"
        tree = parse_html(page)
        link = tree.find(".//body//a")
        assert link is not None and link.text == "Sanctions & the summit"
        assert link.get("href") == _refresh_target(page)
        canonical = tree.find(".//link[@rel='canonical']").get("href")
        assert canonical == (f"{base_url}briefs/sanctions/" if base_url else link.get("href"))
        assert tree.find(".//meta[@name='robots']").get("content") == "noindex"
    # Listed nowhere: not in the sitemap, the search index or graph.json.
    sitemap = out / "sitemap.xml"  # written only with a base_url
    listed = (sitemap.read_text() if base_url else "") + (out / "graph.json").read_text() + "".join(
        p.read_text() for p in (out / "search").rglob("*.json"))
    assert "old-name" not in listed and "page.html" not in listed and "from-a-url" not in listed


@pytest.mark.parametrize("alias,message", [
    ("../etc/passwd", "has a '..' part"),
    ("/a/./b/", "has a '.' part"),
    ("/old/?p=12", "has a query"),
    ("/old/#top", "has a fragment"),
    ("/.well-known/x", "hidden name"),
    ("/", "is the site's home page"),
    ("/a//b/", "empty part"),
    ("/a%00b/", "a character a file name cannot hold"),
    ("/a%2Fb/", "a character a file name cannot hold"),
    ("/%FF/", "not UTF-8"),
    ("/ｆｕｌｌ/", "stand for others"),
    ("javascript:alert(1)", "scheme 'javascript:'"),
    ("https://elsewhere.org/x/", "on another site than base_url"),
    ("https://example.org/not-under/", "not under base_url"),
    ("/briefs/other/", "clashes with the page /briefs/other/"),
    ("/briefs/sanctions/", "clashes with the page /briefs/sanctions/"),
    ("/topics/", "clashes with the page /topics/"),
    ("/feed.xml", "clashes with the generated file /feed.xml"),
    ("/sitemap-1.xml/", "clashes with the generated file /sitemap-1.xml"),
    ("/assets/style.css/", "briefgen's folder /assets/"),
    ("/search/data/x/", "clashes with"),
    ("/Briefs/Other/", "clashes with the page /briefs/other/"),
])
def test_a_bad_alias_is_an_error_at_its_line_in_check_and_build(tmp_path: Path, alias: str, message: str) -> None:
    brief = f"---\ntitle: T\ndate: 2020-01-02\nsummary: S.\naliases:\n  - /fine/\n  - {json.dumps(alias)}\n---\nB.\n"
    site = _site(tmp_path / "site", brief)
    _graph, problems = check(site, BuildOptions())
    errors = [p for p in problems if p.is_error]
    assert len(errors) == 1, [p.format() for p in problems]
    assert (errors[0].path, errors[0].line) == ("content/briefs/sanctions.md", 7)
    assert message in errors[0].message, errors[0].format()
    assert main(["build", str(site), "-q"]) == 1
    assert not (site / "output").exists()


def test_two_briefs_giving_one_address_is_an_error_naming_both(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    other = OTHER.replace("summary: S.", "summary: S.\naliases: [/OLD/Page.html]")
    (site / "content/briefs/other.md").write_text(other)
    _graph, problems = check(site, BuildOptions())
    errors = [p for p in problems if p.is_error]
    assert len(errors) == 1, [p.format() for p in problems]
    assert errors[0].path == "content/briefs/sanctions.md" and errors[0].line == 7
    assert "content/briefs/other.md:5" in errors[0].message


def test_a_drafts_aliases_exist_only_with_its_page(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", BRIEF.replace("summary: S.", "summary: S.\ndraft: true"))
    assert main(["build", str(site), "-q"]) == 0
    assert not (site / "output/old/page.html").exists()
    assert main(["build", str(site), "--drafts", "-q"]) == 0
    assert (site / "output/old/page.html").is_file()


def test_a_schema_names_the_key(tmp_path: Path) -> None:
    schema = json.loads((Path(__file__).parent.parent / "briefgen/schema/brief.json").read_text())
    assert schema["properties"]["aliases"]["description"].startswith("Old addresses of this brief")
