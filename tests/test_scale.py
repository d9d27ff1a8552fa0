"""Builds at scale: the saved state, parallel = serial, the no-change fast path, progress."""

from __future__ import annotations

import io
import os
import posixpath
from pathlib import Path

import pytest

from briefgen import parallel, urls
from briefgen.cli import main
from briefgen.engine import BuildOptions, Engine, build, check
from briefgen.errors import BuildFailed
from briefgen.fingerprint import CACHE_DIR
from briefgen.load import site as load_site
from briefgen.progress import Progress, render_bar
from briefgen.state import state_path


def write_corpus(site: Path, count: int) -> Path:
    """`count` briefs sharing claims, sources and topics, so pages link across the site; the first has
    no summary (a warning)."""
    briefs = site / "content" / "briefs"
    briefs.mkdir(parents=True, exist_ok=True)
    (site / "content" / "actors.yaml").write_text("- id: actor-a\n  name: Actor A\n", encoding="utf-8")
    for i in range(count):
        mine, other, source = f"claim-{i % 17}", f"claim-{(i + 5) % 17}", f"src-{i % 11}"
        (briefs / f"b{i:03d}.md").write_text(f"""---
title: Brief {i}
date: 2020-01-{1 + i % 28:02d}
{"" if i == 0 else f"summary: Brief {i} in short."}
authors: [Author {i % 3}]
topics: [topic {i % 4}, topic {i % 7}]
claims:
  - id: {mine}
    text: Claim {i % 17} holds.
    sources: [{source}]
counterclaims:
  - id: {other}
    text: Claim {(i + 5) % 17} holds.
    held_by: [actor-a]
    opposes: {mine}
    rebuttal: It does not [@{source}].
sources:
  - id: {source}
    title: Source {i % 11}
    kind: report
---
Brief {i} argues that [claim {i % 17} holds]{{claim={mine}}} [@{source}].

## More

See [the other side](claim:{other}).
""", encoding="utf-8")
    return site


def output_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "site", 60)


@pytest.fixture(autouse=True)
def own_cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test signs its saved state with a key of its own, not the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


@pytest.fixture
def parse_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The path of every brief actually parsed (serial builds only: workers have their own memory)."""
    calls: list[str] = []
    real = load_site.parse_file

    def counting(raw, rel, stem, md):  # type: ignore[no-untyped-def]
        calls.append(rel)
        return real(raw, rel, stem, md)
    monkeypatch.setattr(load_site, "parse_file", counting)
    return calls


# -- the saved state ------------------------------------------------------------------------------


def test_a_saved_state_skips_parsing_and_an_edit_parses_that_file_only(corpus: Path,
                                                                       parse_calls: list[str]) -> None:
    build(corpus, BuildOptions(jobs=1))
    assert len(parse_calls) == 60
    parse_calls.clear()
    brief = corpus / "content" / "briefs" / "b007.md"
    brief.write_text(brief.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    result = build(corpus, BuildOptions(jobs=1))
    assert parse_calls == ["content/briefs/b007.md"]
    assert "briefs/b007/" in result.made


def test_other_settings_make_everything_again(corpus: Path, parse_calls: list[str]) -> None:
    build(corpus, BuildOptions(jobs=1))
    parse_calls.clear()
    (corpus / "briefgen.yaml").write_text("allow_html: true\n", encoding="utf-8")
    build(corpus, BuildOptions(jobs=1))
    assert len(parse_calls) == 60  # raw HTML changes what a parse makes


@pytest.mark.parametrize("damage", [b"", b"garbage", b"\x80" * 40])
def test_a_damaged_state_file_is_ignored(corpus: Path, parse_calls: list[str], damage: bytes) -> None:
    build(corpus, BuildOptions(jobs=1))
    path = state_path(corpus / CACHE_DIR, corpus.resolve() / "output")
    assert path.is_file()
    path.write_bytes(damage)
    (corpus / "content" / "briefs" / "b001.md").touch()  # past the no-change fast path
    parse_calls.clear()
    result = build(corpus, BuildOptions(jobs=1))
    assert len(parse_calls) == 60 and result.briefs == 60


def test_a_state_file_not_signed_by_this_user_is_never_unpickled(corpus: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 parse_calls: list[str]) -> None:
    build(corpus, BuildOptions(jobs=1))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-user"))  # another key: the file is not ours
    import pickle

    loads = []
    monkeypatch.setattr(pickle, "loads", lambda *a, **k: loads.append(1))
    (corpus / "content" / "briefs" / "b001.md").touch()
    parse_calls.clear()
    build(corpus, BuildOptions(jobs=1))
    assert loads == [] and len(parse_calls) == 60


def test_no_cache_keeps_nothing(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(corpus), "--no-cache", "-q"]) == 0
    assert not (corpus / CACHE_DIR).exists()
    assert main(["build", str(corpus), "-q"]) == 0
    assert (corpus / CACHE_DIR).is_dir()
    capsys.readouterr()


def test_check_writes_no_state(corpus: Path) -> None:
    graph, _problems = check(corpus)
    assert graph is not None and len(graph.briefs) == 60
    assert not (corpus / CACHE_DIR).exists() and not (corpus / "output").exists()


# -- nothing changed ------------------------------------------------------------------------------


def test_a_second_build_does_nothing_and_repeats_the_warnings(corpus: Path, parse_calls: list[str]) -> None:
    first = build(corpus, BuildOptions(jobs=1))
    before = output_files(corpus / "output")
    parse_calls.clear()
    second = build(corpus, BuildOptions(jobs=1))
    assert parse_calls == [] and second.made == frozenset() and second.stats.written == 0
    assert second.problems == first.problems and any("has no summary" in p.message for p in second.problems)
    assert output_files(corpus / "output") == before


def test_a_touched_file_finds_nothing_to_render(corpus: Path) -> None:
    build(corpus, BuildOptions(jobs=1))
    (corpus / "content" / "briefs" / "b003.md").touch()
    again = build(corpus, BuildOptions(jobs=1))
    assert again.made == frozenset() and again.stats.written == 0


def test_a_deleted_output_is_built_again(corpus: Path) -> None:
    build(corpus, BuildOptions(jobs=1))
    before = output_files(corpus / "output")
    import shutil

    shutil.rmtree(corpus / "output")
    build(corpus, BuildOptions(jobs=1))
    assert output_files(corpus / "output") == before


def test_a_vanished_output_file_is_rendered_again(corpus: Path) -> None:
    build(corpus, BuildOptions(jobs=1))
    page = corpus / "output" / "claims" / "claim-3" / "index.html"
    before = page.read_bytes()
    page.unlink()
    result = build(corpus, BuildOptions(jobs=1))
    assert page.read_bytes() == before
    assert result.made == frozenset({"claims/claim-3/"})


# -- every core -----------------------------------------------------------------------------------


def test_parallel_and_serial_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = write_corpus(tmp_path / "big", 420)  # above both thresholds: parse and render fork
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    build(site, BuildOptions(output=tmp_path / "serial", jobs=1, keep=False))
    monkeypatch.setattr("briefgen.render.outputs.OUTPUTS_PER_PIECE", 7)
    build(site, BuildOptions(output=tmp_path / "parallel", jobs=2, keep=False))
    assert output_files(tmp_path / "serial") == output_files(tmp_path / "parallel")


def test_a_template_error_in_a_worker_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = write_corpus(tmp_path / "big", 420)
    (site / "templates").mkdir()
    (site / "templates" / "claim.html").write_text("{% extends 'default/claim.html' %}"
                                                    "{% block main %}{{ view.nope.deeper }}{% endblock %}")
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    with pytest.raises(BuildFailed) as failed:
        build(site, BuildOptions(jobs=2))
    assert "template error while rendering /claims/" in failed.value.problems[0].message
    assert not (site / "output").exists()


def test_a_worker_that_dies_fails_the_run() -> None:
    with pytest.raises(parallel.WorkerFailed):
        list(parallel.run(lambda _shared, piece: os._exit(3) if piece == 2 else piece, None, [1, 2, 3, 4], 2))


def test_a_worker_exception_carries_its_traceback() -> None:
    def task(_shared: None, piece: int) -> int:
        if piece == 3:
            raise ValueError("piece three is bad")
        return piece * 10

    with pytest.raises(parallel.WorkerFailed) as failed:
        list(parallel.run(task, None, [1, 2, 3, 4], 2))
    assert "piece three is bad" in str(failed.value)
    assert list(parallel.run(lambda _s, p: p * 10, None, [1, 2, 3, 4], 2)) == [10, 20, 30, 40]


def test_chunks_cover_every_item_once_in_order() -> None:
    for count in (0, 1, 7, 100, 101):
        items = list(range(count))
        for workers in (1, 2, 3):
            pieces = parallel.chunks(items, workers, most=10)
            assert [i for piece in pieces for i in piece] == items
            assert all(0 < len(piece) <= 10 for piece in pieces)


def test_few_items_stay_serial() -> None:
    assert parallel.workers_for(5, 100, 8) == 1
    assert parallel.workers_for(10_000, 100, 1) == 1


# -- progress -------------------------------------------------------------------------------------


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_silent_when_not_a_terminal(corpus: Path) -> None:
    stream = io.StringIO()
    progress = Progress(stream)
    assert not progress.enabled
    Engine(corpus, BuildOptions(jobs=1), progress).build()
    assert stream.getvalue() == ""


def test_progress_is_silent_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert not Progress(FakeTerminal()).enabled


def test_progress_draws_a_bar_with_counts_on_a_terminal(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    stream = FakeTerminal()
    Engine(corpus, BuildOptions(jobs=1), Progress(stream)).build()
    drawn = stream.getvalue()
    assert "parsing" in drawn and "60/60" in drawn and "rendering" in drawn
    assert drawn.endswith("\r")  # the bar is erased, leaving the line to the summary
    assert render_bar("parsing", 15, 60, width=4) == "parsing   [#...] 15/60"


# -- links ----------------------------------------------------------------------------------------

PATHS = ["", "claims/", "claims/x/", "claims/y/", "briefs/x/", "feed.xml", "404.html", "assets/style.css",
         "assets/img/a.png", "claims/x/sub/", "a/b/c/", "a/b/c.html", "a/", "a/b/", "claims", "claimsx/y/"]


def relpath_oracle(from_page: str, to_path: str) -> str:
    """urls.relative as it was first written, with posixpath.relpath."""
    base = from_page if from_page.endswith("/") or from_page == "" else posixpath.dirname(from_page) + "/"
    rel = posixpath.relpath(to_path.rstrip("/") or ".", base.rstrip("/") or ".")
    if rel == ".":
        return "./" if to_path.endswith("/") or to_path == "" else posixpath.basename(to_path)
    return rel + "/" if to_path.endswith("/") or to_path == "" else rel


@pytest.mark.parametrize("from_page", PATHS)
def test_relative_links_match_relpath(from_page: str) -> None:
    for to_path in PATHS:
        assert urls.relative(from_page, to_path) == relpath_oracle(from_page, to_path), (from_page, to_path)


def test_cache_folder_is_git_ignored() -> None:
    ignored = (Path(__file__).resolve().parent.parent / ".gitignore").read_text(encoding="utf-8").split()
    assert f"{CACHE_DIR}/" in ignored
    assert os.sep not in CACHE_DIR
