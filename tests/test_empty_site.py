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


BRIEF_A = "---\ntitle: A\ndate: 2019-02-20\n---\nText.\n"
BRIEF_WITH_CLAIMS = ("---\ntitle: B\ndate: 2019-02-20\nclaims:\n  - id: c\n    text: C.\n"
                     "  - id: d\n    text: D.\n---\nText.\n")


@pytest.mark.parametrize(("files", "expected"), [
    ({"briefgen.yaml": "title: Desk\n", "content/briefs/a.md": BRIEF_A}, "Desk: 1 brief."),
    ({"briefgen.yaml": "title: Desk\n", "content/briefs/a.md": BRIEF_A, "content/briefs/b.md": BRIEF_WITH_CLAIMS},
     "Desk: 2 briefs and the 2 claims they argue, with who holds them and why."),
    ({"briefgen.yaml": "title: Desk\ndescription: Notes on arms control.\n", "content/briefs/a.md": BRIEF_A},
     "Notes on arms control."),
])
def test_the_home_page_always_has_a_description(files: dict[str, str], expected: str, tmp_path: Path) -> None:
    """Search engines show it under the site's name; Lighthouse counts a home page without one against SEO."""
    site = write_site(tmp_path / "site", files)
    assert main(["build", str(site), "-q"]) == 0
    metas = {m.get("name"): m.get("content") for m in parse_html(site / "output/index.html").iter("meta")}
    assert metas["description"] == expected
