"""The "Cite this brief" box: the brief's citation in the site's CSL style, its meta tags and downloads.

The citation is formatted by citeproc-py in the site's `citation_style`. A site without one gets
briefgen's own plain form, as its source lists do: citeproc costs some 3 ms a brief, which on a
cold build of 1,000 briefs was 3 s of CPU (two thirds more than the rest of rendering), and a site
that wants a style names it. Should citeproc fail on a site's own .csl file, the box shows the
plain form of the same record rather than nothing.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from briefgen import urls
from briefgen.model import BriefGraph
from briefgen.render.citations import csl_locale, escape_csl, style_path
from briefgen.render.citedata import CitedBrief, cited_brief, csl_item
from briefgen.render.citemeta import citation_tags
from briefgen.render.citeviews import CiteBox, CiteDownload

STYLE_NAMES = {"chicago-author-date": "Chicago author-date", "apa": "APA", "modern-language-association": "MLA",
               "harvard-cite-them-right": "Harvard (Cite Them Right)"}


class BriefCiter:
    """Formats briefs' citations in one style; the style is parsed once, when the first box is made."""

    def __init__(self, style: str, language: str = "en") -> None:
        self.style = style
        self.style_name = STYLE_NAMES.get(style, Path(style).stem) if style else ""
        """The style as a reader knows it; '' for briefgen's plain form."""
        self._locale = csl_locale(language)
        self._parsed: Any = None
        self._broken = False
        """citeproc could not read the style: every box takes the plain form, without trying again."""

    def format(self, work: CitedBrief) -> Markup:
        """The citation as markup: citeproc's HTML of HTML-escaped values (citeproc-py escapes nothing)."""
        html = self._citeproc(escape_csl(csl_item(work))) if self.style else None
        return Markup(html) if html is not None else plain_citation(work)

    def _citeproc(self, item: dict[str, Any]) -> str | None:
        if self._broken:
            return None
        from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
        from citeproc.source.json import CiteProcJSON

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # citeproc-py warns about CSL features it skips
            logging.getLogger("citeproc").setLevel(logging.ERROR)
            if self._parsed is None:
                try:
                    self._parsed = CitationStylesStyle(str(style_path(self.style)), locale=self._locale,
                                                       validate=False)
                except Exception:  # not a style citeproc-py can read
                    self._broken = True
                    return None
            try:
                bibliography = CitationStylesBibliography(self._parsed, CiteProcJSON([item]), formatter.html)
                bibliography.register(Citation([CitationItem(item["id"])]))
                entries = bibliography.bibliography()
            except Exception:  # citeproc-py fails on some CSL it does not support: the plain form instead
                return None
        return str(entries[0]) if entries else None


def plain_citation(work: CitedBrief) -> Markup:
    """Authors. Year. “Title.” Brief. Publisher. DOI or URL: briefgen's own form, escaped."""
    names = [a.inverted if index == 0 else a.name for index, a in enumerate(work.authors)]
    who = ", ".join(names[:-1]) + ", and " + names[-1] if len(names) > 1 else "".join(names)
    parts = [f"{escape(who)}." if who else "", f"{work.year}.", f"“{escape(work.title)}.”", "Brief.",
             f"{escape(work.publisher)}."]
    link = work.doi_url or work.url
    if link:
        parts.append(f"{escape(link)}.")
    return Markup(" ".join(part for part in parts if part))


def cite_box(graph: BriefGraph, slug: str, citer: BriefCiter) -> CiteBox:
    """The box of the brief at `slug`, read from `graph`."""
    work = cited_brief(graph, slug)
    config = graph.config
    # citation_pdf_url names the brief's PDF when the site prints them. Scholar and Zotero want an
    # absolute URL, which a site without base_url cannot give; Zotero then saves the page instead.
    pdf_url = urls.absolute(config.base_url, urls.brief_pdf(slug)) if config.pdf else ""
    downloads = tuple(CiteDownload(label, urls.cite_file(slug, extension), f"{slug}.{extension}", media_type)
                      for extension, (label, media_type) in urls.CITE_FILES.items())
    return CiteBox(citation_tags(work, pdf_url, config.copyright), str(citer.format(work)), citer.style_name,
                   downloads, work.doi_url)
