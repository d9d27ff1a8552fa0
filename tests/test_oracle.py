"""The oracle: after every kind of edit, an incremental build equals a fresh cold build, byte for byte.

One site is edited step after step. After each step the same site is built three ways: by the
command line (a new process's engine, its state restored from SITE/.briefgen-cache), by one
engine kept in memory as `briefgen serve` keeps it, and from scratch with no state at all. The
first two must leave exactly the files of the third.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.engine import BuildOptions, Engine
from briefgen.serve.server import rebuild
from tests.test_scale import write_corpus

Edit = Callable[[Path], None]


def replace(rel: str, old: str, new: str) -> Edit:
    def apply(site: Path) -> None:
        path = site / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def write(rel: str, text: str) -> Edit:
    def apply(site: Path) -> None:
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    return apply


def delete(rel: str) -> Edit:
    return lambda site: (site / rel).unlink()


def rename(rel: str, to: str) -> Edit:
    return lambda site: (site / rel).rename(site / to)


HANOI = "content/briefs/hanoi-summit.md"
HAWK = "content/briefs/maximum-pressure-works.md"
STEP = "content/briefs/step-by-step-diplomacy.md"


def both(*edits: Edit) -> Edit:
    def apply(site: Path) -> None:
        for edit in edits:
            edit(site)
    return apply


# limited-arms-control-achievable is in the site map's largest part only through the support
# sanctions-relief-can-buy-freeze gives it; given an opposition to rapid-disarmament-possible instead,
# it moves to that claim's part (map/nk-will-not-disarm/), and back.
MOVED = both(replace(STEP, "    supports: [limited-arms-control-achievable]\n", ""),
             replace(STEP, "  - limited-arms-control-achievable\n",
                     "  - id: limited-arms-control-achievable\n    opposes: [rapid-disarmament-possible]\n"))
MOVED_BACK = both(replace(STEP, "  - id: limited-arms-control-achievable\n    opposes: [rapid-disarmament-possible]\n",
                          "  - limited-arms-control-achievable\n"),
                  replace(STEP, "    sources: [example-phased-deal-outline]\n  - limited",
                          "    supports: [limited-arms-control-achievable]\n"
                          "    sources: [example-phased-deal-outline]\n  - limited"))
NEW_BRIEF = """---
title: A new brief on the freeze
date: 2019-03-01
authors: [Ann Analyst]
topics: [sanctions, freeze]
summary: A brief added while the site is served.
claims:
  - max-pressure-failed
  - id: freeze-is-verifiable
    text: A freeze can be verified by inspectors.
    supports: [sanctions-relief-can-buy-freeze]
    sources: [example-phased-deal-outline]
---
It argues [a freeze can be verified]{claim=freeze-is-verifiable} [@example-phased-deal-outline].
"""

POSITIONS = "content/positions.yaml"
BIEGUN = "- actor: stephen-biegun\n  claim: sanctions-relief-can-buy-freeze\n  source: wapo-hanoi-prep\n"
REVIEW = "    reviews:\n      - rating: uncertain\n        date: 2026-12-01\n        explanation: An example review.\n"
BRIEF_CORRECTION = "corrections:\n  - date: 2026-12-01\n    text: Fixed a *word*.\n"
CLAIM_CORRECTION = "    corrections:\n      - date: 2026-12-02\n        text: Reworded.\n"

EDITS: list[tuple[str, Edit]] = [
    ("body prose", replace(HAWK, "Critics say the Hanoi summit", "Some critics say the Hanoi summit")),
    ("body prose at the top", replace(HAWK, "*Example content", "A first line.\n\n*Example content")),
    ("alias added", replace(HAWK, "slug: maximum-pressure-works", "slug: maximum-pressure-works\n"
                                                                  "aliases: [/2019/02/hawks/, old/hawk.html]")),
    ("title", replace(HAWK, 'title: "Example: hold maximum pressure', 'title: "Example: keep maximum pressure')),
    ("alias changed", replace(HAWK, "old/hawk.html]", "old/hawk-brief.html]")),
    ("alias removed", replace(HAWK, "aliases: [/2019/02/hawks/, old/hawk-brief.html]", "aliases: [/2019/02/hawks/]")),
    ("claim text", replace(HAWK, "weakens the\n      leverage", "erodes the\n      leverage")),
    ("relation added", replace(HAWK, "    supports: [sanctions-force-better-deal]",
                               "    supports: [sanctions-force-better-deal, rapid-disarmament-possible]")),
    ("relation removed", replace(HAWK, "    supports: [sanctions-force-better-deal, rapid-disarmament-possible]",
                                 "    supports: [sanctions-force-better-deal]")),
    ("undercut added", replace(HAWK, "    opposes: rapid-disarmament-possible\n",
                               "    opposes: rapid-disarmament-possible\n    undercuts:\n"
                               "      - {from: partial-relief-weakens-leverage, to: sanctions-force-better-deal}\n")),
    ("undercut removed", replace(HAWK, "    undercuts:\n      - {from: partial-relief-weakens-leverage, "
                                 "to: sanctions-force-better-deal}\n", "")),
    ("claim moves to another map part", MOVED),
    ("claim moves back", MOVED_BACK),
    ("linked support added", replace(HANOI, "    supports: [max-pressure-failed]",
                                     "    supports:\n      - max-pressure-failed\n"
                                     "      - {claim: limited-arms-control-achievable,\n"
                                     "         with: [us-backtracks-on-relief]}")),
    ("undercut of the linked support", replace(HANOI, "counterclaims:\n", "  - id: nk-will-not-disarm\n"
                                               "    undercuts:\n      - from: [sanctions-reduce-incentive, "
                                               "us-backtracks-on-relief]\n        to: limited-arms-control-achievable\n"
                                               "counterclaims:\n")),
    ("topic", replace(HAWK, "topics: [North Korea, nuclear diplomacy, sanctions]",
                      "topics: [North Korea, sanctions, pressure]")),
    ("topic in another script", replace(HAWK, "topics: [North Korea, sanctions, pressure]",
                                        "topics: [North Korea, sanctions, 북한 비핵화]")),
    ("topic renamed to the same slug", replace(HAWK, "북한 비핵화]", "북한  비핵화]")),
    ("date with a time", replace(HAWK, "date: 2019-02-24\n", "date: 2019-02-24 18:30:00 -0500\n")),
    ("the same instant in another zone", replace(HAWK, "date: 2019-02-24 18:30:00 -0500",
                                                 "date: 2019-02-24T23:30:00Z")),
    ("language of a brief", replace(HAWK, "slug: maximum-pressure-works\n",
                                    "slug: maximum-pressure-works\nlang: fr\n")),
    ("author", replace(HAWK, "authors: [briefgen example]", "authors: [briefgen example, A. Second]")),
    ("author in another script", replace(HAWK, "A. Second]", "Анна Петрова]")),
    ("source field", replace("content/sources.yaml", "publisher: briefgen example content\n  kind: other\n  note: "
                             "Invented for the briefgen demo site; no such memo",
                             "publisher: briefgen demo press\n  kind: other\n  note: "
                             "Invented for the briefgen demo site; no such memo")),
    ("actor", replace("content/actors.yaml", "role: Leader of North Korea", "role: Chairman, North Korea")),
    ("doi added", replace(HANOI, "slug: hanoi-summit\n", "slug: hanoi-summit\ndoi: 10.5555/hanoi.2019\n")),
    ("orcid added", replace("content/authors.yaml", "  name: Daniel Larison\n",
                            "  name: Daniel Larison\n  orcid: 0000-0002-1825-0097\n")),
    ("shared claim changes related briefs", replace(STEP, "  - limited-arms-control-achievable\n",
                                                    "  - limited-arms-control-achievable\n  - nk-will-not-disarm\n")),
    ("publisher", replace("briefgen.yaml", "language: en\n", "language: en\npublisher: A Press\n")),
    ("new brief", write("content/briefs/new-freeze.md", NEW_BRIEF)),
    ("body edit of the new brief", replace("content/briefs/new-freeze.md", "It argues", "It says")),
    ("draft", replace("content/briefs/new-freeze.md", "title:", "draft: true\ntitle:")),
    ("undrafted", replace("content/briefs/new-freeze.md", "draft: true\ntitle:", "title:")),
    ("renamed file", rename("content/briefs/new-freeze.md", "content/briefs/freeze-renamed.md")),
    ("deleted brief", delete("content/briefs/freeze-renamed.md")),
    ("template added", write("templates/claim.html", '{% extends "default/claim.html" %}{% block main %}'
                                                     "<p class=\"mark\">Reviewed.</p>{{ super() }}{% endblock %}\n")),
    ("template edited", replace("templates/claim.html", "Reviewed.", "Reviewed again.")),
    ("fragment override", write("templates/fragments/brief_card.html",
                                '<div class="card"><a href="{{ url(b.path) }}">{{ b.title }}</a></div>\n')),
    ("template removed", delete("templates/claim.html")),
    ("settings", replace("briefgen.yaml", 'title: "briefgen example: the Hanoi summit"',
                         'title: "The Hanoi summit, argued"')),
    ("date format", replace("briefgen.yaml", "language: en\n", "language: en\ndate_format: '%Y-%m-%d'\n")),
    ("static file added", write("static/notes.txt", "Notes.\n")),
    ("static file changed", write("static/notes.txt", "Other notes.\n")),
    ("theme asset overridden", write("templates/static/style.css", "body { color: #222; }\n")),
    ("static file removed", delete("static/notes.txt")),
    ("own robots.txt", write("static/robots.txt", "User-agent: *\nDisallow: /drafts/\n")),
    ("rebuttal", replace(HANOI, "the less\n      incentive", "the smaller\n      incentive")),
    ("archived copy and access date", replace("content/sources.yaml", "  kind: other\n  note: Invented for the "
                                              "briefgen demo site; no such memo",
                                              "  kind: other\n  archived_url: https://archive.example.org/memo\n"
                                              "  accessed: 2019-02-21\n  note: Invented for the briefgen demo site; "
                                              "no such memo")),
    ("access date", replace("content/sources.yaml", "accessed: 2019-02-21", "accessed: 2019-02-22")),
    ("archive snapshot", write("content/archive/index.json", '{"version": 1, "snapshots": {}}\n')),
    ("quoted passage", replace(HAWK, "critics say the Hanoi", "[critics say]{.quote} the Hanoi")),
    ("review added", replace(HAWK, "    sources: [example-sanctions-memo]\n",
                             "    sources: [example-sanctions-memo]\n" + REVIEW)),
    ("review rating changed", replace(HAWK, "rating: uncertain", "rating: unlikely")),
    ("rating scale relabelled", replace("briefgen.yaml", "label: Unlikely", "label: Not likely")),
    ("position added", write(POSITIONS, BIEGUN + "  stance: asserts\n  date: 2019-02\n")),
    ("position reversed", write(POSITIONS, BIEGUN + "  stance: asserts\n  date: 2019-02\n"
                                + BIEGUN + "  stance: denies\n  date: 2019-03\n")),
    ("correction added", replace(HAWK, "summary: >-", BRIEF_CORRECTION + "summary: >-")),
    ("claim correction added", replace(HAWK, "    reviews:\n", CLAIM_CORRECTION + "    reviews:\n")),
    ("corrections removed", lambda site: [replace(HAWK, BRIEF_CORRECTION, "")(site),
                                          replace(HAWK, CLAIM_CORRECTION, "")(site)]),
]


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(autouse=True)
def own_cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


def run_oracle(site: Path, tmp_path: Path, edits: list[tuple[str, Edit]]) -> None:
    cli_out, serve_out = tmp_path / "cli", tmp_path / "serve"
    served = Engine(site, BuildOptions(output=serve_out, keep=False, jobs=1))
    assert main(["build", str(site), "-o", str(cli_out), "-q", "-j", "1"]) == 0
    assert rebuild(served).ok
    for step, (name, apply) in enumerate(edits):
        apply(site)
        if name.startswith(BROKEN):  # a build with errors changes nothing: both outputs stay as they were
            before = files(cli_out), files(serve_out)
            assert main(["build", str(site), "-o", str(cli_out), "-q", "-j", "1"]) == 1, name
            assert not rebuild(served).ok, name
            assert (files(cli_out), files(serve_out)) == before, name
            continue
        cold = tmp_path / f"cold-{step}"
        assert main(["build", str(site), "-o", str(cold), "--no-cache", "-q", "-j", "1"]) == 0, name
        assert main(["build", str(site), "-o", str(cli_out), "-q", "-j", "1"]) == 0, name
        outcome = rebuild(served)
        assert outcome.ok, (name, outcome.problems, outcome.traceback)
        expected = files(cold)
        for how, out in (("build", cli_out), ("serve", serve_out)):
            got = files(out)
            differing = sorted(p for p in expected.keys() | got.keys() if expected.get(p) != got.get(p))
            assert not differing, f"after '{name}', {how} differs from a cold build in {differing[:8]}"
        shutil.rmtree(cold)


def test_every_kind_of_edit_matches_a_cold_build(example_site: Path, tmp_path: Path) -> None:
    assert len({name for name, _ in EDITS}) >= 12
    run_oracle(example_site, tmp_path, EDITS)


BROKEN = "broken: "
"""Names the steps that leave the site with errors (the step after them must mend it)."""
CLAIMED = "nk-will-not-disarm"
"""A claim of the example site that the steps below make popular."""


def _asserting(count: int, start: int = 0) -> Edit:
    """`count` briefs more, each asserting CLAIMED: past the number a claim's page shows, its briefs get pages."""
    def apply(site: Path) -> None:
        for n in range(start, start + count):
            (site / f"content/briefs/many/m{n:03d}.md").parent.mkdir(parents=True, exist_ok=True)
            (site / f"content/briefs/many/m{n:03d}.md").write_text(
                f"---\ntitle: Many {n}\ndate: 2019-04-{1 + n % 28:02d}\nsummary: One of many.\n"
                f"claims: [{CLAIMED}]\n---\n[It will not disarm]{{claim={CLAIMED}}}.\n", encoding="utf-8")
    return apply


def _unasserting(count: int) -> Edit:
    def apply(site: Path) -> None:
        for n in range(count):
            (site / f"content/briefs/many/m{n:03d}.md").unlink()
    return apply


def test_broken_files_and_lists_growing_past_their_page_match_a_cold_build(example_site: Path,
                                                                          tmp_path: Path) -> None:
    """Edits that cross one mistake one error, links and the pages of long lists (render/sublists.py)."""
    from briefgen.render.sublists import shown

    many = shown("claim", "briefs") + 3
    (tmp_path / "outside.md").write_text("---\ntitle: Outside\ndate: 2019-01-01\n---\nNo.\n", encoding="utf-8")
    edits: list[tuple[str, Edit]] = [
        (BROKEN + "a YAML typo in a brief others use", replace(HAWK, "topics: [", "topics: [[")),
        ("the typo mended", replace(HAWK, "topics: [[", "topics: [")),
        (BROKEN + "a site-wide file not closed", replace("content/actors.yaml", "name:", 'name: "', )),
        ("the site-wide file mended", replace("content/actors.yaml", 'name: "', "name:")),
        ("a claim's briefs grow past its page", _asserting(many)),
        ("and further, to a third page", _asserting(shown("claim", "briefs"), start=many)),
        ("and back below its page", _unasserting(many + shown("claim", "briefs") - 3)),
        ("a brief kept elsewhere in the site", write("shared/kept.md", "---\ntitle: Kept elsewhere\ndate: "
                                                    "2019-01-02\nsummary: Linked.\n---\nKept.\n")),
        ("a link to it", lambda s: (s / "content/briefs/linked.md").symlink_to(s / "shared/kept.md")),
        ("the linked file edited", replace("shared/kept.md", "Kept.", "Kept and edited.")),
        (BROKEN + "a link out of the site", lambda s: (s / "content/briefs/stolen.md").symlink_to(
            tmp_path / "outside.md")),
        ("the link out removed", delete("content/briefs/stolen.md")),
        ("the link inside removed", delete("content/briefs/linked.md")),
    ]
    run_oracle(example_site, tmp_path, edits)


def test_edits_across_a_corpus_match_a_cold_build(tmp_path: Path) -> None:
    """The same on a site where briefs share claims, sources, topics and authors, as real sites do."""
    site = write_corpus(tmp_path / "corpus", 40)
    brief = "content/briefs/b007.md"
    removed = (site / "content/briefs/b010.md").read_text(encoding="utf-8")
    edits: list[tuple[str, Edit]] = [
        ("body prose", replace(brief, "## More", "## More and more")),
        ("title", replace(brief, "title: Brief 7", "title: Brief seven")),
        ("date moves it", replace(brief, "date: 2020-01-08", "date: 2021-06-01")),
        ("claim text everywhere", lambda s: [replace(f"content/briefs/b{i:03d}.md", "Claim 0 holds.",
                                                     "Claim zero holds.")(s)
                                             for i in range(40) if "Claim 0 holds." in
                                             (s / f"content/briefs/b{i:03d}.md").read_text()]),
        ("source shared by many", lambda s: [replace(f"content/briefs/b{i:03d}.md", "title: Source 3",
                                                     "title: Source three")(s) for i in range(3, 40, 11)]),
        ("opposition removed", replace(brief, "    opposes: claim-7", "")),
        ("deleted", delete("content/briefs/b010.md")),
        ("added back", write("content/briefs/b010.md", removed)),
        ("the site's first correction", replace(brief, "sources:\n  - id: src-7",
                                                BRIEF_CORRECTION + "sources:\n  - id: src-7")),
        ("a claim's first review", replace(brief, "    sources: [src-7]\n", "    sources: [src-7]\n" +
                                           REVIEW.replace("uncertain", "mixed"))),
        ("the last correction removed", replace(brief, BRIEF_CORRECTION, "")),
    ]
    run_oracle(site, tmp_path, edits)


PDF_EDITS: list[tuple[str, Edit]] = [
    ("body prose", replace(HAWK, "Critics say the Hanoi summit", "Some critics say the Hanoi summit")),
    ("claim text shown in other PDFs", replace(HAWK, "weakens the\n      leverage", "erodes the\n      leverage")),
    ("new brief", write("content/briefs/new-freeze.md", NEW_BRIEF)),
    ("page template", write("templates/brief.html", '{% extends "default/brief.html" %}{% block main %}'
                                                    "<p>Web only.</p>{{ super() }}{% endblock %}\n")),
    ("print stylesheet", write("templates/pdf.css", "@page { size: Letter; margin: 1in; }\nbody { color: #000; }\n")),
    ("deleted brief", delete("content/briefs/new-freeze.md")),
    ("PDFs off", replace("briefgen.yaml", "pdf: true", "pdf: false")),
    ("PDFs on", replace("briefgen.yaml", "pdf: false", "pdf: true")),
]


def test_every_kind_of_edit_matches_a_cold_build_with_pdfs(example_site: Path, tmp_path: Path) -> None:
    """The same with a PDF of every brief: PDFs are byte-identical, and printed again when they must be."""
    config = example_site / "briefgen.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "pdf: true\n", encoding="utf-8")
    run_oracle(example_site, tmp_path, PDF_EDITS)
    assert len(list((tmp_path / "cli").rglob("*.pdf"))) == 3
