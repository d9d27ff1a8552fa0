"""A hostile generated site: every list that grows with the site is cut short on its entity's page and
listed whole on pages of its own, so that no page passes about 1 MB and every link still resolves.

One claim asserted by 3,000 briefs (each quoting it, citing one source and mentioning one actor),
one brief with 10,000 claims and 120 counterclaims with rebuttals.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefgen.engine import BuildOptions, build
from briefgen.render.sublists import shown
from tests.conftest import parse_html
from tests.sitecheck import page_links, resolve, site_path, target_file

BRIEFS = 3_000
CLAIMS = 10_000
COUNTERS = 120
HELD = 2 * shown("actor", "claims") + 5
"""Claims held by the one actor: three pages of them."""
LIMIT = 1_000_000
"""Bytes: no page may pass it."""


def make_site(root: Path) -> Path:
    content = root / "content"
    (content / "briefs").mkdir(parents=True)
    (root / "briefgen.yaml").write_text("title: Huge lists\nbase_url: https://example.org/huge/\n")
    (content / "sources.yaml").write_text("- id: src\n  title: The one source\n  kind: report\n")
    (content / "actors.yaml").write_text("- id: holder\n  name: The holder\n")
    (content / "claims.yaml").write_text("- id: popular\n  text: A claim everybody makes.\n  sources: [src]\n"
                                         "- id: rival\n  text: The claim against it.\n  opposes: [popular]\n"
                                         "  sources: [src]\n")
    for n in range(BRIEFS):
        day = 1 + n % 28
        stance = "claims: [popular]" if n % 3 else "claims: [rival]"
        (content / "briefs" / f"b{n:04d}.md").write_text(
            f"---\ntitle: Brief {n}\ndate: 2020-01-{day:02d}\nsummary: Number {n}.\n{stance}\n---\n"
            f"[Everybody says so]{{claim=popular}} [@src], as [the holder](actor:holder) put it.\n")
    claims = "".join(f"  - id: c{n:05d}\n    text: Claim number {n}.\n    sources: [src]\n"
                     + ("    held_by: [holder]\n" if n < HELD else "") for n in range(CLAIMS))
    counters = "".join(f"  - id: k{n:03d}\n    text: Counterclaim number {n}.\n    opposes: c{n:05d}\n"
                       f"    rebuttal: Not so [@src]; see [the claim](claim:popular) and "
                       f"[quoted]{{claim=popular}}.\n" for n in range(COUNTERS))
    (content / "briefs" / "huge.md").write_text(
        f"---\ntitle: The huge brief\ndate: 2020-02-01\nsummary: Ten thousand claims.\nclaims:\n{claims}"
        f"counterclaims:\n{counters}---\nIt claims a great deal [@src].\n")
    return root


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("huge"))
    build(root, BuildOptions(keep=False))
    return root / "output"


def _url(out: Path, path: str) -> Path:
    file = target_file(out, path)
    assert file is not None, path
    return file


def _more_links(out: Path, page: str) -> dict[str, str]:
    """'All N ...' link text -> the site path it leads to, on the page at site path `page`."""
    found = {}
    for a in parse_html(_url(out, page)).iter("a"):
        text = " ".join("".join(a.itertext()).split())
        if re.match(r"All [\d,]+ ", text):
            target = resolve(page, a.get("href"))
            assert target is not None
            found[text] = target[0]
    return found


def test_no_page_passes_a_megabyte(out: Path) -> None:
    sizes = {p: p.stat().st_size for p in out.rglob("*.html")}
    assert len(sizes) > CLAIMS + BRIEFS
    biggest = max(sizes, key=sizes.__getitem__)
    assert sizes[biggest] < LIMIT, (biggest, sizes[biggest])


@pytest.mark.parametrize(("page", "lists"), [
    ("claims/popular/", {"All 2,000 briefs asserting this claim": "briefs/", "All 3,120 passages": "passages/",
                         "All 1,000 briefs arguing against it": "disputed/"}),
    ("claims/rival/", {"All 1,000 briefs asserting this claim": "briefs/",
                       "All 2,000 briefs arguing against it": "disputed/"}),
    ("briefs/huge/", {"All 10,000 claims of this brief": "claims/",
                      "All 120 positions this brief answers": "counterclaims/"}),
    ("sources/src/", {f"All {BRIEFS + 1:,} briefs citing it": "briefs/",
                      f"All {CLAIMS + 2:,} claims resting on it": "claims/"}),
    ("actors/holder/", {f"All {HELD} positions held": "claims/", f"All {BRIEFS:,} briefs mentioning them":
                        "mentions/"}),
])
def test_an_entity_shows_the_first_items_and_links_to_the_whole_list(out: Path, page: str,
                                                                     lists: dict[str, str]) -> None:
    links = _more_links(out, page)
    assert links == {text: page + rel for text, rel in lists.items()}
    for target in links.values():
        first = parse_html(_url(out, target))
        assert first.find(".//nav[@class='pager']") is not None


def test_the_whole_list_is_every_item_once_across_its_pages(out: Path) -> None:
    seen: list[str] = []
    path: str | None = "briefs/huge/claims/"
    pages = 0
    while path is not None:
        tree = parse_html(_url(out, path))
        for a in tree.iterfind(".//ul[@class='claim-list']//a"):
            target = resolve(path, a.get("href"))
            assert target is not None
            seen.append(target[0].rstrip("/").rsplit("/", 1)[-1])
        nxt = tree.find(".//nav[@class='pager']//a[@rel='next']")
        path = resolve(path, nxt.get("href"))[0] if nxt is not None else None  # type: ignore[index]
        pages += 1
    assert pages == -(-CLAIMS // shown("brief", "claims"))
    assert seen == [f"c{n:05d}" for n in range(CLAIMS)]


def test_the_brief_page_shows_the_first_claims_and_counterclaims_only(out: Path) -> None:
    tree = parse_html(_url(out, "briefs/huge/"))
    assert len([li for li in tree.iter("li") if "claim-item" in (li.get("class") or "")]) == shown("brief", "claims")
    assert len([a for a in tree.iter("article") if "counterclaim" in (a.get("class") or "")]) == \
        shown("brief", "counterclaims")


def test_every_link_of_the_long_lists_and_their_pages_resolves(out: Path) -> None:
    """Every link of the pages this feature makes and of the pages that link to them, parsed as a browser
    does, leads to a page of the site and to an element there (the other 13,000 brief and claim pages are
    ordinary ones: a sample of them is checked)."""
    sampled = ("c00000", "c00051", "c09999", "k000", "k119", "b0000", "b2999")
    pages = [p for p in out.rglob("*.html") if p.name != "404.html"
             and (not re.fullmatch(r"c\d{5}|k\d{3}|b\d{4}", p.parent.name) or p.parent.name in sampled)]
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in pages:
        path = site_path(out, page)
        for href in page_links(page)[1]:
            target = resolve(path, href)
            if target is None:
                continue
            file = target_file(out, target[0])
            if file is None:
                broken.append(f"/{path}: {href}")
            elif target[1] and file.suffix == ".html":
                if file not in ids:  # briefgen's own markup: every id is quoted
                    ids[file] = set(re.findall(r' id="([^"]+)"', file.read_text(encoding="utf-8")))
                if target[1] not in ids[file]:
                    broken.append(f"/{path}: {href} (no #{target[1]})")
    assert len(pages) > 500
    assert broken == [], broken[:20]


def test_rebuttals_past_the_first_page_keep_working_links(out: Path) -> None:
    path = "briefs/huge/counterclaims/page/3/"
    _ids, links = page_links(_url(out, path))
    assert ("briefs/huge/", "source-src") in {resolve(path, href) for href in links}
    targets = set()
    for number in range(1, 3):  # the huge brief is the newest: its passages come first
        path = "claims/popular/passages/" + (f"page/{number}/" if number > 1 else "")
        targets |= {resolve(path, href) for href in page_links(_url(out, path))[1]}
    assert ("briefs/huge/", "passage-r50-popular-1") in targets
    assert ("briefs/huge/counterclaims/page/3/", "passage-r120-popular-1") in targets


def test_the_sitemap_lists_the_pages_of_the_long_lists(out: Path) -> None:
    text = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.org/huge/claims/popular/briefs/page/20/" in text
    assert "https://example.org/huge/briefs/huge/claims/page/100/" in text
