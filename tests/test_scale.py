"""Builds at scale: the parse cache, skipping unchanged builds and pages, parallel = serial, progress."""

from __future__ import annotations

import io
import os
import pickle
import posixpath
import shutil
from pathlib import Path

import pytest

from briefgen import parallel, pipeline, urls
from briefgen.cache import CACHE_FILE, ParseCache
from briefgen.cli import main
from briefgen.errors import BuildFailed
from briefgen.paths import SitePaths
from briefgen.pipeline import CACHE_DIR, BuildOptions, build, check, new_cache
from briefgen.progress import Progress, render_bar


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
    """Each test signs its caches with a key of its own, not the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


@pytest.fixture
def parse_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The path of every brief actually parsed (serial builds only: workers have their own memory)."""
    calls: list[str] = []
    real = pipeline.parse_brief

    def counting(doc, md):  # type: ignore[no-untyped-def]
        calls.append(doc.path)
        return real(doc, md)
    monkeypatch.setattr(pipeline, "parse_brief", counting)
    return calls


# -- the parse cache ----------------------------------------------------------------------------


def test_a_cache_hit_skips_parsing_and_an_edit_misses(corpus: Path, parse_calls: list[str]) -> None:
    paths, options = SitePaths.of(corpus), BuildOptions(jobs=1)
    folder = corpus / CACHE_DIR
    graph, _ = check(paths, options, ParseCache("allow_html=False", folder))
    assert graph is not None and len(parse_calls) == 60
    assert (folder / CACHE_FILE).is_file()

    parse_calls.clear()
    again, _ = check(paths, BuildOptions(jobs=1, cache_dir=folder))
    assert parse_calls == []
    assert again == graph

    edited = corpus / "content" / "briefs" / "b007.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Brief 7 in short.", "Changed."), encoding="utf-8")
    check(paths, BuildOptions(jobs=1, cache_dir=folder))
    assert parse_calls == ["content/briefs/b007.md"]


def test_changed_settings_miss_the_cache(corpus: Path, parse_calls: list[str]) -> None:
    options = BuildOptions(jobs=1, cache_dir=corpus / CACHE_DIR)
    check(SitePaths.of(corpus), options)
    parse_calls.clear()
    (corpus / "briefgen.yaml").write_text("allow_html: true\n", encoding="utf-8")
    check(SitePaths.of(corpus), options)
    assert len(parse_calls) == 60


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps(("wrong salt", {})), pickle.dumps([1, 2])])
def test_a_damaged_cache_file_is_ignored(corpus: Path, parse_calls: list[str], damage: bytes) -> None:
    folder = corpus / CACHE_DIR
    folder.mkdir()
    (folder / CACHE_FILE).write_bytes(damage)
    graph, problems = check(SitePaths.of(corpus), BuildOptions(jobs=1, cache_dir=folder))
    assert graph is not None and not [p for p in problems if p.is_error]
    assert len(parse_calls) == 60


class Payload:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (self.marker,))


def test_a_cache_file_not_signed_by_this_user_is_never_unpickled(corpus: Path, tmp_path: Path) -> None:
    folder = corpus / CACHE_DIR
    check(SitePaths.of(corpus), BuildOptions(jobs=1, cache_dir=folder))  # a genuine cache, to imitate
    marker = tmp_path / "pwned"
    payload = pickle.dumps(Payload(marker))
    (folder / CACHE_FILE).write_bytes(b"\0" * 32 + payload)
    graph, _ = check(SitePaths.of(corpus), BuildOptions(jobs=1, cache_dir=folder))
    assert graph is not None and not marker.exists()
    pickle.loads(payload)  # the payload is live: unpickling it would have run it
    assert marker.exists()


def test_new_cache_without_a_folder_keeps_nothing(corpus: Path) -> None:
    graph, _ = check(SitePaths.of(corpus), BuildOptions(jobs=1))
    assert graph is not None
    assert not (corpus / CACHE_DIR).exists()
    assert new_cache(graph.config).get("anything") is None


# -- builds that skip work ------------------------------------------------------------------------


def test_a_second_build_writes_nothing_and_repeats_the_warnings(corpus: Path, parse_calls: list[str]) -> None:
    options = BuildOptions(jobs=1, cache_dir=corpus / CACHE_DIR)
    first = build(corpus, options)
    assert first.stats.written > 100 and first.problems
    parse_calls.clear()
    second = build(corpus, options)
    assert (second.stats.written, second.stats.unchanged) == (0, first.stats.written)
    assert second.problems == first.problems
    assert (second.briefs, second.pages) == (first.briefs, first.pages)
    assert parse_calls == []


def test_an_edit_renders_only_changed_pages_and_matches_a_full_build(corpus: Path, tmp_path: Path) -> None:
    options = BuildOptions(jobs=1, cache_dir=corpus / CACHE_DIR)
    build(corpus, options)
    edited = corpus / "content" / "briefs" / "b012.md"
    before = output_files(corpus / "output")
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    build(corpus, options)
    after = output_files(corpus / "output")
    changed = {path for path in after if before.get(path) != after[path]}
    # Of the pages, only the brief's own: its body is shown nowhere else. Feeds carry the body, so
    # they change too; the search index holds no bodies, so it does not.
    assert {p for p in changed if p.endswith(".html")} == {"briefs/b012/index.html"}
    assert all(p.endswith((".html", ".xml", ".json")) for p in changed), changed
    assert not any(p.startswith(urls.SEARCH_INDEX) for p in changed), changed
    fresh = tmp_path / "fresh"
    build(corpus, BuildOptions(output=fresh, jobs=1))
    assert output_files(corpus / "output") == output_files(fresh)


def test_a_template_change_renders_again(corpus: Path) -> None:
    options = BuildOptions(jobs=1, cache_dir=corpus / CACHE_DIR)
    build(corpus, options)
    (corpus / "templates").mkdir()
    (corpus / "templates" / "claim.html").write_text("claim {{ view.claim.id }}\n", encoding="utf-8")
    build(corpus, options)
    assert (corpus / "output" / "claims" / "claim-3" / "index.html").read_text(encoding="utf-8") == "claim claim-3\n"


def test_a_deleted_output_is_built_again(corpus: Path) -> None:
    options = BuildOptions(jobs=1, cache_dir=corpus / CACHE_DIR)
    first = build(corpus, options)
    expected = output_files(corpus / "output")
    shutil.rmtree(corpus / "output")
    again = build(corpus, options)
    assert again.stats.written == first.stats.written
    assert output_files(corpus / "output") == expected


def test_a_vanished_output_file_is_rendered_again(corpus: Path) -> None:
    options = BuildOptions(jobs=1, cache_dir=corpus / CACHE_DIR)
    build(corpus, options)
    expected = output_files(corpus / "output")
    edited = corpus / "content" / "briefs" / "b001.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    (corpus / "output" / "claims" / "claim-2" / "index.html").unlink()
    build(corpus, options)
    assert output_files(corpus / "output")["claims/claim-2/index.html"] == expected["claims/claim-2/index.html"]


def test_the_cli_keeps_a_cache_unless_told_not_to(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(corpus), "--no-cache", "-j", "1"]) == 0
    assert not (corpus / CACHE_DIR).exists()
    assert main(["build", str(corpus), "-j", "1"]) == 0
    assert (corpus / CACHE_DIR / CACHE_FILE).is_file()
    assert main(["build", str(corpus)]) == 0
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert summary.startswith("built 60 briefs:") and "0 files written" in summary
    assert "\r" not in capsys.readouterr().err  # stderr is not a terminal: no progress bar


# -- parallel builds ------------------------------------------------------------------------------


def test_parallel_and_serial_builds_are_byte_identical(corpus: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    if parallel.workers_for(100, 10, 2) < 2:
        pytest.skip("no fork on this platform, or another thread is running")
    monkeypatch.setattr(parallel, "PARSE_THRESHOLD", 10)
    monkeypatch.setattr(parallel, "RENDER_THRESHOLD", 10)
    monkeypatch.setattr("briefgen.render.pages.PAGES_PER_PIECE", 7)
    serial, forked = tmp_path / "serial", tmp_path / "forked"
    one = build(corpus, BuildOptions(output=serial, jobs=1))
    two = build(corpus, BuildOptions(output=forked, jobs=2))
    assert one.problems == two.problems and one.pages == two.pages
    assert output_files(serial) == output_files(forked)


def test_a_template_error_in_a_worker_is_a_problem(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "RENDER_THRESHOLD", 10)
    (corpus / "templates").mkdir()
    (corpus / "templates" / "source.html").write_text("{{ view.no_such_field }}\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(corpus, BuildOptions(jobs=2))
    [problem] = failed.value.problems
    assert problem.is_error and "template error while rendering /sources/" in problem.message
    assert not (corpus / "output").exists()


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
    build(corpus, BuildOptions(jobs=1), progress=progress)
    assert stream.getvalue() == ""


def test_progress_is_silent_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert not Progress(FakeTerminal()).enabled


def test_progress_draws_a_bar_with_counts_on_a_terminal(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    stream = FakeTerminal()
    build(corpus, BuildOptions(jobs=1), progress=Progress(stream))
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
