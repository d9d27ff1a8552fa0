"""Old addresses in a real browser: an imported site served from a sub-path sends each old address to its brief."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_browser_serve import CHROMIUM, CHROMIUM_ARGS, WAIT_MS

from briefgen.cli import main
from briefgen.engine import BuildOptions, build
from tests.import_sites import HUGO, JEKYLL
from tests.serving import static_server

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs Debian's chromium")



def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Hugo's and Jekyll's posts imported into one site, built under /sub/ and served on a free loopback port."""
    root = tmp_path_factory.mktemp("redirects")
    site = root / "site"
    assert main(["init", str(site), "-q"]) == 0
    for name, files in (("hugo", HUGO), ("jekyll", JEKYLL)):
        main(["import", str(_write(root / name, files)), str(site), "-q"])
    welcome = site / "content/briefs/welcome.md"
    welcome.write_text(welcome.read_text().replace("summary:", "aliases: [/%EB%B6%81%ED%95%9C/]\nsummary:"))
    www = root / "www"
    build(site, BuildOptions(output=www / "sub", jobs=1))
    with static_server(www) as url:
        yield f"{url}sub/"


@pytest.fixture
def page() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


@pytest.mark.parametrize("old,brief,title", [
    ("2015/06/first-look/", "first-look", "Sanctions: a first look"),
    ("posts/old-first/", "first-look", "Sanctions: a first look"),
    ("2014/09/hello.html", "hello-world", "Hello, world"),
    ("old/hello/", "hello-world", "Hello, world"),
    ("%EB%B6%81%ED%95%9C/", "welcome", "Welcome to your briefs"),
])
def test_an_old_address_leads_to_its_brief(site_url: str, page: Any, old: str, brief: str, title: str) -> None:
    page.goto(site_url + old)
    page.wait_for_url(f"{site_url}briefs/{brief}/", timeout=WAIT_MS)
    assert page.locator("h1").first.inner_text() == title


def test_links_between_imported_posts_work_in_the_browser(site_url: str, page: Any) -> None:
    page.goto(site_url + "briefs/second/")
    page.get_by_role("link", name="the first look").click()
    page.wait_for_url(f"{site_url}briefs/first-look/", timeout=WAIT_MS)
    page.get_by_role("link", name="Second, in JSON").click()
    page.wait_for_url(f"{site_url}briefs/second/", timeout=WAIT_MS)
