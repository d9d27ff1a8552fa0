from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import BuildFailed
from briefgen.write.output import MANIFEST, read_manifest, safe_relpath, update_site, write_site


def files_in(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_write_swap_skips_unchanged_and_prunes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = write_site(out, {"index.html": b"a", "x/index.html": b"b"}, {})
    assert (first.written, first.unchanged, first.removed) == (2, 0, 0)
    inode = (out / "index.html").stat().st_ino
    second = write_site(out, {"index.html": b"a", "y/index.html": b"c"}, {})
    assert (second.written, second.unchanged, second.removed) == (1, 1, 1)
    assert (out / "index.html").stat().st_ino == inode, "unchanged bytes are not rewritten"
    assert not (out / "x").exists()
    assert set(read_manifest(out) or {}) == {"index.html", "y/index.html"}
    assert not list(tmp_path.glob(".out.*")), "no staging folder is left behind"


def test_files_briefgen_did_not_write_survive(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_site(out, {"index.html": b"a"}, {})
    (out / "CNAME").write_text("example.org")
    write_site(out, {"index.html": b"b"}, {})
    assert (out / "CNAME").read_text() == "example.org"


def test_refuses_a_foreign_folder(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("precious")
    with pytest.raises(BuildFailed, match="not written by briefgen"):
        write_site(out, {"index.html": b"a"}, {})
    assert files_in(out) == {"thesis.docx": b"precious"}


@pytest.mark.parametrize("path", ["../evil.html", "/etc/passwd", "a/../../b", "C:/x", "a\\..\\b", "a\x00b",
                                  "a/\u2024\u2024/b", "", "dir/"])
def test_unsafe_paths_are_refused(tmp_path: Path, path: str) -> None:
    assert safe_relpath(path) is None
    with pytest.raises(BuildFailed):
        write_site(tmp_path / "out", {path: b"x"}, {})
    assert not (tmp_path / "evil.html").exists()


def test_a_failure_mid_write_leaves_the_old_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    write_site(out, {"index.html": b"old", "a/index.html": b"old-a"}, {})
    before = files_in(out)
    import briefgen.write.output as write_module

    calls = {"n": 0}
    real = write_module._write_new

    def flaky(target: Path, data: bytes) -> bool:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        return real(target, data)

    monkeypatch.setattr(write_module, "_write_new", flaky)
    with pytest.raises(OSError):
        write_site(out, {"index.html": b"new", "a/index.html": b"new-a", "b/index.html": b"new-b"}, {})
    assert files_in(out) == before
    assert not list(tmp_path.glob(".out.*"))


def test_update_in_place(tmp_path: Path) -> None:
    out = tmp_path / "out"
    update_site(out, {"index.html": b"a", "x/index.html": b"b"}, {})
    stats = update_site(out, {"index.html": b"a2"}, {})
    assert (stats.written, stats.unchanged, stats.removed) == (1, 0, 1)
    assert files_in(out) == {"index.html": b"a2", MANIFEST: (out / MANIFEST).read_bytes()}
