"""A source's archived copy and access date: read from every kind of source file, shown, and in its JSON-LD."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.engine import build
from briefgen.render.jsonld import ACCESSED
from tests.conftest import parse_html

ARCHIVE = "https://web.archive.org/web/20190221000000/https://example.org/summit"
BRIEF = """\
---
title: Cited
date: 2020-01-02
summary: Short.
sources:
  - id: report
    title: The summit report
    publisher: Example Daily
    kind: news
    url: https://example.org/summit
    date: 2019-02-19
    archived_url: {archive}
    accessed: 2019-02-21
  - id: plain
    title: A source with neither
    kind: report
---
As reported [@report; @plain] and [@larison2019] and [@cha-2012].
"""
CSL = [{"id": "Larison2019", "type": "article-magazine", "title": "Disarmament", "URL": "https://example.org/l",
        "issued": {"date-parts": [[2019, 2, 20]]}, "accessed": {"date-parts": [[2019, 3, 1]]},
        "archive": "Internet Archive", "archive_location": "https://web.archive.org/web/2019/https://example.org/l"}]
BIB = r"""
@online{cha:2012,
  author = {Cha, Victor D.}, title = {The Impossible State}, year = {2012}, url = {https://example.org/cha},
  urldate = {2020-05-04}, archiveurl = {https://perma.cc/ABCD-1234},
}
"""


def _build(scratch_site: Callable[[dict[str, str]], Path], style: str) -> Path:
    site = scratch_site({"content/briefs/cited.md": BRIEF.format(archive=ARCHIVE),
                         "content/sources.json": json.dumps(CSL), "content/sources.bib": BIB,
                         "briefgen.yaml": f"base_url: https://briefs.example.org/\n{style}"})
    result = build(site)
    sources = result.graph.sources  # type: ignore[union-attr]
    assert (sources["report"].archived_url, sources["report"].accessed) == (ARCHIVE, "2019-02-21")
    assert (sources["plain"].archived_url, sources["plain"].accessed) == ("", "")
    assert (sources["larison2019"].archived_url, sources["larison2019"].accessed) == (
        "https://web.archive.org/web/2019/https://example.org/l", "2019-03-01")
    assert (sources["cha-2012"].archived_url, sources["cha-2012"].accessed) == (
        "https://perma.cc/ABCD-1234", "2020-05-04")
    return site


def _facts(page: object) -> dict[str, object]:
    dl = next(e for e in page.iter("dl") if e.get("class") == "facts")  # type: ignore[attr-defined]
    children = list(dl)
    return {dt.text: dd for dt, dd in zip(children[::2], children[1::2], strict=True)}


@pytest.mark.parametrize("style", ["", "citation_style: chicago-author-date\n"])
def test_the_source_page_shows_and_links_the_archive_and_the_access_date(scratch_site, style: str) -> None:  # type: ignore[no-untyped-def]
    site = _build(scratch_site, style)
    facts = _facts(parse_html(site / "output/sources/report/index.html"))
    link = facts["Archived copy"].find("a")  # type: ignore[attr-defined]
    assert link.get("href") == ARCHIVE and link.text == ARCHIVE
    when = facts["Accessed"].find("time")  # type: ignore[attr-defined]
    assert (when.get("datetime"), when.text) == ("2019-02-21", "21 February 2019")
    plain = _facts(parse_html(site / "output/sources/plain/index.html"))
    assert "Archived copy" not in plain and "Accessed" not in plain


@pytest.mark.parametrize("style", ["", "citation_style: chicago-author-date\n"])
def test_brief_pages_show_them_in_each_source_entry(scratch_site, style: str) -> None:  # type: ignore[no-untyped-def]
    site = _build(scratch_site, style)
    page = parse_html(site / "output/briefs/cited/index.html")
    entries = {li.get("id"): li for li in page.iter("li") if (li.get("id") or "").startswith("source-")}
    report = entries["source-report"]
    text = " ".join("".join(report.itertext()).split())
    assert "Read the original · Archived copy · accessed 21 February 2019" in text
    assert [a.get("href") for a in report.iter("a") if a.text == "Archived copy"] == [ARCHIVE]
    assert text.count("2019-02-21") == 0 and text.lower().count("accessed") == 1  # once, even in a CSL style
    assert "Archived copy" not in "".join(entries["source-plain"].itertext())
    cha = " ".join("".join(entries["source-cha-2012"].itertext()).split())
    assert "Archived copy · accessed 4 May 2020" in cha and "perma.cc" not in cha.replace("Archived copy", "")


def test_the_json_ld_of_a_source_carries_them(scratch_site) -> None:  # type: ignore[no-untyped-def]
    site = _build(scratch_site, "")
    scripts = [json.loads(s.text) for s in parse_html(site / "output/sources/report/index.html").iter("script")
               if s.get("type") == "application/ld+json"]
    data = next(d for d in scripts if d.get("@type") == "NewsArticle")
    assert data["archivedAt"] == ARCHIVE and data[ACCESSED] == "2019-02-21"
    assert ACCESSED.startswith("http://purl.org/pav/")  # a full IRI: no change to the schema.org @context
    brief = next(json.loads(s.text) for s in parse_html(site / "output/briefs/cited/index.html").iter("script")
                 if s.get("type") == "application/ld+json")
    cited = {c["name"]: c for c in brief["citation"]}
    assert cited["The summit report"]["archivedAt"] == ARCHIVE
    assert "archivedAt" not in cited["A source with neither"] and ACCESSED not in cited["A source with neither"]


def test_library_fields_that_are_not_an_archive_or_a_date_are_left_alone() -> None:
    from briefgen.load.bibliography import bibtex_to_csl, library_specs
    from briefgen.load.marks import Marks
    from briefgen.load.reader import FieldReader

    item = bibtex_to_csl("online", "k", {"title": "T", "urldate": "last spring", "archiveurl": "https://a.org/x"})
    assert "accessed" not in item and item["archive_location"] == "https://a.org/x"
    problems: list[object] = []
    [spec] = library_specs(FieldReader("content/sources.json", Marks(), problems),  # type: ignore[arg-type]
                           [{"id": "box", "title": "Letters", "archive": "State archive", "archive_location": "Box 3",
                             "accessed": {"date-parts": [[2021, 6]]}}])
    fields = dict(spec.fields)
    assert "archived_url" not in fields and fields["accessed"] == "2021-06" and not problems
