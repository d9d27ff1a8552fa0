"""One mistake, one error: a file that fails to load is named once, and the references to the ids it
might define are said to be not checked instead of being reported as unknown ids.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.engine import check
from briefgen.errors import Problem
from briefgen.load.rawfiles import MAX_FILE_BYTES
from briefgen.load.unparsed import front_matter_or_all, unparsed_brief, unparsed_data
from briefgen.load.yamlload import YamlError, load_yaml

DEFINER = """\
---
title: The one that defines
date: 2019-02-20
summary: It defines a claim and a source.
topics: [North Korea]
claims:
  - id: nk-will-not-disarm
    text: North Korea will not give up its nuclear arsenal.
    sources: [wapo-hanoi-prep]
sources:
  - id: wapo-hanoi-prep
    title: Ahead of Hanoi
    kind: news
---
Text [@wapo-hanoi-prep].
"""

USER = """\
---
title: User {n}
date: 2019-03-{n:02d}
summary: It uses the other brief's claim and source.
claims:
  - nk-will-not-disarm
counterclaims:
  - id: rapid-disarmament-possible-{n}
    text: Rapid disarmament is achievable ({n}).
    opposes: nk-will-not-disarm
    sources: [wapo-hanoi-prep]
    rebuttal: No [@wapo-hanoi-prep].
---
See [the brief](brief:definer), [the claim](claim:nk-will-not-disarm),
[the topic](topic:north-korea) [@wapo-hanoi-prep].
"""

BREAKAGES: dict[str, Callable[[str], bytes]] = {
    "yaml typo": lambda text: text.replace("topics: [North Korea]", "topics: [North Korea").encode(),
    "front matter not closed": lambda text: text.replace("---\nText", "Text").encode(),
    "not utf-8": lambda text: text.replace("Ahead of Hanoi", "Ahead of Hano\xef").encode("latin-1"),
    "tab indentation": lambda text: text.replace("  - id: nk-will-not-disarm", "\t- id: nk-will-not-disarm").encode(),
    "no title": lambda text: text.replace("title: The one that defines\n", "").encode(),
}


def _site(root: Path, definer: bytes, users: int = 12) -> Path:
    briefs = root / "content" / "briefs"
    briefs.mkdir(parents=True)
    (briefs / "definer.md").write_bytes(definer)
    for n in range(1, users + 1):
        (briefs / f"user-{n}.md").write_text(USER.format(n=n), encoding="utf-8")
    return root


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def test_a_good_site_of_many_files_has_no_errors(tmp_path: Path) -> None:
    _graph, problems = check(_site(tmp_path, DEFINER.encode()))
    assert _errors(problems) == []
    assert not [p for p in problems if p.code == "unchecked"]


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_one_broken_file_gives_one_error_and_one_note_per_file_that_uses_it(tmp_path: Path, breakage: str) -> None:
    _graph, problems = check(_site(tmp_path, BREAKAGES[breakage](DEFINER)))
    errors = _errors(problems)
    assert [p.path for p in errors] == ["content/briefs/definer.md"], [p.format() for p in errors]
    notes = [p for p in problems if p.code == "unchecked"]
    assert sorted(p.path for p in notes) == sorted(f"content/briefs/user-{n}.md" for n in range(1, 13))
    for note in notes:
        assert "content/briefs/definer.md has errors" in note.message
        named = {part.strip() for part in note.message.split(": ", 1)[1].split(",")}
        assert {"source 'wapo-hanoi-prep'", "brief 'definer'", "topic 'north-korea'"} <= named
    # A claim named by a bare id is reported where it is first named (the first file), as an unknown one is.
    first = next(p for p in notes if p.path == "content/briefs/user-1.md")
    assert (first.line, first.col) == (6, 5) and "claim 'nk-will-not-disarm'" in first.message


def test_a_real_mistake_next_to_a_broken_file_is_still_an_error(tmp_path: Path) -> None:
    site = _site(tmp_path, BREAKAGES["yaml typo"](DEFINER), users=1)
    user = site / "content" / "briefs" / "user-1.md"
    user.write_text(user.read_text() + "A typo [@wapo-hanio-prep] and [x](claim:nobody-defines-this).\n")
    _graph, problems = check(site)
    unknown = sorted(p.message for p in problems if p.code == "unknown-id")
    assert unknown == ["unknown claim 'nobody-defines-this'", "unknown source 'wapo-hanio-prep'"]


def test_the_knock_on_warnings_of_uncited_sources_are_left_out_too(tmp_path: Path) -> None:
    site = _site(tmp_path, BREAKAGES["yaml typo"](DEFINER), users=0)
    (site / "content" / "sources.yaml").write_text("- id: only-the-broken-file-cites-it\n  title: T\n")
    (site / "content" / "briefs" / "definer.md").write_text(
        DEFINER.replace("topics: [North Korea]", "topics: [x") + "[@only-the-broken-file-cites-it]\n")
    _graph, problems = check(site)
    assert [p.code for p in problems] == ["yaml"]


def test_a_broken_site_file_leaves_its_ids_unchecked(tmp_path: Path) -> None:
    site = _site(tmp_path, DEFINER.encode().replace(b"sources: [wapo-hanoi-prep]", b"sources: [kim-2019]"), users=0)
    (site / "content" / "sources.bib").write_text("@misc{Kim:2019, title = {A statement}\n")  # not closed
    _graph, problems = check(site)
    assert [p.format() for p in _errors(problems)] == [
        "content/sources.bib:1:1: error: invalid BibTeX entry: Unexpectedly reached end of file. "
        "(1 entry could not be read)"]
    notes = [p for p in problems if p.code == "unchecked"]
    assert len(notes) == 1 and "source 'kim-2019'" in notes[0].message


def test_an_unreadable_file_might_define_anything(tmp_path: Path) -> None:
    site = _site(tmp_path, b"---\ntitle: x\n---\n" + b"a" * (MAX_FILE_BYTES + 1), users=2)
    _graph, problems = check(site)
    assert [p.code for p in _errors(problems)] == ["too-large"]
    assert len([p for p in problems if p.code == "unchecked"]) == 2


@pytest.mark.parametrize(("text", "kind", "ident", "expected"), [
    ("  - id: nk-will-not-disarm\n", "claim", "nk-will-not-disarm", True),
    ("claims: [a, nk-will-not-disarm, b\n", "claim", "nk-will-not-disarm", True),
    ("- 'nk-will-not-disarm'\n", "claim", "nk-will-not-disarm", True),
    ("id: nk-will-not-\n  disarm", "claim", "nk-will-not-disarm", True),  # folded over two lines
    ("id: nk-will-not-disarmament\n", "claim", "nk-will-not-disarm", False),
    ("id: the-nk-will-not-disarm\n", "claim", "nk-will-not-disarm", True),  # words in order: might be
    ("id: wont-disarm\n", "claim", "nk-will-not-disarm", False),
    ("topics: [North Korea]\n", "topic", "north-korea", True),
    ("topics: [North Korea]\n", "actor", "north-korea", False),  # a brief defines no actor
])
def test_what_a_broken_brief_might_define(text: str, kind: str, ident: str, expected: bool) -> None:
    assert unparsed_brief("b.md", "b", f"---\n{text}").might_define(kind, ident) is expected


def test_a_broken_brief_might_define_the_slug_of_its_file_name_and_nothing_from_its_body() -> None:
    unparsed = unparsed_brief("b.md", "Hanoi Summit", "---\ntitle: [x\n---\nbody names some-claim\n")
    assert unparsed.might_define("brief", "hanoi-summit")
    assert not unparsed.might_define("claim", "some-claim")
    assert front_matter_or_all("no front matter\nsome-claim") == "no front matter\nsome-claim"


def test_site_files_define_their_own_kind_only() -> None:
    assert unparsed_data("content/actors.yaml", "actors", "- id: x").might_define("actor", "x")
    assert not unparsed_data("content/actors.yaml", "actors", "- id: x").might_define("claim", "x")
    assert unparsed_data("content/sources.bib", "sources", "@misc{Doe:2019,").might_define("source", "doe-2019")
    assert unparsed_data("content/claims.yaml", "claims", None).might_define("claim", "anything")


@pytest.mark.parametrize(("text", "line", "col"), [
    ("title: x\nclaims:\n\t- id: a\n", 3, 1),
    ("a:\n  b: 1\n\tc: 2\n", 3, 1),
    ("a:\n \tb: 1\n", 2, 2),
    ("a:\n  - b\n  -\tc\n", 3, 4),
    ("a: |\n  x\n\ty\n", 3, 1),
])
def test_tab_indentation_is_named_for_what_it_is(text: str, line: int, col: int) -> None:
    with pytest.raises(YamlError) as caught:
        load_yaml(text, line_offset=1)
    assert (caught.value.message, caught.value.line, caught.value.col) == (
        "YAML does not allow tabs for indentation; use spaces", line + 1, col)


def test_tabs_where_yaml_allows_them_are_fine() -> None:
    assert load_yaml("a: [1,\n\t2]\nb: 'x\ty'\n")[0] == {"a": [1, 2], "b": "x\ty"}
