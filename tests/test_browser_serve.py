"""A real browser on `briefgen serve`: saves show up by themselves, errors overlay the page until fixed."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from serving import serving

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WAIT_MS = 20_000

pytestmark = pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs Debian's chromium")


class LiveTab:
    """One page, and a count of reload-script connections so a save is never made before it listens."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.connections = 0
        page.on("websocket", self._on_socket)

    def _on_socket(self, socket) -> None:  # type: ignore[no-untyped-def]
        socket.on("framesent", lambda payload: self._on_frame(payload))

    def _on_frame(self, payload: object) -> None:
        if isinstance(payload, str) and '"info"' in payload:  # livereload.js's last handshake message
            self.connections += 1

    def open(self, url: str) -> None:
        seen = self.connections
        self.page.goto(url)
        self.wait_connected(seen)

    def wait_connected(self, seen: int) -> None:
        for _ in range(WAIT_MS // 50):
            if self.connections > seen:
                return
            self.page.wait_for_timeout(50)
        raise AssertionError("the reload script did not connect")

    def after_save(self, save) -> None:  # type: ignore[no-untyped-def]
        """Run `save`, then wait until the page has reloaded and listens again."""
        seen = self.connections
        save()
        self.wait_connected(seen)


@pytest.fixture
def tab() -> Iterator[LiveTab]:
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield LiveTab(browser.new_page())
        finally:
            browser.close()


NEW_BRIEF = """\
    ---
    title: A brand-new brief on verification
    date: 2030-01-01
    summary: Written while the preview was open.
    topics: [North Korea]
    ---
    Verification comes first.
    """


def test_the_preview_follows_every_save(example_site: Path, tmp_path: Path, tab: LiveTab) -> None:
    brief = example_site / "content/briefs/hanoi-summit.md"
    original = brief.read_text(encoding="utf-8")
    with serving(example_site, tmp_path / "tmp") as served:
        page = tab.page
        tab.open(served.url + "briefs/hanoi-summit/")
        main = page.locator("main")

        # An edit appears with no manual reload.
        tab.after_save(lambda: brief.write_text(original + "\nA sentence about zebras.\n", encoding="utf-8"))
        main.get_by_text("A sentence about zebras.").wait_for(timeout=WAIT_MS)

        # Broken YAML: the overlay names the file and line, over the last good page.
        broken = original.replace("title: ", "title: Broken: ", 1) + "\nA sentence about zebras.\n"
        tab.after_save(lambda: brief.write_text(broken, encoding="utf-8"))
        overlay = page.locator("#briefgen-overlay")
        overlay.wait_for(timeout=WAIT_MS)
        assert "content/briefs/hanoi-summit.md:2:" in overlay.inner_text()
        assert main.get_by_text("A sentence about zebras.").count() == 1

        # Escape dismisses it; the page is still the last good one.
        page.keyboard.press("Escape")
        overlay.wait_for(state="detached", timeout=WAIT_MS)

        # The fix clears it by itself (it came back with the reload after the failure).
        tab.after_save(lambda: brief.write_text(original, encoding="utf-8"))
        page.locator("#briefgen-overlay").wait_for(state="detached", timeout=WAIT_MS)
        main.get_by_text("A sentence about zebras.").wait_for(state="detached", timeout=WAIT_MS)
        assert page.locator("#briefgen-overlay").count() == 0

        # A new brief is listed on the home page.
        tab.open(served.url)
        new = example_site / "content/briefs/verification.md"
        tab.after_save(lambda: new.write_text(textwrap.dedent(NEW_BRIEF), encoding="utf-8"))
        link = page.get_by_role("link", name="A brand-new brief on verification").first
        link.wait_for(timeout=WAIT_MS)

        # Deleting it takes its page away: the open page reloads into the site's 404 page.
        tab.open(served.url + "briefs/verification/")
        assert page.get_by_text("Verification comes first.").is_visible()
        tab.after_save(new.unlink)
        page.get_by_role("heading", name="Page not found").wait_for(timeout=WAIT_MS)
        response = page.request.get(served.url + "briefs/verification/")
        assert response.status == 404
    code, _stdout, stderr = served.stop()
    assert code == 0 and "Traceback" not in stderr
