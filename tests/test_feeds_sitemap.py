"""Feeds read as feed readers read them, with and without base_url; no sitemap without base_url."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import html5lib
import pytest

from briefgen.cli import main
from briefgen.engine import BuildOptions, build
from tests.conftest import REPO
from tests.sitecheck import page_links, target_file

BASE = "https://example.org/sub/"
SERVED_AT = "http://example.org/sub/"
"""Where a site without base_url is served in these tests: a reader knows only the feed's own URL."""


def _site(tmp: Path) -> Path:
    site = tmp / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "briefgen.yaml", site / "briefgen.yaml")
    return site


@pytest.fixture(scope="module", params=["base_url", "no base_url"])
def built(request, tmp_path_factory) -> tuple[Path, str]:
    """(output folder, the site's address as readers see it)."""
    site = _site(tmp_path_factory.mktemp("feeds"))
    with_base = request.param == "base_url"
    build(site, BuildOptions(base_url=BASE if with_base else None))
    return site / "output", BASE if with_base else SERVED_AT


def _feeds(out: Path) -> list[str]:
    return ["feed.xml", *sorted(p.relative_to(out).as_posix() for p in out.glob("topics/*/feed.xml"))]


def _read(out: Path, rel: str, site_url: str):
    return feedparser.parse((out / rel).read_bytes(), response_headers={
        "content-type": "application/xml", "content-location": site_url + rel})


def _inside(out: Path, url: str, site_url: str) -> tuple[Path, str]:
    """The output file and fragment an absolute URL of the site names; fails the test when there is none."""
    assert url.startswith(site_url), url
    parts = urlsplit(url[len(site_url):])
    file = target_file(out, parts.path)
    assert file is not None, url
    return file, parts.fragment


def test_every_entry_links_to_its_brief_page_once_resolved(built: tuple[Path, str]) -> None:
    out, site_url = built
    for rel in _feeds(out):
        feed = _read(out, rel, site_url)
        assert not feed.bozo, (rel, feed.get("bozo_exception"))
        assert feed.entries, rel
        assert feed.feed.link == site_url + (rel[: -len("feed.xml")] if rel != "feed.xml" else "")
        for entry in feed.entries:
            assert re.fullmatch(re.escape(site_url) + r"briefs/[a-z0-9-]+/", entry.link), (rel, entry.link)
            file, _ = _inside(out, entry.link, site_url)
            assert file.parent.name == entry.link.rstrip("/").rsplit("/", 1)[-1]


def test_the_bodys_relative_links_resolve_to_the_pages_they_name(built: tuple[Path, str]) -> None:
    out, site_url = built
    checked = 0
    for rel in _feeds(out):
        for entry in _read(out, rel, site_url).entries:
            body = html5lib.parse(entry.content[0].value, treebuilder="etree", namespaceHTMLElements=False)
            for element in body.iter():
                href = element.get("href") if isinstance(element.tag, str) else None
                if href is None or not href.startswith(("http://example.org/", "https://example.org/")):
                    assert href is None or urlsplit(href).scheme in ("http", "https", "mailto"), href
                    continue
                file, fragment = _inside(out, href, site_url)
                if fragment:
                    assert fragment in page_links(file)[0], href
                checked += 1
    assert checked > 20  # the example's briefs link to claims, actors and their own source lists


def test_xml_base_is_on_the_content_only(built: tuple[Path, str]) -> None:
    out, site_url = built
    raw = (out / "feed.xml").read_text(encoding="utf-8")
    assert "<entry>" in raw and "<entry xml:base" not in raw
    bases = re.findall(r'<content type="html" xml:base="([^"]+)">', raw)
    assert bases and all(b.startswith("briefs/" if site_url == SERVED_AT else BASE + "briefs/") for b in bases)


def test_without_base_url_there_is_no_sitemap_and_a_warning_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(tmp_path)
    assert main(["build", str(site), "--no-cache"]) == 0
    printed = capsys.readouterr().err
    assert "briefgen: warning: no base_url, so no sitemap.xml was written" in printed
    assert "set 'base_url: https://...' in briefgen.yaml" in printed
    out = site / "output"
    assert not (out / "sitemap.xml").exists()
    assert "Sitemap:" not in (out / "robots.txt").read_text(encoding="utf-8")
    assert main(["check", str(site)]) == 0
    assert "no base_url" not in capsys.readouterr().err  # check is about content; the build tells what it left out
    assert main(["build", str(site), "--no-cache", "-q"]) == 0
    assert "no base_url" not in capsys.readouterr().err


def test_the_unchanged_build_repeats_the_warning_and_base_url_brings_the_sitemap(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(tmp_path)
    assert main(["build", str(site)]) == 0
    assert main(["build", str(site)]) == 0  # nothing changed: answered from the last build's summary
    assert capsys.readouterr().err.count("no base_url") == 2
    assert main(["build", str(site), "--base-url", BASE]) == 0
    assert "no base_url" not in capsys.readouterr().err
    assert (site / "output" / "sitemap.xml").is_file()
    assert f"Sitemap: {BASE}sitemap.xml" in (site / "output" / "robots.txt").read_text(encoding="utf-8")
    assert main(["build", str(site)]) == 0  # and away again
    assert not (site / "output" / "sitemap.xml").exists()
