"""briefgen import DIR: whole Hugo, Jekyll and Eleventy folders, imported into a new site and built."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from briefgen.cli import main
from briefgen.engine import BuildOptions, check
from tests.conftest import parse_html, write_site
from tests.import_corpus import hugo_corpus, jekyll_corpus
from tests.import_sites import (
    ELEVENTY,
    ELEVENTY_POSTS,
    ELEVENTY_UNCONVERTED,
    HUGO,
    HUGO_POSTS,
    HUGO_UNCONVERTED,
    JEKYLL,
    JEKYLL_POSTS,
    JEKYLL_UNCONVERTED,
)
from tests.linkcheck import broken_links

WARNING = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): warning: ", re.MULTILINE)
SUMMARY = re.compile(r"^imported (?P<done>[\d,]+) of (?P<all>[\d,]+) (?P<kind>\w+) posts .*?; "
                     r"(?P<refused>[\d,]+) refused", re.MULTILINE)


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def _import(capsys: pytest.CaptureFixture[str], old: Path, site: Path, *extra: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["import", str(old), str(site), *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    assert main(["init", str(root), "-q"]) == 0
    return root


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def _brief_page(site: Path, slug: str):
    return parse_html(site / "output" / "briefs" / slug / "index.html")


def _links_to(site: Path, slug: str) -> set[str]:
    """The brief pages a brief's body links to, as slugs."""
    body = _brief_page(site, slug).find(".//div[@class='prose brief-body']")
    found = set()
    for link in body.iter("a"):
        target = urlsplit(urljoin(f"https://x.org/briefs/{slug}/", link.get("href", ""))).path
        if target.startswith("/briefs/"):
            found.add(target.split("/")[2])
    return found


def _redirects_to(site: Path, alias: str) -> str:
    """The brief slug the redirect page at site path `alias` sends readers to (and that page exists)."""
    file = site / "output" / (alias + "index.html" if alias.endswith("/") else alias)
    refresh = parse_html(file).find(".//meta[@http-equiv='refresh']").get("content")
    target = urlsplit(urljoin(f"https://x.org/{alias}", refresh.split("url=", 1)[1])).path
    assert (site / "output" / unquote(target).lstrip("/") / "index.html").is_file()
    return target.split("/")[2]


def _assert_builds_clean(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for drafts in ([], ["--drafts"]):
        _graph, problems = check(site, BuildOptions(drafts=bool(drafts)))
        assert not [p.format() for p in problems if p.is_error]
        capsys.readouterr()
        assert main(["build", str(site), "-q", *drafts]) == 0
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err and "error:" not in err


def _warnings(err: str, old: Path) -> set[tuple[str, int]]:
    return {(Path(m["path"]).relative_to(old).as_posix(), int(m["line"])) for m in WARNING.finditer(err)}


def test_a_hugo_site(tmp_path: Path, site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _write(tmp_path / "old-hugo", HUGO)
    code, out, err = _import(capsys, old, site)
    assert code == 0
    summary = SUMMARY.search(out)
    assert summary and (summary["done"], summary["all"], summary["kind"], summary["refused"]) == \
        (str(HUGO_POSTS), str(HUGO_POSTS), "Hugo", "0")
    assert _warnings(err, old) == HUGO_UNCONVERTED  # one warning per piece kept as text, at its line
    assert "first-look.md:26: note: raw HTML is kept" in err
    assert "skipped 2 files that are not posts" in out

    briefs = site / "content" / "briefs"
    first = _front(briefs / "posts" / "first-look.md")
    assert first["title"] == "Sanctions: a first look"
    assert str(first["date"]).startswith("2015-06-29 01:00:19")  # the time and zone kept (-04:00)
    assert first["topics"] == ["sanctions", "North Korea", "policy"]
    assert first["summary"] == "Why sanctions fail, in brief."
    assert first["aliases"] == ["/2015/06/first-look/", "/posts/old-first"]  # a relative alias is from its section
    assert "draft" not in first
    assert "#   weight: 5" in (briefs / "posts" / "first-look.md").read_text()  # kept as a comment, not dropped
    korea = _front(briefs / "posts" / "korea-policy.md")  # a page bundle, its slug percent-decoded
    assert korea["title"] == "북한 정책 브리핑" and str(korea["date"]).startswith("2010-10-22 11:33:15")
    assert _front(briefs / "news" / "draft-note.md")["draft"] is True
    assert str(_front(briefs / "posts" / "only-a-file-date.md")["date"]) == "2019-03-01"
    assert (site / "static" / "briefs" / "korea-policy" / "cover.jpg").is_file()  # the bundle's resource

    _assert_builds_clean(site, capsys)
    assert _links_to(site, "first-look") == {"korea-policy", "second"}
    assert _links_to(site, "second") == {"first-look"}
    assert (site / "output" / "briefs" / "korea-policy" / "cover.jpg").is_file()
    assert _redirects_to(site, "2015/06/first-look/") == "first-look"
    assert _redirects_to(site, "posts/old-first/") == "first-look"
    page = _brief_page(site, "first-look")
    body = "".join(page.find(".//div[@class='prose brief-body']").itertext())
    assert "{{< tweet 12345 >}}" in body  # kept as text, and warned about
    assert '{{< ref "shown-literally" >}} is how Hugo shows a shortcode.' in body
    assert page.find(".//pre/code[@class='language-go']") is not None
    # Root-relative links made relative, so they work from a sub-path (once the file is copied to static/).
    assert page.find(".//img[@src='../../images/map.png']").get("alt") == "The border, 2015"
    assert "<script>" in body and page.find(".//script[@class]") is None  # raw HTML shown as text
    korea_body = "".join(_brief_page(site, "korea-policy").itertext())
    assert "[@someone]" in korea_body  # not taken for a citation


def test_a_jekyll_site(tmp_path: Path, site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _write(tmp_path / "old-jekyll", JEKYLL)
    code, out, err = _import(capsys, old, site)
    assert code == 0
    summary = SUMMARY.search(out)
    assert summary and (summary["done"], summary["kind"], summary["refused"]) == (str(JEKYLL_POSTS), "Jekyll", "0")
    assert _warnings(err, old) == JEKYLL_UNCONVERTED
    briefs = site / "content" / "briefs"
    hello = _front(briefs / "hello-world.md")
    assert str(hello["date"]) == "2014-09-25"  # the file name's date
    assert hello["topics"] == ["sanctions", "diplomacy", "policy"]  # Jekyll splits a string of tags at spaces
    assert hello["summary"] == "An excerpt & more."
    assert hello["aliases"] == ["/2014/09/hello.html", "/old/hello/"]
    news = _front(briefs / "news" / "news-item.md")
    assert news["authors"] == ["Ann Analyst"] and news["topics"] == ["news"]  # the folder above _posts
    assert _front(briefs / "unfinished.md")["draft"] is True  # from _drafts/
    assert _front(briefs / "unpublished.md")["draft"] is True  # published: false
    assert _front(briefs / "arabic.md")["title"] == "العقوبات والدبلوماسية"

    _assert_builds_clean(site, capsys)
    assert _links_to(site, "hello-world") == {"second"}
    assert _links_to(site, "second") == {"hello-world"}
    assert _redirects_to(site, "2014/09/hello.html") == "hello-world"
    assert _redirects_to(site, "old/hello/") == "hello-world"
    page = _brief_page(site, "hello-world")
    body = "".join(page.find(".//div[@class='prose brief-body']").itertext())
    assert "Use {{ page.title }} in a template." in body  # {% raw %}: its text, as Jekyll shows it
    assert "{% if page.comments %}" in body and "hidden" not in body
    assert page.find(".//pre/code[@class='language-ruby']") is not None
    assert page.find(".//img[@alt='Map of the border']").get("src") == "../../assets/map.png"
    news_page = "".join(_brief_page(site, "news-item").find(".//div[@class='prose brief-body']").itertext())
    assert "{:" not in news_page and "TOC" not in news_page


def test_an_eleventy_site(tmp_path: Path, site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _write(tmp_path / "old-eleventy", ELEVENTY)
    code, out, err = _import(capsys, old, site)
    assert code == 0
    summary = SUMMARY.search(out)
    assert summary and (summary["done"], summary["kind"]) == (str(ELEVENTY_POSTS), "Eleventy")
    assert _warnings(err, old) == ELEVENTY_UNCONVERTED
    briefs = site / "content" / "briefs" / "posts"  # from src/, Eleventy's input folder
    first = _front(briefs / "first-post.md")
    assert first["title"] == "Первый пост" and str(first["date"]) == "2020-03-04"
    assert first["topics"] == ["sanctions"]  # 'posts' names an Eleventy collection, kept as a comment
    assert "#   tags: posts (an Eleventy collection)" in (briefs / "first-post.md").read_text()
    assert "permalink: /blog/{{ page.fileSlug }}/" in (briefs / "first-post.md").read_text()
    assert _front(briefs / "second.md")["aliases"] == ["/old/second.html"]
    _assert_builds_clean(site, capsys)
    assert _links_to(site, "second") == {"first-post"}
    assert _redirects_to(site, "old/second.html") == "second"
    assert _brief_page(site, "emoji").find(".//h1").text == "Sanctions 🚀 now"


def test_refused_files_are_named_with_the_reason_and_the_rest_imports(tmp_path: Path, site: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    broken = '---\ntitle: "Broken: quote\ndate: 2016-01-01\n---\nx\n'
    old = _write(tmp_path / "old", {"_config.yml": "title: x\n", "_posts/2016-01-01-bad.md": broken,
                                    "_posts/2017-01-01-no-front-matter.md": "Jekyll copies me as I am.\n",
                                    "_posts/2018-01-01-good.md": "---\ntitle: Good\n---\nFine.\n"})
    (old / "_posts" / "2019-01-01-latin1.md").write_bytes(b"---\ntitle: caf\xe9\n---\n")
    code, out, err = _import(capsys, old, site)
    assert code == 1
    summary = SUMMARY.search(out)
    assert summary and (summary["done"], summary["all"], summary["refused"]) == ("1", "4", "3")
    refused = [line for line in err.splitlines() if ": error: not imported: " in line]
    assert len(refused) == 3
    assert any("2016-01-01-bad.md:3: error: not imported: the front matter is invalid" in line for line in refused)
    assert any("latin1.md:2:" in line and "not UTF-8" in line for line in refused)
    assert any("no-front-matter.md: error: not imported: it has no front matter" in line for line in refused)
    _assert_builds_clean(site, capsys)
    # A second import brings nothing twice: each post already imported is named as such.
    code, _out, err = _import(capsys, old, site)
    assert "already imported, as content/briefs/good.md" in err
    assert sorted(p.name for p in (site / "content" / "briefs").iterdir()) == ["good.md", "welcome.md"]


def test_slugs_stay_unique_and_nothing_is_overwritten(tmp_path: Path, site: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    welcome = (site / "content" / "briefs" / "welcome.md").read_text()
    old = _write(tmp_path / "old", {"a/welcome.md": "---\ntitle: Welcome again\ndate: 2020-01-01\n---\nA.\n",
                                    "b/welcome.md": "---\ntitle: And again\ndate: 2020-01-02\n---\nB.\n",
                                    "c/post.md": "---\ntitle: Same old address\ndate: 2020-01-03\n"
                                                 "aliases: [/a/welcome/, /topics/x/]\n---\nC.\n",
                                    "d/post2.md": "---\ntitle: D\ndate: 2020-01-04\naliases: [/A/Welcome/]\n---\nD.\n"})
    code, _out, err = _import(capsys, old, site)
    assert code == 0, err
    assert (site / "content" / "briefs" / "welcome.md").read_text() == welcome
    slugs = {_front(p).get("title"): p.stem for p in (site / "content" / "briefs").rglob("*.md")}
    assert slugs["Welcome again"] == "welcome-2" and slugs["And again"] == "welcome-3"
    assert "old address '/A/Welcome/' is also given by" in err  # the same file on a case-blind disk
    assert "old address '/topics/x/' is in briefgen's own /topics/" in err
    _assert_builds_clean(site, capsys)


def test_raw_html_is_kept_and_sanitized_once_the_site_allows_it(tmp_path: Path, site: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    old = _write(tmp_path / "old-hugo", HUGO)
    _import(capsys, old, site)
    assert "allow_html" not in (site / "briefgen.yaml").read_text()  # import sets nothing by itself
    config = site / "briefgen.yaml"
    config.write_text(config.read_text() + "\nallow_html: true\n")
    _assert_builds_clean(site, capsys)
    body = _brief_page(site, "first-look").find(".//div[@class='prose brief-body']")
    note = body.find(".//div[@class='note']")
    assert note is not None and note.find("b").text == "HTML"  # kept
    assert note.get("onclick") is None and body.find(".//script") is None  # sanitized by nh3
    assert all(not (a.get("href") or "").startswith("javascript:") for a in body.iter("a"))


def test_dry_run_writes_nothing(tmp_path: Path, site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _write(tmp_path / "old-jekyll", JEKYLL)
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    code, out, _err = _import(capsys, old, site, "--dry-run")
    assert code == 0 and out.startswith(f"would import {JEKYLL_POSTS} of {JEKYLL_POSTS}")
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before


def test_skeletons_are_drafts_with_placeholders_unique_to_each_brief(tmp_path: Path, site: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    old = _write(tmp_path / "old", {f"posts/p{i}.md": f"---\ntitle: Post {i}\ndate: 2020-01-0{i}\n---\n"
                                                       "The minister said:\n\nWe will not move.\n" for i in (1, 2)})
    code, _out, err = _import(capsys, old, site, "--skeletons")
    assert code == 0, err
    ids = []
    for i in (1, 2):
        front = _front(site / "content" / "briefs" / "posts" / f"p{i}.md")
        assert front["draft"] is True
        ids += [c["id"] for c in front["claims"]] + [s["id"] for s in front["sources"]]
    assert ids == ["p1-main-claim", "p1-quote-1", "p2-main-claim", "p2-quote-1"]
    _assert_builds_clean(site, capsys)
    claim = parse_html(site / "output" / "claims" / "p1-main-claim" / "index.html")
    assert claim is not None and not (site / "output" / "claims" / "main-claim").exists()


def test_usage_errors(tmp_path: Path, site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _write(tmp_path / "old", {"x.md": "---\ntitle: X\n---\n"})
    assert main(["import", str(old), str(site), "--title", "T"]) == 2
    assert main(["import", str(tmp_path / "missing"), str(site)]) == 2
    assert main(["import", str(site / "content"), str(site)]) == 2  # a site importing itself
    assert "--title and --slug name one brief" in capsys.readouterr().err


def test_symlinked_posts_are_not_followed(tmp_path: Path, site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = write_site(tmp_path / "outside", {"secret.md": "---\ntitle: Secret\ndate: 2020-01-01\n---\nS.\n"})
    old = _write(tmp_path / "old", {"posts/ok.md": "---\ntitle: OK\ndate: 2020-01-01\n---\nOK.\n"})
    (old / "posts" / "link.md").symlink_to(outside / "secret.md")
    (old / "linked-folder").symlink_to(outside, target_is_directory=True)
    code, _out, err = _import(capsys, old, site, "-v")
    assert code == 0
    assert not list((site / "content" / "briefs").rglob("secret*.md"))
    assert err.count("a symbolic link; not followed") == 2


@pytest.mark.parametrize("make,count,kind", [(hugo_corpus, 240, "Hugo"), (jekyll_corpus, 120, "Jekyll")])
def test_a_larger_site_imports_and_builds_with_one_warning_per_piece_kept(
        tmp_path: Path, site: Path, capsys: pytest.CaptureFixture[str],
        make: Callable[[Path, int], set[tuple[str, int]]], count: int, kind: str) -> None:
    old = tmp_path / "old"
    kept = make(old, count)
    code, out, err = _import(capsys, old, site)
    assert code == 0, err
    summary = SUMMARY.search(out)
    assert summary and (summary["done"], summary["all"], summary["kind"], summary["refused"]) == \
        (str(count), str(count), kind, "0")
    assert _warnings(err, old) == kept and len(kept) > 10
    for used in ("img/chart.png", "assets/x.png"):  # the old site's files its posts show, copied as the summary says
        write_site(site / "static", {used: "image"})
    _assert_builds_clean(site, capsys)
    # Every link between posts, to the old site's files and to old addresses leads to a page or file.
    assert not broken_links(site / "output")


def test_links_find_the_sites_own_briefs_but_never_a_draft_from_a_published_post(
        tmp_path: Path, site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_site(site, {"content/briefs/pending.md": "---\ntitle: Pending\ndraft: true\n---\nNot yet.\n"})
    old = _write(tmp_path / "old", {"posts/a.md": '---\ntitle: A\ndate: 2020-01-01\n---\n'
                                                  'See {{< ref "welcome" >}} and [this]({{< ref "pending" >}}).\n'})
    code, _out, err = _import(capsys, old, site)
    assert code == 0
    assert _warnings(err, old) == {("posts/a.md", 5)}
    assert "which names a draft post" in err
    _assert_builds_clean(site, capsys)
    assert _links_to(site, "a") == {"welcome"}


def test_hugo_translations_are_named_by_their_page_not_their_language(
        site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Hugo's multilingual files: `index.en.md` is a bundle's page, `post.fr.md` the page `post`."""
    post = "---\ntitle: {}\ndate: 2019-02-20\n---\nText.\n"
    old = _write(tmp_path / "old", {
        "config.toml": "title = 'x'\n",
        "content/_index.en.md": "---\ntitle: Home\n---\n",
        "content/posts/_index.en.md": "---\ntitle: Posts\n---\n",
        "content/posts/summit-notes/index.en.md": post.format("Summit notes"),
        "content/posts/summit-notes/cover.png": "png",
        "content/posts/freeze.fr.md": post.format("Le gel"),
    })
    code, out, _err = _import(capsys, old / "content", site)
    assert code == 0 and SUMMARY.search(out)["done"] == "2"  # type: ignore[index]
    briefs = site / "content" / "briefs" / "posts"
    assert sorted(p.name for p in briefs.iterdir()) == ["freeze.md", "summit-notes.md"]
    assert (site / "static" / "briefs" / "summit-notes" / "cover.png").is_file()  # the bundle's resource


def test_files_the_posts_link_to_are_copied_and_missing_ones_named(
        site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only what the posts link to leaves the old static/ folder (never the theme's files)."""
    old = _write(tmp_path / "old", {
        "config.toml": "title = 'x'\n",
        "static/images/map.png": "png",
        "static/images/fig one.png": "png",
        "static/theme/big.css": "css",
        "content/posts/a.md": "---\ntitle: A\ndate: 2019-02-20\n---\n"
                              "![map](/images/map.png) and [pdf](/files/lost.pdf)\n\n"
                              '{{< figure src="/images/fig%20one.png" caption="One" >}}\n\n[page](/about/)\n',
    })
    code, out, _err = _import(capsys, old, site)
    assert code == 0
    static = site / "static"
    assert (static / "images" / "map.png").is_file() and (static / "images" / "fig one.png").is_file()  # decoded
    assert not (static / "theme").exists()
    assert "copied 2 files the posts link to (images, documents)" in out
    # /about/ is a page, not a file:
    assert "1 file the posts link to is not in the old site (or could not be copied): /files/lost.pdf;" in out
    assert "1 page of the old site the posts link to was not imported, so that link is broken: /about/;" in out
    assert main(["build", str(site), "-q"]) == 0
    assert (site / "output" / "images" / "map.png").is_file()


def test_html_comments_never_shown_stay_hidden_and_code_keeps_its_own(
        site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _write(tmp_path / "old", {
        "config.toml": "title = 'x'\n",
        "content/posts/b.md": "---\ntitle: B\ndate: 2019-02-20\n---\nText <!-- inline note --> more.\n\n"
                              "<!--\nA hidden draft paragraph.\n-->\n\n<b>kept</b>\n\n```html\n<!-- in code -->\n```\n",
    })
    code, out, err = _import(capsys, old, site)
    assert code == 0 and "HTML comment dropped (it never showed) 2" in out
    assert "b.md:11: note: raw HTML is kept" in err and err.count("raw HTML is kept") == 1  # <b>, not the comments
    assert main(["build", str(site), "-q"]) == 0
    page = parse_html(site / "output" / "briefs" / "b" / "index.html")
    text = "".join(next(e for e in page.iter("div") if "brief-body" in (e.get("class") or "")).itertext())
    assert "inline note" not in text and "hidden draft" not in text
    assert "<!-- in code -->" in text  # code shows what it says


def test_raw_inside_a_jekyll_highlight_leaves_only_the_code(
        site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _write(tmp_path / "old", {
        "_config.yml": "title: x\n",
        "_posts/2019-02-20-tags.md": "---\ntitle: Tags\n---\n{% highlight liquid %}\n{% raw %}\n"
                                     "{{ page.title | upcase }}\n{% endraw %}\n{% endhighlight %}\n",
    })
    code, out, _err = _import(capsys, old, site)
    assert code == 0 and "Liquid raw -> its text 1" in out
    body = (site / "content" / "briefs" / "tags.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body.strip() == "```liquid\n{{ page.title | upcase }}\n```"


def test_a_linked_file_that_cannot_be_copied_is_named_not_a_traceback(
        site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = "---\ntitle: A\ndate: 2019-02-20\n---\n![m](/images/map.png)\n"
    old = _write(tmp_path / "old", {"config.toml": "title = 'x'\n", "static/images/map.png": "png",
                                    "content/posts/a.md": post})
    (site / "static").mkdir(exist_ok=True)
    (site / "static" / "images").write_text("a file where the folder must go", encoding="utf-8")
    code, out, _err = _import(capsys, old, site)
    assert code == 0 and "(or could not be copied): /images/map.png;" in out
