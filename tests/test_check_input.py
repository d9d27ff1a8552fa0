"""Hostile or huge input is refused with a located error, and `briefgen check` behaves as a command should."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import MINIMAL_BRIEF, write_site

from briefgen.cli import main
from briefgen.engine import BuildOptions, check
from briefgen.errors import Problem, Severity
from briefgen.load.yamlload import MAX_DEPTH, MAX_NODES, YamlError, load_yaml


def laughs(levels: int) -> str:
    text = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for i in range(1, levels):
        text += f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]\n"
    return text


@pytest.mark.parametrize("text, message", [
    (laughs(12), f"more than {MAX_NODES:,} values once aliases are expanded"),
    ("a: &a [*a]\n", "an alias refers to a value that contains it"),
    ("a: &a {b: *a}\n", "an alias refers to a value that contains it"),
    ("a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n", f"nested more than {MAX_DEPTH} levels"),
    ("a: 1\nb: 2\na: 3\n", "duplicate key 'a' (first given on line 2)"),
    ("a: !!python/object/apply:os.system [echo]\n", "could not determine a constructor"),
    ("a: b\nc: \x07\n", "the character U+0007 is not allowed here"),
])
def test_hostile_yaml_is_refused_with_a_located_error(text: str, message: str) -> None:
    with pytest.raises(YamlError) as caught:
        load_yaml(text, line_offset=1)
    assert message in caught.value.message
    assert caught.value.line >= 2  # the offset of the front matter is applied


def test_a_sequence_alias_repeated_within_the_limit_still_loads() -> None:
    data, _marks = load_yaml("base: &b [x, y]\ncopy: *b\nmerged:\n  <<: {k: v}\n  own: 1\n")
    assert data == {"base": ["x", "y"], "copy": ["x", "y"], "merged": {"k": "v", "own": 1}}


def test_an_impossible_date_is_reported_at_its_value() -> None:
    data, marks = load_yaml("title: T\ndate: 2019-02-30\n")
    assert data["date"] == "2019-02-30"
    assert marks.at(("date",)) == (2, 7)


def test_a_50_megabyte_front_matter_is_refused_before_it_is_read(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"content/briefs/ok.md": MINIMAL_BRIEF})
    huge = site / "content" / "briefs" / "huge.md"
    with huge.open("w", encoding="utf-8") as handle:
        handle.write("---\ntitle: Huge\ndate: 2020-01-01\nkeys:\n")
        line = "  - " + "x" * 95 + "\n"
        handle.write(line * (50_000_000 // len(line)))
        handle.write("---\nBody.\n")
    for name in ("sources.yaml", "claims.yaml"):
        (site / "content" / name).write_bytes(huge.read_bytes()[4:])
    _graph, problems = check(site, BuildOptions())
    too_large = [p for p in problems if p.code == "too-large"]
    assert {p.path for p in too_large} == {"content/briefs/huge.md", "content/sources.yaml", "content/claims.yaml"}
    assert all(p.is_error and "the limit is 5,000,000" in p.message for p in too_large)


def test_a_large_yaml_block_under_the_file_limit_is_refused_too() -> None:
    with pytest.raises(YamlError) as caught:
        load_yaml("k: " + "x" * 2_100_000 + "\n", line_offset=1)
    assert "the limit is 2,000,000" in caught.value.message


def test_check_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "missing")]) == 2
    assert "site folder" in capsys.readouterr().err
    assert main(["check", "--format", "xml", str(tmp_path)]) == 2
    assert "invalid choice" in capsys.readouterr().err
    assert main(["check", "--help"]) == 0
    help_text = capsys.readouterr().out
    assert "--strict" in help_text and "--format" in help_text and "--drafts" in help_text
    assert main(["build", "--help"]) == 0
    assert "--strict" in capsys.readouterr().out


def test_check_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = write_site(tmp_path / "site", {"content/briefs/a.md": MINIMAL_BRIEF.replace("[@obs]", "[@obz]")})
    assert main(["check", str(site)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "content/briefs/a.md:14:17: error: unknown source 'obz' (did you mean 'obs'?)",
        "checked 1 brief: 1 error, 0 warnings",
    ]
    assert main(["check", str(site), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert captured.err == ""
    assert json.loads(captured.out) == [{"path": "content/briefs/a.md", "line": 14, "column": 17, "severity": "error",
                                         "code": "unknown-id", "message": "unknown source 'obz'",
                                         "hint": "did you mean 'obs'?"}]
    (site / "content" / "briefs" / "a.md").write_text(MINIMAL_BRIEF, encoding="utf-8")
    assert main(["check", str(site), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_problem_lines_escape_control_characters_from_content() -> None:
    problem = Problem("a.md", 1, 2, Severity.ERROR, "unknown key 'x\n\x1b[2Jy'", "unknown-key", "did you mean 'é'?")
    assert problem.format() == "a.md:1:2: error: unknown key 'x\\n\\x1b[2Jy' (did you mean 'é'?)"


@pytest.mark.parametrize("blank", ["\n", "\n\n", " \n\t\n", "\r\n\r\n"])
def test_blank_lines_before_the_front_matter_are_tolerated_and_lines_stay_true(tmp_path: Path, blank: str) -> None:
    """Hugo and Jekyll accept blank lines before '---', and so many real files have them."""
    lines = blank.replace("\r\n", "\n").count("\n")
    site = write_site(tmp_path / "site", {"content/briefs/a.md": "placeholder"})
    (site / "content/briefs/a.md").write_bytes(
        (blank + "---\ntitle: T\ndate: 2020-01-02\nsummary: S.\nslug: Not OK\n---\nBody [@nowhere].\n").encode())
    _graph, problems = check(site, BuildOptions())
    errors = sorted((p.line, p.code) for p in problems if p.is_error)
    assert errors == [(lines + 5, "bad-id")]  # the slug, at its own line; the body is not reached
    (site / "content/briefs/a.md").write_bytes((blank + "---\ntitle: T\ndate: 2020-01-02\nsummary: S.\n---\n"
                                                "Body [@nowhere].\n").encode())
    _graph, problems = check(site, BuildOptions())
    assert sorted((p.line, p.code) for p in problems if p.is_error) == [(lines + 6, "unknown-id")]
    assert main(["build", str(site), "-q"]) == 1
    (site / "content/briefs/a.md").write_bytes((blank + "Body without front matter.\n").encode())
    _graph, problems = check(site, BuildOptions())
    assert [(p.line, p.code) for p in problems if p.is_error] == [(lines + 1, "no-front-matter")]
