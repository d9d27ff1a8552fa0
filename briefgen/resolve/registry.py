"""The scratch space of one resolve: every definition and reference, gathered before anything is linked.

Definitions are collected from every file first; only then is each reference checked against
them, so that a claim defined in a later file is not reported as unknown.
"""

from __future__ import annotations

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
from briefgen.model import Location, Topic


@dataclass
class Registry:
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
    arguments: list[ClaimSpec] = field(default_factory=list)
    """Claims with linked supports or undercuts, resolved by resolve/inferences.py."""

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
        if spec.linked or spec.undercuts:
            self.arguments.append(spec)
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


def read_site_files(reg: Registry, data: Iterable[DataDoc]) -> None:
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


def check_pending(reg: Registry) -> None:
    known: dict[str, Mapping[str, object]] = {"claim": reg.claim_text, "source": reg.sources, "actor": reg.actors}
    for cid, at in reg.claim_mentions.items():
        if cid not in reg.claim_text:
            hint = did_you_mean(cid, reg.claim_text) or "give it a 'text:' in one place"
            reg.error(at, f"unknown claim '{cid}'", "unknown-id", hint)
    for kind, ref in reg.pending:
        if ref.id not in known[kind] and not (kind == "claim" and ref.id in reg.claim_mentions):
            reg.error(ref.at, f"unknown {kind} '{ref.id}'", "unknown-id",
                      did_you_mean(ref.id, known[kind]) or define_hint(kind))


def define_hint(kind: str) -> str:
    return {"claim": "define it with 'id:' and 'text:' in a brief or content/claims.yaml",
            "source": "describe it in a brief's 'sources:' or in content/sources.yaml",
            "actor": "add it to content/actors.yaml",
            "brief": "check the brief's slug",
            "topic": "topics come from the briefs' 'topics:' lists"}.get(kind, "")


def check_body_refs(reg: Registry, briefs: list[ParsedBrief], slugs: set[str], topics: dict[str, Topic]) -> None:
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
                reg.error(located.at, f"{kind} id '{ref.target}' must be lower-case letters and digits joined by '-'",
                          "bad-id", urls.id_hint(ref.target))
                continue
            reg.error(located.at, f"unknown {kind} '{ref.target}'", "unknown-id",
                      did_you_mean(ref.target, known[ref.kind]) or define_hint(kind))
