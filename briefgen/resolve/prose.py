"""Markdown written in YAML values (review explanations, position notes, corrections), rendered at resolve.

These texts can sit in site-wide files as well as in briefs, and are shown on other pages than
the one that defines them, so they are rendered here, once every id is known, with the
site's Markdown settings and sanitizer. Their links are made for a page as deep as the
pages that show them (every claim, actor and brief page is two folders down; the
corrections page one) and name no folder of the site, so they work on any page that deep.
Cross-links are checked like a brief's; citations and claim passages belong to a brief's
own text and are reported here, at their line.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

from briefgen.load.documents import LocatedRef, ParsedBrief
from briefgen.load.markdown import make_markdown, render_body
from briefgen.load.refs_plugin import BodyRef
from briefgen.load.specs import Prose
from briefgen.model import Location, Topic
from briefgen.resolve.registry import Registry, check_body_refs

DEEP = "-/-/"
"""A page two folders down in no section of the site: links from it work from any page that deep."""
SHALLOW = "-/"
"""The same, one folder down (the corrections page)."""
_NOT_HERE = {"cite": ("a citation", "list the source in 'sources:' or link it as [text](source:id)"),
             "claim-passage": ("a claim passage", "link the claim as [text](claim:id)")}


class ProseRenderer:
    """Renders the Markdown values of one resolve, and collects the references they make."""

    def __init__(self, reg: Registry, allow_html: bool) -> None:
        self._reg = reg
        self._allow_html = allow_html
        self._md: MarkdownIt | None = None
        self.refs: list[LocatedRef] = []

    def render(self, prose: Prose | None, what: str, page: str = DEEP) -> str:
        """The HTML of `prose` for a page as deep as `page`; '' for none. `what` names it in messages."""
        if prose is None:
            return ""
        if self._md is None:  # most sites have no such text: the Markdown parser is made when one is met
            self._md = make_markdown(self._allow_html)
        rendered = render_body(self._md, prose.text, page, anchor_prefix=f"{what.replace(' ', '-')}-")
        if page != DEEP:  # the same text rendered for another depth: its references were taken then
            return rendered.html
        for ref in rendered.refs:
            at = _location(prose, ref)
            if ref.kind in _NOT_HERE:
                name, hint = _NOT_HERE[ref.kind]
                self._reg.error(at, f"{name} cannot be used in {what}", "not-supported-here", hint)
            else:
                self.refs.append(LocatedRef(ref, at))
        return rendered.html

    def check(self, slugs: set[str], topics: dict[str, Topic]) -> None:
        """Report the cross-links to unknown ids, as a brief's are reported (its references alone)."""
        check_body_refs(self._reg, [ParsedBrief(None, refs=tuple(self.refs))], slugs, topics)


def _location(prose: Prose, ref: BodyRef) -> Location:
    """Exact in a block scalar (`key: |`); else the value's first line, which is as near as YAML lets us say."""
    if prose.block is not None:
        return Location(prose.at.path, prose.block[0] + ref.line, prose.block[1] + ref.col - 1 if ref.col else 0)
    return Location(prose.at.path, prose.at.line + ref.line, 0)

