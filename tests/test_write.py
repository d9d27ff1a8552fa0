"""The writer: staged files, one commit, a manifest of briefgen's own files, and recovery."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefgen.errors import BuildFailed
from briefgen.write.output import (
    COMMIT,
    MANIFEST,
    Stage,
    check_output_folder,
    commit,
    missing_files,
    read_manifest,
    recover,
)


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def write(out: Path, files: dict[str, bytes], keep: dict[str, str] | None = None) -> None:
    """One build: stage `files`, keep the files of `keep` (path -> digest) as they are, commit."""
    with Stage(out) as stage:
        digests = {path: stage.write(path, data) for path, data in files.items()}
        commit(stage, {**(keep or {}), **digests}, digests)


def test_commit_skips_unchanged_bytes_and_prunes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write(out, {"index.html": b"home", "a/index.html": b"a", "b/index.html": b"b"})
    mtime = (out / "index.html").stat().st_mtime_ns
    write(out, {"index.html": b"home", "a/index.html": b"a2"})
    assert files_in(out) == {"index.html": b"home", "a/index.html": b"a2", MANIFEST: (out / MANIFEST).read_bytes()}
    assert (out / "index.html").stat().st_mtime_ns == mtime, "unchanged bytes are not written again"
    assert not (out / "b").exists(), "an emptied folder goes too"
    assert set(read_manifest(out) or {}) == {"index.html", "a/index.html"}


def test_files_kept_from_the_last_build_stay_and_stay_in_the_manifest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write(out, {"index.html": b"home", "a/index.html": b"a"})
    old = read_manifest(out) or {}
    write(out, {"index.html": b"home2"}, keep={"a/index.html": old["a/index.html"]})
    assert (out / "a/index.html").read_bytes() == b"a"
    assert set(read_manifest(out) or {}) == {"index.html", "a/index.html"}


def test_files_briefgen_did_not_write_survive(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write(out, {"index.html": b"home"})
    (out / "mine.txt").write_text("mine")
    write(out, {"other.html": b"x"})
    assert (out / "mine.txt").read_text() == "mine"
    assert not (out / "index.html").exists()


def test_refuses_a_foreign_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "thesis.tex").write_text("precious")
    with pytest.raises(BuildFailed):
        check_output_folder(out)
    with pytest.raises(BuildFailed), Stage(out) as stage:
        commit(stage, {"index.html": stage.write("index.html", b"x")}, ["index.html"])
    assert files_in(out) == {"thesis.tex": b"precious"}


def test_a_vanished_staging_folder_fails_the_build_and_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write(out, {"index.html": b"old"})
    before = files_in(out)
    with Stage(out) as stage:
        digests = {"index.html": stage.write("index.html", b"new"), "a.html": stage.write("a.html", b"a")}
        shutil.rmtree(stage.root)
        with pytest.raises(BuildFailed) as failed:
            stage.write("b.html", b"b")
        assert "staging folder disappeared" in failed.value.problems[0].message
        with pytest.raises(BuildFailed):
            commit(stage, digests, digests)
    assert files_in(out) == before


def test_a_commit_that_was_cut_short_is_finished_by_recover(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write(out, {"index.html": b"old", "gone.html": b"bye"})
    stage = Stage(out)
    digests = {"index.html": stage.write("index.html", b"new"), "a/index.html": stage.write("a/index.html", b"a")}
    plan = {"manifest": digests, "moves": sorted(digests), "removals": ["gone.html"]}
    (stage.root / COMMIT).write_text(json.dumps(plan))
    (stage.root / "a" / "index.html").replace(out / "a.tmp")  # as if the kill came after the first move...
    (out / "a").mkdir()
    (out / "a.tmp").replace(out / "a" / "index.html")
    recover(out)
    assert not stage.root.exists()
    assert files_in(out) == {"index.html": b"new", "a/index.html": b"a", MANIFEST: (out / MANIFEST).read_bytes()}
    assert read_manifest(out) == digests


def test_recover_drops_a_stage_that_never_began_its_commit(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write(out, {"index.html": b"old"})
    before = files_in(out)
    stage = Stage(out)
    stage.write("index.html", b"half")
    recover(out)
    assert not stage.root.exists() and files_in(out) == before


def test_missing_files_are_named(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write(out, {"index.html": b"home", "a/b/index.html": b"deep"})
    manifest = read_manifest(out) or {}
    assert missing_files(out, manifest) == set()
    (out / "a" / "b" / "index.html").unlink()
    assert missing_files(out, manifest) == {"a/b/index.html"}


@pytest.mark.parametrize("path", ["../evil.html", "/abs.html", "a/../../x", MANIFEST, "a\\b", ""])
def test_unsafe_paths_are_refused(tmp_path: Path, path: str) -> None:
    with Stage(tmp_path / "out") as stage, pytest.raises(BuildFailed):
        stage.write(path, b"x")
    assert not (tmp_path / "evil.html").exists()
