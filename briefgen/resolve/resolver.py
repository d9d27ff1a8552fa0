"""Resolve stage: parsed documents -> one BriefGraph, plus every problem found.

Gather everything first, then link: definitions are collected from every file, then each
reference is checked against them, then backlinks are computed in one linear pass.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from briefgen import urls
from briefgen.errors import Problem, Severity, did_you_mean
from briefgen.load.bibliography import is_library, library_specs
from briefgen.load.documents import ParsedBrief
from briefgen.load.fields import (
    ActorSpec,
    AuthorSpec,
    BriefSpec,
    ClaimSpec,
    FieldReader,
    Ref,
    SourceSpec,
    read_actor,
    read_author,
    read_claim,
    read_list,
    read_source,
)
from briefgen.load.files import DataDoc
from briefgen.model import (
    Actor,
    Author,
    Brief,
    BriefBody,
    BriefGraph,
    Citation,
    Claim,
    ClaimLinks,
    Counterclaim,
    Location,
    Passage,
    SiteConfig,
    Source,
    SourceLinks,
    Topic,
)

UNDATED = dt.date(1970, 1, 1)
"""The date given to a draft without one, when drafts are built."""


@dataclass
class _Registry:
    """Mutable scratch space of one resolve call; never leaves this module."""

    problems: list[Problem] = field(default_factory=list)
    claim_text: dict[str, tuple[str, Location]] = field(default_factory=dict)
    claim_mentions: dict[str, Location] = field(default_factory=dict)
    relations: dict[str, dict[str, dict[str, None]]] = field(default_factory=dict)
    sources: dict[str, tuple[tuple[tuple[str, Any], ...], Location]] = field(default_factory=dict)
    actors: dict[str, ActorSpec] = field(default_factory=dict)
    authors: dict[str, AuthorSpec] = field(default_factory=dict)
    pending: list[tuple[str, Ref]] = field(default_factory=list)
    """(kind, ref) to check once every definition is known."""

    def error(self, at: Location, message: str, code: str, hint: str = "") -> None:
        self.problems.append(Problem(at.path, at.line, at.col, Severity.ERROR, message, code, hint))

    def warn(self, at: Location, message: str, code: str, hint: str = "") -> None:
        self.problems.append(Problem(at.path, at.line, at.col, Severity.WARNING, message, code, hint))

    def add_claim(self, spec: ClaimSpec) -> None:
        self.claim_mentions.setdefault(spec.id, spec.at)
        if spec.text:
            known = self.claim_text.get(spec.id)
            if known is None:
                self.claim_text[spec.id] = (spec.text, spec.at)
            elif known[0] != spec.text:
                self.error(spec.at, f"claim '{spec.id}' is given a different text here than at {known[1]}",
                           "conflicting-definition", "define a claim's text once; elsewhere write its bare id")
        rel = self.relations.setdefault(spec.id, {})
        for name, refs, kind in (("sources", spec.sources, "source"), ("supports", spec.supports, "claim"),
                                 ("opposes", spec.opposes, "claim"), ("held_by", spec.held_by, "actor")):
            bucket = rel.setdefault(name, {})
            for ref in refs:
                if kind == "claim" and ref.id == spec.id:
                    self.error(ref.at, f"claim '{spec.id}' {name} itself", "self-relation")
                    continue
                bucket[ref.id] = None
                self.pending.append((kind, ref))

    def add_source(self, spec: SourceSpec) -> None:
        if not spec.fields:
            self.pending.append(("source", Ref(spec.id, spec.at)))
            return
        known = self.sources.get(spec.id)
        if known is None:
            self.sources[spec.id] = (spec.fields, spec.at)
            if "title" not in dict(spec.fields):
                self.error(spec.at, f"source '{spec.id}' has no title", "missing-field", "add 'title: ...'")
        elif known[0] != spec.fields:
            self.error(spec.at, f"source '{spec.id}' is described differently here than at {known[1]}",
                       "conflicting-definition", "describe a source once; elsewhere write its bare id")

    def add_actor(self, spec: ActorSpec) -> None:
        known = self.actors.get(spec.id)
        if known is None:
            self.actors[spec.id] = spec
        elif (known.name, known.role, known.url, known.kind) != (spec.name, spec.role, spec.url, spec.kind):
            self.error(spec.at, f"actor '{spec.id}' is described differently here than at {known.at}",
                       "conflicting-definition")


def resolve(config: SiteConfig, parsed: Iterable[ParsedBrief], data: Iterable[DataDoc],
            include_drafts: bool = False) -> tuple[BriefGraph, list[Problem]]:
    reg = _Registry()
    _read_site_files(reg, data)
    briefs: list[ParsedBrief] = []
    for item in parsed:
        reg.problems.extend(item.problems)
        if item.spec is None:
            continue
        if item.spec.draft and not include_drafts:
            reg.warn(Location(item.spec.path, 1, 1), "draft skipped", "draft", "build with --drafts to include it")
            continue
        briefs.append(item)
    briefs.sort(key=lambda b: (-(b.spec.date.toordinal() if b.spec and b.spec.date else 0),
                               b.spec.slug if b.spec else ""))
    specs = [b.spec for b in briefs if b.spec]
    _check_unique_slugs(reg, specs)
    for spec in sorted(specs, key=lambda s: s.path):  # "defined first" means first by file name
        for claim in (*spec.claims, *spec.counterclaims):
            reg.add_claim(claim)
        for source in spec.sources:
            reg.add_source(source)
    authors = _authors(reg, specs)
    topics = _topics(reg, specs)
    _check_pending(reg)
    _check_body_refs(reg, briefs, {s.slug for s in specs}, topics)

    claims = {cid: Claim(cid, text, at) for cid, (text, at) in sorted(reg.claim_text.items())}
    sources = {sid: _source(sid, fields, at) for sid, (fields, at) in sorted(reg.sources.items())}
    actors = {aid: Actor(a.id, a.name, a.at, a.role, a.url, a.kind) for aid, a in sorted(reg.actors.items())}
    author_slugs = _AuthorSlugs(authors)
    brief_models = {b.spec.slug: _brief(b, b.spec, reg, author_slugs) for b in briefs if b.spec}
    bodies = {b.spec.slug: BriefBody(b.body_html, b.words) for b in briefs if b.spec}
    sources = _without_unused_library_sources(sources, brief_models, reg)
    graph = _link(config, brief_models, bodies, claims, sources, actors, authors, topics, reg)
    _warn_gaps(reg, graph, briefs)
    return graph, reg.problems


def _read_site_files(reg: _Registry, data: Iterable[DataDoc]) -> None:
    for doc in data:
        reader = FieldReader(doc.path, doc.marks, reg.problems)
        if doc.name == "claims":
            for spec in read_list(reader, doc.data, partial(read_claim, reader, counter=False)):
                reg.add_claim(spec)
        elif doc.name == "sources" and is_library(doc.path):
            for spec in library_specs(reader, doc.data):
                reg.add_source(spec)
        elif doc.name == "sources":
            for spec in read_list(reader, doc.data, partial(read_source, reader)):
                reg.add_source(spec)
        elif doc.name == "actors":
            for spec in read_list(reader, doc.data, partial(read_actor, reader)):
                reg.add_actor(spec)
        elif doc.name == "authors":
            for spec in read_list(reader, doc.data, partial(read_author, reader)):
                if spec.slug in reg.authors:
                    reg.error(spec.at, f"author '{spec.slug}' is listed twice", "duplicate-id")
                reg.authors[spec.slug] = spec


def _without_unused_library_sources(sources: dict[str, Source], briefs: dict[str, Brief],
                                    reg: _Registry) -> dict[str, Source]:
    """A reference manager's export holds a whole library: publish only the sources something cites."""
    used = {sid for brief in briefs.values() for sid in brief.sources}
    used.update(sid for rel in reg.relations.values() for sid in rel.get("sources", {}))
    return {sid: s for sid, s in sources.items() if sid in used or not is_library(s.defined_at.path)}


def _check_unique_slugs(reg: _Registry, specs: list[BriefSpec]) -> None:
    seen: dict[str, Location] = {}
    for spec in sorted(specs, key=lambda s: s.path):
        if spec.slug in seen:
            reg.error(spec.slug_at, f"brief slug '{spec.slug}' is already used by {seen[spec.slug].path}",
                      "duplicate-slug", "give one of them a different 'slug:'")
        else:
            seen[spec.slug] = spec.slug_at


def _check_pending(reg: _Registry) -> None:
    known: dict[str, Mapping[str, object]] = {"claim": reg.claim_text, "source": reg.sources, "actor": reg.actors}
    for cid, at in reg.claim_mentions.items():
        if cid not in reg.claim_text:
            hint = did_you_mean(cid, reg.claim_text) or "give it a 'text:' in one place"
            reg.error(at, f"unknown claim '{cid}'", "unknown-id", hint)
    for kind, ref in reg.pending:
        if ref.id not in known[kind] and not (kind == "claim" and ref.id in reg.claim_mentions):
            reg.error(ref.at, f"unknown {kind} '{ref.id}'", "unknown-id",
                      did_you_mean(ref.id, known[kind]) or _define_hint(kind))


def _define_hint(kind: str) -> str:
    return {"claim": "define it with 'id:' and 'text:' in a brief or content/claims.yaml",
            "source": "describe it in a brief's 'sources:' or in content/sources.yaml",
            "actor": "add it to content/actors.yaml",
            "brief": "check the brief's slug",
            "topic": "topics come from the briefs' 'topics:' lists"}.get(kind, "")


def _check_body_refs(reg: _Registry, briefs: list[ParsedBrief], slugs: set[str], topics: dict[str, Topic]) -> None:
    known: dict[str, Any] = {"cite": reg.sources, "source": reg.sources, "claim-passage": reg.claim_text,
                             "claim": reg.claim_text, "actor": reg.actors, "brief": slugs, "topic": topics}
    names = {"cite": "source", "claim-passage": "claim"}
    for brief in briefs:
        for located in brief.refs:
            ref = located.ref
            if ref.target in known[ref.kind]:
                continue
            kind = names.get(ref.kind, ref.kind)
            if not urls.is_valid_id(ref.target):
                suggestion = urls.slugify(ref.target)
                reg.error(located.at, f"{kind} id '{ref.target}' must use only a-z, 0-9 and '-'", "bad-id",
                          f"try '{suggestion}'" if suggestion else "")
                continue
            reg.error(located.at, f"unknown {kind} '{ref.target}'", "unknown-id",
                      did_you_mean(ref.target, known[ref.kind]) or _define_hint(kind))


def _authors(reg: _Registry, specs: list[BriefSpec]) -> dict[str, Author]:
    by_name = {a.name: a for a in reg.authors.values()}
    out = {slug: Author(slug, a.name, a.bio, a.url) for slug, a in reg.authors.items()}
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


def _topics(reg: _Registry, specs: list[BriefSpec]) -> dict[str, Topic]:
    out: dict[str, Topic] = {}
    for spec in sorted(specs, key=lambda s: s.path):
        for name in spec.topics:
            slug = urls.slugify(name)
            if not slug:
                reg.error(Location(spec.path, 1, 1), f"topic '{name}' has no letters or digits to make a URL of",
                          "bad-topic")
                continue
            out.setdefault(slug, Topic(slug, name))
    return dict(sorted(out.items()))


def _source(sid: str, fields: tuple[tuple[str, Any], ...], at: Location) -> Source:
    values = dict(fields)
    return Source(id=sid, title=values.get("title", sid), defined_at=at, publisher=values.get("publisher", ""),
                  kind=values.get("kind", "other"), url=values.get("url", ""), date=values.get("date", ""),
                  authors=tuple(values.get("authors", ())), note=values.get("note", ""), csl=values.get("csl", ""))


def _brief(parsed: ParsedBrief, spec: BriefSpec, reg: _Registry, author_slugs: _AuthorSlugs) -> Brief:
    order: dict[str, None] = dict.fromkeys(parsed.citation_order)
    for source in spec.sources:
        order[source.id] = None
    for claim in (*spec.claims, *spec.counterclaims):
        for sid in reg.relations.get(claim.id, {}).get("sources", {}):
            order[sid] = None
    rebuttals = dict(parsed.rebuttals)
    return Brief(
        slug=spec.slug, title=spec.title, date=spec.date or UNDATED, file=Location(spec.path),
        updated=spec.updated,
        authors=tuple(dict.fromkeys(author_slugs(n) for n in spec.authors)),
        topics=tuple(dict.fromkeys(urls.slugify(t) for t in spec.topics if urls.slugify(t))),
        summary=spec.summary, draft=spec.draft,
        claims=tuple(dict.fromkeys(c.id for c in spec.claims)),
        counterclaims=tuple(Counterclaim(c.id, rebuttals.get(c.id, "")) for c in
                            {c.id: c for c in spec.counterclaims}.values()),
        sources=tuple(order),
        citations=tuple(Citation(s, a) for s, a in parsed.citations),
        passages=tuple(Passage(c, spec.slug, a, t) for c, a, t in parsed.passages),
        mentions=tuple(dict.fromkeys((r.ref.kind, r.ref.target) for r in parsed.refs
                                     if r.ref.kind in ("brief", "claim", "source", "actor", "topic"))),
    )


def _link(config: SiteConfig, briefs: dict[str, Brief], bodies: dict[str, BriefBody], claims: dict[str, Claim],
          sources: dict[str, Source],
          actors: dict[str, Actor], authors: dict[str, Author], topics: dict[str, Topic],
          reg: _Registry) -> BriefGraph:
    """Every backlink, in one pass over the briefs and one over the claims."""
    def bucket() -> dict[str, dict[str, None]]:
        return {cid: {} for cid in claims}

    asserted, answered, supported_by, opposed_by = bucket(), bucket(), bucket(), bucket()
    passages: dict[str, list[Passage]] = {cid: [] for cid in claims}
    source_briefs: dict[str, dict[str, None]] = {sid: {} for sid in sources}
    source_claims: dict[str, dict[str, None]] = {sid: {} for sid in sources}
    topic_briefs: dict[str, list[str]] = {slug: [] for slug in topics}
    author_briefs: dict[str, list[str]] = {slug: [] for slug in authors}
    actor_mentions: dict[str, list[str]] = {aid: [] for aid in actors}
    for slug, brief in briefs.items():
        for cid in brief.claims:
            asserted.get(cid, {})[slug] = None
        for counter in brief.counterclaims:
            answered.get(counter.claim, {})[slug] = None
        for passage in brief.passages:
            passages.setdefault(passage.claim, []).append(passage)
        for sid in brief.sources:
            source_briefs.setdefault(sid, {})[slug] = None
        for topic in brief.topics:
            topic_briefs.setdefault(topic, []).append(slug)
        for author in brief.authors:
            author_briefs.setdefault(author, []).append(slug)
        for kind, target in brief.mentions:
            if kind == "actor" and target in actor_mentions:
                actor_mentions[target].append(slug)
    actor_claims: dict[str, list[str]] = {aid: [] for aid in actors}
    for cid in claims:
        rel = reg.relations.get(cid, {})
        for other in rel.get("supports", {}):
            supported_by.setdefault(other, {})[cid] = None
        for other in rel.get("opposes", {}):
            opposed_by.setdefault(other, {})[cid] = None
        for sid in rel.get("sources", {}):
            source_claims.setdefault(sid, {})[cid] = None
        for aid in rel.get("held_by", {}):
            actor_claims.setdefault(aid, []).append(cid)
    # Backlink lists keep the briefs' order (newest first): sorted by rank, never by scanning every brief.
    rank = {slug: index for index, slug in enumerate(briefs)}
    links = {}
    for cid in claims:
        rel = reg.relations.get(cid, {})
        rivals = {**rel.get("opposes", {}), **opposed_by[cid]}
        other_side = dict(answered[cid])
        for rival in rivals:
            other_side.update(asserted.get(rival, {}))
        contested = (tuple(sorted((b for b in other_side if b not in asserted[cid]), key=rank.__getitem__))
                     if asserted[cid] else ())
        links[cid] = ClaimLinks(
            asserted_in=tuple(asserted[cid]), answered_in=tuple(answered[cid]),
            supports=tuple(rel.get("supports", {})), supported_by=tuple(sorted(supported_by[cid])),
            opposes=tuple(rel.get("opposes", {})), opposed_by=tuple(sorted(opposed_by[cid])),
            sources=tuple(rel.get("sources", {})), held_by=tuple(rel.get("held_by", {})),
            passages=tuple(passages[cid]), contested_by=contested,
        )
    return BriefGraph(
        config=config, briefs=briefs, bodies=bodies, claims=claims, sources=sources, actors=actors, authors=authors,
        topics=topics, claim_links=links,
        source_links={sid: SourceLinks(tuple(source_briefs[sid]), tuple(sorted(source_claims[sid])))
                      for sid in sources},
        actor_claims={aid: tuple(sorted(v)) for aid, v in actor_claims.items()},
        topic_briefs={k: tuple(v) for k, v in topic_briefs.items()},
        author_briefs={k: tuple(v) for k, v in author_briefs.items()},
        actor_mentions={k: tuple(v) for k, v in actor_mentions.items()},
    )


def _warn_gaps(reg: _Registry, graph: BriefGraph, briefs: list[ParsedBrief]) -> None:
    for cid, claim in graph.claims.items():
        if not graph.claim_links[cid].sources:
            reg.warn(claim.defined_at, f"claim '{cid}' has no source", "claim-without-source",
                     "add 'sources: [id]' where the claim is made")
    for sid, source in graph.sources.items():
        links = graph.source_links[sid]
        if not links.briefs and not links.claims:
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
