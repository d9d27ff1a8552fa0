"""What user-written links and HTML may contain: safe link schemes, and raw HTML (allow_html: true) through nh3.

nh3 binds ammonia, a whitelist sanitizer built on html5ever, the HTML parser of a browser
engine; a hand-written filter would have to parse HTML exactly as browsers do to be safe.
"""

from __future__ import annotations

import html
import re

import nh3

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""Schemes a link in Markdown or raw HTML may use; anything else (javascript:, vbscript:, data:, ...) is dropped."""
CROSS_LINK_SCHEMES = frozenset({"brief", "claim", "source", "actor", "topic"})
"""briefgen's own link kinds, rewritten into relative links by refs_plugin."""

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_IGNORED_BY_BROWSERS = re.compile(r"[\t\n\r]")

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "dfn", "div",
    "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
    "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "aria-label"},
    "img": {"src", "alt", "width", "height"},
    "mark": {"data-claim"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "time": {"datetime"},
    "ol": {"start"},
    "sup": set(),
}


def is_safe_link(url: str) -> bool:
    """True for relative links and the schemes above, judging the scheme as a browser's URL parser would.

    Browsers strip leading and trailing spaces and control characters and drop tabs and
    newlines anywhere, so "\\x01java\\tscript:" is javascript:; letters are case-insensitive.
    Used as markdown-it's validateLink, so a refused link is shown as plain text.
    """
    cleaned = _IGNORED_BY_BROWSERS.sub("", url).strip("".join(map(chr, range(33))))
    match = _SCHEME.match(cleaned)
    return match is None or match.group(1).lower() in LINK_SCHEMES | CROSS_LINK_SCHEMES  # no scheme: relative


def clean_html(html: str) -> str:
    """Keep structural and inline markup; drop scripts, event handlers, styles and unsafe URLs."""
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=set(LINK_SCHEMES),
                     link_rel=None, strip_comments=True,
                     filter_style_properties={"text-align"})


def plain_text(markup: str) -> str:
    """The words of rendered Markdown, without its tags (for JSON-LD text)."""
    return " ".join(html.unescape(nh3.clean(markup, tags=set())).split())
