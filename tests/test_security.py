"""Hostile content: known filter-evasion payloads in every user-facing field must come out inert.

The output is parsed as a browser would (html5lib) and searched for script elements,
event-handler attributes and javascript:/vbscript:/data: URLs that did not come from the theme.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import parse_html, write_site

from briefgen.engine import BuildOptions, build, check
from briefgen.sanitize import is_safe_link

PAYLOADS = [
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "</SCRIPT ><script>alert(1)//",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<<SCRIPT>alert('XSS');//<</SCRIPT>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>",
    '<img src="jav&#x09;ascript:alert(1)">',
    '<a href=" &#14;javascript:alert(1)">x</a>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JAVASCRIPT&colon;alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:text/html,<script>alert(1)</script>">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<!--<script>alert(1)</script>-->",
    "<base href=javascript:alert(1)//>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "{{ 7*7 }} {% raw %}",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]

MARKDOWN_PAYLOADS = [
    "[a](javascript:alert(1))",
    "[b](JaVaScRiPt:alert(1))",
    "[c](java&#115;cript:alert(1))",
    "[d](&#x6A;avascript:alert(1))",
    "[e](<java\tscript:alert(1)>)",
    "[f](<\x01javascript:alert(1)>)",
    "[g](vbscript:msgbox(1))",
    "[h](data:text/html,<script>alert(1)</script>)",
    "[i](data:image/png;base64,iVBORw0KGgo=)",
    "![j](javascript:alert(1))",
    "![k](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<javascript:alert(1)>",
    "[l][evil]\n\n[evil]: javascript:alert(1)",
    '[m](https://example.org/ "title\\" onmouseover=\\"alert(1)")',
    "[n]{onclick=alert(1)}",
    "[o]{claim=claim-1 onclick=alert(1)}",
    '[p]{claim="claim-1" style="x" onmouseover="alert(1)"}',
    "## Heading {onclick=alert(1)}",
    "[q](#\" onclick=\"alert(1))",
    '<a href="https://example.org" onclick="alert(1)">r</a>',
]

HOSTILE_URL = 'https://example.org/?q="><script>alert(1)</script>'
DANGEROUS_SCHEMES = ("javascript", "vbscript", "data")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "cite",
                  "srcset", "longdesc", "ping"}
FORBIDDEN_ELEMENTS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text)


def hostile_site(root: Path, allow_html: bool) -> Path:
    files: dict[str, str] = {
        "briefgen.yaml": f"title: {_q(PAYLOADS[1])}\ndescription: {_q(PAYLOADS[3])}\n"
                         f"copyright: {_q(PAYLOADS[4])}\nallow_html: {str(allow_html).lower()}\n",
    }
    actors, authors = [], []
    for i, payload in enumerate(PAYLOADS):
        actors.append(f"- id: actor-{i}\n  name: {_q(payload)}\n  role: {_q(payload)}\n  url: {_q(HOSTILE_URL)}\n")
        authors.append(f"- id: author-{i}\n  name: {_q('A ' + payload)}\n  bio: {_q(payload)}\n"
                       f"  url: {_q(HOSTILE_URL)}\n")
        files[f"content/briefs/brief-{i}.md"] = f"""---
title: {_q(payload)}
date: 2020-01-{i % 28 + 1:02d}
summary: {_q(payload)}
authors: [{_q('A ' + payload)}]
topics: [{_q('topic ' + payload)}]
claims:
  - id: claim-{i}
    text: {_q(payload)}
    sources: [source-{i}]
counterclaims:
  - id: counter-{i}
    text: {_q(payload)}
    opposes: claim-{i}
    held_by: [actor-{i}]
    rebuttal: {_q(payload + " [@source-" + str(i) + "] " + MARKDOWN_PAYLOADS[i % len(MARKDOWN_PAYLOADS)])}
sources:
  - id: source-{i}
    title: {_q(payload)}
    publisher: {_q(payload)}
    note: {_q(payload)}
    url: {_q(HOSTILE_URL)}
    authors: [{_q(payload)}]
---
{payload}

[{payload}]{{claim=claim-{i}}} and [@source-{i}] and [{payload}](claim:claim-{i}).

- {payload}

> {payload}

| {payload} |
| --- |
| {payload} |
"""
    files["content/actors.yaml"] = "".join(actors)
    files["content/authors.yaml"] = "".join(authors)
    body = "\n\n".join(MARKDOWN_PAYLOADS)
    files["content/briefs/links.md"] = f"""---
title: Links
date: 2020-02-01
summary: Every hostile link.
claims: [claim-1]
---
{body}
"""
    return write_site(root, files)


def browser_scheme(url: str) -> str:
    """The scheme a browser sees: spaces and controls stripped at the ends, tabs and newlines dropped anywhere."""
    cleaned = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(33))))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else ""


def assert_inert(out: Path) -> int:
    """Fail on any script, handler or dangerous URL in the output that the theme did not put there."""
    pages = sorted(out.rglob("*.html"))
    assert pages
    for page in pages:
        tree = parse_html(page)
        where = page.relative_to(out)
        for element in tree.iter():
            tag = element.tag if isinstance(element.tag, str) else ""
            name = tag.rsplit("}", 1)[-1].lower()
            assert name not in FORBIDDEN_ELEMENTS, f"{where}: <{name}> from content"
            for attr, value in element.attrib.items():
                attr_name = attr.rsplit("}", 1)[-1].lower()
                assert not attr_name.startswith("on"), f"{where}: <{name} {attr}={value!r}>"
                if attr_name in URL_ATTRIBUTES or name == "a":
                    for part in re.split(r",\s*", value) if attr_name == "srcset" else [value]:
                        assert browser_scheme(part) not in DANGEROUS_SCHEMES, f"{where}: <{name} {attr}={value!r}>"
            if attr_name_is_refresh(element):
                raise AssertionError(f"{where}: meta refresh from content")
            if name == "script":
                if element.get("src"):  # the theme's own scripts: relative, into its assets, with no inline code
                    assert browser_scheme(element.get("src", "")) == "", f"{where}: script src {element.get('src')}"
                    assert not (element.text or "").strip()
                else:
                    assert element.get("type") == "application/ld+json", f"{where}: inline script {element.text!r}"
                    json.loads(element.text or "")
    for feed in out.rglob("*.xml"):
        ET.parse(feed)  # feeds and sitemaps stay well-formed whatever the titles say
    for data in out.rglob("*.json"):
        json.loads(data.read_text(encoding="utf-8"))
    return len(pages)


def attr_name_is_refresh(element: ET.Element) -> bool:
    return str(element.tag).lower().endswith("meta") and element.get("http-equiv", "").lower() == "refresh"


@pytest.mark.parametrize("allow_html", [False, True], ids=["html-off", "html-on"])
def test_hostile_content_comes_out_inert(tmp_path: Path, allow_html: bool) -> None:
    site = hostile_site(tmp_path / "site", allow_html)
    result = build(site, BuildOptions(output=tmp_path / "out"))
    assert len(result.graph.briefs) == len(PAYLOADS) + 1
    assert assert_inert(tmp_path / "out") > 4 * len(PAYLOADS)


def test_text_payloads_are_escaped_not_dropped(tmp_path: Path) -> None:
    """Escaping, not deletion: each brief's heading shows its payload as the literal text written."""
    site = hostile_site(tmp_path / "site", allow_html=False)
    build(site, BuildOptions(output=tmp_path / "out"))
    for i, payload in enumerate(PAYLOADS):
        tree = parse_html(tmp_path / "out" / "briefs" / f"brief-{i}" / "index.html")
        h1 = tree.find(".//h1")
        assert h1 is not None and "".join(h1.itertext()).strip() == payload.strip()
        jsonld = [json.loads(s.text or "") for s in tree.iter("script") if s.get("type") == "application/ld+json"]
        assert any(_contains(item, payload) for item in jsonld), "the JSON-LD keeps the title as data"


def _contains(value: object, text: str) -> bool:
    if isinstance(value, str):
        return value == text
    if isinstance(value, dict):
        return any(_contains(v, text) for v in value.values())
    if isinstance(value, list):
        return any(_contains(v, text) for v in value)
    return False


def test_raw_html_is_escaped_unless_allowed_and_then_sanitized(tmp_path: Path) -> None:
    body = '<p class="kept"><b>bold</b><img src="https://example.org/i.png" onerror="alert(1)"></p>'
    for allow in (False, True):
        site = write_site(tmp_path / f"site-{allow}", {
            "briefgen.yaml": f"allow_html: {str(allow).lower()}\n",
            "content/briefs/a.md": f"---\ntitle: T\ndate: 2020-01-01\nsummary: s\n---\n{body}\n",
        })
        build(site, BuildOptions(output=tmp_path / f"out-{allow}"))
        tree = parse_html(tmp_path / f"out-{allow}" / "briefs" / "a" / "index.html")
        bolds = [b for b in tree.iter("b") if b.text == "bold"]
        images = [i for i in tree.iter("img") if "example.org" in i.get("src", "")]
        if allow:
            assert bolds and images and images[0].get("onerror") is None
        else:
            assert not bolds and not images
            assert any(body in "".join(p.itertext()) for p in tree.iter("p"))


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "vbscript:msgbox(1)",
                                 "data:text/html,<script>alert(1)</script>", "java\tscript:alert(1)",
                                 "//evil.example/x", "file:///etc/passwd"])
@pytest.mark.parametrize("where", ["source", "actor", "author"])
def test_dangerous_urls_in_data_fields_are_errors(tmp_path: Path, url: str, where: str) -> None:
    entry = {"source": "content/sources.yaml", "actor": "content/actors.yaml", "author": "content/authors.yaml"}
    site = write_site(tmp_path / "site", {
        entry[where]: f"- id: x\n  name: X\n  title: X\n  url: {_q(url)}\n",
        "content/briefs/a.md": "---\ntitle: T\ndate: 2020-01-01\nsummary: s\n---\nBody.\n",
    })
    _graph, problems = check(site, BuildOptions())
    bad = [p for p in problems if p.code == "bad-url"]
    assert len(bad) == 1 and bad[0].is_error and bad[0].path == entry[where] and bad[0].line == 4


@pytest.mark.parametrize("url, safe", [
    ("https://example.org/a", True), ("http://x.org", True), ("mailto:a@b.org", True), ("/abs/path", True),
    ("../rel/", True), ("#frag", True), ("?q=a:b", True), ("claim:x", True), ("%6Aavascript:alert(1)", True),
    ("javascript:alert(1)", False), ("JAVASCRIPT:alert(1)", False), ("\x01javascript:alert(1)", False),
    (" java\tscript:alert(1)", False), ("java\nscript:alert(1)", False), ("vbscript:x", False),
    ("data:text/html,x", False), ("data:image/png;base64,x", False), ("file:///etc/passwd", False),
])
def test_is_safe_link_judges_schemes_like_a_browser(url: str, safe: bool) -> None:
    assert is_safe_link(url) is safe
