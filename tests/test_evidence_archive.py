"""`briefgen archive`: every cited URL kept in content/archive/, politely, and nowhere else."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.engine import BuildOptions, check
from briefgen.evidence.archiver import ArchiveOptions, archive
from briefgen.evidence.fetch import FetchPolicy
from briefgen.evidence.store import ArchiveFolder, base_name
from tests.conftest import write_site
from tests.pageserver import Page, PageServer, serving_pages


@pytest.fixture
def page_server() -> Iterator[PageServer]:
    with serving_pages() as server:
        yield server


ARTICLE = """<!doctype html><html><head><meta charset="utf-8"><title>Summit</title></head><body>
<nav><a href="/">Home</a> · <a href="/world">World</a> · <a href="/subscribe">Subscribe</a></nav>
<article><h1>Officials prepare for the summit</h1>
<p>One of the officials said the U.S. hopes to make rapid progress toward disarmament.</p>
<p>Hawks have fiercely opposed this “step-by-step” process.</p></article>
<footer>© Example Daily</footer></body></html>"""
ALLOW = ("--allow-host", "127.0.0.1", "--delay", "0")


def _site(tmp_path: Path, server: PageServer, *paths: str, extra_source: str = "") -> Path:
    sources = "".join(f"  - id: s{i}\n    title: Source {i}\n    url: {server.url(p)}\n"
                      for i, p in enumerate(paths))
    cites = " ".join(f"[@s{i}]" for i in range(len(paths)))
    return write_site(tmp_path / "site", {
        "content/briefs/a.md": f"---\ntitle: A\ndate: 2020-01-02\nsummary: S.\nsources:\n{sources}{extra_source}---\n"
                               f"Text {cites}.\n"})


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and ".briefgen-cache" not in p.parts}


def test_archive_keeps_each_page_and_its_text_with_an_index(tmp_path: Path, page_server: PageServer,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    page_server.pages["/2019/summit.html"] = Page(ARTICLE.encode())
    page_server.pages["/report.pdf"] = Page(b"%PDF-1.4 not really", headers=(("Content-Type", "application/pdf"),))
    site = _site(tmp_path, page_server, "/2019/summit.html", "/report.pdf")
    before = _files(site)
    assert main(["archive", str(site), *ALLOW]) == 0
    assert "2 archived, 0 failed" in capsys.readouterr().out
    written = {k: v for k, v in _files(site).items() if k not in before}
    assert all(name.startswith("content/archive/") for name in written)
    assert {k: v for k, v in _files(site).items() if k in before} == before  # nothing else touched
    url = page_server.url("/2019/summit.html")
    index = json.loads((site / "content/archive/index.json").read_text())
    entry = index["snapshots"][url]
    name = base_name(url)
    assert name.startswith("127-0-0-1-") and entry["file"] == f"{name}.html" and entry["text"] == f"{name}.txt"
    assert (entry["status"], entry["content_type"], entry["final_url"]) == (200, "text/html; charset=utf-8", url)
    assert entry["bytes"] == len(ARTICLE.encode()) and len(entry["sha256"]) == 64 and entry["fetched"].endswith("Z")
    assert (site / "content/archive" / entry["file"]).read_bytes() == ARTICLE.encode()  # the page as served
    text = (site / "content/archive" / entry["text"]).read_text()
    assert "rapid progress toward disarmament" in text and "Subscribe" not in text  # the article, not the menu
    pdf = index["snapshots"][page_server.url("/report.pdf")]
    assert pdf["file"].endswith(".pdf") and pdf["text"] == ""  # kept, though it has no text to read
    user_agents = {headers["user-agent"] for _path, headers in page_server.requests}
    assert len(user_agents) == 1 and next(iter(user_agents)).startswith("briefgen/")


def test_a_second_run_fetches_only_what_is_missing_and_refresh_fetches_again(
        tmp_path: Path, page_server: PageServer, capsys: pytest.CaptureFixture[str]) -> None:
    page_server.pages["/a"] = Page(b"<p>First version of the page.</p>")
    page_server.pages["/b"] = Page(b"<p>Another page.</p>")
    site = _site(tmp_path, page_server, "/a")
    assert main(["archive", str(site), *ALLOW, "-q"]) == 0
    assert page_server.paths() == ["/a"]
    assert main(["archive", str(site), *ALLOW]) == 0
    assert page_server.paths() == ["/a"]
    assert "0 archived, 0 failed, 1 already in content/archive/" in capsys.readouterr().out
    site = _site(tmp_path, page_server, "/a", "/b")  # a new source
    assert main(["archive", str(site), *ALLOW, "-q"]) == 0
    assert page_server.paths() == ["/a", "/b"]
    page_server.pages["/a"] = Page(b"<p>Second version of the page.</p>")
    assert main(["archive", str(site), *ALLOW, "--refresh", "-q"]) == 0
    assert sorted(page_server.paths()[2:]) == ["/a", "/b"]
    entry = json.loads((site / "content/archive/index.json").read_text())["snapshots"][page_server.url("/a")]
    assert b"Second version" in (site / "content/archive" / entry["file"]).read_bytes()
    assert sorted(p.name for p in (site / "content/archive").iterdir()) == sorted(
        [f"{base_name(page_server.url(p))}.{ext}" for p in ("/a", "/b") for ext in ("html", "txt")] + ["index.json"])


def test_failures_are_counted_with_their_reasons_and_tried_again(tmp_path: Path, page_server: PageServer,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    page_server.pages["/ok"] = Page(b"<p>Fine.</p>")
    page_server.pages["/jump"] = Page(b"", 302, (("Location", "file:///etc/passwd"),))
    site = _site(tmp_path, page_server, "/ok", "/gone", "/jump",
                 extra_source="  - id: private\n    title: P\n    url: http://192.168.1.1/admin\n")
    (site / "content/briefs/a.md").write_text((site / "content/briefs/a.md").read_text().replace("Text", "[@private]"))
    assert main(["archive", str(site), *ALLOW]) == 1
    out, err = capsys.readouterr()
    assert "1 archived, 3 failed" in out
    assert "HTTP 404" in err and "file: URLs are never fetched" in err and "private or local address" in err
    index = json.loads((site / "content/archive/index.json").read_text())
    assert list(index["snapshots"]) == [page_server.url("/ok")]
    page_server.requests.clear()
    assert main(["archive", str(site), *ALLOW, "-q"]) == 1
    assert sorted(page_server.paths()) == ["/gone", "/jump"]  # what failed is tried again, the rest is kept


def test_the_archive_never_writes_through_a_link(tmp_path: Path, page_server: PageServer) -> None:
    page_server.pages["/a"] = Page(b"<p>Page.</p>")
    site = _site(tmp_path, page_server, "/a")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, site / "content" / "archive")
    assert main(["archive", str(site), *ALLOW]) == 1
    assert list(elsewhere.iterdir()) == []


def test_a_hostile_index_is_not_followed(tmp_path: Path, page_server: PageServer) -> None:
    page_server.pages["/a"] = Page(b"<p>Page.</p>")
    site = _site(tmp_path, page_server, "/a")
    secret = tmp_path / "secret.html"
    secret.write_text("secret")
    archive_dir = site / "content/archive"
    archive_dir.mkdir()
    entry = {"file": "../../../secret.html", "text": "", "fetched": "2019-01-01T00:00:00Z", "status": 200,
             "content_type": "text/html", "final_url": "x", "sha256": "0", "bytes": 1}
    (archive_dir / "index.json").write_text(json.dumps({"version": 1, "snapshots": {page_server.url("/a"): entry}}))
    store = ArchiveFolder(site / "content")
    assert store.entries() == {} and store.problems  # the entry is dropped, and said to be
    assert store.read("../../../secret.html") is None
    assert main(["archive", str(site), *ALLOW, "-q"]) == 0
    assert page_server.paths() == ["/a"] and secret.read_text() == "secret"


def test_wayback_is_never_asked_unless_wanted(tmp_path: Path, page_server: PageServer) -> None:
    page_server.pages["/a"] = Page(b"<p>Page.</p>")
    page_server.pages["/save/*"] = Page(b"", 302, (("Location", "/web/20190221000000/x"),))
    site = _site(tmp_path, page_server, "/a")
    assert main(["archive", str(site), *ALLOW, "-q"]) == 0
    assert not [p for p in page_server.paths() if p.startswith("/save/")]
    graph, _problems = check(site, BuildOptions())
    assert graph is not None
    store = ArchiveFolder(site / "content")
    options = ArchiveOptions(FetchPolicy(timeout=5, allow_hosts=frozenset({"127.0.0.1"})), wayback=True, delay=0,
                             wayback_delay=0, wayback_endpoint=page_server.url("/save/"))
    [outcome] = archive(graph, store, options)
    url = page_server.url("/a")
    assert outcome.kept and outcome.wayback == page_server.url("/web/20190221000000/x")
    assert page_server.paths()[-1] == f"/save/{url}"
    assert json.loads((site / "content/archive/index.json").read_text())["snapshots"][url]["wayback"] == \
        outcome.wayback
    [again] = archive(graph, ArchiveFolder(site / "content"), options)  # already captured: not asked twice
    assert again.wayback == "" and page_server.paths().count(f"/save/{url}") == 1


def test_a_site_without_urls_has_nothing_to_archive(tmp_path: Path, example_site: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["archive", str(example_site)]) == 0
    assert "no source has a url to archive" in capsys.readouterr().out
    assert not (example_site / "content" / "archive").exists()
