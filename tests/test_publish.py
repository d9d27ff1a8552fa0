"""Publishing outputs on the example site: feeds, sitemap, robots, graph.json, JSON-LD, maps, pagination."""

from __future__ import annotations

import json
import posixpath
import shutil
from pathlib import Path

import extruct
import feedparser
import pytest

from briefgen import urls
from briefgen.engine import BuildOptions, build
from briefgen.render.pagination import page_count, page_items, pager
from tests.conftest import MINIMAL_BRIEF, REPO, parse_html
from tests.sitecheck import broken_links, html_pages, sitemap_urls, target_file

BASE = "https://example.org/sub/"


def _build(tmp: Path, base_url: str | None) -> Path:
    site = tmp / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "briefgen.yaml", site / "briefgen.yaml")
    build(site, BuildOptions(base_url=base_url))
    return site / "output"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("published"), BASE)


@pytest.fixture(scope="module")
def out_no_base(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("nobase"), None)


def _feed(path: Path):
    return feedparser.parse(path.read_bytes(), response_headers={"content-type": "application/xml"})


def test_site_feed_is_valid_atom_with_absolute_links(out):
    feed = _feed(out / "feed.xml")
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) == 3
    for entry in feed.entries:
        assert entry.link.startswith(BASE + "briefs/")
        assert target_file(out, entry.link[len(BASE):]) is not None
        assert entry.id == entry.link
        assert entry.published and entry.updated and entry.summary
    hanoi = next(e for e in feed.entries if e.link.endswith("/hanoi-summit/"))
    assert [a.name for a in hanoi.authors] == ["Daniel Larison"]
    assert {t.term for t in hanoi.tags} >= {"north-korea"}


def test_every_topic_has_a_feed_of_its_briefs(out):
    topics = [p for p in (out / "topics").iterdir() if (p / "index.html").is_file() and p.name != "page"]
    assert topics
    for folder in topics:
        feed = _feed(folder / "feed.xml")
        assert not feed.bozo, (folder, feed.get("bozo_exception"))
        assert feed.entries
        assert all(e.link.startswith(BASE) for e in feed.entries)
        head = parse_html(folder / "index.html").findall(".//head/link[@type='application/atom+xml']")
        assert (folder / "feed.xml").resolve() in {(folder / link.get("href")).resolve() for link in head}


def test_feed_without_base_url_uses_relative_links_and_stable_ids(out_no_base):
    feed = _feed(out_no_base / "feed.xml")
    assert not feed.bozo
    assert all(e.id.startswith("urn:uuid:") for e in feed.entries)
    raw = (out_no_base / "feed.xml").read_text()
    assert 'href="briefs/hanoi-summit/"' in raw


def test_sitemap_lists_every_page_absolutely_and_robots_names_it(out):
    locs = sitemap_urls(out)
    assert all(loc.startswith(BASE) for loc in locs)
    for loc in locs:
        assert target_file(out, loc[len(BASE):]) is not None, loc
    pages = {p.relative_to(out).as_posix() for p in html_pages(out)} - {"404.html", "search/index.html"}
    listed = {(loc[len(BASE):] + "index.html") if loc.endswith("/") else loc[len(BASE):] for loc in locs}
    assert listed == pages
    robots = (out / "robots.txt").read_text()
    assert f"Sitemap: {BASE}sitemap.xml" in robots


def test_no_sitemap_without_base_url(out_no_base):
    assert not (out_no_base / "sitemap.xml").exists()  # the protocol allows absolute URLs only
    assert "Sitemap:" not in (out_no_base / "robots.txt").read_text()


@pytest.mark.parametrize("which", ["out", "out_no_base"])
def test_every_internal_link_and_fragment_resolves(which, request):
    site = request.getfixturevalue(which)
    assert broken_links(site, BASE if which == "out" else "") == []


def test_graph_json_holds_the_whole_graph_and_its_relations_resolve(out):
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert data["format"] == "briefgen-graph" and data["version"] == 2
    assert data["site"]["base_url"] == BASE
    known = {f"{kind[:-1]}:{item['id']}" for kind in ("briefs", "claims", "sources", "actors", "topics", "authors",
                                                       "inferences")
             for item in data[kind]}
    assert len(data["briefs"]) == 3
    for relation in data["relations"]:
        assert relation["from"] in known and relation["to"] in known, relation
    types = {r["type"] for r in data["relations"]}
    assert {"asserts", "answers", "cites", "supports", "opposes", "holds"} <= types
    assert {"from": "brief:hanoi-summit", "type": "asserts", "to": "claim:nk-will-not-disarm"} in data["relations"]
    for item in data["claims"]:
        assert target_file(out, item["path"]) is not None


def _jsonld(path: Path) -> list[dict]:
    return extruct.extract(path.read_text(encoding="utf-8"), syntaxes=["json-ld"], uniform=True)["json-ld"]


def test_brief_json_ld_is_an_analysis_article_with_authors_dates_and_citations(out):
    [data] = _jsonld(out / "briefs/hanoi-summit/index.html")
    assert data["@type"] == "AnalysisNewsArticle"
    assert data["headline"] == "North Korean disarmament isn’t going to happen" or data["headline"]
    assert data["author"][0]["@type"] == "Person" and data["author"][0]["name"] == "Daniel Larison"
    assert data["datePublished"] == "2019-02-20"
    assert data["dateModified"] >= data["datePublished"]
    assert data["url"] == BASE + "briefs/hanoi-summit/"
    assert data["citation"] and all(c["@type"] in ("NewsArticle", "Report", "CreativeWork", "Dataset", "Book")
                                    for c in data["citation"])


def test_claim_json_ld_has_appearances_and_first_appearance(out):
    [data] = _jsonld(out / "claims/nk-will-not-disarm/index.html")
    assert data["@type"] == "Claim"
    assert data["text"]
    assert {a["url"] for a in data["appearance"]} >= {BASE + "briefs/hanoi-summit/"}
    assert data["firstAppearance"]["url"] in {a["url"] for a in data["appearance"]}


def test_source_and_actor_json_ld(out):
    for folder in (out / "sources").iterdir():
        if (folder / "index.html").is_file() and folder.name != "page":
            [data] = _jsonld(folder / "index.html")
            assert data["@type"] in ("NewsArticle", "Report", "CreativeWork", "Dataset", "Book")
            assert data["name"]
    actors = [f for f in (out / "actors").iterdir() if (f / "index.html").is_file() and f.name != "page"]
    assert actors
    for folder in actors:
        [data] = _jsonld(folder / "index.html")
        assert data["@type"] in ("Person", "Organization")


def test_every_page_has_title_description_canonical_open_graph_and_lang(out):
    for file in html_pages(out):
        tree = parse_html(file)
        assert tree.get("lang") == "en"
        head = tree.find(".//head")
        assert head.find("title").text.strip()
        metas = {m.get("name") or m.get("property"): m.get("content") for m in head.findall("meta")}
        assert metas.get("description"), file
        assert metas.get("og:title") and metas.get("twitter:card")
        if file.name != "404.html":
            canonical = head.find("link[@rel='canonical']")
            assert canonical is not None and canonical.get("href").startswith(BASE), file


def test_brief_argument_map_is_svg_with_links_and_a_list_alternative(out):
    tree = parse_html(out / "briefs/hanoi-summit/index.html")
    svg = tree.find(".//{http://www.w3.org/2000/svg}svg")
    assert svg is not None
    node_links = [a.get("href") for a in svg.iter("{http://www.w3.org/2000/svg}a")]
    assert "../../claims/nk-will-not-disarm/" in node_links
    edges = [g for g in svg.iter("{http://www.w3.org/2000/svg}g") if "argmap-edge" in (g.get("class") or "")]
    texts_of_edges = [g.find("{http://www.w3.org/2000/svg}text") for g in edges]
    labels = {"".join(t.itertext()) for t in texts_of_edges if t is not None}  # a premise's line into a join has none
    assert labels & {"opposes", "oppose each other"} and labels & {"supports", "support each other"}
    assert "undercuts" in labels  # the example's undercut of the hawks' support
    outline = tree.find(".//details[@class='argmap-outline']")
    assert outline is not None
    texts = ["".join(li.itertext()) for li in outline.iter("li")]
    assert any("North Korea will not give up" in t for t in texts)


def test_claim_page_maps_its_neighbourhood_and_site_map_page_exists(out):
    tree = parse_html(out / "claims/nk-will-not-disarm/index.html")
    assert tree.find(".//{http://www.w3.org/2000/svg}svg") is not None
    index = parse_html(out / "map/index.html")
    parts = [a.get("href") for a in index.iter("a") if a.get("class") == "map-part-title"]
    assert parts
    svg_links = set()
    for href in parts:
        part = parse_html(out / posixpath.normpath(posixpath.join("map", href)) / "index.html")
        svg_links |= {a.get("href") for a in part.iter("{http://www.w3.org/2000/svg}a")}
    assert "../../claims/nk-will-not-disarm/" in svg_links
    nav = [a.text for a in parse_html(out / "index.html").findall(".//nav[@class='site-nav']//a")]
    assert "Map" in nav and "Search" in nav


def test_map_escapes_user_text(scratch_site):
    brief = MINIMAL_BRIEF.replace("The sky is blue.", "The sky <script>alert(1)</script> & blue.").replace(
        "    sources: [obs]\n", "    sources: [obs]\n    supports: [other]\n  - id: other\n    text: Other <b>.\n")
    site = scratch_site({"content/briefs/a.md": brief})
    build(site)
    html = (site / "output/briefs/a/index.html").read_text()
    svg = html[html.index("<svg class=\"argmap-svg\""):html.index("</svg>")]
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "<b>" not in svg


def test_search_index_is_built_and_page_points_at_it(out):
    manifest = json.loads((out / urls.SEARCH_INDEX / "index.json").read_bytes())
    assert manifest["records"] > 0 and manifest["termShards"] and manifest["recordShards"]
    assert (out / urls.SEARCH_INDEX / "t0.json").is_file() and (out / urls.SEARCH_INDEX / "r0.json").is_file()
    form = parse_html(out / "search/index.html").find(".//form[@id='search-form']")
    assert posixpath.normpath(posixpath.join(urls.SEARCH, form.get("data-index"))) + "/" == urls.SEARCH_INDEX


def test_output_is_byte_identical_across_builds(tmp_path):
    first, second = _build(tmp_path / "a", BASE), _build(tmp_path / "b", BASE)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_pages_of_a_listing_are_numbered_and_linked():
    assert [page_count(n) for n in (0, 1, 50, 51, 120)] == [1, 1, 1, 2, 3]
    items = tuple(range(120))
    assert [len(page_items(items, n)) for n in (1, 2, 3)] == [50, 50, 20]
    first, middle, last = (pager("briefs/", n, 3) for n in (1, 2, 3))
    assert first.prev == "" and first.next == "briefs/page/2/"
    assert middle.prev == "briefs/" and middle.next == "briefs/page/3/"
    assert last.next == "" and last.last == "briefs/page/3/"
    assert pager("topics/x/", 1, page_count(0)).count == 1
