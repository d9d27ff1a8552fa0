"""A site with no published brief builds a valid, empty site, and check agrees."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from briefgen.cli import main
from tests.conftest import parse_html, write_site
from tests.sitecheck import broken_links

DRAFT = "---\ntitle: Not yet\ndraft: true\n---\nSoon.\n"
SITES = {
    "no content folder": {"briefgen.yaml": "title: Empty\n"},
    "only drafts": {"content/briefs/a.md": DRAFT, "content/briefs/sub/b.md": DRAFT},
    "empty briefs folder": {"content/briefs/.keep": ""},
    "site files but no brief": {"content/sources.yaml": "- id: s\n  title: A source\n",
                                "content/actors.yaml": "- id: a\n  name: An actor\n"},
}


@pytest.mark.parametrize("shape", sorted(SITES))
def test_an_empty_site_builds_and_checks_clean(shape: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = write_site(tmp_path / "site", SITES[shape])
    assert main(["check", str(site)]) == 0
    assert ": error:" not in capsys.readouterr().err
    out = tmp_path / "out"
    assert main(["build", str(site), "-o", str(out), "--no-cache", "--base-url", "https://example.org/"]) == 0
    assert ": error:" not in capsys.readouterr().err
    home = parse_html(out / "index.html")
    assert "No briefs yet." in " ".join("".join(p.itertext()) for p in home.iter("p"))
    feed = feedparser.parse((out / "feed.xml").read_bytes(), response_headers={"content-type": "application/xml"})
    assert not feed.bozo and feed.version == "atom10" and feed.entries == []
    locs = [e.text for e in ET.parse(out / "sitemap.xml").getroot()]
    assert locs and all(loc.startswith("https://example.org/") for loc in locs if loc)
    for data in (out / "search").rglob("*.json"):
        json.loads(data.read_text(encoding="utf-8"))
    json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert broken_links(out) == []
