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
STEPS = "content/briefs/step-by-step-diplomacy.md"


def both(*edits: Edit) -> Edit:
    def apply(site: Path) -> None:
        for edit in edits:
            edit(site)
    return apply


# limited-arms-control-achievable is in the site map's largest part only through the support
# sanctions-relief-can-buy-freeze gives it; given an opposition to rapid-disarmament-possible instead,
# it moves to that claim's part (map/nk-will-not-disarm/), and back.
MOVED = both(replace(STEPS, "    supports: [limited-arms-control-achievable]\n", ""),
             replace(STEPS, "  - limited-arms-control-achievable\n",
                     "  - id: limited-arms-control-achievable\n    opposes: [rapid-disarmament-possible]\n"))
MOVED_BACK = both(replace(STEPS, "  - id: limited-arms-control-achievable\n    opposes: [rapid-disarmament-possible]\n",
                          "  - limited-arms-control-achievable\n"),
                  replace(STEPS, "    sources: [example-phased-deal-outline]\n  - limited",
                          "    supports: [limited-arms-control-achievable]\n    sources: [example-phased-deal-outline]\n"
                          "  - limited"))
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

EDITS: list[tuple[str, Edit]] = [
    ("body prose", replace(HAWK, "Critics say the Hanoi summit", "Some critics say the Hanoi summit")),
    ("body prose at the top", replace(HAWK, "*Example content", "A first line.\n\n*Example content")),
    ("title", replace(HAWK, 'title: "Example: hold maximum pressure', 'title: "Example: keep maximum pressure')),
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
    ("author", replace(HAWK, "authors: [briefgen example]", "authors: [briefgen example, A. Second]")),
    ("source field", replace("content/sources.yaml", "publisher: briefgen example content\n  kind: other\n  note: "
                             "Invented for the briefgen demo site; no such memo",
                             "publisher: briefgen demo press\n  kind: other\n  note: "
                             "Invented for the briefgen demo site; no such memo")),
    ("actor", replace("content/actors.yaml", "role: Leader of North Korea", "role: Chairman, North Korea")),
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
    ("static file added", write("static/notes.txt", "Notes.\n")),
    ("static file changed", write("static/notes.txt", "Other notes.\n")),
    ("theme asset overridden", write("templates/static/style.css", "body { color: #222; }\n")),
    ("static file removed", delete("static/notes.txt")),
    ("own robots.txt", write("static/robots.txt", "User-agent: *\nDisallow: /drafts/\n")),
    ("rebuttal", replace(HANOI, "the less\n      incentive", "the smaller\n      incentive")),
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
    ]
    run_oracle(site, tmp_path, edits)
