"""Argument maps in a real browser, with its fonts: nothing scrolls sideways on a wide screen, every word
stays inside its box and no label covers another, and a phone gets the map as a list first."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mapsite import HUB, write_map_site
from test_browser_serve import CHROMIUM, CHROMIUM_ARGS

from briefgen.engine import BuildOptions, build, check
from briefgen.render.argmap import PHONE
from tests.serving import static_server

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs Debian's chromium")



@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, list[str]]]:
    """The map site built and served under /sub/ by a thread stopped afterwards; (url, output, part names)."""
    root = tmp_path_factory.mktemp("map-site")
    site = write_map_site(root / "site")
    www = root / "www"
    build(site, BuildOptions(output=www / "sub", jobs=1))
    graph, _ = check(site, BuildOptions(jobs=1))
    assert graph is not None
    with static_server(www) as url:
        yield f"{url}sub/", www / "sub", list(graph.map_parts)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


GEOMETRY = """() => {
  const out = {overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
               scrolls: [], words: [], labels: [], problems: []};
  const within = (a, b) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5
                           && a.bottom <= b.bottom + 0.5;
  const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  for (const box of document.querySelectorAll('.argmap-scroll')) out.scrolls.push(box.scrollWidth - box.clientWidth);
  for (const svg of document.querySelectorAll('svg.argmap-svg')) {
    const view = svg.getBoundingClientRect();
    const rects = [...svg.querySelectorAll('a.argmap-node rect')].map((r) => r.getBoundingClientRect());
    for (const node of svg.querySelectorAll('a.argmap-node')) {
      const rect = node.querySelector('rect').getBoundingClientRect();
      for (const line of node.querySelectorAll('tspan')) {
        const r = line.getBoundingClientRect();
        out.words.push(r.width);
        if (!within(r, rect)) out.problems.push(['outside its box', line.textContent]);
      }
    }
    const placed = [];
    for (const text of svg.querySelectorAll('.argmap-edge text')) {
      const r = text.getBoundingClientRect();
      out.labels.push(text.textContent);
      if (!within(r, view)) out.problems.push(['outside the drawing', text.textContent]);
      if (rects.some((b) => meets(r, b))) out.problems.push(['over a box', text.textContent]);
      if (placed.some((b) => meets(r, b))) out.problems.push(['over a label', text.textContent]);
      placed.push(r);
    }
  }
  return out;
}"""


def test_on_a_wide_screen_nothing_scrolls_and_every_word_is_inside(served: tuple[str, Path, list[str]],
                                                                   browser: Any) -> None:
    url, _out, parts = served
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    labels = 0
    for path in ["map/", *(f"map/{name}/" for name in parts), f"claims/{HUB}/", "briefs/hub/", "briefs/b001/"]:
        page.goto(url + path)
        found = page.evaluate(GEOMETRY)
        assert found["overflow"] <= 0, path
        assert all(extra <= 1 for extra in found["scrolls"]), (path, found["scrolls"])
        assert found["problems"] == [], (path, found["problems"])
        labels += len(found["labels"])
        if path != "map/":
            assert found["words"] and page.locator("svg.argmap-svg").first.is_visible()
            assert page.locator(".argmap-outline > ul").first.is_hidden()  # the list waits behind its summary
    assert labels > 50


def test_on_a_phone_the_list_comes_first_and_a_wide_drawing_waits_behind_a_disclosure(
        served: tuple[str, Path, list[str]], browser: Any) -> None:
    url, _out, _parts = served
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(url + f"claims/{HUB}/")
    section = page.locator("section.argmap")
    outline = section.locator(".argmap-outline > ul")
    summary = section.locator(".argmap-drawing > summary")
    svg = section.locator("svg.argmap-svg")
    assert outline.is_visible() and summary.is_visible() and not svg.is_visible()
    assert outline.bounding_box()["y"] < summary.bounding_box()["y"]
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    summary.click()
    assert svg.is_visible()
    width = float(svg.get_attribute("width") or 0)
    assert width > PHONE and svg.bounding_box()["width"] >= width - 1  # its own size: it scrolls, inside its box
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    font = page.evaluate("getComputedStyle(document.querySelector('svg.argmap-svg tspan:not(.argmap-label)'))"
                         ".fontSize")
    assert font == "13px"


def test_on_a_phone_a_narrow_drawing_is_shown_scaled_with_words_still_readable(
        served: tuple[str, Path, list[str]], browser: Any) -> None:
    url, out, _parts = served
    narrow = [p for p in sorted(out.glob("claims/*/index.html")) if 'argmap argmap-fits"' in p.read_text("utf-8")]
    assert narrow
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(url + narrow[0].relative_to(out).parent.as_posix() + "/")
    svg = page.locator("svg.argmap-svg")
    assert svg.is_visible()
    scale = svg.bounding_box()["width"] / float(svg.get_attribute("width") or 1)
    assert 13 * min(scale, 1.0) >= 12
