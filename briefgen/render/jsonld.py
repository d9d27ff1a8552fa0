"""schema.org JSON-LD for each page kind: what search engines and fact-check aggregators read."""

from __future__ import annotations

import json
import re
from typing import Any

from briefgen import times, urls
from briefgen.load.identifiers import doi_url, orcid_url
from briefgen.model import BriefGraph

CONTEXT = "https://schema.org"
SOURCE_TYPES = {"news": "NewsArticle", "report": "Report", "dataset": "Dataset", "book": "Book"}
ACCESSED = "http://purl.org/pav/sourceLastAccessedOn"
"""The JSON-LD property of a source's access date (PAV, the provenance vocabulary)."""
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def script_json(data: dict[str, Any] | list[dict[str, Any]]) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' can end the element or start a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class JsonLd:
    """Builds the JSON-LD of each page; URLs are absolute with a base_url, else relative to the page."""

    def __init__(self, graph: BriefGraph) -> None:
        self.graph = graph

    def _url(self, page: str, path: str) -> str:
        base = self.graph.config.base_url
        return base + path if base else urls.relative(page, path)

    def home(self) -> dict[str, Any]:
        config = self.graph.config
        data: dict[str, Any] = {"@context": CONTEXT, "@type": "WebSite", "name": config.title,
                                "url": self._url("", ""), "inLanguage": config.language}
        if config.description:
            data["description"] = config.description
        return data

    def brief(self, slug: str) -> dict[str, Any]:
        brief = self.graph.briefs[slug]
        page = urls.page_path("brief", slug)
        data: dict[str, Any] = {
            "@context": CONTEXT, "@type": "AnalysisNewsArticle", "headline": brief.title,
            "url": self._url(page, page), "mainEntityOfPage": self._url(page, page),
            "datePublished": times.day_or_stamp(brief.date, brief.published),
            "dateModified": times.day_or_stamp(brief.updated, brief.modified) if brief.updated
            else times.day_or_stamp(brief.date, brief.published),
            "inLanguage": brief.lang or self.graph.config.language,
            "author": [self._author(page, a) for a in brief.authors],
            "publisher": {"@type": "Organization", "name": self.graph.config.title, "url": self._url(page, "")},
            "about": [{"@type": "Thing", "name": self.graph.topics[t].name} for t in brief.topics],
            "citation": [self._source(page, s) for s in brief.sources],
            "wordCount": self.graph.bodies[slug].words,
        }
        if brief.summary:
            data["description"] = brief.summary
        if brief.doi:  # schema.org's way to a DOI: the identifier, and the doi.org link as the same work
            data["identifier"] = _property("DOI", brief.doi, doi_url(brief.doi))
            data["sameAs"] = doi_url(brief.doi)
        return data

    def claim(self, cid: str) -> dict[str, Any]:
        links = self.graph.claim_links[cid]
        page = urls.page_path("claim", cid)
        data: dict[str, Any] = {"@context": CONTEXT, "@type": "Claim", "text": self.graph.claims[cid].text,
                                "url": self._url(page, page)}
        appearances = [self._appearance(page, b) for b in links.asserted_in]
        if appearances:
            data["appearance"] = appearances
            zone = times.site_zone(self.graph.config.timezone)
            first = min(links.asserted_in, key=lambda b: (times.instant(self.graph.briefs[b].date,
                                                                        self.graph.briefs[b].published, zone), b))
            data["firstAppearance"] = self._appearance(page, first)
        if links.held_by:
            data["author"] = [self._actor(page, a) for a in links.held_by]
        if links.sources:
            data["citation"] = [self._source(page, s) for s in links.sources]
        return data

    def source(self, sid: str) -> dict[str, Any]:
        page = urls.page_path("source", sid)
        data = self._source(page, sid)
        data["mainEntityOfPage"] = self._url(page, page)
        return {"@context": CONTEXT, **data}

    def actor(self, aid: str) -> dict[str, Any]:
        page = urls.page_path("actor", aid)
        return {"@context": CONTEXT, **self._actor(page, aid), "mainEntityOfPage": self._url(page, page)}

    def author(self, slug: str) -> dict[str, Any]:
        page = urls.page_path("author", slug)
        return {"@context": CONTEXT, **self._author(page, slug), "mainEntityOfPage": self._url(page, page)}

    # -- parts ------------------------------------------------------------------------------------

    def _appearance(self, page: str, slug: str) -> dict[str, Any]:
        brief = self.graph.briefs[slug]
        return {"@type": "AnalysisNewsArticle", "headline": brief.title,
                "url": self._url(page, urls.page_path("brief", slug)),
                "datePublished": times.day_or_stamp(brief.date, brief.published)}

    def _author(self, page: str, slug: str) -> dict[str, Any]:
        author = self.graph.authors[slug]
        data: dict[str, Any] = {"@type": "Person", "name": author.name,
                                "url": self._url(page, urls.page_path("author", slug))}
        same_as = [link for link in (author.url, orcid_url(author.orcid) if author.orcid else "") if link]
        if same_as:
            data["sameAs"] = same_as[0] if len(same_as) == 1 else same_as
        if author.orcid:
            data["identifier"] = _property("ORCID", author.orcid, orcid_url(author.orcid))
        if author.bio:
            data["description"] = author.bio
        return data

    def _actor(self, page: str, aid: str) -> dict[str, Any]:
        actor = self.graph.actors[aid]
        data: dict[str, Any] = {"@type": "Organization" if actor.kind == "organization" else "Person",
                                "name": actor.name, "url": self._url(page, urls.page_path("actor", aid))}
        if actor.role:
            data["description"] = actor.role
        if actor.url:
            data["sameAs"] = actor.url
        return data

    def _source(self, page: str, sid: str) -> dict[str, Any]:
        source = self.graph.sources[sid]
        kind = SOURCE_TYPES.get(source.kind, "CreativeWork")
        data: dict[str, Any] = {"@type": kind, "name": source.title,
                                "url": source.url or self._url(page, urls.page_path("source", sid))}
        if kind in ("NewsArticle", "Report"):
            data["headline"] = source.title
        if source.publisher:
            data["publisher"] = {"@type": "Organization", "name": source.publisher}
        if source.authors:
            data["author"] = [{"@type": "Person", "name": name} for name in source.authors]
        if _ISO_DATE.match(source.date):
            data["datePublished"] = source.date
        if source.archived_url:
            data["archivedAt"] = source.archived_url
        if _ISO_DATE.match(source.accessed):
            # schema.org has no access date; PAV's "last accessed" term says when a cited source was
            # last consulted, and a full IRI needs no change of @context (schema.org readers skip it).
            data[ACCESSED] = source.accessed
        return data


def _property(kind: str, value: str, url: str) -> dict[str, Any]:
    """An identifier as schema.org writes one: PropertyValue with the scheme's name, the value, its link."""
    return {"@type": "PropertyValue", "propertyID": kind, "value": value, "url": url}
