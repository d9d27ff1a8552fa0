"""Names in any script become working URLs: every position where a name or an id becomes a URL, built
end to end, with every link resolved on disk and over HTTP from a sub-path, and `check` agreeing with `build`.
"""

from __future__ import annotations

import json
import tempfile
import unicodedata
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.cli import main
from briefgen.engine import BuildOptions, build, check
from briefgen.errors import BuildFailed
from tests import linkcheck, sitecheck
from tests.conftest import parse_html, write_site
from tests.serving import static_server

NFD_GREEK = unicodedata.normalize("NFD", "Ελλάδα-και-Κορέα")
"""A file name as macOS writes it: decomposed."""
FILES = {
    "briefgen.yaml": "title: Every script\n",
    "content/actors.yaml": """\
        - id: 김정은
          name: 김정은
          role: 국무위원장
        - id: владимир-путин
          name: Владимир Путин
        """,
    "content/authors.yaml": """\
        - name: 김민수
          bio: 연구원.
        - name: Σοφία Παπαδοπούλου
          id: σοφία
        """,
    "content/briefs/북한-비핵화.md": """\
        ---
        title: 북한은 핵을 포기하지 않을 것이다
        date: 2019-02-20T10:00:00+09:00
        lang: ko
        authors: [김민수, Анна Петрова, 王小明, محمد علي, Σοφία Παπαδοπούλου]
        topics: [북한, 核问题, 🎉, "Cafe\u0301 policy"]
        summary: 하노이 회담 이후 북한의 비핵화 전망.
        claims:
          - id: 북한-핵-보유
            text: 북한은 핵무기를 포기하지 않을 것이다.
            sources: [연합뉴스-2019]
            held_by: [김정은, владимир-путин]
        sources:
          - id: 연합뉴스-2019
            title: 하노이 회담 결렬
            kind: news
        ---
        ## 배경 설명

        [북한은 핵을 포기하지 않는다]{claim=북한-핵-보유} [@연합뉴스-2019]. See [the topic](topic:북한),
        [the other topic](topic:核问题), [the actor](actor:김정은), [the claim](claim:북한-핵-보유),
        [the source](source:연합뉴스-2019) and [the Arabic brief](brief:الشرق-الأوسط#الخلفية).

        ## 中文标题

        ## 🎉
        """,
    "content/briefs/2019-03-01-middle-east.md": """\
        ---
        title: الشرق الأوسط بعد القمة
        lang: ar
        slug: الشرق-الأوسط
        authors: [محمد علي]
        topics: [الشرق الأوسط, Café Policy]
        summary: ملخص قصير.
        counterclaims:
          - id: نزع-السلاح-ممكن
            text: نزع السلاح السريع ممكن.
            opposes: 북한-핵-보유
            sources: [연합뉴스-2019]
            rebuttal: لا يوجد دليل على ذلك [@연합뉴스-2019].
        ---
        ## الخلفية

        نص عربي يذكر [موجزًا كوريًا](brief:북한-비핵화#배경-설명).
        """,
    "content/briefs/россия.md": """\
        ---
        title: Россия и КНДР
        date: 2015-06-29 1:00:19 -0400
        authors: [Анна Петрова]
        topics: [Россия, ΣΎΝΟΔΟΣ ΚΟΡΥΦΗΣ]
        summary: Русский текст.
        claims: [북한-핵-보유]
        ---
        ## Заголовок раздела
        """,
    f"content/briefs/{NFD_GREEK}.md": """\
        ---
        title: Ελλάδα και Κορέα
        date: 2019-01-05
        summary: Ελληνικό κείμενο.
        ---
        Κείμενο.
        """,
    "content/briefs/🎉.md": """\
        ---
        title: A brief named by an emoji
        date: 2018-12-31
        summary: Its file name has no letters.
        ---
        Text.
        """,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("unicode")
    site = write_site(root / "site", FILES)
    out = root / "host" / "sub"  # served below as http://host/sub/
    assert main(["build", str(site), "-o", str(out), "-q"]) == 0
    return site, out


def _hrefs(out: Path) -> Iterator[tuple[Path, str]]:
    for page in sorted(out.rglob("*.html")):
        for element in parse_html(page).iter():
            for attr in ("href", "src", "action", "cite"):
                if element.get(attr) is not None:
                    yield page, element.get(attr)


def test_check_and_build_agree_and_find_nothing_wrong(built: tuple[Path, Path]) -> None:
    site, _out = built
    _graph, problems = check(site, BuildOptions())
    assert [p.format() for p in problems if p.is_error] == []
    assert [p.code for p in problems if not p.is_error] == ["bad-id"]  # the emoji file name: a warning, and a URL


def test_every_name_and_id_gets_a_readable_folder_named_in_nfc(built: tuple[Path, Path]) -> None:
    _site, out = built
    for folder in ("topics/북한", "topics/核问题", "topics/cafe-policy", "topics/الشرق-الأوسط", "topics/россия",
                   "topics/σύνοδος-κορυφης", "authors/김민수", "authors/анна-петрова", "authors/王小明",
                   "authors/محمد-علي", "authors/σοφία", "actors/김정은", "actors/владимир-путин",
                   "briefs/북한-비핵화", "briefs/الشرق-الأوسط", "briefs/россия", "briefs/ελλάδα-και-κορέα",
                   "claims/북한-핵-보유", "claims/نزع-السلاح-ممكن", "sources/연합뉴스-2019"):
        assert (out / folder / "index.html").is_file(), folder
    names = [p.relative_to(out).as_posix() for p in out.rglob("*")]
    assert all(unicodedata.is_normalized("NFC", name) for name in names)
    emoji = [p for p in (out / "topics").iterdir() if p.name not in {"page"} and len(p.name) == 10
             and all(c in "0123456789abcdef" for c in p.name)]
    assert len(emoji) == 1 and (emoji[0] / "feed.xml").is_file()  # the 🎉 topic, by its digest
    assert len([p for p in (out / "briefs").iterdir() if p.is_dir()]) == 5


def test_every_internal_link_resolves_and_every_href_is_ascii(built: tuple[Path, Path]) -> None:
    _site, out = built
    assert sitecheck.broken_links(out) == []
    assert linkcheck.broken_links(out) == []
    not_ascii = [(page.relative_to(out).as_posix(), href) for page, href in _hrefs(out) if not href.isascii()]
    assert not_ascii == []


def test_heading_anchors_are_readable_in_any_script(built: tuple[Path, Path]) -> None:
    _site, out = built
    body = parse_html(out / "briefs/북한-비핵화/index.html").find(".//div[@class='prose brief-body']")
    assert body is not None
    korean = [el.get("id") or "" for el in body.iter("h2")]
    assert korean[:2] == ["배경-설명", "中文标题"]
    assert len(set(korean)) == 3 and korean[2]  # the emoji heading gets an id too
    arabic = parse_html(out / "briefs/الشرق-الأوسط/index.html")
    assert "الخلفية" in {el.get("id") for el in arabic.iter("h2")}
    links = {unquote(a.get("href")) for a in arabic.iter("a") if "xref-brief" in (a.get("class") or "")}
    assert links == {"../북한-비핵화/#배경-설명"}


def test_generated_files_link_with_encoded_urls_that_exist(built: tuple[Path, Path]) -> None:
    site, out = built
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "a": "http://www.w3.org/2005/Atom"}
    based = out.parent / "with-base"  # a sitemap's URLs are absolute: it is written only with a base_url
    assert main(["build", str(site), "-o", str(based), "--base-url", "https://example.org/sub/", "-q"]) == 0
    locs = [(loc.text or "").removeprefix("https://example.org/sub/")
            for loc in ET.parse(based / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    assert "topics/%EB%B6%81%ED%95%9C/" in locs
    feed = ET.parse(out / "topics/북한/feed.xml").getroot()
    links = [link.get("href") or "" for link in feed.iter(f"{{{ns['a']}}}link")]
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    paths = [item["path"] for kind in ("briefs", "claims", "sources", "actors", "topics", "authors")
             for item in graph[kind]]
    assert {"id": "북한", "name": "북한", "path": "topics/%EB%B6%81%ED%95%9C/"} in graph["topics"]
    records = [row[0] for shard in sorted((out / "search/data").glob("r*.json"))
               for row in json.loads(shard.read_text(encoding="utf-8"))]
    for path in (*locs, *paths, *records):
        assert path.isascii() and sitecheck.target_file(out, unquote(path)), path
    for href in links:
        assert href.isascii() and sitecheck.target_file(out, unquote(urljoin("topics/%EB%B6%81%ED%95%9C/feed.xml",
                                                                              href))), href


def test_the_site_works_from_a_static_host_under_a_sub_path(built: tuple[Path, Path]) -> None:
    """Every link of a few pages, fetched over HTTP as a browser sends it (Python's server decodes UTF-8 paths)."""
    _site, out = built
    with static_server(out.parent) as host:
        root = f"{host}sub/"
        pages = ["", "topics/%EB%B6%81%ED%95%9C/", "briefs/%D8%A7%D9%84%D8%B4%D8%B1%D9%82-%D8%A7%D9%84%D8%A3"
                 "%D9%88%D8%B3%D8%B7/", "authors/", "claims/%EB%B6%81%ED%95%9C-%ED%95%B5-%EB%B3%B4%EC%9C%A0/"]
        fetched = 0
        for page in pages:
            url = root + page
            assert _status(url) == 200, url
            for href in {href for p, href in _hrefs(out) if p == out / unquote(page) / "index.html"}:
                target = urljoin(url, href)
                if urlsplit(target).netloc == urlsplit(root).netloc:
                    assert _status(target.split("#")[0]) == 200, (page, href)
                    fetched += 1
        assert fetched > 50


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_an_author_named_in_any_script_builds_where_it_crashed(scratch_site) -> None:  # type: ignore[no-untyped-def]
    """Authors in Cyrillic, Arabic or Chinese once crashed build with a KeyError while check said 0 errors."""
    site = scratch_site({"content/briefs/a.md": "---\ntitle: T\ndate: 2020-01-02\nsummary: S.\n"
                                                "authors: [Иван Иванов, أحمد, 李雷, 🎉]\n---\nBody.\n"})
    _graph, problems = check(site, BuildOptions())
    assert not [p for p in problems if p.is_error]
    assert main(["build", str(site), "-q"]) == 0
    byline = parse_html(site / "output/briefs/a/index.html").find(".//span[@class='authors']")
    assert byline is not None
    assert [a.text for a in byline.iter("a")] == ["Иван Иванов", "أحمد", "李雷", "🎉"]
    assert all(a.get("dir") == "auto" for a in byline.iter("a"))


@pytest.mark.parametrize(("front", "message"), [
    ("slug: 북한 비핵화\n", "brief slug '북한 비핵화' must be lower-case letters and digits joined by '-'"),
    ("slug: ../북한\n", "brief slug '../북한' must be lower-case letters and digits joined by '-'"),
    ("slug: Россия\n", "brief slug 'Россия' must be lower-case letters and digits joined by '-' (try 'россия')"),
    ("claims:\n  - id: 북한.핵\n    text: X\n",
     "claim id '북한.핵' must be lower-case letters and digits joined by '-' (try '북한-핵')"),
    ("claims:\n  - id: 🎉\n    text: X\n", "claim id '🎉' must be lower-case letters and digits joined by '-'"),
])
def test_ids_that_are_not_slugs_are_refused_by_check_and_build_alike(  # type: ignore[no-untyped-def]
        front: str, message: str, scratch_site) -> None:
    site = scratch_site({"content/briefs/a.md": f"---\ntitle: T\ndate: 2020-01-02\nsummary: S.\n{front}---\nB.\n"})
    _graph, problems = check(site, BuildOptions())
    assert any(message in p.format() for p in problems if p.is_error), [p.format() for p in problems]
    assert main(["build", str(site), "-q"]) == 1
    assert not (site / "output").exists()


NAMES = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=24).filter(str.strip)
FILE_NAMES = NAMES.filter(lambda n: "/" not in n and "\x00" not in n and not n.startswith(".")
                          and len(n.encode()) < 200 and n.strip() == n)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stem=FILE_NAMES, topics=st.lists(NAMES, max_size=4), authors=st.lists(NAMES, max_size=3),
       claim=NAMES)
def test_any_names_check_and_build_agree(stem: str, topics: list[str], authors: list[str], claim: str) -> None:
    """Whatever build refuses, check reports: names of any characters as file name, topics, authors, ids."""
    front = {"title": "T", "date": "2020-01-02", "summary": "S.", "topics": topics, "authors": authors,
             "claims": [{"id": claim, "text": "X."}]}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        (site / "content/briefs").mkdir(parents=True)
        try:
            (site / "content/briefs" / f"{stem}.md").write_text(
                "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\nBody.\n", encoding="utf-8")
        except (OSError, UnicodeEncodeError):
            return  # a name this file system cannot hold
        _graph, problems = check(site, BuildOptions())
        errors = [p.format() for p in problems if p.is_error]
        try:
            build(site, BuildOptions(output=Path(tmp) / "out"))
        except BuildFailed as failed:
            assert errors, [p.format() for p in failed.problems]
            assert [p.format() for p in failed.problems if p.is_error] == errors
        else:
            assert not errors
            assert sitecheck.broken_links(Path(tmp) / "out") == []
