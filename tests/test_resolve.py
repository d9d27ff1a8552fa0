"""The resolve stage, through tiny sites written from strings."""

from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL_BRIEF, write_site

from briefgen.engine import BuildOptions, check
from briefgen.errors import Severity

HAWK = """\
---
title: Pressure works
date: 2020-02-01
summary: The other side.
claims:
  - id: pressure-works
    text: Pressure works.
    opposes: [sky-is-blue]
    sources: [obs]
counterclaims:
  - id: sky-is-blue
    rebuttal: It is grey, see [@obs].
---
Body [@obs].
"""


def resolve_site(tmp_path: Path, files: dict[str, str], drafts: bool = False):
    site = write_site(tmp_path / "site", files)
    graph, problems = check(site, BuildOptions(drafts=drafts))
    return graph, problems


def errors(problems) -> list[str]:
    return [p.format() for p in problems if p.severity is Severity.ERROR]


def test_backlinks_and_contested_both_ways(tmp_path: Path) -> None:
    graph, problems = resolve_site(tmp_path, {"content/briefs/a.md": MINIMAL_BRIEF, "content/briefs/hawk.md": HAWK})
    assert errors(problems) == []
    sky = graph.claim_links["sky-is-blue"]
    assert sky.asserted_in == ("a",)
    assert sky.answered_in == ("hawk",)
    assert sky.opposed_by == ("pressure-works",)
    assert sky.contested_by == ("hawk",)
    assert graph.claim_links["pressure-works"].contested_by == ("a",)
    assert graph.claim_links["pressure-works"].opposes == ("sky-is-blue",)
    assert graph.source_links["obs"].briefs == ("hawk", "a")
    assert set(graph.source_links["obs"].claims) == {"sky-is-blue", "pressure-works"}
    assert [p.claim for p in graph.briefs["a"].passages] == ["sky-is-blue"]
    assert graph.claim_links["sky-is-blue"].passages[0].text == "It is blue"
    hawk = graph.briefs["hawk"]
    assert hawk.counterclaims[0].claim == "sky-is-blue" and "<a" in hawk.counterclaims[0].rebuttal_html
    assert hawk.sources == ("obs",)
    assert list(graph.briefs) == ["hawk", "a"], "newest first"


def test_relations_given_in_several_places_add_up(tmp_path: Path) -> None:
    graph, problems = resolve_site(tmp_path, {
        "content/briefs/a.md": MINIMAL_BRIEF,
        "content/claims.yaml": "- id: sky-is-blue\n  sources: [other]\n",
        "content/sources.yaml": "- id: other\n  title: Other\n",
    })
    assert errors(problems) == []
    assert set(graph.claim_links["sky-is-blue"].sources) == {"obs", "other"}


def test_conflicting_claim_text_names_both_places(tmp_path: Path) -> None:
    _graph, problems = resolve_site(tmp_path, {
        "content/briefs/a.md": MINIMAL_BRIEF,
        "content/briefs/b.md": "---\ntitle: B\ndate: 2020-01-03\nclaims:\n"
                               "  - id: sky-is-blue\n    text: Sky is red.\n---\n",
    })
    (message,) = errors(problems)
    assert message.startswith("content/briefs/b.md:5:")
    assert "content/briefs/a.md:6:" in message


def test_unknown_ids_everywhere_with_suggestions(tmp_path: Path) -> None:
    brief = MINIMAL_BRIEF.replace("sources: [obs]",
                                  "sources: [obz]\n    held_by: [nobody]\n    supports: [sky-is-bleu]")
    brief += "\nSee [@ob] and [x]{claim=sky-is-blu} and [y](brief:nowhere).\n"
    _graph, problems = resolve_site(tmp_path, {"content/briefs/a.md": brief})
    text = "\n".join(errors(problems))
    assert "content/briefs/a.md:8:15: error: unknown source 'obz' (did you mean 'obs'?)" in text
    assert "unknown actor 'nobody'" in text
    assert "unknown claim 'sky-is-bleu' (did you mean 'sky-is-blue'?)" in text
    assert "content/briefs/a.md:18:5: error: unknown source 'ob' (did you mean 'obs'?)" in text
    assert "content/briefs/a.md:18:25: error: unknown claim 'sky-is-blu'" in text
    assert "content/briefs/a.md:18:45: error: unknown brief 'nowhere'" in text
    assert "unknown claim 'sky-is-blu'" in text
    assert "unknown brief 'nowhere'" in text


def test_missing_title_and_date_and_bad_yaml(tmp_path: Path) -> None:
    _graph, problems = resolve_site(tmp_path, {
        "content/briefs/a.md": "---\nsummary: x\n---\nBody\n",
        "content/briefs/b.md": "---\ntitle: [unclosed\ndate: 2020-01-01\n---\n",
    })
    text = errors(problems)
    assert any(m.startswith("content/briefs/a.md:2:1: error: brief has no 'title'") for m in text)
    assert any("brief has no 'date'" in m for m in text)
    assert any(m.startswith("content/briefs/b.md:3:") and "invalid YAML" in m for m in text)


def test_duplicate_slug(tmp_path: Path) -> None:
    _graph, problems = resolve_site(tmp_path, {
        "content/briefs/a.md": MINIMAL_BRIEF,
        "content/briefs/sub/b.md": "---\ntitle: B\ndate: 2020-01-03\nslug: a\n---\n",
    })
    assert any("brief slug 'a' is already used by content/briefs/a.md" in m for m in errors(problems))


def test_drafts_are_skipped_unless_asked(tmp_path: Path) -> None:
    files = {"content/briefs/a.md": MINIMAL_BRIEF, "content/briefs/d.md": "---\ntitle: D\ndraft: true\n---\n"}
    graph, problems = resolve_site(tmp_path, files)
    assert list(graph.briefs) == ["a"]
    assert any(p.code == "draft" for p in problems)
    graph, _ = resolve_site(tmp_path, files, drafts=True)
    assert set(graph.briefs) == {"a", "d"}


def test_topics_and_authors(tmp_path: Path) -> None:
    brief = MINIMAL_BRIEF.replace("summary: Short.", "summary: Short.\ntopics: [North Korea]\nauthors: [Ann Lee]")
    graph, _ = resolve_site(tmp_path, {
        "content/briefs/a.md": brief,
        "content/authors.yaml": "- name: Ann Lee\n  bio: Writes.\n",
    })
    assert graph.topic_briefs["north-korea"] == ("a",)
    assert graph.authors["ann-lee"].bio == "Writes."
    assert graph.briefs["a"].authors == ("ann-lee",)
