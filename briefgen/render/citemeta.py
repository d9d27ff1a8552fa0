"""The meta tags reference managers and scholarly search engines read from a brief page.

Two vocabularies, both in the page's <head>:

- **Highwire Press `citation_*` tags**, which Google Scholar asks publishers for and Zotero's
  "Embedded Metadata" translator reads first. `citation_technical_report_institution` makes
  both take a brief as a report (Zotero's type for the publications of think tanks) rather
  than guess a journal article, as they do from a bare `citation_title`.
- **Dublin Core** (`DC.*`, declared by `<link rel="schema.DC">`), which Zotero reads too, through
  its RDF translator, and which library and repository harvesters read.

Zotero takes the first `DC.type` as a report's type, and citation styles print it ("Brief");
the DCMI type of a brief ("Text") follows it for Dublin Core readers. Zotero has no field for an
author's ORCID iD; `citation_author_orcid` follows the author it belongs to, as journal
platforms write it, for the harvesters that read it.
"""

from __future__ import annotations

import datetime as dt

from briefgen.render.citedata import GENRE, CitedBrief, iso_day, ymd
from briefgen.render.citeviews import MetaTag

DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
"""The namespace the DC.* tags are in, declared by <link rel="schema.DC" href=...>."""


def highwire_date(day: dt.date) -> str:
    """2019/02/20: the date form Google Scholar asks for."""
    return "{:04d}/{:02d}/{:02d}".format(*ymd(day))


def citation_tags(work: CitedBrief, pdf_url: str = "", rights: str = "") -> tuple[MetaTag, ...]:
    """Every citation meta tag of the brief, in the order tools expect them (authors in their order,
    each followed by their ORCID iD). `pdf_url` is the absolute URL of the brief's PDF, when there is one."""
    tags: list[MetaTag] = [MetaTag("citation_title", work.title)]
    for author in work.authors:
        tags.append(MetaTag("citation_author", author.name))
        if author.orcid:
            tags.append(MetaTag("citation_author_orcid", author.orcid))
    tags += [MetaTag("citation_publication_date", highwire_date(work.date)),
             MetaTag("citation_online_date", highwire_date(work.date)),
             MetaTag("citation_publisher", work.publisher),
             MetaTag("citation_technical_report_institution", work.publisher)]
    if work.language:
        tags.append(MetaTag("citation_language", work.language))
    if work.url:
        tags.append(MetaTag("citation_public_url", work.url))
    if pdf_url:
        tags.append(MetaTag("citation_pdf_url", pdf_url))
    if work.doi:
        tags.append(MetaTag("citation_doi", work.doi))
    tags += [MetaTag("citation_keywords", keyword) for keyword in work.keywords]
    if work.abstract:
        tags.append(MetaTag("citation_abstract", work.abstract))
    return (*tags, *dublin_core(work, rights))


def dublin_core(work: CitedBrief, rights: str = "") -> list[MetaTag]:
    tags = [MetaTag("DC.title", work.title)]
    tags += [MetaTag("DC.creator", author.name) for author in work.authors]
    tags += [MetaTag("DC.date", iso_day(work.date)), MetaTag("DC.publisher", work.publisher)]
    if work.language:
        tags.append(MetaTag("DC.language", work.language))
    if work.doi:
        tags.append(MetaTag("DC.identifier", work.doi))  # a bare DOI: what Zotero recognises as one
    if work.url:
        tags.append(MetaTag("DC.identifier", work.url))
    tags += [MetaTag("DC.subject", keyword) for keyword in work.keywords]
    if work.abstract:
        tags.append(MetaTag("DC.description", work.abstract))
    tags += [MetaTag("DC.type", GENRE), MetaTag("DC.type", "Text")]
    if rights:
        tags.append(MetaTag("DC.rights", rights))
    return tags
