"""Resolve stage: parsed documents -> one BriefGraph, plus every problem found.

Gather everything first, then link: definitions are collected from every file, then each
reference is checked against them, then backlinks are computed in one linear pass.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from functools import partial
from typing import Any

from briefgen import times, urls
from briefgen.errors import Problem
from briefgen.load.bibliography import is_library
from briefgen.load.dates import moment
from briefgen.load.documents import ParsedBrief
from briefgen.load.fields import BriefSpec
from briefgen.load.files import DataDoc
from briefgen.model import (
    Actor,
    Author,
    Brief,
    BriefBody,
    BriefGraph,
    Citation,
    Claim,
    Counterclaim,
    Location,
    Passage,
    SiteConfig,
    Source,
    Topic,
)
from briefgen.resolve import clusters, inferences
from briefgen.resolve.backlinks import link
from briefgen.resolve.records import attach, gather
from briefgen.resolve.redirects import redirect_map
from briefgen.resolve.registry import Registry, check_body_refs, check_pending, read_site_files, report_unchecked
from briefgen.resolve.related import related_briefs, related_claims

UNDATED = dt.date(1970, 1, 1)
"""The date given to a draft without one, when drafts are built."""


def resolve(config: SiteConfig, parsed: Iterable[ParsedBrief], data: Iterable[DataDoc],
            include_drafts: bool = False) -> tuple[BriefGraph, list[Problem]]:
    reg = Registry()
    data = tuple(data)  # read twice: by the registry, and for positions (records.gather)
    read_site_files(reg, data)
    briefs: list[ParsedBrief] = []
    for item in parsed:
        reg.problems.extend(item.problems)
        if item.unparsed is not None:
            reg.unknowns.unparsed.append(item.unparsed)
        if item.spec is None:
            continue
        if item.spec.draft and not include_drafts:
            reg.warn(Location(item.spec.path, 1, 1), "draft skipped", "draft", "build with --drafts to include it")
            continue
        briefs.append(item)
    zone = times.site_zone(config.timezone)
    briefs.sort(key=partial(_newest_first, zone=zone))
    specs = [b.spec for b in briefs if b.spec]
    _check_unique_slugs(reg, specs)
    for spec in sorted(specs, key=lambda s: s.path):  # "defined first" means first by file name
        for claim in (*spec.claims, *spec.counterclaims):
            reg.add_claim(claim)
        for source in spec.sources:
            reg.add_source(source)
    authors = _authors(reg, specs)
    topics = _topics(reg, specs)
    inferences.register(reg)
    records = gather(reg, specs, data)
    check_pending(reg)
    check_body_refs(reg, briefs, {s.slug for s in specs}, topics)
    report_unchecked(reg)

    claims = {cid: Claim(cid, text, at) for cid, (text, at) in sorted(reg.claim_text.items())}
    sources = {sid: _source(sid, fields, at) for sid, (fields, at) in sorted(reg.sources.items())}
    actors = {aid: Actor(a.id, a.name, a.at, a.role, a.url, a.kind) for aid, a in sorted(reg.actors.items())}
    author_slugs = _AuthorSlugs(authors)
    brief_models = {b.spec.slug: _brief(b, b.spec, author_slugs, zone) for b in briefs if b.spec}
    bodies = {b.spec.slug: BriefBody(b.body_html, b.words) for b in briefs if b.spec}
    sources = _without_unused_library_sources(sources, brief_models, reg)
    graph = link(config, brief_models, bodies, claims, sources, actors, authors, topics, reg)
    supports, roles = inferences.build(reg, claims)
    graph = dataclasses.replace(graph, inferences=supports, claim_inferences=roles,
                                redirects=redirect_map(reg, specs, config.base_url))
    parts, claim_parts = clusters.map_parts(graph.claim_links, supports, roles)
    graph = dataclasses.replace(graph, map_parts=parts, claim_parts=claim_parts)
    graph = attach(reg, graph, records, topics)
    graph = dataclasses.replace(graph, related_briefs=related_briefs(graph), related_claims=related_claims(graph))
    _warn_gaps(reg, graph, briefs)
    return graph, reg.problems


def _newest_first(parsed: ParsedBrief, zone: dt.tzinfo) -> tuple[bool, int, str]:
    """Newest first by the time a brief came out (its day's start when it gave no time), then by slug;
    undated drafts last."""
    spec = parsed.spec
    if spec is None or spec.date is None:
        return (True, 0, spec.slug if spec else "")
    return (False, -times.instant(spec.date, moment(spec.date_time, zone), zone), spec.slug)


def _without_unused_library_sources(sources: dict[str, Source], briefs: dict[str, Brief],
                                    reg: Registry) -> dict[str, Source]:
    """A reference manager's export holds a whole library: publish only the sources something cites."""
    used = {sid for brief in briefs.values() for sid in brief.sources}
    used.update(sid for rel in reg.relations.values() for sid in rel.get("sources", {}))
    used.update(reg.cited_by_records)
    return {sid: s for sid, s in sources.items() if sid in used or not is_library(s.defined_at.path)}


def _check_unique_slugs(reg: Registry, specs: list[BriefSpec]) -> None:
    seen: dict[str, Location] = {}
    for spec in sorted(specs, key=lambda s: s.path):
        if spec.slug in seen:
            reg.error(spec.slug_at, f"brief slug '{spec.slug}' is already used by {seen[spec.slug].path}",
                      "duplicate-slug", "give one of them a different 'slug:'")
        else:
            seen[spec.slug] = spec.slug_at


def _authors(reg: Registry, specs: list[BriefSpec]) -> dict[str, Author]:
    by_name = {a.name: a for a in reg.authors.values()}
    out = {slug: Author(slug, a.name, a.bio, a.url, a.orcid) for slug, a in reg.authors.items()}
    for spec in specs:
        for name in spec.authors:
            listed = by_name.get(name) or reg.authors.get(name)
            slug = listed.slug if listed else urls.slugify(name)
            if slug and slug not in out:
                out[slug] = Author(slug, name)
    return dict(sorted(out.items()))


class _AuthorSlugs:
    """An author name -> its slug: a listed author of that name, a listed slug, or the name slugified.

    One dict lookup per name: scanning every author for every brief's names was quadratic."""

    def __init__(self, authors: dict[str, Author]) -> None:
        self._authors = authors
        self._by_name: dict[str, str] = {}
        for author in authors.values():
            self._by_name.setdefault(author.name, author.slug)  # the first author of that name wins

    def __call__(self, name: str) -> str:
        slug = self._by_name.get(name)
        if slug is not None:
            return slug
        return name if name in self._authors else urls.slugify(name)


def _topics(reg: Registry, specs: list[BriefSpec]) -> dict[str, Topic]:
    out: dict[str, Topic] = {}
    for spec in sorted(specs, key=lambda s: s.path):
        for name in spec.topics:
            slug = urls.slugify(name)  # never empty: a name of no letters or digits gets a digest
            out.setdefault(slug, Topic(slug, name))
    return dict(sorted(out.items()))


def _source(sid: str, fields: tuple[tuple[str, Any], ...], at: Location) -> Source:
    values = dict(fields)
    return Source(id=sid, title=values.get("title", sid), defined_at=at, publisher=values.get("publisher", ""),
                  kind=values.get("kind", "other"), url=values.get("url", ""), date=values.get("date", ""),
                  authors=tuple(values.get("authors", ())), note=values.get("note", ""), csl=values.get("csl", ""),
                  archived_url=values.get("archived_url", ""), accessed=_iso(values.get("accessed", "")))


def _iso(value: Any) -> str:
    """A date from front matter (a date) or from a CSL item (text) as ISO text."""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _brief(parsed: ParsedBrief, spec: BriefSpec, author_slugs: _AuthorSlugs, zone: dt.tzinfo) -> Brief:
    # The brief's own sources: what its text cites, what its front matter lists, and what it gives as
    # the sources of its claims. A claim's sources given in other briefs are on the claim's page: listed
    # here too they made every brief that shares a popular claim list dozens of sources it never named.
    order: dict[str, None] = dict.fromkeys(parsed.citation_order)
    for source in spec.sources:
        order[source.id] = None
    for claim in (*spec.claims, *spec.counterclaims):
        for ref in claim.sources:
            order[ref.id] = None
    rebuttals = dict(parsed.rebuttals)
    return Brief(
        slug=spec.slug, title=spec.title, date=spec.date or UNDATED, file=Location(spec.path),
        updated=spec.updated,
        authors=tuple(dict.fromkeys(author_slugs(n) for n in spec.authors)),
        topics=tuple(dict.fromkeys(urls.slugify(t) for t in spec.topics)),
        summary=spec.summary, draft=spec.draft,
        claims=tuple(dict.fromkeys(c.id for c in spec.claims)),
        counterclaims=tuple(Counterclaim(c.id, rebuttals.get(c.id, "")) for c in
                            {c.id: c for c in spec.counterclaims}.values()),
        sources=tuple(order),
        citations=tuple(Citation(s, a) for s, a in parsed.citations),
        passages=tuple(Passage(c, spec.slug, a, t) for c, a, t in parsed.passages),
        mentions=tuple(dict.fromkeys((r.ref.kind, r.ref.target) for r in parsed.refs
                                     if r.ref.kind in ("brief", "claim", "source", "actor", "topic"))),
        published=moment(spec.date_time, zone) if spec.date else None,
        modified=moment(spec.updated_time, zone), lang=spec.lang,
        doi=spec.doi,
    )


def _warn_gaps(reg: Registry, graph: BriefGraph, briefs: list[ParsedBrief]) -> None:
    for cid, claim in graph.claims.items():
        if not graph.claim_links[cid].sources and not reg.unknowns.might_mention(cid):
            reg.warn(claim.defined_at, f"claim '{cid}' has no source", "claim-without-source",
                     "add 'sources: [id]' where the claim is made")
    for sid, source in graph.sources.items():
        links = graph.source_links[sid]
        if (not links.briefs and not links.claims and not reg.unknowns.might_mention(sid)
                and sid not in reg.cited_by_records):
            reg.warn(source.defined_at, f"source '{sid}' is not cited anywhere", "uncited-source")
    for parsed in briefs:
        spec = parsed.spec
        if spec is None:
            continue
        for counter in spec.counterclaims:
            if not counter.rebuttal:
                reg.warn(counter.at, f"counterclaim '{counter.id}' has no rebuttal", "no-rebuttal",
                         "add 'rebuttal: ...' with the brief's answer")
        if not spec.summary:
            reg.warn(Location(spec.path, 1, 1), "brief has no summary", "no-summary",
                     "add 'summary: ...' for listings, feeds and search results")
