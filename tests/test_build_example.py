"""End to end: build the example site into a temp dir and read the HTML as a browser would."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import parse_html
from linkcheck import broken_links, resolve_target

from briefgen.cli import main
from briefgen.engine import BuildOptions, build


@pytest.fixture
def built(example_site: Path) -> Path:
    build(example_site)
    return example_site / "output"


def tree_of(out: Path, path: str):
    return parse_html(out / path)


def test_every_internal_link_and_fragment_resolves(built: Path) -> None:
    assert (built / "index.html").is_file()
    assert broken_links(built) == []


def test_every_page_kind_is_built(built: Path) -> None:
    for path in ("index.html", "briefs/index.html", "briefs/hanoi-summit/index.html", "claims/index.html",
                 "claims/nk-will-not-disarm/index.html", "sources/index.html", "sources/wapo-hanoi-prep/index.html",
                 "actors/index.html", "actors/john-bolton/index.html", "topics/index.html",
                 "topics/north-korea/index.html", "authors/index.html", "authors/daniel-larison/index.html",
                 "404.html", "assets/style.css"):
        assert (built / path).is_file(), path


def test_citations_reach_the_source_list_and_back(built: Path) -> None:
    page = built / "briefs/hanoi-summit/index.html"
    tree = parse_html(page)
    cites = [a for a in tree.iter("a") if "cite" in (a.get("class") or "").split()]
    assert len(cites) >= 2
    ids = {el.get("id"): el for el in tree.iter() if el.get("id")}
    for cite in cites:
        target, fragment = resolve_target(built, page, cite.get("href"))
        assert target == page
        entry = ids[fragment]
        assert entry.tag == "li"
        backlinks = [a.get("href") for a in entry.iter("a")]
        assert f"#{cite.get('id')}" in backlinks, "the source entry links back to every citation"
    entry = ids["source-wapo-hanoi-prep"]
    assert "The Washington Post" in "".join(entry.itertext())


def claim_item(tree, cid: str):
    return next(el for el in tree.iter() if el.get("id") in (f"claim-{cid}", f"counter-{cid}"))


def is_marked_contested(element) -> bool:
    return any("badge-contested" in (el.get("class") or "") for el in element.iter())


def test_contested_claim_is_shown_on_both_briefs_and_its_page(built: Path) -> None:
    ours = tree_of(built, "briefs/hanoi-summit/index.html")
    theirs = tree_of(built, "briefs/maximum-pressure-works/index.html")
    assert is_marked_contested(claim_item(ours, "nk-will-not-disarm"))
    assert is_marked_contested(claim_item(theirs, "nk-will-not-disarm"))
    assert is_marked_contested(claim_item(theirs, "rapid-disarmament-possible"))
    assert is_marked_contested(claim_item(ours, "rapid-disarmament-possible"))
    claim_page = tree_of(built, "claims/nk-will-not-disarm/index.html")
    header = next(el for el in claim_page.iter("header") if "claim-header" in (el.get("class") or ""))
    assert is_marked_contested(header)
    hrefs = {a.get("href") for a in claim_page.iter("a")}
    assert "../../briefs/hanoi-summit/" in hrefs and "../../briefs/maximum-pressure-works/" in hrefs
    uncontested = tree_of(built, "briefs/hanoi-summit/index.html")
    assert not is_marked_contested(claim_item(uncontested, "us-backtracks-on-relief"))


def test_claim_page_quotes_the_passages_that_make_it(built: Path) -> None:
    tree = tree_of(built, "claims/nk-will-not-disarm/index.html")
    quotes = ["".join(q.itertext()).strip() for q in tree.iter("blockquote")]
    assert "North Korea isn’t going to give up its arsenal" in quotes
    passage_links = [a.get("href") for a in tree.iter("a") if "#passage-" in (a.get("href") or "")]
    assert passage_links and all(h.startswith("../../briefs/hanoi-summit/#passage-nk-will-not-disarm")
                                 for h in passage_links[:1])


def test_source_page_links_back_to_claims_and_briefs(built: Path) -> None:
    tree = tree_of(built, "sources/wapo-hanoi-prep/index.html")
    hrefs = {a.get("href") for a in tree.iter("a")}
    assert "../../claims/rapid-disarmament-possible/" in hrefs
    assert "../../briefs/hanoi-summit/" in hrefs
    assert not any((a.get("class") or "") == "external" for a in tree.iter("a")), "the seed gives no URL"


def test_second_build_is_byte_identical(example_site: Path, tmp_path: Path) -> None:
    build(example_site, BuildOptions(output=tmp_path / "a"))
    build(example_site, BuildOptions(output=tmp_path / "b"))
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_rebuild_into_the_same_folder_changes_nothing(example_site: Path) -> None:
    first = build(example_site)
    second = build(example_site)
    assert first.stats.written > 0
    assert second.stats.written == 0 and second.stats.removed == 0


def test_base_url_gives_canonical_urls_and_links_stay_relative(example_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "sub"
    build(example_site, BuildOptions(output=out, base_url="https://example.org/briefs"))
    tree = parse_html(out / "claims/nk-will-not-disarm/index.html")
    canonical = [el.get("href") for el in tree.iter("link") if el.get("rel") == "canonical"]
    assert canonical == ["https://example.org/briefs/claims/nk-will-not-disarm/"]
    assert broken_links(out) == []


def test_no_base_url_means_no_canonical(built: Path) -> None:
    tree = tree_of(built, "index.html")
    assert not [el for el in tree.iter("link") if el.get("rel") == "canonical"]


def test_cli_build_exit_code_and_summary(example_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(example_site)]) == 0
    out = capsys.readouterr().out
    assert "3 briefs" in out
    assert main(["build", str(example_site / "missing")]) == 2
    assert main(["build", str(example_site), "--base-url", "not a url"]) == 2


def test_actor_pages_list_claims_held_and_briefs_that_mention_them(built: Path) -> None:
    bolton = tree_of(built, "actors/john-bolton/index.html")
    hrefs = {a.get("href") for a in bolton.iter("a")}
    assert "../../claims/sanctions-force-better-deal/" in hrefs
    trump = tree_of(built, "actors/donald-trump/index.html")
    assert "../../briefs/hanoi-summit/" in {a.get("href") for a in trump.iter("a")}
