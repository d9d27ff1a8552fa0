"""The web's own checkers on built sites: Nu HTML Checker, axe-core, feedparser, and our link checker.

They run on the example site and on a 200-brief generated corpus, built for a sub-path
(https://example.org/sub/) and served from one, as a static host would.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest

from briefgen.engine import BuildOptions, build
from tests.conftest import REPO
from tests.sitecheck import broken_links, html_pages, page_links, resolve, site_path, sitemap_urls, target_file

BASE = "https://example.org/sub/"
SUB = "/sub/"
VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
AXE = REPO / "node_modules/axe-core/axe.min.js"
SHARED = REPO.parent / "shared"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _need(path: Path, what: str) -> None:
    """Fail in CI (which installs everything) when a checker is missing; skip elsewhere, saying why."""
    if path.exists():
        return
    message = f"{what} missing at {path}: run `npm install` at the repo root (.ci/run does)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module", params=["example", "corpus200"])
def site(request, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp(request.param)
    if request.param == "example":
        shutil.copytree(REPO / "content", root / "content")
        shutil.copy(REPO / "briefgen.yaml", root / "briefgen.yaml")
    else:
        generator = SHARED / "bench/gen_corpus.py"
        if not generator.is_file():
            pytest.skip(f"the shared corpus generator is absent ({generator})")
        subprocess.run([sys.executable, str(generator), "--n", "200", "--out", str(root / "content")],
                       check=True, capture_output=True, timeout=300)
    build(root, BuildOptions(base_url=BASE))
    return root / "output"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def translate_path(self, path: str) -> str:
        """Serve the site under /sub/ only, as a host serving it from a sub-path would."""
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(SUB):
            return str(Path(self.directory) / "__outside_sub_path__")
        return super().translate_path("/" + clean[len(SUB):])


@pytest.fixture(scope="module")
def server(site) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{SUB}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


def test_nu_html_checker_finds_no_errors(site):
    _need(VNU, "the Nu HTML Checker (npm vnu-jar)")
    if shutil.which("java") is None:
        pytest.fail("java is missing: .ci/run installs default-jre-headless")
    pages = [str(p) for p in html_pages(site)]
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=900)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').rsplit('/output/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m.get("type") == "error"]
    assert errors == [], "\n".join(errors[:30])


def test_every_feed_parses_without_bozo(site):
    feeds = [site / "feed.xml", *sorted(site.glob("topics/*/feed.xml"))]
    assert len(feeds) > 1
    for path in feeds:
        feed = feedparser.parse(path.read_bytes(), response_headers={"content-type": "application/xml"})
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert feed.entries, path


def test_every_sitemap_url_resolves(site):
    locs = sitemap_urls(site)
    assert len(locs) == len(html_pages(site)) - 2  # all but 404.html and the search page
    missing = [loc for loc in locs if not loc.startswith(BASE) or target_file(site, loc[len(BASE):]) is None]
    assert missing == []


def test_every_internal_link_and_fragment_resolves(site):
    problems = broken_links(site, BASE)
    assert problems == [], "\n".join(problems[:30])


def test_every_page_and_link_works_served_from_a_sub_path(site, server):
    """Fetch each page over HTTP under /sub/, then every internal link target of it."""
    checked: set[str] = set()
    failures = []
    for file in html_pages(site):
        path = site_path(site, file)
        _, links = page_links(file)
        for target in {path, *(r[0] for href in links if (r := resolve(path, href, BASE)))}:
            if target in checked:
                continue
            checked.add(target)
            try:
                with urllib.request.urlopen(server + target, timeout=10) as response:
                    assert response.status == 200
            except (urllib.error.URLError, AssertionError) as exc:
                failures.append(f"{target}: {exc}")
    assert failures == [], failures[:20]
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(server.replace(SUB, "/") + "index.html", timeout=10)


def _page_kinds(site: Path) -> list[str]:
    """One page of each kind, plus a second page of a paginated index when there is one."""
    kinds = ["", "briefs/", "claims/", "sources/", "actors/", "topics/", "authors/", "map/", "search/", "404.html"]
    for folder in ("briefs", "claims", "sources", "actors", "topics", "authors"):
        first = next((p for p in sorted((site / folder).iterdir()) if p.is_dir() and p.name != "page"), None)
        if first is not None:
            kinds.append(f"{folder}/{first.name}/")
    if (site / "briefs/page/2/index.html").is_file():
        kinds.append("briefs/page/2/")
    return kinds


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def test_axe_finds_no_serious_or_critical_violations(site, server, browser):
    _need(AXE, "axe-core (npm axe-core)")
    axe = AXE.read_text(encoding="utf-8")
    failures = []
    page = browser.new_page()
    try:
        for path in _page_kinds(site):
            page.goto(server + path, wait_until="load", timeout=30_000)
            page.add_script_tag(content=axe)
            result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            for violation in result["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    targets = [n["target"] for n in violation["nodes"][:3]]
                    failures.append(f"/{path}: {violation['id']} ({violation['impact']}): {targets}")
    finally:
        page.close()
    assert failures == [], "\n".join(failures)


def test_search_works_from_a_sub_path_with_the_keyboard(site, server, browser):
    page = browser.new_page()
    try:
        page.goto(server + "search/", wait_until="load", timeout=30_000)
        page.keyboard.press("Tab")  # skip link
        for _ in range(20):  # tab to the search box, as a keyboard user would
            if page.evaluate("document.activeElement && document.activeElement.id") == "search-input":
                break
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "search-input"
        page.keyboard.type("sanctions")
        page.keyboard.press("Enter")
        page.wait_for_selector("#search-results li a", timeout=20_000)
        hrefs = page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.href)")
        assert "result" in page.inner_text("#search-status")
    finally:
        page.close()
    assert hrefs
    for href in hrefs:
        assert href.startswith(server), href
        with urllib.request.urlopen(href, timeout=10) as response:
            assert response.status == 200
