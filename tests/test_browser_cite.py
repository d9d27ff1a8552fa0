"""The "Copy citation" button in a real browser: shown only where it works, copies the citation, says so."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import write_site
from test_browser_serve import CHROMIUM, CHROMIUM_ARGS, WAIT_MS

from briefgen.engine import BuildOptions, build
from tests.serving import static_server

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs Debian's chromium")

SITE = {
    "briefgen.yaml": "title: The Desk\nbase_url: https://example.org/\n",
    "content/briefs/a.md": """\
        ---
        title: "Verification before relief: 검증 먼저"
        date: 2021-03-04
        authors: [Ann Smith]
        summary: S.
        ---
        Body.
        """,
}



@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("cite-site")
    site = write_site(root / "site", SITE)
    build(site, BuildOptions(output=root / "www", jobs=1))
    with static_server(root / "www") as url:
        yield url


@pytest.fixture
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def test_the_button_copies_the_citation_and_announces_it(site_url: str, browser: Any) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "briefs/a/")  # 127.0.0.1 is a secure context: the Clipboard API is there
    button = page.get_by_role("button", name="Copy citation")
    button.wait_for(state="visible", timeout=WAIT_MS)
    button.click()
    status = page.locator("#cite [role=status]")
    page.wait_for_function("() => document.querySelector('#cite [role=status]').textContent !== ''", timeout=WAIT_MS)
    assert status.inner_text() == "Citation copied."
    copied = page.evaluate("navigator.clipboard.readText()")
    shown = " ".join(page.locator("#cite-text").inner_text().split())
    assert copied == shown and "검증 먼저" in copied and copied.startswith("Smith, Ann. 2021.")
    assert errors == []
    context.close()


def test_without_javascript_the_citation_is_there_and_no_dead_button(site_url: str, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "briefs/a/")
    assert page.locator("#cite-text").inner_text().startswith("Smith, Ann. 2021.")
    assert not page.get_by_role("button", name="Copy citation").is_visible()
    context.close()
