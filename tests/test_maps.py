"""Argument maps at any size: the site map split into parts with an index, and every drawing's words inside it.

The drawings are read back as XML. Text widths are estimated conservatively from character counts
(by the kind of each character, on the wide side of common fonts), independently of the code that
laid them out; test_browser_maps.py measures them in a browser.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
import xml.etree.ElementTree as ET
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from conftest import parse_html
from mapsite import HUB, write_map_site

from briefgen.engine import BuildOptions, build, check
from briefgen.model import BriefGraph, ClaimLinks
from briefgen.render import maps
from briefgen.render.argmap import COLUMN, LINE_EMS, MAX_LINES, PHONE, WIDE_COLUMN, wrap
from briefgen.resolve.clusters import PART_SIZE, map_parts

SVG = "{http://www.w3.org/2000/svg}"
Rect = tuple[float, float, float, float]
"""(left, top, right, bottom)."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BriefGraph]:
    root = write_map_site(tmp_path_factory.mktemp("maps") / "site")
    build(root, BuildOptions(jobs=1))
    graph, problems = check(root, BuildOptions(jobs=1))
    assert graph is not None and not [p for p in problems if p.is_error]
    return root / "output", graph


def em(char: str) -> float:
    """A character's width in a sans-serif, by its kind, on the wide side of the common fonts' (a capital 0.7
    em, 'M' or 'w' 0.9, a space 0.3, a CJK character a whole em, a combining mark nothing)."""
    if unicodedata.combining(char):
        return 0.0
    if unicodedata.east_asian_width(char) in "WF":
        return 1.0
    if char in "MWmw@%":
        return 0.9
    if char in " .,:;'!|":
        return 0.3
    return 0.7 if char.isupper() else 0.55


def width(text: str, font: float, spacing: float = 0.0) -> float:
    """A conservative width in px of `text` at `font` px, `spacing` ems between letters."""
    return font * sum(em(char) + spacing for char in text)


def drawings(page: Path) -> list[ET.Element]:
    """Each argument map drawn on the page, parsed as XML (so it must be well-formed)."""
    html = page.read_text(encoding="utf-8")
    return [ET.fromstring(html[match.start():html.index("</svg>", match.start()) + 6])
            for match in re.finditer(r'<svg class="argmap-svg"', html)]


def overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inside(a: Rect, b: Rect) -> bool:
    return b[0] <= a[0] and a[2] <= b[2] and b[1] <= a[1] and a[3] <= b[3]


def check_drawing(svg: ET.Element, column: float) -> dict[str, Any]:
    """Every box, line of words and edge label inside the view box; no label over a box or another label;
    no wider than `column`. Returns the boxes and labels, for more checks."""
    x0, y0, w, h = (float(v) for v in svg.get("viewBox", "").split())
    view = (x0, y0, x0 + w, y0 + h)
    assert float(svg.get("width", "0")) == w <= column and float(svg.get("height", "0")) == h
    boxes: list[tuple[Rect, ET.Element]] = []
    for node in svg.iter(f"{SVG}a"):
        r = node.find(f"{SVG}rect")
        assert r is not None
        box = (float(r.get("x", 0)), float(r.get("y", 0)), float(r.get("x", 0)) + float(r.get("width", 0)),
               float(r.get("y", 0)) + float(r.get("height", 0)))
        assert inside(box, view), box
        for line in node.iter(f"{SVG}tspan"):
            label = "argmap-label" in (line.get("class") or "")
            text = line.text or ""
            x, y = float(line.get("x", 0)), float(line.get("y", 0))
            right = x + (width(text, 10, 0.06) if label else width(text, 13))
            assert box[0] < x and right <= box[2] and box[1] < y - 10 and y + 3 <= box[3], (text, box)
        boxes.append((box, node))
    labels: list[tuple[Rect, str]] = []
    for text in svg.iter(f"{SVG}text"):
        if text.get("text-anchor") != "middle":
            continue  # a box's words, checked above
        words = text.text or ""
        x, y = float(text.get("x", 0)), float(text.get("y", 0))
        half = width(words, 11) / 2
        rect = (x - half, y - 11, x + half, y + 3)  # from the top of a capital to below the baseline
        assert inside(rect, view), (words, rect, view)
        assert not any(overlap(rect, box) for box, _ in boxes), (words, rect)
        assert not any(overlap(rect, other) for other, _ in labels), (words, rect, labels)
        labels.append((rect, words))
    for i, (a, _) in enumerate(boxes):
        assert not any(overlap(a, b) for b, _ in boxes[i + 1:])
    return {"boxes": boxes, "labels": labels, "width": w, "height": h}


def map_pages(out: Path) -> list[tuple[Path, float]]:
    pages = [(p, COLUMN) for folder in ("briefs", "claims") for p in sorted((out / folder).glob("*/index.html"))]
    return pages + [(p, WIDE_COLUMN) for p in sorted((out / "map").glob("*/index.html")) if p.parent.name != "page"]


def test_every_drawing_keeps_its_words_inside_and_fits_its_column(site: tuple[Path, BriefGraph]) -> None:
    out, _graph = site
    checked = kinds = 0
    for page, column in map_pages(out):
        for svg in drawings(page):
            drawn = check_drawing(svg, column)
            checked += 1
            kinds |= 0 if not drawn["labels"] else 1
    assert checked > 60 and kinds


def _part_links(out: Path) -> list[str]:
    """The part pages the map's index links to, over all its pages, as site paths."""
    found, queue, seen = [], ["map/"], set()
    while queue:
        path = queue.pop(0)
        seen.add(path)
        tree = parse_html(out / path / "index.html")
        for a in tree.iter("a"):
            target = posixpath.normpath(posixpath.join(path, a.get("href", ""))) + "/"
            if a.get("class") == "map-part-title":
                found.append(target)
            elif a.get("rel") == "next" and target not in seen:
                queue.append(target)
    return found


def test_the_site_map_is_split_into_parts_covering_every_related_claim_once(site: tuple[Path, BriefGraph]) -> None:
    out, graph = site
    related = {cid for cid in graph.claims if maps.neighbours(graph, cid)}
    parts = [part.claims for part in graph.map_parts.values()]
    assert len(parts) > 2 and all(len(claims) <= PART_SIZE for claims in parts)
    assert sorted(c for claims in parts for c in claims) == sorted(related)  # each exactly once
    assert {c: p for p, part in graph.map_parts.items() for c in part.claims} == dict(graph.claim_parts)
    links = _part_links(out)
    assert sorted(links) == sorted(f"map/{name}/" for name in graph.map_parts)  # every part listed, once
    drawn: list[str] = []
    for link in links:
        [svg] = drawings(out / link / "index.html")
        drawn += [posixpath.basename(posixpath.normpath(a.get("href", ""))) for a in svg.iter(f"{SVG}a")]
    assert sorted(drawn) == sorted(related)  # every related claim drawn on exactly one part's page


def test_a_claim_with_forty_relations_shows_some_of_each_kind_and_a_box_for_the_rest(
        site: tuple[Path, BriefGraph]) -> None:
    out, graph = site
    assert len(maps.neighbours(graph, HUB)) == 40
    page = out / "claims" / HUB / "index.html"
    [svg] = drawings(page)
    drawn = check_drawing(svg, COLUMN)
    hrefs = [node.get("href") for _, node in drawn["boxes"]]
    assert len(hrefs) == 1 + maps.CLAIM_NEIGHBOURS + 1 and hrefs[-1] == "./#relations-heading"
    more = "".join(drawn["boxes"][-1][1].itertext())
    assert "and 30 more related claims" in more
    assert parse_html(page).find(".//*[@id='relations-heading']") is not None
    shown = {posixpath.basename(posixpath.normpath(h)) for h in hrefs[1:-1]}
    links = graph.claim_links[HUB]
    assert shown & set(links.supported_by) and shown & set(links.opposes) and shown & set(links.supports)
    assert drawn["height"] < 1200  # not one 2,400 px column
    # The edges meeting the claim's box end at points apart from each other, not at one point.
    (left, top, right, bottom), _ = drawn["boxes"][0]
    ends = []
    for path in svg.iter(f"{SVG}path"):
        points = [tuple(float(v) for v in p.split(",")) for p in re.findall(r"-?[\d.]+,-?[\d.]+", path.get("d", ""))]
        for x, y in (points[0], points[-1]) if points else ():
            if left - 0.5 <= x <= right + 0.5 and top - 0.5 <= y <= bottom + 0.5:
                ends.append((round(y), x))
    for side in {y for y, _ in ends}:
        xs = sorted(x for y, x in ends if y == side)
        assert all(b - a >= 4 for a, b in pairwise(xs)), xs
    assert len(ends) >= 8


def test_a_drawing_too_wide_for_a_phone_waits_behind_a_disclosure(site: tuple[Path, BriefGraph]) -> None:
    out, _graph = site
    seen = set()
    for page, _column in map_pages(out):
        tree = parse_html(page)
        for section in tree.iter("section"):
            if "argmap" not in (section.get("class") or "").split():
                continue
            svg = section.find(f".//{SVG}svg[@class='argmap-svg']")
            assert svg is not None
            narrow = float(svg.get("width", "0")) <= PHONE
            drawing = section.find(".//details[@class='argmap-drawing']")
            assert (drawing is None) == narrow
            assert narrow == ("argmap-fits" in (section.get("class") or ""))
            if drawing is not None:
                assert drawing.find(f".//{SVG}svg") is not None and drawing.get("open") is None
            assert section.find(".//details[@class='argmap-outline']") is not None
            seen.add(narrow)
    assert seen == {True, False}


def test_the_legend_keys_only_the_kinds_each_map_draws(site: tuple[Path, BriefGraph]) -> None:
    out, _graph = site
    names = {"supports": "argmap-supports", "opposes": "argmap-opposes", "linked premises": "argmap-linked",
             "undercuts": "argmap-undercuts"}
    every = set()
    for page, _column in map_pages(out):
        tree = parse_html(page)
        for section in tree.iter("section"):
            if "argmap" not in (section.get("class") or "").split():
                continue
            svg = section.find(f".//{SVG}svg[@class='argmap-svg']")
            drawn = {cls for g in svg.iter(f"{SVG}g") for cls in (g.get("class") or "").split()}
            legend = section.find(".//ul[@class='argmap-legend']")
            keyed = {"".join(li.itertext()).strip().split(" (")[0].split(":")[0] for li in legend.iter("li")}
            assert {name for name, cls in names.items() if cls in drawn} == keyed & set(names), page
            every |= keyed & set(names)
    assert every == set(names)


def _links(pairs: list[tuple[str, str]]) -> dict[str, ClaimLinks]:
    """Claim links where each (a, b) is 'a opposes b' (and b is opposed by a)."""
    out: dict[str, dict[str, list[str]]] = {}
    for a, b in pairs:
        out.setdefault(a, {"opposes": [], "opposed_by": []})["opposes"].append(b)
        out.setdefault(b, {"opposes": [], "opposed_by": []})["opposed_by"].append(a)
    return {cid: ClaimLinks(opposes=tuple(v["opposes"]), opposed_by=tuple(v["opposed_by"]))
            for cid, v in sorted(out.items())}


def _connected(claims: tuple[str, ...], pairs: list[tuple[str, str]]) -> bool:
    members, reached = set(claims), {claims[0]}
    grew = True
    while grew:
        grew = False
        for a, b in pairs:
            if a in members and b in members and (a in reached) != (b in reached):
                reached |= {a, b}
                grew = True
    return reached == members


def test_a_large_cluster_is_cut_into_connected_parts_around_hubs_and_small_ones_are_gathered() -> None:
    # Four stars of 20 claims around hubs h0..h3, their hubs in a ring; and six pairs apart.
    pairs = [(f"s{k}-{i:02d}", f"h{k}") for k in range(4) for i in range(20)]
    pairs += [(f"h{k}", f"h{(k + 1) % 4}") for k in range(4)]
    pairs += [(f"p{i}a", f"p{i}b") for i in range(6)]
    parts, claim_parts = map_parts(_links(pairs), {}, {})
    assert sorted(claim_parts) == sorted({c for pair in pairs for c in pair})
    assert all(len(part.claims) <= PART_SIZE for part in parts.values())
    stars = [part for part in parts.values() if part.name.startswith("h")]
    assert sorted(part.name for part in stars) == ["h0", "h1", "h2", "h3"]  # each named after its hub
    for part in stars:
        assert _connected(part.claims, pairs)
        assert {c for c in part.claims if c.startswith("s")} == {f"s{part.name[1]}-{i:02d}" for i in range(20)}
    gathered = [part for part in parts.values() if part.name.startswith("p")]
    assert len(gathered) == 1 and len(gathered[0].claims) == 12  # six pairs, one part
    # The same relations given in another order make the same parts.
    shuffled = dict(reversed(list(_links(pairs).items())))
    assert map_parts(shuffled, {}, {}) == (parts, claim_parts)


def test_words_in_any_script_are_wrapped_to_fit_their_box() -> None:
    room = LINE_EMS * 13
    for text in ("北京支持分阶段的外交，这是一个很长的句子，没有空格可以断开。" * 2,
                 "https://example.org/" + "x" * 80, "Санкции не остановят ядерную программу " * 3,
                 "WWWW MMMM " * 20, "é" * 10 + "\u0301" * 30 + " short"):
        lines = wrap(text)
        assert 1 <= len(lines) <= MAX_LINES and all(lines)
        assert all(width(line, 13) <= room + 1e-6 for line in lines), lines
        if len(" ".join(lines)) < len(" ".join(text.split())):
            assert lines[-1].endswith("…")
