"""`briefgen check --quotes`: every quotation looked for in its source, from the archive or the web."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.engine import BuildOptions, check
from briefgen.evidence.quotes import quotations
from briefgen.load.files import load_brief
from briefgen.load.markdown import make_markdown
from tests.conftest import parse_html, write_site
from tests.pageserver import Page, PageServer, serving_pages


@pytest.fixture
def page_server() -> Iterator[PageServer]:
    with serving_pages() as server:
        yield server


# The source page, written here: a news article in its site's clutter, one paragraph in Korean.
ARTICLE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>U.S. officials prepare for Hanoi | Example Daily</title>
<script>window.analytics = {"page": "article"};</script></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe</a></nav></header>
<main><article>
<h1>U.S. officials prepare for the second summit with Kim</h1>
<p class="byline">By A. Reporter</p>
<p>One of the officials said the U.S. hopes to make rapid progress toward Kim’s regime giving up its nuclear
arsenal, rather than incremental steps, and that the U.S. seeks a declaration providing a full accounting of
North Korea’s nuclear forces and facilities — a move that analysts say is necessary in order to verify any
steps the country takes to disarm.</p>
<p>Hawks such as Bolton have fiercely opposed this “step-by-step” process in favor of maintaining maximum
pressure through economic sanctions that would, in theory, force a better deal by eroding North Korea’s
resolve.</p>
<p>Bolton has fretted privately that Biegun’s team is too eager for a deal, and he continues to believe the
negotiations will fail, according to people familiar with the deliberations.</p>
<p>한 관계자는 “북한은 핵무기를 포기하지 않을 것”이라고 말했다.</p>
</article>
<aside><h2>Most read</h2><ul><li><a href="/x">Ten things to know</a></li></ul></aside></main>
<footer>© 2019 Example Daily</footer></body></html>
"""
ALTERED = "would, in practice, force a better deal"
HAWKS = ('Hawks such as Bolton have fiercely opposed this "step-by-step" process in favor of maintaining maximum '
         "pressure through economic sanctions that")
"""One line of the brief, long as a paragraph written in an editor that wraps it."""
BRIEF = """---
title: Disarmament is not going to happen
date: 2019-02-20
summary: A brief that quotes its source.
claims:
  - id: nk-will-not-disarm
    text: North Korea will not give up its nuclear arsenal.
    sources: [report]
  - id: talks-will-fail
    text: The talks will fail.
    sources: [report]
sources:
  - id: report
    title: U.S. officials prepare for the second summit
    publisher: Example Daily
    kind: news
    url: {url}
    accessed: 2019-02-21
---
The administration still doesn’t understand that North Korean disarmament isn’t going to happen:

> "One of the officials said the U.S. hopes to make rapid progress toward Kim's
> regime giving up its nuclear arsenal, rather than incremental steps ... a move that
> analysts say is necessary" [@report]

There is sharp disagreement inside the administration:

> {hawks} {altered}. [@report]
>
> — Example Daily

Even the national security adviser, the report says, [continues to believe the
negotiations will fail]{{claim=talks-will-fail .quote}}, and an official put it plainly:
[북한은 핵무기를 포기하지 않을 것]{{claim=nk-will-not-disarm .quote}} [@report].
"""
ALLOW = ("--allow-host", "127.0.0.1", "--delay", "0")


def _site(tmp_path: Path, url: str) -> Path:
    return write_site(tmp_path / "site", {"content/briefs/hanoi.md": BRIEF.format(url=url, hawks=HAWKS,
                                                                                  altered=ALTERED)})


def _check(site: Path, *options: str) -> tuple[int, list[dict[str, object]], str]:
    return _run(["check", str(site), "--quotes", "--format", "json", *options])


def _run(argv: list[str]) -> tuple[int, list[dict[str, object]], str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, json.loads(out.getvalue()), err.getvalue()


def _where(site: Path, needle: str) -> tuple[int, int]:
    for number, line in enumerate((site / "content/briefs/hanoi.md").read_text().split("\n"), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


def _quote_problems(problems: list[dict[str, object]]) -> list[dict[str, object]]:
    return [p for p in problems if str(p["code"]).startswith("quote-")]


def test_true_quotations_are_found_in_the_archived_page_and_an_altered_one_is_placed(
        tmp_path: Path, page_server: PageServer, capsys: pytest.CaptureFixture[str]) -> None:
    page_server.pages["/2019/02/summit.html"] = Page(ARTICLE.encode())
    site = _site(tmp_path, page_server.url("/2019/02/summit.html"))
    assert main(["archive", str(site), *ALLOW, "-q"]) == 0
    page_server.pages.clear()  # the page is gone from the web: the snapshot must do
    page_server.requests.clear()
    code, problems, err = _check(site, "--offline")
    assert page_server.requests == []
    [problem] = _quote_problems(problems)
    assert code == 1 and problem["severity"] == "error" and problem["code"] == "quote-not-found"
    assert (problem["line"], problem["column"]) == _where(site, "Hawks such as Bolton")
    assert "source 'report' (archived " in str(problem["message"])
    hint = str(problem["hint"])
    assert "closest passage, 9" in hint and "in theory, force a better deal" in hint
    assert "the quotation has “in practice, force” where the source has “in theory, force”" in hint
    assert "quotations: 3 found in their sources, 1 not found, 0 not checked" in err


def test_without_a_snapshot_the_page_is_fetched_and_nothing_is_written(tmp_path: Path,
                                                                       page_server: PageServer) -> None:
    page_server.pages["/summit"] = Page(ARTICLE.encode())
    site = _site(tmp_path, page_server.url("/summit"))
    before = sorted(p for p in site.rglob("*"))
    code, problems, err = _check(site, *ALLOW)
    assert page_server.paths() == ["/summit"]  # once, for the four quotations
    assert code == 1 and len(_quote_problems(problems)) == 1
    assert "3 found in their sources, 1 not found" in err
    assert sorted(p for p in site.rglob("*") if ".briefgen-cache" not in p.parts) == \
        [p for p in before if ".briefgen-cache" not in p.parts]


def test_the_corrected_quotation_passes(tmp_path: Path, page_server: PageServer) -> None:
    page_server.pages["/summit"] = Page(ARTICLE.encode())
    site = _site(tmp_path, page_server.url("/summit"))
    brief = site / "content/briefs/hanoi.md"
    brief.write_text(brief.read_text().replace(ALTERED, "would, in theory, force a better deal"))
    code, problems, err = _check(site, *ALLOW)
    assert code == 0 and _quote_problems(problems) == []
    assert "4 found in their sources, 0 not found, 0 not checked" in err


def test_an_unreachable_source_is_a_warning_per_quotation(tmp_path: Path, page_server: PageServer) -> None:
    site = _site(tmp_path, page_server.url("/missing"))
    code, problems, err = _check(site, *ALLOW)
    found = _quote_problems(problems)
    assert code == 0 and len(found) == 4
    assert {p["severity"] for p in found} == {"warning"} and {p["code"] for p in found} == {"quote-unchecked"}
    assert all("HTTP 404" in str(p["message"]) for p in found)
    assert "0 found in their sources, 0 not found, 4 not checked" in err
    assert _check(site, *ALLOW, "--strict")[0] == 1
    code, problems, _err = _check(site)  # 127.0.0.1 not allowed: refused, nothing sent
    assert code == 0 and all("private or local" in str(p["message"]) for p in _quote_problems(problems))
    assert page_server.paths() == ["/missing", "/missing"]


def test_quotations_are_blockquotes_with_a_citation_and_spans_marked_quote(tmp_path: Path) -> None:
    site = _site(tmp_path, "https://example.org/a")
    doc = load_brief(site / "content/briefs/hanoi.md", "content/briefs/hanoi.md")
    assert not isinstance(doc, type(None))
    found = quotations(doc, make_markdown())  # type: ignore[arg-type]
    assert [(q.kind, q.claim, q.sources) for q in found] == [
        ("blockquote", "", ("report",)), ("blockquote", "", ("report",)),
        ("passage", "talks-will-fail", ()), ("passage", "nk-will-not-disarm", ("report",))]
    assert found[0].text.startswith('"One of the officials') and "\n" in found[0].text
    assert "Example Daily" not in found[1].text  # the attribution line is not part of the quotation
    assert found[2].text == "continues to believe the\nnegotiations will fail"
    assert found[0].place(0) == _where(site, '"One of the officials')
    assert found[2].place(found[2].text.index("negotiations")) == _where(site, "negotiations will fail")


def test_a_quote_mark_never_reaches_the_page(tmp_path: Path) -> None:
    site = _site(tmp_path, "https://example.org/a")
    assert main(["build", str(site), "-q"]) == 0
    page = parse_html(site / "output/briefs/hanoi/index.html")
    marks = page.findall(".//mark[@class='claim-passage']")
    assert [m.get("data-claim") for m in marks] == ["talks-will-fail", "nk-will-not-disarm"]
    assert not [e for e in page.iter() if "quote" in (e.get("class") or "").split()]


def test_the_example_site_claims_no_archive_of_the_article_it_quotes(example_site: Path) -> None:
    graph, _problems = check(example_site, BuildOptions())
    assert graph is not None
    report = graph.sources["wapo-hanoi-prep"]
    assert (report.url, report.archived_url, report.accessed) == ("", "", "")
    code, problems, err = _run(["check", str(example_site), "--quotes", "--format", "json"])
    quoted = _quote_problems(problems)
    assert code == 0 and len(quoted) == 2  # its two blockquotes, which cannot be checked: no URL, no copy
    assert all("has no url or archived_url" in str(p["message"]) for p in quoted)
    assert "0 found in their sources, 0 not found, 2 not checked" in err


def test_what_quotes_nothing_or_cites_an_unknown_source_is_left_to_check(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"content/briefs/a.md": (
        "---\ntitle: A\ndate: 2020-01-02\nsummary: S.\nsources:\n  - id: s\n    title: S\n---\n"
        "> [@s]\n\n> Words of nobody. [@nobody]\n\n> Words of S. [@s]\n")})
    code, problems, err = _check(site, "--offline")
    assert code == 1  # the unknown id is check's error
    assert [p["line"] for p in problems if p["severity"] == "error"] == [11]
    quoted = _quote_problems(problems)
    assert [(p["line"], p["code"]) for p in quoted] == [(13, "quote-unchecked")]
    assert "0 found in their sources, 0 not found, 1 not checked" in err
