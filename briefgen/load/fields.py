"""Reading front matter and site-wide files into typed specs, reporting every bad field.

A spec is what one place in the content says; resolve.py merges specs from every place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from briefgen import urls
from briefgen.errors import Problem, Severity, did_you_mean
from briefgen.load.yamlload import Marks
from briefgen.model import ACTOR_KINDS, SOURCE_KINDS, Location

BRIEF_KEYS = ("title", "date", "slug", "updated", "authors", "topics", "summary", "draft",
              "claims", "counterclaims", "sources")
CLAIM_KEYS = ("id", "text", "sources", "supports", "opposes", "held_by")
COUNTERCLAIM_KEYS = (*CLAIM_KEYS, "rebuttal")
SOURCE_KEYS = ("id", "title", "publisher", "kind", "url", "date", "authors", "note")
ACTOR_KEYS = ("id", "name", "role", "url", "kind")
AUTHOR_KEYS = ("id", "name", "bio", "url")
URL_SCHEMES = ("http", "https", "mailto")


@dataclass(frozen=True)
class Ref:
    """An id named somewhere, and where."""

    id: str
    at: Location


@dataclass(frozen=True)
class ClaimSpec:
    id: str
    at: Location
    text: str | None = None
    sources: tuple[Ref, ...] = ()
    supports: tuple[Ref, ...] = ()
    opposes: tuple[Ref, ...] = ()
    held_by: tuple[Ref, ...] = ()
    rebuttal: str | None = None


@dataclass(frozen=True)
class SourceSpec:
    id: str
    at: Location
    fields: tuple[tuple[str, Any], ...] = ()
    """Bibliographic fields given here; empty for a bare id."""


@dataclass(frozen=True)
class ActorSpec:
    id: str
    at: Location
    name: str
    role: str = ""
    url: str = ""
    kind: str = "person"


@dataclass(frozen=True)
class AuthorSpec:
    slug: str
    at: Location
    name: str
    bio: str = ""
    url: str = ""


@dataclass(frozen=True)
class BriefSpec:
    path: str
    slug: str
    slug_at: Location
    title: str
    date: dt.date | None
    updated: dt.date | None
    authors: tuple[str, ...]
    topics: tuple[str, ...]
    summary: str
    draft: bool
    claims: tuple[ClaimSpec, ...]
    counterclaims: tuple[ClaimSpec, ...]
    sources: tuple[SourceSpec, ...]


class FieldReader:
    """Typed access to one YAML document that records a located problem for every bad value."""

    def __init__(self, path: str, marks: Marks, problems: list[Problem]) -> None:
        self.path, self.marks, self.problems = path, marks, problems

    def at(self, ypath: tuple[Hashable, ...]) -> Location:
        line, col = self.marks.at(ypath)
        return Location(self.path, line, col)

    def error(self, ypath: tuple[Hashable, ...], message: str, code: str, hint: str = "") -> None:
        loc = self.at(ypath)
        self.problems.append(Problem(self.path, loc.line, loc.col, Severity.ERROR, message, code, hint))

    def warn(self, ypath: tuple[Hashable, ...], message: str, code: str, hint: str = "") -> None:
        line, col = self.marks.key_at(ypath)
        self.problems.append(Problem(self.path, line, col, Severity.WARNING, message, code, hint))

    def mapping(self, value: Any, ypath: tuple[Hashable, ...], what: str) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.error(ypath, f"{what} must be a mapping of 'key: value' lines, not {_kind(value)}", "type")
        return None

    def check_keys(self, data: dict[str, Any], ypath: tuple[Hashable, ...], known: tuple[str, ...],
                   what: str) -> None:
        for key in data:
            if key not in known:
                hint = did_you_mean(str(key), known) or f"known keys: {', '.join(known)}"
                self.warn((*ypath, key), f"unknown key '{key}' in {what}, ignored", "unknown-key", hint)

    def text(self, data: dict[str, Any], key: str, ypath: tuple[Hashable, ...], *, required: bool = False,
             what: str = "") -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.error(ypath, f"{what or 'entry'} has no '{key}'", "missing-field",
                           f"add '{key}: ...'")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error((*ypath, key), f"'{key}' must be text, not {_kind(value)}", "type")
            return None
        text = str(value).strip()
        if required and not text:
            self.error((*ypath, key), f"'{key}' is empty", "missing-field")
            return None
        return text

    def date(self, data: dict[str, Any], key: str, ypath: tuple[Hashable, ...]) -> dt.date | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.error((*ypath, key), f"'{key}' must be a date like 2019-02-20, not {_kind(value)}", "type")
        return None

    def boolean(self, data: dict[str, Any], key: str, ypath: tuple[Hashable, ...]) -> bool:
        value = data.get(key, False)
        if isinstance(value, bool):
            return value
        self.error((*ypath, key), f"'{key}' must be true or false, not {_kind(value)}", "type")
        return False

    def text_list(self, data: dict[str, Any], key: str, ypath: tuple[Hashable, ...]) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            self.error((*ypath, key), f"'{key}' must be a list, not {_kind(value)}", "type")
            return ()
        out = []
        for index, item in enumerate(items):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
                self.error((*ypath, key, index), f"each of '{key}' must be non-empty text, not {_kind(item)}",
                           "type")
                continue
            out.append(str(item).strip())
        return tuple(out)

    def ident(self, value: Any, ypath: tuple[Hashable, ...], what: str, noun: str = "id") -> str | None:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.error(ypath, f"{what} {noun} must be text, not {_kind(value)}", "type")
            return None
        text = str(value).strip()
        if not urls.is_valid_id(text):
            suggestion = urls.slugify(text)
            self.error(ypath, f"{what} {noun} '{text}' must use only a-z, 0-9 and '-'", "bad-id",
                       f"try '{suggestion}'" if suggestion else "")
            return None
        return text

    def refs(self, data: dict[str, Any], key: str, ypath: tuple[Hashable, ...], what: str) -> tuple[Ref, ...]:
        value = data.get(key)
        if value is None:
            return ()
        items = [value] if isinstance(value, (str, int)) and not isinstance(value, bool) else value
        if not isinstance(items, list):
            self.error((*ypath, key), f"'{key}' must be an id or a list of ids, not {_kind(value)}", "type")
            return ()
        out = []
        for index, item in enumerate(items):
            item_path = (*ypath, key) if items is not value else (*ypath, key, index)
            ident = self.ident(item, item_path, what)
            if ident:
                out.append(Ref(ident, self.at(item_path)))
        return tuple(out)

    def url(self, data: dict[str, Any], key: str, ypath: tuple[Hashable, ...],
            schemes: tuple[str, ...] = URL_SCHEMES) -> str:
        value = self.text(data, key, ypath)
        if not value:
            return ""
        if any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in value):
            self.error((*ypath, key), f"'{key}' must not contain spaces or control characters", "bad-url",
                       "write spaces in a URL as %20")
            return ""
        parts = urlsplit(value)
        scheme = parts.scheme.lower()
        if scheme not in schemes or not (parts.path if scheme == "mailto" else parts.netloc):
            kinds = "an http(s) or mailto" if "mailto" in schemes else "an http(s)"
            self.error((*ypath, key), f"'{key}' must be {kinds} URL, not '{value}'", "bad-url",
                       "write the full address, starting with https://")
            return ""
        return value


def read_claim(reader: FieldReader, entry: Any, ypath: tuple[Hashable, ...], *, counter: bool) -> ClaimSpec | None:
    what = "counterclaim" if counter else "claim"
    if isinstance(entry, (str, int)) and not isinstance(entry, bool):
        ident = reader.ident(entry, ypath, what)
        return ClaimSpec(ident, reader.at(ypath)) if ident else None
    data = reader.mapping(entry, ypath, f"a {what}")
    if data is None:
        return None
    reader.check_keys(data, ypath, COUNTERCLAIM_KEYS if counter else CLAIM_KEYS, f"a {what}")
    if "id" not in data:
        reader.error(ypath, f"{what} has no 'id'", "missing-field", "add 'id: a-short-id' to name it")
    ident = reader.ident(data["id"], (*ypath, "id"), what) if "id" in data else None
    # Every field is read even when the id is bad, so that all mistakes show at once.
    spec = ClaimSpec(
        id=ident or "",
        at=reader.at((*ypath, "id")),
        text=reader.text(data, "text", ypath),
        sources=reader.refs(data, "sources", ypath, "source"),
        supports=reader.refs(data, "supports", ypath, "claim"),
        opposes=reader.refs(data, "opposes", ypath, "claim"),
        held_by=reader.refs(data, "held_by", ypath, "actor"),
        rebuttal=reader.text(data, "rebuttal", ypath) if counter else None,
    )
    return spec if ident else None


def read_source(reader: FieldReader, entry: Any, ypath: tuple[Hashable, ...]) -> SourceSpec | None:
    if isinstance(entry, (str, int)) and not isinstance(entry, bool):
        ident = reader.ident(entry, ypath, "source")
        return SourceSpec(ident, reader.at(ypath)) if ident else None
    data = reader.mapping(entry, ypath, "a source")
    if data is None:
        return None
    reader.check_keys(data, ypath, SOURCE_KEYS, "a source")
    if "id" not in data:
        reader.error(ypath, "source has no 'id'", "missing-field", "add 'id: a-short-id' to name it")
        return None
    ident = reader.ident(data["id"], (*ypath, "id"), "source")
    if not ident:
        return None
    fields: dict[str, Any] = {}
    title = reader.text(data, "title", ypath)
    if title:
        fields["title"] = title
    for key in ("publisher", "note"):
        value = reader.text(data, key, ypath)
        if value:
            fields[key] = value
    kind = reader.text(data, "kind", ypath)
    if kind:
        if kind not in SOURCE_KINDS:
            reader.error((*ypath, "kind"), f"source kind '{kind}' is not one of {', '.join(SOURCE_KINDS)}",
                         "bad-value", did_you_mean(kind, SOURCE_KINDS))
        else:
            fields["kind"] = kind
    url = reader.url(data, "url", ypath)
    if url:
        fields["url"] = url
    if "date" in data:
        raw = data["date"]
        if isinstance(raw, (dt.date, int)) and not isinstance(raw, bool):
            fields["date"] = raw.isoformat() if isinstance(raw, dt.date) else str(raw)
        elif isinstance(raw, str) and raw.strip():
            fields["date"] = raw.strip()
        else:
            reader.error((*ypath, "date"), f"'date' must be a date or a year, not {_kind(raw)}", "type")
    authors = reader.text_list(data, "authors", ypath)
    if authors:
        fields["authors"] = authors
    return SourceSpec(ident, reader.at((*ypath, "id")), tuple(sorted(fields.items())))


def read_actor(reader: FieldReader, entry: Any, ypath: tuple[Hashable, ...]) -> ActorSpec | None:
    data = reader.mapping(entry, ypath, "an actor")
    if data is None:
        return None
    reader.check_keys(data, ypath, ACTOR_KEYS, "an actor")
    if "id" not in data:
        reader.error(ypath, "actor has no 'id'", "missing-field", "add 'id: a-short-id' to name it")
        return None
    ident = reader.ident(data["id"], (*ypath, "id"), "actor")
    name = reader.text(data, "name", ypath, required=True, what="actor")
    if not ident or not name:
        return None
    kind = reader.text(data, "kind", ypath) or "person"
    if kind not in ACTOR_KINDS:
        reader.error((*ypath, "kind"), f"actor kind '{kind}' is not one of {', '.join(ACTOR_KINDS)}",
                     "bad-value", did_you_mean(kind, ACTOR_KINDS))
        kind = "person"
    return ActorSpec(ident, reader.at((*ypath, "id")), name, reader.text(data, "role", ypath) or "",
                     reader.url(data, "url", ypath), kind)


def read_author(reader: FieldReader, entry: Any, ypath: tuple[Hashable, ...]) -> AuthorSpec | None:
    data = reader.mapping(entry, ypath, "an author")
    if data is None:
        return None
    reader.check_keys(data, ypath, AUTHOR_KEYS, "an author")
    name = reader.text(data, "name", ypath, required=True, what="author")
    if not name:
        return None
    slug = reader.ident(data["id"], (*ypath, "id"), "author") if "id" in data else urls.slugify(name)
    if not slug:
        return None
    return AuthorSpec(slug, reader.at(ypath), name, reader.text(data, "bio", ypath) or "",
                      reader.url(data, "url", ypath))


def read_brief(reader: FieldReader, front: Any, stem: str) -> BriefSpec | None:
    if front is None:
        front = {}
    data = reader.mapping(front, (), "front matter")
    if data is None:
        return None
    reader.check_keys(data, (), BRIEF_KEYS, "front matter")
    draft = reader.boolean(data, "draft", ())
    title = reader.text(data, "title", (), required=True, what="brief")
    date = reader.date(data, "date", ())
    if date is None and "date" not in data and not draft:
        reader.error((), "brief has no 'date'", "missing-field", "add 'date: YYYY-MM-DD', or 'draft: true'")
    if "slug" in data:
        slug = reader.ident(data["slug"], ("slug",), "brief", noun="slug") or ""
        slug_at = reader.at(("slug",))
    else:
        slug = urls.slugify(stem)
        slug_at = Location(reader.path, 1, 1)
        if not slug:
            reader.error((), f"cannot make a URL slug from the file name '{stem}'", "bad-id",
                         "add 'slug: some-words' to the front matter")
    # Every field is read, even when the brief is already lost, so that all its problems show at once.
    updated = reader.date(data, "updated", ())
    authors = reader.text_list(data, "authors", ())
    topics = reader.text_list(data, "topics", ())
    summary = reader.text(data, "summary", ()) or ""
    claims = _entries(reader, data, "claims", lambda e, p: read_claim(reader, e, p, counter=False))
    counterclaims = _entries(reader, data, "counterclaims", lambda e, p: read_claim(reader, e, p, counter=True))
    sources = _entries(reader, data, "sources", lambda e, p: read_source(reader, e, p))
    if title is None or not slug:
        return None
    return BriefSpec(
        path=reader.path, slug=slug, slug_at=slug_at, title=title, date=date, updated=updated,
        authors=authors, topics=topics, summary=summary,
        draft=draft, claims=claims, counterclaims=counterclaims, sources=sources,
    )


def read_list(reader: FieldReader, data: Any, read: Any) -> tuple[Any, ...]:
    """Entries of a site-wide file, which is a list (an empty file is an empty list)."""
    if data is None:
        return ()
    if not isinstance(data, list):
        reader.error((), f"this file must be a list of entries ('- id: ...'), not {_kind(data)}", "type")
        return ()
    return tuple(spec for index, entry in enumerate(data) if (spec := read(entry, (index,))) is not None)


def _entries(reader: FieldReader, data: dict[str, Any], key: str, read: Any) -> tuple[Any, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if not isinstance(value, list):
        reader.error((key,), f"'{key}' must be a list ('- ...' lines), not {_kind(value)}", "type")
        return ()
    return tuple(spec for index, entry in enumerate(value) if (spec := read(entry, (key, index))) is not None)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"'{value}'"
