"""Views of how to cite a brief (its meta tags, citation and downloads) and of related briefs and claims."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MetaTag:
    """One <meta name=... content=...> of a page's head."""

    name: str
    content: str


@dataclass(frozen=True)
class CiteDownload:
    """A brief's citation as a file for reference managers."""

    label: str
    """The format's name: 'BibTeX'."""
    path: str
    """Site path of the file."""
    filename: str
    """The name a browser saves it under."""
    media_type: str


@dataclass(frozen=True)
class CiteBox:
    meta: tuple[MetaTag, ...]
    """Highwire Press citation_* and Dublin Core tags, in order."""
    citation: str
    """The brief's citation in the site's citation style, as markup (markupsafe.Markup)."""
    style: str
    """The style's name, as a reader knows it ('Chicago author-date')."""
    downloads: tuple[CiteDownload, ...]
    doi_url: str = ""
    """https://doi.org/... when the brief has a DOI."""


@dataclass(frozen=True)
class RelatedLink:
    """A brief or claim shown as close to the one on the page, and why."""

    title: str
    path: str
    reason: str
    """'3 shared claims, 1 shared source'."""
    lang: str = ""
    """As Link.lang: a brief's own language when it is not the site's."""
    dir: str = ""
