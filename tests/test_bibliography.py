"""Sources from CSL-JSON and BibTeX, merged with sources.yaml, shown in a citation style."""

from __future__ import annotations

import json
from pathlib import Path

from briefgen.cli import main
from briefgen.engine import BuildOptions, build, check
from tests.conftest import parse_html

BRIEF = """\
---
title: Cited
date: 2020-01-02
summary: Short.
claims:
  - id: a-claim
    text: Something.
    sources: [larison2019]
---
As argued [@larison2019] and shown [@cha-2012; @yaml-source].
"""
CSL = [
    {"id": "Larison2019", "type": "article-magazine", "title": "North Korean Disarmament Isn't Going to Happen",
     "container-title": "The American Conservative", "author": [{"family": "Larison", "given": "Daniel"}],
     "issued": {"date-parts": [[2019, 2, 20]]}, "URL": "https://example.org/larison"},
    {"id": "unused2020", "type": "report", "title": "Nobody cites this"},
]
BIB = r"""
@book{cha:2012,
  author = {Cha, Victor D. and {The Editors}},
  title = {The Impossible State: North Korea, Past and Future},
  publisher = {Ecco}, address = {New York}, year = {2012},
}
"""
YAML = "- id: yaml-source\n  title: A YAML source\n  kind: report\n"


def test_csl_json_and_bibtex_merge_with_sources_yaml(scratch_site) -> None:
    site = scratch_site({"content/briefs/cited.md": BRIEF, "content/sources.json": json.dumps(CSL, indent=2),
                        "content/sources.bib": BIB, "content/sources.yaml": YAML,
                        "briefgen.yaml": "citation_style: chicago-author-date\n"})
    result = build(site)
    sources = result.graph.sources
    assert set(sources) == {"larison2019", "cha-2012", "yaml-source"}  # the uncited library entry is left out
    larison = sources["larison2019"]
    assert (larison.kind, larison.publisher, larison.date) == ("news", "The American Conservative", "2019-02-20")
    assert larison.authors == ("Daniel Larison",) and larison.url == "https://example.org/larison"
    cha = sources["cha-2012"]
    assert cha.kind == "book" and cha.authors == ("Victor D. Cha", "The Editors") and cha.date == "2012"
    assert not [p for p in result.problems if p.code == "uncited-source"]

    page = parse_html(site / "output" / "briefs" / "cited" / "index.html")
    entries = {li.get("id"): "".join(li.itertext()) for li in page.iter("li") if li.get("id", "").startswith("source-")}
    # Chicago author-date: "Family, Given. Year. “Title.” Container, Month Day."
    assert "Larison, Daniel. 2019." in entries["source-larison2019"]
    assert "The American Conservative" in entries["source-larison2019"]
    assert "Cha, Victor D., and The Editors. 2012." in entries["source-cha-2012"]
    assert "New York: Ecco" in entries["source-cha-2012"]
    link = page.find(".//li[@id='source-larison2019']//cite/a")
    assert link.get("href") == "../../sources/larison2019/" and link.text.startswith("North Korean")


def test_a_chosen_citation_style(scratch_site) -> None:
    site = scratch_site({"briefgen.yaml": "citation_style: apa\n", "content/briefs/cited.md": BRIEF,
                        "content/sources.json": json.dumps(CSL), "content/sources.bib": BIB,
                        "content/sources.yaml": YAML})
    build(site)
    page = parse_html(site / "output" / "briefs" / "cited" / "index.html")
    entry = "".join(page.find(".//li[@id='source-larison2019']").itertext())
    assert "Larison, D. (2019, February 20)." in entry


def test_unknown_style_is_a_located_error(scratch_site, capsys) -> None:
    site = scratch_site({"briefgen.yaml": "title: x\ncitation_style: chicago-foo\n",
                        "content/briefs/cited.md": BRIEF.replace("[@larison2019] and shown [@cha-2012; @yaml-source]",
                                                                 "").replace("    sources: [larison2019]\n", "")})
    assert main(["build", str(site)]) == 1
    assert "briefgen.yaml:2:17: error: unknown citation style 'chicago-foo'" in capsys.readouterr().err


def test_library_ids_are_normalized_and_collisions_reported(scratch_site) -> None:
    items = [{"id": "Doe2019", "title": "A"}, {"id": "doe2019", "title": "B"}, {"id": "!!!", "title": "C"}]
    site = scratch_site({"content/briefs/cited.md": BRIEF, "content/sources.json": json.dumps(items, indent=1)})
    _graph, problems = check(site, BuildOptions())
    found = {(p.path, p.line, p.code) for p in problems if p.is_error and p.path == "content/sources.json"}
    assert ("content/sources.json", 7, "duplicate-id") in found
    assert ("content/sources.json", 11, "bad-id") in found


def test_same_id_in_yaml_and_a_library_is_a_conflict(scratch_site) -> None:
    site = scratch_site({"content/briefs/cited.md": BRIEF, "content/sources.json": json.dumps(CSL),
                        "content/sources.yaml": "- id: larison2019\n  title: Other\n"})
    _graph, problems = check(site, BuildOptions())
    assert any(p.code == "conflicting-definition" for p in problems)


def test_broken_library_files_are_located_problems(scratch_site) -> None:
    site = scratch_site({"content/briefs/cited.md": BRIEF, "content/sources.json": '[\n  {"id": "x",}\n]',
                        "content/sources.bib": "@book{ok, title={T}}\n@misc{broken, title = {unclosed\n"})
    _graph, problems = check(site, BuildOptions())
    located = {(p.path, p.line) for p in problems if p.is_error}
    assert ("content/sources.json", 2) in located
    assert ("content/sources.bib", 2) in located


def test_citation_text_is_escaped(scratch_site) -> None:
    hostile = [{"id": "x", "type": "report", "title": "<script>alert(1)</script> & co",
                "author": [{"literal": "<img src=x onerror=alert(1)>"}], "publisher": "A & B <i>"}]
    brief = BRIEF.replace("larison2019", "x").replace("; @yaml-source", "").replace("@cha-2012", "@x")
    site = scratch_site({"content/briefs/cited.md": brief, "content/sources.json": json.dumps(hostile)})
    build(site)
    page = parse_html(site / "output" / "briefs" / "cited" / "index.html")
    entry = page.find(".//li[@id='source-x']")
    assert entry.find(".//script") is None and entry.find(".//img") is None
    text = "".join(entry.itertext())
    assert "<img src=x onerror=alert(1)>" in text and "A & B <i>" in text and "<script>alert(1)</script> & co" in text


def test_bibliography_only_site_from_init(tmp_path: Path) -> None:
    site = tmp_path / "s"
    main(["init", str(site), "-q"])
    (site / "content" / "sources.bib").write_text(BIB)
    assert main(["build", str(site), "-q"]) == 0  # an uncited .bib entry is neither an error nor published
    assert not (site / "output" / "sources" / "cha-2012").exists()
