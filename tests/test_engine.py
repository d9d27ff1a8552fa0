"""The one engine across builds: what a change renders, writes and removes (as `serve` keeps it in memory)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import MINIMAL_BRIEF, parse_html, write_site

from briefgen import urls
from briefgen.engine import BuildOptions, BuildResult, Engine, check
from briefgen.errors import BuildFailed
from briefgen.load import site as load_site
from briefgen.render import outputs
from briefgen.render.deps import ALL, KEYS, Reads, changes, recording
from briefgen.render.viewbuilder import ViewBuilder
from briefgen.resolve import resolver
from briefgen.serve.server import rebuild
from briefgen.serve.watcher import ChangeKind, classify


@pytest.mark.parametrize(("path", "kind"), [
    ("briefgen.yaml", ChangeKind.CONFIG),
    ("content/briefs/hanoi.md", ChangeKind.CONTENT),
    ("content/briefs/sub/deep.md", ChangeKind.CONTENT),
    ("content/sources.yaml", ChangeKind.CONTENT),
    ("content", ChangeKind.CONTENT),
    ("templates/brief.html", ChangeKind.TEMPLATE),
    ("templates/partials/_card.html", ChangeKind.TEMPLATE),
    ("templates", ChangeKind.TEMPLATE),
    ("templates/static/style.css", ChangeKind.STATIC),
    ("templates/static", ChangeKind.STATIC),
    ("static/logo.png", ChangeKind.STATIC),
    ("static/.well-known/security.txt", ChangeKind.STATIC),
    ("output/index.html", None),
    (".git/index", None),
    ("README.md", None),
    ("briefgen.yaml~", None),
    ("content/briefs/.hanoi.md.swp", None),
    ("content/briefs/hanoi.md~", None),
    ("content/briefs/.#hanoi.md", None),
    ("content/briefs/#hanoi.md#", None),
    ("content/briefs/4913", None),
    ("", None),
    ("../elsewhere/content/x.md", None),
])
def test_classify(path: str, kind: ChangeKind | None) -> None:
    assert classify(path) is kind


TWO_BRIEFS = {
    "content/briefs/alpha.md": """\
        ---
        title: Alpha
        date: 2021-03-01
        summary: The first.
        authors: [Ann Example]
        topics: [Trade]
        claims:
          - id: claim-a
            text: Tariffs raise prices.
            sources: [src-a]
        sources:
          - id: src-a
            title: A trade study
            kind: report
        ---
        Alpha's body [@src-a]. [Tariffs raise prices]{claim=claim-a}.
        """,
    "content/briefs/beta.md": """\
        ---
        title: Beta
        date: 2021-02-01
        summary: The second.
        authors: [Bo Example]
        topics: [Health]
        claims:
          - id: claim-b
            text: Clinics save lives.
            sources: [src-b]
        sources:
          - id: src-b
            title: A health study
            kind: report
        ---
        Beta's body [@src-b].
        """,
}


def edit(site: Path, rel: str, old: str, new: str) -> str:
    path = site / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return rel


def pages(result: BuildResult) -> set[str]:
    """Output files of the HTML pages a build rendered."""
    return {urls.output_file(name) for name in result.made if not name.startswith("\0")}


def written(result: BuildResult) -> set[str]:
    return set(result.stats.changed)


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Engine]:
    site = write_site(tmp_path / "site", TWO_BRIEFS)
    engine = Engine(site, BuildOptions(output=tmp_path / "out", keep=False, jobs=1))
    first = engine.build()
    assert "briefs/alpha/index.html" in written(first)
    return site, engine


def test_second_build_renders_and_writes_nothing(example_site: Path, tmp_path: Path) -> None:
    engine = Engine(example_site, BuildOptions(output=tmp_path / "out", keep=False))
    first = engine.build()
    assert first.made and written(first)
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*")}
    again = engine.build()
    assert (again.made, again.stats.changed) == (frozenset(), ())
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*")} == before


def test_body_edit_rerenders_only_that_brief(built: tuple[Path, Engine]) -> None:
    site, engine = built
    edit(site, "content/briefs/alpha.md", "Alpha's body", "Alpha's new body")
    result = engine.build()
    assert pages(result) == {"briefs/alpha/index.html"}
    assert written(result) == {"briefs/alpha/index.html", "feed.xml", "topics/trade/feed.xml"}


def test_title_edit_rerenders_exactly_the_pages_that_show_it(built: tuple[Path, Engine]) -> None:
    site, engine = built
    out = engine.paths.output
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.html")}
    edit(site, "content/briefs/alpha.md", "title: Alpha", "title: Alpha renamed")
    result = engine.build()
    after = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.html")}
    showing = {rel for rel, data in after.items() if b"Alpha renamed" in data}
    assert showing <= pages(result)  # every page that shows the title was made again...
    assert {rel for rel in after if after[rel] != before.get(rel)} <= pages(result)
    # ...and, besides them, only pages that read the brief (its own page reads the title too)
    assert pages(result) - showing <= {"search/index.html", "map/index.html", "404.html"}


def test_saving_identical_bytes_renders_nothing(built: tuple[Path, Engine]) -> None:
    site, engine = built
    edit(site, "content/briefs/beta.md", "Beta", "Beta")
    result = engine.build()
    assert not result.made and not result.stats.changed


def test_new_brief_appears_everywhere_and_deleting_it_removes_its_pages(built: tuple[Path, Engine]) -> None:
    site, engine = built
    out = engine.paths.output
    gamma = site / "content/briefs/gamma.md"
    gamma.write_text(textwrap.dedent("""\
        ---
        title: Gamma answers Alpha
        date: 2021-04-01
        summary: The third.
        topics: [Trade]
        claims: [claim-a]
        sources: [src-a]
        ---
        Gamma cites [@src-a].
        """), encoding="utf-8")
    added = engine.build()
    assert "briefs/gamma/index.html" in written(added)
    for page in ("index.html", "briefs/index.html", "topics/trade/index.html", "claims/claim-a/index.html",
                 "sources/src-a/index.html"):
        assert page in written(added)
        links = {a.get("href", "") for a in parse_html(out / page).iter("a")}
        assert any(href.endswith("gamma/") for href in links), page

    gamma.unlink()
    removed = engine.build()
    assert "briefs/gamma/index.html" in written(removed)
    assert not (out / "briefs/gamma").exists()
    for page in ("index.html", "topics/trade/index.html", "claims/claim-a/index.html", "sources/src-a/index.html"):
        assert "Gamma" not in (out / page).read_text(encoding="utf-8"), page


def test_renamed_brief_moves_its_page(built: tuple[Path, Engine]) -> None:
    site, engine = built
    (site / "content/briefs/beta.md").rename(site / "content/briefs/beta-two.md")
    result = engine.build()
    assert "briefs/beta/index.html" in written(result)
    assert (engine.paths.output / "briefs/beta-two/index.html").is_file()
    assert not (engine.paths.output / "briefs/beta").exists()


def test_failed_rebuild_writes_nothing_and_a_fix_catches_up(built: tuple[Path, Engine]) -> None:
    site, engine = built
    out = engine.paths.output
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    edit(site, "content/briefs/alpha.md", "title: Alpha", "title: [Alpha")
    with pytest.raises(BuildFailed) as broken:
        engine.build()
    assert any(p.path == "content/briefs/alpha.md" and p.line in (2, 3) and "YAML" in p.message
               for p in broken.value.problems)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    edit(site, "content/briefs/alpha.md", "title: [Alpha", "title: Alpha fixed")
    engine.build()
    assert "Alpha fixed" in (out / "briefs/alpha/index.html").read_text(encoding="utf-8")


def test_template_edit_rerenders_the_pages_that_use_it(built: tuple[Path, Engine]) -> None:
    site, engine = built
    topic = site / "templates/topic.html"
    topic.parent.mkdir()
    topic.write_text('{% extends "default/topic.html" %}\n{% block main %}<p>TOPIC-MARK</p>{{ super() }}'
                     "{% endblock %}\n", encoding="utf-8")
    first = engine.build()
    assert pages(first) == {"topics/trade/index.html", "topics/health/index.html"}
    edit(site, "templates/topic.html", "TOPIC-MARK", "TOPIC-MARK-2")
    second = engine.build()
    assert pages(second) == {"topics/trade/index.html", "topics/health/index.html"}
    assert "TOPIC-MARK-2" in (engine.paths.output / "topics/trade/index.html").read_text(encoding="utf-8")


def test_a_fragment_edit_rerenders_every_page(built: tuple[Path, Engine]) -> None:
    site, engine = built
    card = site / "templates/fragments/claim_link.html"
    card.parent.mkdir(parents=True)
    card.write_text('<a class="mine" href="{{ url(c.path) }}">{{ c.text }}</a>\n', encoding="utf-8")
    result = engine.build()
    page = engine.paths.output / "briefs/alpha/index.html"
    assert "briefs/alpha/index.html" in pages(result)
    assert [a.get("class") for a in parse_html(page).iter("a") if a.get("class") == "mine"]


def test_template_error_fails_the_rebuild_without_writing(built: tuple[Path, Engine]) -> None:
    site, engine = built
    (site / "templates").mkdir()
    (site / "templates/brief.html").write_text("{% extends 'default/brief.html' %}{% block main %}{{ view.nope }}"
                                               "{% endblock %}\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        engine.build()
    assert any("nope" in p.message for p in failed.value.problems)
    assert "Alpha" in (engine.paths.output / "briefs/alpha/index.html").read_text(encoding="utf-8")
    (site / "templates/brief.html").unlink()
    engine.build()


def test_config_edit_rerenders_every_page(built: tuple[Path, Engine]) -> None:
    site, engine = built
    (site / "briefgen.yaml").write_text("title: A new site title\n", encoding="utf-8")
    result = engine.build()
    html = {p.relative_to(engine.paths.output).as_posix() for p in engine.paths.output.rglob("*.html")}
    assert pages(result) == html


def test_static_edit_copies_only_that_file(built: tuple[Path, Engine]) -> None:
    site, engine = built
    out = engine.paths.output
    (site / "static").mkdir()
    (site / "static/robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    result = engine.build()
    assert written(result) == {"robots.txt"} and not result.made
    (site / "static/robots.txt").unlink()
    result = engine.build()
    assert written(result) == {"robots.txt"}, "the generated robots.txt comes back"
    assert (out / "robots.txt").read_text(encoding="utf-8") != "User-agent: *\n"
    (site / "static/notes.txt").write_text("mine\n", encoding="utf-8")
    assert written(engine.build()) == {"notes.txt"}
    (site / "static/notes.txt").unlink()
    assert written(engine.build()) == {"notes.txt"} and not (out / "notes.txt").exists()


def test_a_bug_in_briefgen_becomes_a_problem_in_the_preview(built: tuple[Path, Engine],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    site, engine = built

    def broken(*_args: object) -> bytes:
        raise RuntimeError("boom")

    monkeypatch.setattr(outputs, "_render_page", broken)
    edit(site, "content/briefs/alpha.md", "Alpha's body", "Changed")
    result = rebuild(engine)
    assert not result.ok
    assert [p.code for p in result.problems] == ["internal"]
    assert "boom" in result.problems[0].message and "RuntimeError" in result.traceback


def test_minimal_site_builds(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"content/briefs/minimal.md": MINIMAL_BRIEF})
    result = Engine(site, BuildOptions(output=tmp_path / "out", keep=False)).build()
    assert "briefs/minimal/index.html" in written(result)


def test_graph_changes_name_the_entries_that_changed(built: tuple[Path, Engine]) -> None:
    site, _engine = built
    before, _ = check(site)
    edit(site, "content/briefs/alpha.md", "title: Alpha", "title: Alpha renamed")
    after, _ = check(site)
    assert before is not None and after is not None
    changed = changes(before, after)
    assert changed is not None
    assert {("briefs", "alpha"), ("briefs", ALL)} <= changed
    assert ("bodies", "alpha") not in changed and ("briefs", KEYS) not in changed
    assert not any(key == "beta" for _name, key in changed)
    assert changes(after, after) == set()
    assert changes(None, after) is None


def test_a_recording_graph_notes_lookups_iteration_and_missing_keys(built: tuple[Path, Engine]) -> None:
    site, _engine = built
    graph, _ = check(site)
    assert graph is not None
    reads = Reads()
    seen = recording(graph, reads)
    assert seen.briefs["alpha"].title == "Alpha"
    assert "nobody" not in seen.claims
    assert list(seen.topics)
    assert reads.table.decode(reads.take()) == {("briefs", "alpha"), ("claims", KEYS), ("topics", KEYS)}
    list(seen.sources.values())
    assert reads.table.decode(reads.take()) == {("sources", KEYS), ("sources", ALL)}


@pytest.mark.parametrize(("old", "new", "resolves"), [
    ("Alpha's body", "Alpha's rewritten body, longer now", 0),  # prose only: the last graph, new bodies
    ("Alpha's body", "A new first paragraph.\n\nAlpha's body", 0),  # references move down: still prose
    ("Alpha's body [@src-a]", "Alpha's body", 1),  # a citation gone: links change, resolve again
    ("title: Alpha", "title: Alpha two", 1),
])
def test_a_prose_edit_gives_what_a_full_resolve_gives(built: tuple[Path, Engine], monkeypatch: pytest.MonkeyPatch,
                                                      old: str, new: str, resolves: int) -> None:
    site, engine = built
    calls: list[object] = []
    real = resolver.resolve
    monkeypatch.setattr("briefgen.engine.resolve", lambda *args: calls.append(args) or real(*args))
    edit(site, "content/briefs/alpha.md", old, new)
    result = engine.build()
    assert len(calls) == resolves
    assert (result.graph, list(result.problems)) == check(site)


def test_a_ref_built_once_counts_its_reads_for_every_page_that_shows_it(built: tuple[Path, Engine]) -> None:
    site, _engine = built
    graph, _ = check(site)
    assert graph is not None
    reads = Reads()
    views = ViewBuilder(recording(graph, reads), reads)
    views.claim_page("claim-a")
    first = reads.take()
    views.claim_page("claim-a")  # the brief refs are memoized now
    assert reads.take() == first and ("briefs", "alpha") in reads.table.decode(first)


def test_a_preview_reads_only_the_files_that_changed(built: tuple[Path, Engine],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    site, engine = built
    read: list[str] = []
    real = load_site.read_bytes
    monkeypatch.setattr(load_site, "read_bytes", lambda path, rel: read.append(rel) or real(path, rel))
    edit(site, "content/briefs/alpha.md", "Alpha's body", "Alpha's new body")
    engine.build()
    assert read == ["content/briefs/alpha.md"]


def test_scan_finds_what_brief_files_finds(tmp_path: Path) -> None:
    from briefgen.load.files import brief_files, rel_path, scan_briefs

    for rel in ("content/briefs/b.md", "content/briefs/a-b.md", "content/briefs/a/z.md", "content/briefs/.hidden.md",
                "content/briefs/notes.txt", "content/briefs/sub/deeper/c.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    expected = [rel_path(p, tmp_path) for p in brief_files(tmp_path / "content")]
    assert [e.rel for e in scan_briefs(tmp_path, tmp_path / "content")] == expected
    assert expected == ["content/briefs/a/z.md", "content/briefs/a-b.md", "content/briefs/b.md",
                        "content/briefs/sub/deeper/c.md"]
