"""The one Markdown configuration of a build, and rendering of brief bodies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.footnote import footnote_plugin

from briefgen import sanitize, urls
from briefgen.load.refs_plugin import BodyRef, refs_plugin


@dataclass(frozen=True)
class RenderedBody:
    html: str
    refs: tuple[BodyRef, ...]
    """Every citation, claim passage and cross-link, in order, with body-relative lines."""
    citation_order: tuple[str, ...]
    """Cited source ids in order of first citation (their numbers are 1, 2, ...)."""
    citations: tuple[tuple[str, str], ...]
    """(source id, anchor) for every citation mark."""
    passages: tuple[tuple[str, str, str], ...]
    """(claim id, anchor, plain text) for every claim passage."""
    words: int


def make_markdown(allow_html: bool = False) -> MarkdownIt:
    """CommonMark + tables, strikethrough, footnotes, heading anchors and briefgen's references.

    Raw HTML is parsed only when the site allows it, and the result is then sanitized.
    """
    md = MarkdownIt("commonmark", {"html": allow_html, "typographer": False})
    md.validateLink = sanitize.is_safe_link  # type: ignore[method-assign]  # stricter than markdown-it's own
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(attrs_plugin, spans=True, allowed=("claim", "class"))  # a class is read as a flag (.quote), never output
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=_heading_slug)
    md.use(refs_plugin)
    return md


def render_body(md: MarkdownIt, text: str, page: str, numbers: dict[str, int] | None = None,
                anchor_prefix: str = "") -> RenderedBody:
    """Render Markdown for the page at `page` (a site path).

    `numbers` continues a citation numbering (a rebuttal goes on from its brief's body);
    `anchor_prefix` keeps the element ids of a second text on the same page distinct.
    """
    env: dict[str, Any] = {"lines": text.split("\n"), "page": page, "numbers": dict(numbers or {}),
                 "anchor_prefix": anchor_prefix}
    tokens = md.parse(text, env)
    html = md.renderer.render(tokens, md.options, env)
    if md.options.get("html"):
        html = sanitize.clean_html(html)
    refs: list[BodyRef] = env.get("refs", [])
    anchors: list[tuple[str, str]] = []
    for token in tokens:
        for child in token.children or ():
            if child.type == "citation":
                anchors.extend((source, anchor) for source, _n, anchor, _loc in child.meta["marks"])
    numbers_out: dict[str, int] = env["numbers"]
    order = tuple(sorted(numbers_out, key=numbers_out.__getitem__))
    return RenderedBody(
        html=html,
        refs=tuple(refs),
        citation_order=order,
        citations=tuple(anchors),
        passages=tuple(env.get("passages", ())),
        words=len(text.split()),
    )


def _heading_slug(text: str) -> str:
    """A heading's element id, in its own script ('## 배경 설명' -> id="배경-설명"); a heading of no letters
    or digits gets a digest, and the anchors plugin numbers repeats."""
    return urls.slugify(text)
