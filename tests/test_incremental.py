"""The incremental engine behind `briefgen serve`: what a change re-renders, writes and removes."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from briefgen.incremental import (
    ALL,
    ANY,
    ANY_CHANGE,
    PRESENCE,
    Builder,
    ChangeKind,
    QuickResolver,
    classify,
    graph_changes,
)
from conftest import MINIMAL_BRIEF, parse_html, write_site

from briefgen import incremental, pipeline
from briefgen.engine import BuildOptions, check, new_cache
from briefgen.model import SiteConfig
from briefgen.paths import SitePaths
from briefgen.render.views import ViewBuilder
from briefgen.resolve.resolver import resolve


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


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Builder]:
    site = write_site(tmp_path / "site", TWO_BRIEFS)
    builder = Builder(site, tmp_path / "out")
    first = builder.build()
    assert first.ok, first.problems
    assert "briefs/alpha/index.html" in first.written
    return site, builder


def test_second_build_renders_and_writes_nothing(example_site: Path, tmp_path: Path) -> None:
    builder = Builder(example_site, tmp_path / "out")
    first = builder.build()
    assert first.ok and first.rendered and first.written
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*")}
    again = builder.build()
    assert again.ok
    assert (again.rendered, again.written, again.removed) == (frozenset(), frozenset(), frozenset())
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*")} == before


def test_body_edit_rerenders_only_that_brief(built: tuple[Path, Builder]) -> None:
    site, builder = built
    result = builder.build([edit(site, "content/briefs/alpha.md", "Alpha's body", "Alpha's new body")])
    assert result.ok
    assert result.rendered == {"briefs/alpha/index.html"}
    # Feeds carry each brief's full text, so they change with its body; no other page does.
    assert result.written == {"briefs/alpha/index.html", "feed.xml", "topics/trade/feed.xml"}
    assert "new body" in (builder.paths.output / "briefs/alpha/index.html").read_text(encoding="utf-8")


def test_title_edit_rerenders_exactly_the_pages_that_show_it(built: tuple[Path, Builder]) -> None:
    site, builder = built
    result = builder.build([edit(site, "content/briefs/alpha.md", "title: Alpha", "title: Alpha renamed")])
    assert result.ok
    assert result.rendered == {
        "briefs/alpha/index.html", "index.html", "briefs/index.html", "topics/trade/index.html",
        "authors/ann-example/index.html", "claims/claim-a/index.html", "sources/src-a/index.html",
    }
    # Feeds and graph.json carry titles too; every written page is one that was rendered.
    assert result.written == result.rendered | {"feed.xml", "topics/trade/feed.xml", "graph.json"}
    for page in result.rendered:
        assert "Alpha renamed" in (builder.paths.output / page).read_text(encoding="utf-8"), page


def test_saving_identical_bytes_renders_nothing(built: tuple[Path, Builder]) -> None:
    site, builder = built
    rel = edit(site, "content/briefs/beta.md", "Beta", "Beta")
    result = builder.build([rel])
    assert result.ok and not result.rendered and not result.written


def test_new_brief_appears_everywhere_and_deleting_it_removes_its_pages(built: tuple[Path, Builder]) -> None:
    site, builder = built
    out = builder.paths.output
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
    added = builder.build(["content/briefs/gamma.md"])
    assert added.ok, added.problems
    assert "briefs/gamma/index.html" in added.written
    for page in ("index.html", "briefs/index.html", "topics/trade/index.html", "claims/claim-a/index.html",
                 "sources/src-a/index.html"):
        assert page in added.written
        links = {a.get("href", "") for a in parse_html(out / page).iter("a")}
        assert any(href.endswith("gamma/") for href in links), page

    gamma.unlink()
    removed = builder.build(["content/briefs/gamma.md"])
    assert removed.ok
    assert removed.removed == {"briefs/gamma/index.html"}
    assert not (out / "briefs/gamma").exists()
    for page in ("index.html", "topics/trade/index.html", "claims/claim-a/index.html", "sources/src-a/index.html"):
        assert "Gamma" not in (out / page).read_text(encoding="utf-8"), page


def test_renamed_brief_moves_its_page(built: tuple[Path, Builder]) -> None:
    site, builder = built
    (site / "content/briefs/beta.md").rename(site / "content/briefs/beta-two.md")
    result = builder.build(["content/briefs/beta.md", "content/briefs/beta-two.md"])
    assert result.ok
    assert "briefs/beta/index.html" in result.removed
    assert (builder.paths.output / "briefs/beta-two/index.html").is_file()
    assert not (builder.paths.output / "briefs/beta").exists()


def test_failed_rebuild_writes_nothing_and_a_fix_catches_up(built: tuple[Path, Builder]) -> None:
    site, builder = built
    out = builder.paths.output
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    broken = builder.build([edit(site, "content/briefs/alpha.md", "title: Alpha", "title: [Alpha")])
    assert not broken.ok
    assert any(p.path == "content/briefs/alpha.md" and p.line in (2, 3) and "YAML" in p.message
               for p in broken.problems)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    fixed = builder.build([edit(site, "content/briefs/alpha.md", "title: [Alpha", "title: Alpha fixed")])
    assert fixed.ok
    assert "Alpha fixed" in (out / "briefs/alpha/index.html").read_text(encoding="utf-8")


def test_template_edit_rerenders_the_pages_that_use_it(built: tuple[Path, Builder]) -> None:
    site, builder = built
    topic = site / "templates/topic.html"
    topic.parent.mkdir()
    topic.write_text('{% extends "default/topic.html" %}\n{% block main %}<p>TOPIC-MARK</p>{{ super() }}'
                     "{% endblock %}\n", encoding="utf-8")
    first = builder.build(["templates/topic.html"])
    assert first.ok, first.problems
    assert first.rendered == {"topics/trade/index.html", "topics/health/index.html"}
    second = builder.build([edit(site, "templates/topic.html", "TOPIC-MARK", "TOPIC-MARK-2")])
    assert second.rendered == {"topics/trade/index.html", "topics/health/index.html"}
    assert "TOPIC-MARK-2" in (builder.paths.output / "topics/trade/index.html").read_text(encoding="utf-8")


def test_template_error_fails_the_rebuild_without_writing(built: tuple[Path, Builder]) -> None:
    site, builder = built
    (site / "templates").mkdir()
    (site / "templates/brief.html").write_text("{% extends 'default/brief.html' %}{% block main %}{{ view.nope }}"
                                               "{% endblock %}\n", encoding="utf-8")
    result = builder.build(["templates/brief.html"])
    assert not result.ok
    assert any("nope" in p.message for p in result.problems)
    assert "Alpha" in (builder.paths.output / "briefs/alpha/index.html").read_text(encoding="utf-8")
    (site / "templates/brief.html").unlink()
    assert builder.build(["templates/brief.html"]).ok


def test_config_edit_rerenders_every_page(built: tuple[Path, Builder]) -> None:
    site, builder = built
    (site / "briefgen.yaml").write_text("title: A new site title\n", encoding="utf-8")
    result = builder.build(["briefgen.yaml"])
    assert result.ok
    pages = {p.relative_to(builder.paths.output).as_posix() for p in builder.paths.output.rglob("*.html")}
    assert result.rendered == pages


def test_static_edit_copies_only_that_file(built: tuple[Path, Builder]) -> None:
    site, builder = built
    (site / "static").mkdir()
    (site / "static/robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    result = builder.build(["static/robots.txt"])
    assert result.ok and result.written == {"robots.txt"} and not result.rendered
    (site / "static/robots.txt").unlink()
    result = builder.build(["static/robots.txt"])
    assert result.written == {"robots.txt"}, "the generated robots.txt comes back"
    assert (builder.paths.output / "robots.txt").read_text(encoding="utf-8") != "User-agent: *\n"
    (site / "static/notes.txt").write_text("mine\n", encoding="utf-8")
    assert builder.build(["static/notes.txt"]).written == {"notes.txt"}
    (site / "static/notes.txt").unlink()
    result = builder.build(["static/notes.txt"])
    assert result.removed == {"notes.txt"} and not (builder.paths.output / "notes.txt").exists()


def test_irrelevant_paths_do_nothing(built: tuple[Path, Builder]) -> None:
    _site, builder = built
    result = builder.build(["README.md", "output/index.html"])
    assert result.ok and not result.rendered and not result.written


def test_a_bug_in_briefgen_becomes_a_problem(built: tuple[Path, Builder], monkeypatch: pytest.MonkeyPatch) -> None:
    site, builder = built

    def broken(*_args: object) -> bytes:
        raise RuntimeError("boom")

    monkeypatch.setattr(incremental, "render_page", broken)
    result = builder.build([edit(site, "content/briefs/alpha.md", "Alpha's body", "Changed")])
    assert not result.ok
    assert [p.code for p in result.problems] == ["internal"]
    assert "boom" in result.problems[0].message and "RuntimeError" in result.traceback


def test_minimal_site_builds(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"content/briefs/minimal.md": MINIMAL_BRIEF})
    result = Builder(site, tmp_path / "out").build()
    assert result.ok and "briefs/minimal/index.html" in result.written


def test_graph_changes_name_the_fields_that_changed(built: tuple[Path, Builder]) -> None:
    site, _builder = built
    before, _ = check(site, BuildOptions())
    edit(site, "content/briefs/alpha.md", "title: Alpha", "title: Alpha renamed")
    after, _ = check(site, BuildOptions())
    assert before is not None and after is not None
    changed = graph_changes(before, after)
    assert changed is not None
    assert {("briefs", "alpha", "title"), ("briefs", ALL, ANY), ANY_CHANGE} <= changed
    assert ("briefs", "alpha", "body_html") not in changed
    assert ("briefs", ALL, PRESENCE) not in changed  # the same briefs, in the same order
    assert not any(key == "beta" for _name, key, _attr in changed)
    assert graph_changes(after, after) == set()
    assert graph_changes(None, after) is None


@pytest.mark.parametrize(("old", "new", "resolves"), [
    ("Alpha's body", "Alpha's rewritten body, longer now", 0),  # prose only: the last graph, patched
    ("Alpha's body", "A new first paragraph.\n\nAlpha's body", 0),  # references move down: still prose
    ("Alpha's body [@src-a]", "Alpha's body", 1),  # a citation gone: links change, resolve again
    ("title: Alpha", "title: Alpha two", 1),
])
def test_quick_resolver_gives_what_a_full_resolve_gives(built: tuple[Path, Builder], monkeypatch: pytest.MonkeyPatch,
                                                        old: str, new: str, resolves: int) -> None:
    site, _builder = built
    paths = SitePaths.of(site)
    cache = new_cache(SiteConfig())
    quick = QuickResolver()
    check(paths, BuildOptions(), cache, resolver=quick)
    calls: list[object] = []
    monkeypatch.setattr(incremental, "resolve", lambda *args: calls.append(args) or resolve(*args))
    edit(site, "content/briefs/alpha.md", old, new)
    graph, problems = check(paths, BuildOptions(), cache, resolver=quick)
    assert len(calls) == resolves
    assert (graph, problems) == check(paths, BuildOptions())


def test_a_view_builder_that_memoizes_refs_still_invalidates_every_page(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A ref built once and shared by many pages must not hide what it read from the pages after the first."""
    original = ViewBuilder.brief_ref

    def memoized(self: ViewBuilder, slug: str) -> object:
        memo = self.__dict__.setdefault("_test_memo", {})
        if slug not in memo:
            memo[slug] = original(self, slug)
        return memo[slug]

    monkeypatch.setattr(ViewBuilder, "brief_ref", memoized)
    site = write_site(tmp_path / "site", TWO_BRIEFS)
    builder = Builder(site, tmp_path / "out")
    assert builder.build().ok
    result = builder.build([edit(site, "content/briefs/alpha.md", "title: Alpha", "title: Alpha renamed")])
    assert {"index.html", "briefs/index.html", "topics/trade/index.html", "authors/ann-example/index.html",
            "claims/claim-a/index.html", "sources/src-a/index.html"} <= result.rendered


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


def test_a_preview_reads_only_the_files_that_changed(built: tuple[Path, Builder],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    site, builder = built
    read: list[str] = []
    real = pipeline.read_bytes
    monkeypatch.setattr(pipeline, "read_bytes", lambda path, rel: read.append(rel) or real(path, rel))
    result = builder.build([edit(site, "content/briefs/alpha.md", "Alpha's body", "Alpha's new body")])
    assert result.ok and read == ["content/briefs/alpha.md"]
