"""Front matter and site-wide files -> typed specs, by the descriptions of formats.py.

A spec is what one place in the content says; resolve/ merges the specs from every place.
The readers here add what a description cannot say: an entry with a bad id is dropped, an
author's page name defaults to their name, a brief's slug to its file name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from briefgen import urls
from briefgen.load.aliases import read_aliases
from briefgen.load.dates import file_name_date
from briefgen.load.formats import (
    ACTOR,
    AUTHOR,
    BRIEF,
    CLAIM,
    CONFIG,
    CORRECTION,
    COUNTERCLAIM,
    LINKED_SUPPORT,
    POSITION,
    RATING,
    REVIEW,
    SOURCE,
    UNDERCUT,
    URL_SCHEMES,
    Shape,
)
from briefgen.load.reader import EntryReader, FieldReader, Values, YPath, kind_of
from briefgen.load.records import read_correction, read_position, read_rating, read_review
from briefgen.load.specs import (
    ActorSpec,
    AuthorSpec,
    BriefSpec,
    ClaimSpec,
    LinkedSupportSpec,
    Ref,
    SourceSpec,
    UndercutSpec,
)
from briefgen.model import Location

__all__ = [
    "ACTOR_KEYS", "AUTHOR_KEYS", "BRIEF_KEYS", "CLAIM_KEYS", "CONFIG_KEYS", "COUNTERCLAIM_KEYS", "SOURCE_KEYS",
    "URL_SCHEMES", "ActorSpec", "AuthorSpec", "BriefSpec", "ClaimSpec", "FieldReader", "Ref", "SourceSpec",
    "read_actor", "read_author", "read_brief", "read_claim", "read_list", "read_source",
]

BRIEF_KEYS = BRIEF.names
CLAIM_KEYS = CLAIM.names
COUNTERCLAIM_KEYS = COUNTERCLAIM.names
SOURCE_KEYS = SOURCE.names
ACTOR_KEYS = ACTOR.names
AUTHOR_KEYS = AUTHOR.names
CONFIG_KEYS = CONFIG.names
SOURCE_FIELDS = ("title", "publisher", "kind", "url", "date", "authors", "note", "archived_url", "accessed")
"""A source's bibliographic fields: everything but its id."""


def read_claim(reader: FieldReader, entry: Any, ypath: YPath, *, counter: bool) -> ClaimSpec | None:
    shape = COUNTERCLAIM if counter else CLAIM
    if _is_bare_id(entry):
        ident = reader.ident(entry, ypath, shape.name)
        return ClaimSpec(ident, reader.at(ypath)) if ident else None
    read = reader.read(shape, entry, ypath, _read_entry(reader))
    if read is None or not read.get("id"):
        return None
    supports = read.get("supports", ())
    return ClaimSpec(
        id=read.get("id"), at=reader.at((*ypath, "id")), text=read.get("text"),
        sources=read.get("sources", ()), supports=tuple(s for s in supports if isinstance(s, Ref)),
        opposes=read.get("opposes", ()), held_by=read.get("held_by", ()),
        rebuttal=read.get("rebuttal") if counter else None,
        linked=tuple(s for s in supports if isinstance(s, LinkedSupportSpec)), undercuts=read.get("undercuts", ()),
        reviews=read.get("reviews", ()), corrections=read.get("corrections", ()),
    )


def _read_relation(reader: FieldReader) -> EntryReader:
    """Reads a claim's relation entries: a linked support in 'supports', an undercut in 'undercuts'."""
    def read_entry(shape: Shape, entry: Any, ypath: YPath) -> Ref | LinkedSupportSpec | UndercutSpec | None:
        read = reader.read(shape, entry, ypath)
        if read is None:
            return None
        if shape is UNDERCUT:
            premises: tuple[Ref, ...] = read.get("from", ())
            if "from" in read.values and not premises:
                reader.error((*ypath, "from"), "'from' names no claim", "missing-field",
                             "list the premise of the support this claim undercuts")
            to = read.get("to")
            if not premises or not to:
                return None
            return UndercutSpec(premises, Ref(to, reader.at((*ypath, "to"))), reader.at(ypath))
        claim = read.get("claim")
        if not claim:
            return None
        conclusion = Ref(claim, reader.at((*ypath, "claim")))
        others: tuple[Ref, ...] = read.get("with", ())
        # '{claim: c}' with no other premise is a plain support, as if the id alone were written.
        return LinkedSupportSpec(conclusion, others, reader.at(ypath)) if others else conclusion
    return read_entry


def read_source(reader: FieldReader, entry: Any, ypath: YPath) -> SourceSpec | None:
    if _is_bare_id(entry):
        ident = reader.ident(entry, ypath, SOURCE.name)
        return SourceSpec(ident, reader.at(ypath)) if ident else None
    read = reader.read(SOURCE, entry, ypath)
    if read is None or not read.get("id"):
        return None
    fields = {key: read.get(key) for key in SOURCE_FIELDS if read.get(key)}  # an empty value says nothing
    return SourceSpec(read.get("id"), reader.at((*ypath, "id")), tuple(sorted(fields.items())))


def read_actor(reader: FieldReader, entry: Any, ypath: YPath) -> ActorSpec | None:
    read = reader.read(ACTOR, entry, ypath)
    if read is None or not read.get("id") or not read.get("name"):
        return None
    return ActorSpec(read.get("id"), reader.at((*ypath, "id")), read.get("name"), read.get("role") or "",
                     read.get("url", ""), read.get("kind", "person"))


def read_author(reader: FieldReader, entry: Any, ypath: YPath) -> AuthorSpec | None:
    read = reader.read(AUTHOR, entry, ypath)
    if read is None or not read.get("name"):
        return None
    slug = read.get("id") if "id" in read.given else urls.slugify(read.get("name"))
    if not slug:
        return None
    return AuthorSpec(slug, reader.at(ypath), read.get("name"), read.get("bio") or "", read.get("url", ""),
                      read.get("orcid", ""))


def read_brief(reader: FieldReader, front: Any, stem: str) -> BriefSpec | None:
    front = {} if front is None else front
    named = file_name_date(stem)  # Jekyll's 2014-09-25-title.md: the date, and the name without it
    if named is not None:
        stem = named[1]
        if isinstance(front, dict) and front.get("date") is None:
            front = {**front, "date": named[0]}  # the front matter's own date wins
    read = reader.read(BRIEF, front, (), _read_entry(reader))
    if read is None:
        return None
    if "slug" in read.given:
        slug, slug_at = read.get("slug", ""), reader.at(("slug",))
    else:
        slug, slug_at = urls.slugify(stem), Location(reader.path, 1, 1)
        if not any(char.isalnum() for char in stem):
            reader.warn((), f"the file name '{stem}' has no letters or digits: the brief's URL is "
                            f"briefs/{slug}/", "bad-id", "add 'slug: some-words' to the front matter")
    title = read.get("title")
    if title is None or not slug:
        return None
    date, updated = read.get("date"), read.get("updated")
    return BriefSpec(
        path=reader.path, slug=slug, slug_at=slug_at, title=title, date=date.date if date else None,
        updated=updated.date if updated else None, authors=read.get("authors", ()), topics=read.get("topics", ()),
        summary=read.get("summary") or "", draft=read.get("draft", False), claims=read.get("claims", ()),
        counterclaims=read.get("counterclaims", ()), sources=read.get("sources", ()),
        positions=read.get("positions", ()), corrections=read.get("corrections", ()),
        aliases=read_aliases(reader, front) if read.get("aliases") else (),
        date_time=date, updated_time=updated, lang=read.get("lang") or "",
        doi=read.get("doi", ""),
    )


def read_list(reader: FieldReader, data: Any, read: Callable[[Any, YPath], Any]) -> tuple[Any, ...]:
    """Entries of a site-wide file, which is a list (an empty file is an empty list)."""
    if data is None:
        return ()
    if not isinstance(data, list):
        reader.error((), f"this file must be a list of entries ('- id: ...'), not {kind_of(data)}", "type")
        return ()
    return tuple(spec for index, entry in enumerate(data) if (spec := read(entry, (index,))) is not None)


def read_values(reader: FieldReader, shape: Shape, data: Any) -> Values | None:
    """A whole document of one mapping (briefgen.yaml); an empty document is an empty mapping."""
    return reader.read(shape, {} if data is None else data, (), _read_entry(reader))


def _read_entry(reader: FieldReader) -> Callable[[Shape, Any, YPath], Any]:
    relation = _read_relation(reader)

    def read_entry(shape: Shape, entry: Any, ypath: YPath) -> Any:
        if shape is SOURCE:
            return read_source(reader, entry, ypath)
        if shape is REVIEW:
            return read_review(reader, entry, ypath)
        if shape is CORRECTION:
            return read_correction(reader, entry, ypath)
        if shape is POSITION:
            return read_position(reader, entry, ypath)
        if shape is RATING:
            return read_rating(reader, entry, ypath)
        if shape is UNDERCUT or shape is LINKED_SUPPORT:
            return relation(shape, entry, ypath)
        return read_claim(reader, entry, ypath, counter=shape is COUNTERCLAIM)
    return read_entry


def _is_bare_id(entry: Any) -> bool:
    return isinstance(entry, (str, int)) and not isinstance(entry, bool)
