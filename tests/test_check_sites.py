"""One tiny site per mistake under tests/invalid_sites/<case>/, each with the exact problems it must produce.

expected.txt holds `exit N` and then every problem line, in order, exactly as printed.
`check` and `build` must both print those lines; a failed build must write nothing.
After a deliberate change of wording or position, rewrite them with
`BRIEFGEN_UPDATE_EXPECTED=1 pytest tests/test_check_sites.py`, then review `git diff tests/invalid_sites`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.errors import Problem, Severity

CASES = Path(__file__).parent / "invalid_sites"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "expected.txt").is_file())


def expected(case: str) -> tuple[int, list[str]]:
    first, *lines = (CASES / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert first.startswith("exit "), f"{case}/expected.txt must start with 'exit N'"
    return int(first.split()[1]), [line for line in lines if line]


def problem_lines(stderr: str) -> list[str]:
    """Problem lines only: drop the closing summary of check and build."""
    return [line for line in stderr.splitlines()
            if line and not line.startswith(("checked ", "build failed: ", "built "))]


def test_there_is_a_case_for_every_mistake_the_issue_names() -> None:
    assert len(CASE_NAMES) >= 20


@pytest.mark.parametrize("case", CASE_NAMES)
def test_check_prints_exactly_the_expected_problems(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = expected(case)
    actual_code = main(["check", str(CASES / case)])
    actual = problem_lines(capsys.readouterr().err)
    if os.environ.get("BRIEFGEN_UPDATE_EXPECTED"):
        (CASES / case / "expected.txt").write_text("\n".join([f"exit {actual_code}", *actual]) + "\n",
                                                   encoding="utf-8")
        return
    assert actual_code == code
    assert actual == lines


@pytest.mark.parametrize("case", CASE_NAMES)
def test_build_prints_the_same_problems_and_writes_nothing_on_error(
        case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = expected(case)
    out = tmp_path / "out"
    # With the site's address, as the content problems are the same without it, and a build without it
    # adds its own warning that it wrote no sitemap (tests/test_feeds_sitemap.py).
    args = ["build", str(CASES / case), "-o", str(out), "--no-cache", "--base-url", "https://example.org/"]
    assert main(args) == code
    assert problem_lines(capsys.readouterr().err) == lines
    if code:
        assert not out.exists()
    else:
        assert (out / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == (["out"] if not code else [])  # no staging left over


@pytest.mark.parametrize("case", CASE_NAMES)
def test_json_format_carries_the_same_problems(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = expected(case)
    assert main(["check", str(CASES / case), "--format", "json"]) == code
    items = json.loads(capsys.readouterr().out)
    assert [set(item) for item in items] == [{"path", "line", "column", "severity", "code", "message", "hint"}] * len(
        items)
    problems = [Problem(i["path"], i["line"], i["column"], Severity(i["severity"]), i["message"], i["code"], i["hint"])
                for i in items]
    assert [p.format() for p in problems] == lines
    assert all(item["code"] for item in items)


def test_strict_turns_the_warnings_into_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, lines = expected("warnings")
    assert code == 0 and lines
    assert main(["check", str(CASES / "warnings"), "--strict"]) == 1
    assert problem_lines(capsys.readouterr().err) == [line.replace(": warning: ", ": error: ", 1) for line in lines]
    out = tmp_path / "out"
    assert main(["build", str(CASES / "warnings"), "-o", str(out), "--strict", "--no-cache"]) == 1
    assert not out.exists()


def test_drafts_are_checked_with_drafts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(CASES / "warnings"), "--drafts"]) == 0
    err = capsys.readouterr().err
    assert "draft skipped" not in err
    assert "content/briefs/draft.md:1:1: warning: brief has no summary" in err
