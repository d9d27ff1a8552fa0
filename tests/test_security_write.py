"""Nothing lost, nothing written outside the output folder: failed, interrupted and misdirected builds."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import MINIMAL_BRIEF, REPO, write_site

from briefgen import urls
from briefgen.cli import main
from briefgen.errors import BuildFailed
from briefgen.write import output as write


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


@pytest.fixture
def built(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """A small site built once into out/: (site, out)."""
    site = write_site(tmp_path / "site", {
        "content/briefs/a.md": MINIMAL_BRIEF,
        "content/briefs/b.md": "---\ntitle: Brief B\ndate: 2020-01-03\nsummary: s\nclaims: [sky-is-blue]\n---\nB.\n",
    })
    out = tmp_path / "out"
    assert main(["build", str(site), "-o", str(out)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    return site, out


@pytest.mark.parametrize("path", [
    "../x.html", "a/../../x.html", "/etc/passwd", "C:/x.html", "c:x.html", "a\\..\\x.html", "a\x00b.html", "",
    "a/", "./a.html", "a//b.html", "．．/x.html", "\u2025/x.html", "briefs/ａ/index.html", "a/\ufe52\ufe52/x",
])
def test_unsafe_output_paths_are_refused(path: str) -> None:
    assert write.safe_relpath(path) is None


@pytest.mark.parametrize("path", ["index.html", "briefs/hanoi-summit/index.html", "assets/style.css", "feed.xml"])
def test_ordinary_output_paths_are_kept(path: str) -> None:
    assert write.safe_relpath(path) == path


@pytest.mark.parametrize("value", ["..", ".", "a/b", "../etc", "A", "a_b", "-a", "a-", "a--b", "ａ", "a\x00",
                                   "é", "", "abc\n", "c:", "a b", "\u2024"])
def test_ids_that_could_leave_their_folder_are_invalid(value: str) -> None:
    assert not urls.is_valid_id(value)


def test_the_stage_refuses_unsafe_paths_and_the_output_is_untouched(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "out"
    with write.Stage(out) as stage:
        stage.write("index.html", b"ok")
        for path in ("../escape.html", "/tmp/abs.html", write.MANIFEST):
            with pytest.raises(BuildFailed) as failed:
                stage.write(path, b"x")
            assert {p.code for p in failed.value.problems} == {"unsafe-path"}
    assert not out.exists()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_hostile_slugs_and_file_names_never_leave_the_output(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    site = write_site(tmp_path / "site", {
        "content/briefs/traversal.md": "---\ntitle: T\ndate: 2020-01-01\nsummary: s\nslug: ../../escaped\n---\n",
        "content/briefs/lookalike.md": "---\ntitle: T\ndate: 2020-01-01\nsummary: s\nslug: ．．\n---\n",
        "content/briefs/nul.md": '---\ntitle: T\ndate: 2020-01-01\nsummary: s\nslug: "a\\0b"\n---\n',
        "content/briefs/drive.md": "---\ntitle: T\ndate: 2020-01-01\nsummary: s\nslug: 'C:'\n---\n",
    })
    out = tmp_path / "out"
    assert main(["build", str(site), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("error: brief slug '") == 4, err
    assert not out.exists() and not (tmp_path / "escaped").exists()

    # File names become slugs through slugify, which keeps only letters, marks, digits and '-'.
    for path in (site / "content" / "briefs").iterdir():
        path.unlink()
    for name in ("．．／etc.md", "\u2215..\u2215x.md", "a b&c.md"):
        (site / "content" / "briefs" / name).write_text("---\ntitle: T\ndate: 2020-01-01\nsummary: s\n---\n")
    assert main(["build", str(site), "-o", str(out)]) == 0, capsys.readouterr().err
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("index.html") if "briefs/" in p.as_posix())
    assert written == ["briefs/a-b-c/index.html", "briefs/etc/index.html", "briefs/index.html", "briefs/x/index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]


def test_failed_build_leaves_the_previous_output_byte_identical(built: tuple[Path, Path],
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    site, out = built
    before = snapshot(out)
    inodes = {p: p.stat().st_ino for p in out.rglob("*")}
    brief = site / "content" / "briefs" / "a.md"
    brief.write_text(brief.read_text().replace("[@obs]", "[@obz]"))
    assert main(["build", str(site), "-o", str(out)]) == 1
    assert "unknown source 'obz'" in capsys.readouterr().err
    assert snapshot(out) == before
    assert {p: p.stat().st_ino for p in out.rglob("*")} == inodes
    assert leftovers(out) == []

    # A broken site template fails at render time, still before anything is written.
    brief.write_text(MINIMAL_BRIEF)
    write_site(site, {"templates/brief.html": "{% extends 'default/brief.html' %}{% block main %}{{ nope( }}"
                                              "{% endblock %}"})
    assert main(["build", str(site), "-o", str(out)]) == 1
    assert "template syntax error" in capsys.readouterr().err
    assert snapshot(out) == before


def test_an_exception_in_the_middle_of_writing_leaves_no_mixture(built: tuple[Path, Path],
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    site, out = built
    before = snapshot(out)
    (site / "templates").mkdir()
    (site / "templates" / "base.html").write_text("<!doctype html><title>{{ page.title }}</title>"
                                                  "{% block main %}{% endblock %}")
    real_write = write.Stage.write
    calls = []

    def failing_write(self: write.Stage, path: str, data: bytes) -> str:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real_write(self, path, data)

    monkeypatch.setattr(write.Stage, "write", failing_write)
    assert main(["build", str(site), "-o", str(out), "-j", "1"]) == 1
    assert "cannot write the site: No space left on device" in capsys.readouterr().err, "a message, not a traceback"
    assert len(calls) == 3
    assert snapshot(out) == before
    assert leftovers(out) == []


def cold_build(site: Path, tmp_path: Path) -> dict[str, bytes]:
    fresh = tmp_path / "fresh"
    assert main(["build", str(site), "-o", str(fresh), "--no-cache", "-q"]) == 0
    return snapshot(fresh)


def test_an_interrupted_commit_is_finished_by_the_next_run(built: tuple[Path, Path], tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    site, out = built
    before = snapshot(out)
    brief = site / "content" / "briefs" / "a.md"
    brief.write_text(brief.read_text().replace("A minimal brief", "A changed brief"))
    real_replace = os.replace
    calls = []

    def replace(src: str, dst: str) -> None:
        if ".staging-" in str(src) and ".staging-" not in str(dst):  # a move of the commit
            calls.append(dst)
            if len(calls) == 2:
                raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(write.os, "replace", replace)
    assert main(["build", str(site), "-o", str(out)]) == 130  # Ctrl-C in the middle of the commit
    monkeypatch.undo()
    assert snapshot(out) != before
    assert [name.split("-")[0] for name in leftovers(out)] == [".out.staging"]
    write.recover(out)  # what the next build does first: finish the commit
    assert leftovers(out) == []
    assert snapshot(out) == cold_build(site, tmp_path)


KILL_AT = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {repo!r})
    from briefgen.write import output as write
    from briefgen.cli import main
    where = {where!r}
    if where == "commit":
        real = os.replace
        calls = []
        def replace(src, dst):
            if ".staging-" in str(src) and ".staging-" not in str(dst):
                calls.append(src)
                if len(calls) == 2:
                    os._exit(9)  # like SIGKILL: no cleanup, no finally
            real(src, dst)
        write.os.replace = replace
    else:
        real_write = write.Stage.write
        count = []
        def stage_write(self, path, data):
            count.append(path)
            if len(count) == 3:
                os._exit(9)
            return real_write(self, path, data)
        write.Stage.write = stage_write
    main(["build", {site!r}, "-o", {out!r}, "-j", "1"])
""")


@pytest.mark.parametrize("where", ["staging", "commit"])
def test_a_killed_build_never_leaves_a_mixture_and_the_next_build_recovers(
        built: tuple[Path, Path], tmp_path: Path, where: str) -> None:
    site, out = built
    before = snapshot(out)
    brief = site / "content" / "briefs" / "a.md"
    brief.write_text(brief.read_text().replace("A minimal brief", "A changed brief"))
    script = KILL_AT.format(repo=str(REPO), where=where, site=str(site), out=str(out))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert result.returncode == 9, result.stderr.decode()
    # A kill leaves the lock file (the lock itself went with the process) and the staging folder.
    assert [name.split("-")[0] for name in leftovers(out)] == [".out.lock", ".out.staging"]
    if where == "staging":
        assert snapshot(out) == before  # the old site, whole; the half-written staging folder is beside it
    # The next run puts things right before it does anything else: it drops a build that never
    # committed, and finishes one that did, so the output is one build's site or the other's.
    write.recover(out)
    assert leftovers(out) == [".out.lock"]
    assert snapshot(out) == (before if where == "staging" else cold_build(site, tmp_path))
    assert main(["build", str(site), "-o", str(out)]) == 0
    assert b"A changed brief" in (out / "briefs" / "a" / "index.html").read_bytes()
    assert leftovers(out) == []
    assert snapshot(out) == cold_build(site, tmp_path / "again")


def test_output_at_a_foreign_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = write_site(tmp_path / "site", {"content/briefs/a.md": MINIMAL_BRIEF})
    foreign = tmp_path / "documents"
    write_site(foreign, {"thesis.tex": "precious", "notes/todo.txt": "also precious"})
    before = snapshot(foreign)
    assert main(["build", str(site), "-o", str(foreign)]) == 1
    err = capsys.readouterr().err
    assert f"{foreign.resolve()}: error: output folder is not empty and was not written by briefgen" in err
    assert "choose an empty or new folder with -o" in err
    assert snapshot(foreign) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents", "site"]

    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    assert main(["build", str(site), "-o", str(a_file)]) == 1
    assert "output path exists and is not a folder" in capsys.readouterr().err
    assert a_file.read_text() == "x"

    assert main(["build", str(site), "-o", str(site)]) == 1  # the site folder itself is not an output folder
    assert (site / "content" / "briefs" / "a.md").is_file()


def test_briefgen_deletes_only_files_it_wrote(built: tuple[Path, Path]) -> None:
    site, out = built
    (out / "keep-me.txt").write_text("mine")
    (out / "briefs" / "mine.html").write_text("mine too")
    (site / "content" / "briefs" / "b.md").unlink()
    assert main(["build", str(site), "-o", str(out)]) == 0
    assert not (out / "briefs" / "b").exists()
    assert (out / "keep-me.txt").read_text() == "mine"
    assert (out / "briefs" / "mine.html").read_text() == "mine too"


def test_a_static_file_may_not_replace_a_generated_page(built: tuple[Path, Path],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    site, out = built
    before = snapshot(out)
    write_site(site, {"static/index.html": "<p>mine</p>", f"static/{write.MANIFEST}": "{}"})
    assert main(["build", str(site), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "would overwrite the page 'index.html'" in err
    assert f"the file name {write.MANIFEST} is reserved for briefgen" in err
    assert snapshot(out) == before


def test_check_never_writes(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"content/briefs/a.md": MINIMAL_BRIEF})
    assert main(["check", str(site)]) == 0
    assert sorted(p.name for p in site.iterdir()) == ["content"]
