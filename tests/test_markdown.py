from __future__ import annotations

import html5lib
import pytest

from briefgen.load.markdown import make_markdown, render_body

PAGE = "briefs/b/"


@pytest.fixture(scope="module")
def md():
    return make_markdown()


def test_citations_are_numbered_by_first_appearance(md) -> None:
    body = render_body(md, "One [@b]. Two [@a; @b]. Three [@a, p. 4].", PAGE)
    assert body.citation_order == ("b", "a")
    assert [anchor for _s, anchor in body.citations] == ["cite-b-1", "cite-a-1", "cite-b-2", "cite-a-2"]
    assert 'href="#source-b"' in body.html and ">1</a>" in body.html and ">2, p. 4</a>" in body.html


def test_a_link_whose_text_starts_with_at_is_not_a_citation(md) -> None:
    body = render_body(md, "[@handle](https://example.org)", PAGE)
    assert body.citation_order == ()
    assert 'href="https://example.org"' in body.html


def test_claim_passage_becomes_a_marked_link(md) -> None:
    body = render_body(md, "Before [the *words* here]{claim=my-claim} after.", PAGE)
    assert body.passages == (("my-claim", "passage-my-claim-1", "the words here"),)
    assert '<mark class="claim-passage" id="passage-my-claim-1"' in body.html
    assert 'href="../../claims/my-claim/"' in body.html


def test_cross_links_become_relative_links(md) -> None:
    text = "[a](brief:other) [b](claim:c1) [c](source:s1) [d](actor:x) [e](<topic:North Korea>)"
    body = render_body(md, text, PAGE)
    for href in ("../other/", "../../claims/c1/", "../../sources/s1/", "../../actors/x/",
                 "../../topics/north-korea/"):
        assert f'href="{href}"' in body.html
    assert [(r.kind, r.target) for r in body.refs] == [
        ("brief", "other"), ("claim", "c1"), ("source", "s1"), ("actor", "x"), ("topic", "north-korea")]


def test_refs_carry_body_line_and_column(md) -> None:
    body = render_body(md, "First line.\n\nSecond para\nwith [@src] here.", PAGE)
    (ref,) = body.refs
    assert (ref.line, ref.col) == (3, 6)


def test_raw_html_is_shown_as_text(md) -> None:
    body = render_body(md, "<script>alert(1)</script>\n\nHi <b onclick=x>there</b>", PAGE)
    assert "<script>" not in body.html and "&lt;script&gt;" in body.html
    assert "<b " not in body.html


def test_unsafe_link_schemes_are_not_links(md) -> None:
    for url in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:x", "data:text/html,<script>"):
        body = render_body(md, f"[x]({url})", PAGE)
        assert "href" not in body.html, url


@pytest.mark.parametrize("text", ["[x]{onclick=alert style=color:red}", "[x](https://a.org){onmouseover=y}",
                                  "*x*{onfocus=y autofocus=true}", "[x]{claim=c onclick=y}"])
def test_attributes_other_than_claim_are_dropped(md, text: str) -> None:
    html = render_body(md, text, PAGE).html
    tree = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    for element in tree.iter():
        assert not [name for name in element.attrib if name.startswith("on") or name in ("style", "autofocus")]


def test_allow_html_sanitizes() -> None:
    md = make_markdown(allow_html=True)
    body = render_body(md, 'Hi <b onclick="x()">there</b><script>alert(1)</script> [@s]', PAGE)
    assert "<b>there</b>" in body.html
    assert "onclick" not in body.html and "<script" not in body.html
    assert 'class="cite"' in body.html and 'href="#source-s"' in body.html


def test_footnotes_tables_and_heading_anchors(md) -> None:
    text = "## A heading\n\nText[^1].\n\n[^1]: A note.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    html = render_body(md, text, PAGE).html
    assert '<h2 id="a-heading">' in html
    assert "<table>" in html
    assert "footnote" in html
