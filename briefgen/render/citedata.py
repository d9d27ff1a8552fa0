"""A brief as a work to cite: one record that the meta tags, the cite box and the downloads all come from.

Every way a reader takes a citation away (Zotero reading the page's meta tags, the "Cite this
brief" box, the BibTeX, RIS and CSL-JSON files) is made from the same record, so that they
never disagree about a title, an author or a date.

A brief is cited as a report (Zotero's, CSL's and RIS's type for the publications of think
tanks and agencies), of the genre "Brief", published by the site's publisher.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from briefgen import urls
from briefgen.load.identifiers import doi_url
from briefgen.model import BriefGraph

GENRE = "Brief"
"""What kind of report a brief is, as citations say it ("Policy Brief" is the think tanks' usage)."""
_AND = re.compile(r"\band\b", re.IGNORECASE)


@dataclass(frozen=True)
class CitedName:
    """An author as a citation names them."""

    name: str
    """As written in the brief (the whole name)."""
    family: str
    given: str
    """The name split at its last space ('Daniel Larison' -> 'Larison', 'Daniel'), as Zotero splits the
    names it reads from meta tags; both '' for a name of one word (an organisation, a name written
    without spaces), which citations keep whole."""
    orcid: str = ""

    @property
    def inverted(self) -> str:
        """'Larison, Daniel', or the whole name when it cannot be split."""
        return f"{self.family}, {self.given}" if self.family else self.name


@dataclass(frozen=True)
class CitedBrief:
    slug: str
    title: str
    authors: tuple[CitedName, ...]
    date: dt.date
    """Publication date (the model's date; only its year, month and day are cited)."""
    updated: dt.date | None
    publisher: str
    language: str
    url: str
    """The brief's absolute URL; '' when the site has no base_url (a citation cannot hold a relative one)."""
    doi: str
    keywords: tuple[str, ...]
    """The brief's topics, by name."""
    abstract: str

    @property
    def doi_url(self) -> str:
        return doi_url(self.doi) if self.doi else ""

    @property
    def year(self) -> int:
        return self.date.year


def cited_brief(graph: BriefGraph, slug: str) -> CitedBrief:
    """The brief at `slug` as a work to cite, read from `graph` (what it reads is what the outputs depend on)."""
    brief = graph.briefs[slug]
    config = graph.config
    return CitedBrief(
        slug=slug, title=brief.title,
        authors=tuple(cited_name(graph.authors[a].name, graph.authors[a].orcid) for a in brief.authors),
        date=brief.date, updated=brief.updated, publisher=config.publisher or config.title,
        language=brief.lang or config.language, url=urls.absolute(config.base_url, urls.page_path("brief", slug)),
        doi=brief.doi, keywords=tuple(graph.topics[t].name for t in brief.topics), abstract=brief.summary,
    )


def cited_name(name: str, orcid: str = "") -> CitedName:
    words = name.split()
    # A name holding the word "and" is an organisation's ("Center for Arms Control and
    # Non-Proliferation"), and BibTeX would read it as two people: it is kept whole.
    if len(words) < 2 or _AND.search(name):
        return CitedName(name, "", "", orcid)
    return CitedName(name, words[-1], " ".join(words[:-1]), orcid)


def ymd(day: dt.date) -> tuple[int, int, int]:
    """Year, month and day of a date (or of a date-time: only the day is cited)."""
    return day.year, day.month, day.day


def iso_day(day: dt.date) -> str:
    return "{:04d}-{:02d}-{:02d}".format(*ymd(day))


def csl_item(work: CitedBrief) -> dict[str, Any]:
    """The brief as a CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html),
    in plain text: what the CSL-JSON download holds and what citeproc formats."""
    item: dict[str, Any] = {"id": work.slug, "type": "report", "genre": GENRE, "title": work.title}
    if work.authors:
        item["author"] = [csl_name(a) for a in work.authors]
    item["issued"] = {"date-parts": [list(ymd(work.date))]}
    item["publisher"] = work.publisher
    if work.url:
        item["URL"] = work.url
    if work.doi:
        item["DOI"] = work.doi
    if work.language:
        item["language"] = work.language
    if work.abstract:
        item["abstract"] = work.abstract
    if work.keywords:
        item["keyword"] = ", ".join(work.keywords)
    return item


def csl_name(author: CitedName) -> dict[str, str]:
    return {"family": author.family, "given": author.given} if author.family else {"literal": author.name}
