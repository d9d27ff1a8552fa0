"""The text of a fetched page, for people (the snapshot's .txt) and for quote checks.

HTML goes through trafilatura, a maintained main-text extractor that comes out at or near the top
of the published comparisons (e.g. Bevendorff et al., SIGIR 2023): it drops
menus, ads, cookie banners and "read more" lists and keeps the article, its headings and tables,
whatever the site's markup. Its whole-page fallback (html2txt) is kept beside it, because a
quotation may come from a caption or a sidebar that an article extractor rightly drops. PDFs are
read with pypdf when it is installed; plain text is decoded as its header says.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass

INSTALL = "pip install trafilatura pypdf"
"""What `archive` and `check --quotes` need beyond briefgen's own dependencies."""
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)
_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w)")
# Soft hyphens, zero-width spaces, direction marks, word joiners, byte-order marks: invisible, and each
# would cut a word in two. ZWNJ and ZWJ (U+200C/D) are kept: they shape Persian and Indic words.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


@dataclass(frozen=True)
class PageText:
    """What a page says."""

    main: str
    """The article (trafilatura), or the whole text of a document that is not HTML."""
    full: str = ""
    """Every visible text of an HTML page, '' when the same as main."""

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(t for t in (self.main, self.full) if t)


class NoText(Exception):
    """The body has no text briefgen can read; the message says what it is."""


def page_text(body: bytes, content_type: str, url: str = "") -> PageText:
    """The text of a response body; NoText when there is none."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml") or (not kind and _looks_like_html(body)):
        return _html_text(body, url)
    if kind == "application/pdf" or body.startswith(b"%PDF-"):
        return PageText(_HYPHEN_BREAK.sub(r"\1\2", clean(_pdf_text(body))))  # "disarma-\nment" in a PDF's lines
    if kind.startswith("text/") or kind in ("application/json", "application/xml"):
        return PageText(clean(_decode(body, content_type)))
    raise NoText(f"a {kind or 'file of unknown type'} has no text to read")


def clean(text: str) -> str:
    """NFC, without invisible format characters, with plain line ends."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", text)).replace("\r\n", "\n")


def _html_text(body: bytes, url: str) -> PageText:
    try:
        import trafilatura  # imported here: only `archive` and `check --quotes` need it
    except ImportError:
        raise NoText(f"reading HTML needs trafilatura ({INSTALL})") from None

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # it logs every page it finds too short
    main = trafilatura.extract(body, url=url or None, favor_recall=True, include_comments=False,
                               include_tables=True, deduplicate=False) or ""
    full = trafilatura.html2txt(body) or _fragment_text(body)
    full = clean(full)
    main = clean(main) or full
    if not main:
        raise NoText("the page has no text (it may be built by JavaScript)")
    return PageText(main, full if full != main else "")


def _fragment_text(body: bytes) -> str:
    """The text of HTML that trafilatura does not take for a page (a bare fragment, no <html> or <body>)."""
    import lxml.html  # type: ignore[import-untyped]  # trafilatura's own dependency, without type stubs
    from lxml.etree import ParserError  # type: ignore[import-untyped]

    try:
        root = lxml.html.fromstring(body)
    except (ParserError, ValueError):
        return ""
    for element in root.xpath("//script|//style|//noscript|//template"):
        element.drop_tree()
    return " ".join(str(root.text_content()).split())


def _pdf_text(body: bytes) -> str:
    try:
        from io import BytesIO

        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:
        raise NoText("reading a PDF needs pypdf (pip install pypdf)") from None
    try:
        reader = PdfReader(BytesIO(body))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise NoText(f"the PDF cannot be read ({exc})") from None
    if not text.strip():
        raise NoText("the PDF has no text layer (a scan?)")
    return text


def _decode(body: bytes, content_type: str) -> str:
    match = _CHARSET.search(content_type)
    if match:
        try:
            return body.decode(match.group(1), "replace")
        except LookupError:
            pass
    from charset_normalizer import from_bytes  # trafilatura's own dependency

    best = from_bytes(body).best()
    return str(best) if best is not None else body.decode("utf-8", "replace")


def _looks_like_html(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head
