"""Printing a page to PDF: HTML rendered for print (templates/pdf.html), laid out by WeasyPrint.

WeasyPrint is the optional extra `briefgen[pdf]`: nothing here imports it until a build has a
PDF to make, so a site without PDFs never pays its import (a third of a second). A PDF is
tagged for accessibility (PDF/UA-1: a structure tree, the language, the title shown by
viewers) and its bytes depend only on the HTML printed: its dates come from the brief's own
dates in the HTML, and its file identifier is a digest of that HTML.

A PDF loads nothing from outside its HTML: WeasyPrint would otherwise fetch every image or
stylesheet a brief names, from the network or the disk, while the site builds. Images show as
their alternative text; the print stylesheet is part of the template (pdf.css, included).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
import re
from typing import Any

from briefgen.errors import BuildFailed, Problem, Severity
from briefgen.render.templates import Links

PDF_TEMPLATE = "pdf.html"
"""The template a brief's PDF is printed from; a site's own templates/pdf.html replaces it."""
PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF for assistive technology (ISO 14289-1)."""
PDF_COST = 40
"""What printing one PDF costs, in pages rendered (a brief's PDF takes some 100 ms, a page 2-3 ms):
how many processes a build forks depends on the work it has, not on how many outputs."""
INSTALL_HINT = "install it with pip install 'briefgen[pdf]' (docs/pdf.md)"


def weasyprint_installed() -> bool:
    """Whether WeasyPrint can be imported, without importing it."""
    try:
        return importlib.util.find_spec("weasyprint") is not None
    except (ImportError, ValueError):
        return False


class Printer:
    """Prints HTML to PDF with WeasyPrint, imported once (before a build forks its workers)."""

    def __init__(self) -> None:
        try:
            self._weasyprint: Any = importlib.import_module("weasyprint")
        except ImportError:
            raise _unavailable("PDFs need WeasyPrint, which is not installed", INSTALL_HINT) from None
        except OSError as exc:  # installed, but Pango (a system library) is missing or too old
            raise _unavailable(f"WeasyPrint cannot load the system libraries it needs: {exc}",
                               "install Pango 1.44 or newer (Debian/Ubuntu: apt-get install libpango-1.0-0 "
                               "libpangoft2-1.0-0); see docs/pdf.md") from None
        self._fetcher = _refusing_fetcher(self._weasyprint)
        self.version = f"weasyprint {self._weasyprint.__version__}"
        self._fonts: tuple[int, Any] | None = None
        """(process id, WeasyPrint FontConfiguration) of the process printing."""

    def print(self, html: str, base_url: str) -> bytes:
        """The PDF of `html`; relative links in it resolve against `base_url` ('' keeps them relative)."""
        identifier = hashlib.blake2b(f"{self.version}\0{PDF_VARIANT}\0{html}".encode(), digest_size=16)
        document = self._weasyprint.HTML(string=html, base_url=base_url or None, url_fetcher=self._fetcher)
        data: bytes = document.write_pdf(pdf_variant=PDF_VARIANT, font_config=self._font_config(html),
                                         pdf_identifier=identifier.hexdigest().encode("ascii"))
        return data

    def _font_config(self, html: str) -> Any:
        """The fonts, set up once per process: a third of printing a short brief was loading them again.

        The same PDFs come out either way (tested). A stylesheet with @font-face rules gets fonts of
        its own for each PDF: WeasyPrint keeps such fonts in a temporary folder that it removes
        only when their configuration is freed, which a shared one never is in a worker process.
        """
        fonts = importlib.import_module("weasyprint.text.fonts")
        if "@font-face" in html:
            return fonts.FontConfiguration()
        if self._fonts is None or self._fonts[0] != os.getpid():
            self._fonts = (os.getpid(), fonts.FontConfiguration())
        return self._fonts[1]


_FOOTNOTE_MARK = re.compile(r'(<sup class="footnote-ref"><a href="#fn[^"<>]*" id="fnref[^"<>]*">)'
                            r"\[(\d+)(?::\d+)?\](</a></sup>)")
_NOTES = re.compile(r'<hr class="footnotes-sep" ?/?>\s*<section class="footnotes">')


def print_body(html: str) -> str:
    """A brief's body (markup briefgen rendered) for print.

    On paper a reader cannot hover to tell a footnote's [1] from a citation's [1]: footnote marks
    become superscript numbers, as in printed reports, and the notes get a heading of their own.
    """
    html = _FOOTNOTE_MARK.sub(r"\1\2\3", html)
    return _NOTES.sub('<section class="footnotes" aria-labelledby="print-notes"><h2 id="print-notes">Notes</h2>', html,
                      count=1)


def print_links(base_url: str, prefix: str) -> Links:
    """`url()` in a PDF: absolute when the site has a base_url (a PDF is read far from its site),
    else the links of the page beside it, which work while the PDF is read from the site."""
    return Links(base_url or prefix, base_url)


def size_text(size: int) -> str:
    """A file's size as people read it: '84 KB', '1.2 MB' ('' when unknown)."""
    if size <= 0:
        return ""
    if size < 1000 * 1000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1000 / 1000:.1f} MB"


def _unavailable(message: str, hint: str) -> BuildFailed:
    return BuildFailed([Problem("briefgen.yaml", 0, 0, Severity.ERROR, message, "pdf", hint)])


def _refusing_fetcher(weasyprint: Any) -> Any:
    """A URL fetcher that fetches nothing: a PDF is made from its HTML alone."""

    class RefusingFetcher(weasyprint.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"briefgen's PDFs load nothing from outside the page ({url[:80]})")

    return RefusingFetcher()
