"""Reading one YAML document by the descriptions of formats.py: typed values, and a located problem
for every bad one.

Every key is read even when an earlier one is already wrong, so that all the mistakes of a
file show at once. An optional key left empty (null) is taken as absent.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from briefgen import urls
from briefgen.errors import Problem, Severity, did_you_mean
from briefgen.hints import bad_id_hint, bad_id_message, unknown_key_hint
from briefgen.langs import language_tag
from briefgen.load import dates, identifiers
from briefgen.load.dates import When, parse_when
from briefgen.load.formats import URL_SCHEMES, Key, Kind, Shape
from briefgen.load.marks import Locator
from briefgen.load.specs import Ref
from briefgen.model import Location

YPath = tuple[Hashable, ...]
EntryReader = Callable[[Shape, Any, YPath], Any]
"""Reads one entry of an ENTRIES key into its spec (or None), given the entry's shape."""
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR_OR_MONTH = re.compile(r"\d{4}(-\d{2})?")
_NOT_IN_URL = re.compile(r"[\s\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Values:
    """What a mapping said, key by key."""

    values: dict[str, Any]
    """Each key whose value is good, as its typed value."""
    given: frozenset[str]
    """Each key given a value (good or bad): a bad value is not replaced by a default."""

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


class FieldReader:
    """Typed access to one YAML document that records a located problem for every bad value."""

    def __init__(self, path: str, marks: Locator, problems: list[Problem]) -> None:
        self.path, self.marks, self.problems = path, marks, problems

    def at(self, ypath: YPath) -> Location:
        line, col = self.marks.at(ypath)
        return Location(self.path, line, col)

    def error(self, ypath: YPath, message: str, code: str, hint: str = "") -> None:
        line, col = self.marks.at(ypath)
        self.problems.append(Problem(self.path, line, col, Severity.ERROR, message, code, hint))

    def warn(self, ypath: YPath, message: str, code: str, hint: str = "") -> None:
        line, col = self.marks.key_at(ypath)
        self.problems.append(Problem(self.path, line, col, Severity.WARNING, message, code, hint))

    def mapping(self, value: Any, ypath: YPath, what: str) -> dict[Any, Any] | None:
        if isinstance(value, dict):
            return value
        self.error(ypath, f"{what} must be a mapping of 'key: value' lines, not {kind_of(value)}", "type")
        return None

    def check_keys(self, data: dict[Any, Any], ypath: YPath, known: tuple[str, ...], what: str) -> None:
        for key in data:
            if key not in known:
                self.warn((*ypath, key), f"unknown key '{key}' in {what}, ignored", "unknown-key",
                          unknown_key_hint(str(key), known))

    # -- a mapping, by its description ------------------------------------------------------------

    def read(self, shape: Shape, value: Any, ypath: YPath, read_entry: EntryReader | None = None) -> Values | None:
        """Every key of `shape` in the mapping `value`; None when `value` is not a mapping."""
        data = self.mapping(value, ypath, shape.article)
        if data is None:
            return None
        self.check_keys(data, ypath, shape.names, shape.article)
        out: dict[str, Any] = {}
        for key in shape.keys:
            raw = data.get(key.name)
            if raw is None:
                if key.required or _required_here(shape, key, data):
                    self._missing(shape, key, key.name in data, ypath)
                continue
            value = self._value(shape, key, raw, (*ypath, key.name), read_entry)
            if value is not None:
                out[key.name] = value
        return Values(out, frozenset(k.name for k in shape.keys if data.get(k.name) is not None))

    def _missing(self, shape: Shape, key: Key, present: bool, ypath: YPath) -> None:
        if key.kind is Kind.ID:
            hint = f"add '{key.name}: a-short-id' to name it"
        elif key.kind in (Kind.DATE, Kind.DATE_TIME):
            hint = f"add '{key.name}: YYYY-MM-DD'"
        else:
            hint = f"add '{key.name}: ...'"
        if shape.required_unless and shape.required_unless[0] == key.name:
            hint += f", or '{shape.required_unless[1]}: true'"
        if present:  # written but left empty: point at it
            self.error((*ypath, key.name), f"'{key.name}' is empty", "missing-field", hint)
        else:
            self.error(ypath, f"{shape.name} has no '{key.name}'", "missing-field", hint)

    def _value(self, shape: Shape, key: Key, raw: Any, ypath: YPath, read_entry: EntryReader | None) -> Any:
        kind, name = key.kind, key.name
        if kind is Kind.TEXT:
            return self.text(raw, name, ypath, required=key.required)
        if kind is Kind.DATE_OR_YEAR:
            return self.date_or_year(raw, name, ypath)
        if kind is Kind.DATE:
            return self.date(raw, name, ypath)
        if kind is Kind.PARTIAL_DATE:
            return self.partial_date(raw, name, ypath)
        if kind is Kind.DATE_TIME:
            return self.when(raw, name, ypath)
        if kind is Kind.LANGUAGE:
            return self.language(raw, name, ypath)
        if kind is Kind.BOOLEAN:
            return self.boolean(raw, name, ypath)
        if kind is Kind.ID:
            return self.ident(raw, ypath, shape.name, key.noun or "id")
        if kind is Kind.REFS:
            return self.refs(raw, name, ypath, key.noun)
        if kind is Kind.TEXT_LIST:
            return self.text_list(raw, name, ypath)
        if kind is Kind.URL:
            return self.url(raw, name, ypath, key.schemes) or None
        if kind is Kind.CHOICE:
            return self.choice(raw, name, ypath, key.choices, shape.name)
        if kind is Kind.DOI:
            return self.doi(raw, name, ypath)
        if kind is Kind.ORCID:
            return self.orcid(raw, name, ypath)
        entry = key.entry
        if kind is Kind.ENTRIES and entry is not None and read_entry is not None:
            return self.entries(raw, name, ypath, lambda item, path: read_entry(entry, item, path))
        if kind is Kind.ENTRY_REFS and entry is not None and read_entry is not None:
            return self.entry_refs(raw, name, ypath, key.noun, lambda item, path: read_entry(entry, item, path))
        raise AssertionError(f"no reader for {kind} of '{name}'")

    # -- one value of each kind (the messages name the key; ypath is the value's own) -------------------

    def text(self, raw: Any, key: str, ypath: YPath, *, required: bool = False) -> str | None:
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
            self.error(ypath, f"'{key}' must be text, not {kind_of(raw)}", "type")
            return None
        text = str(raw).strip()
        if required and not text:
            self.error(ypath, f"'{key}' is empty", "missing-field")
            return None
        return text

    def when(self, raw: Any, key: str, ypath: YPath) -> When | None:
        when = parse_when(raw)
        if when is None:
            self.error(ypath, f"'{key}' must be {dates.FORMS}, not {kind_of(raw)}", "type")
        return when

    def date(self, raw: Any, key: str, ypath: YPath) -> dt.date | None:
        """A day, read as `date` is (a time, if written, is dropped): one reader for every date."""
        when = parse_when(raw)
        if when is None:
            self.error(ypath, f"'{key}' must be a date like 2019-02-20, not {kind_of(raw)}", "type")
            return None
        return when.date

    def language(self, raw: Any, key: str, ypath: YPath) -> str | None:
        text = self.text(raw, key, ypath)
        if not text:
            return None
        tag = language_tag(text)
        if tag is None:
            self.error(ypath, f"'{key}' must be a language code like en, fr, ar or pt-BR, not '{text}'", "bad-value")
        return tag

    def date_or_year(self, raw: Any, key: str, ypath: YPath) -> str | None:
        if isinstance(raw, dt.date):
            return raw.isoformat()
        if isinstance(raw, int) and not isinstance(raw, bool):
            return str(raw)
        if isinstance(raw, str) and raw.strip():
            return raw.strip()
        self.error(ypath, f"'{key}' must be a date or a year, not {kind_of(raw)}", "type")
        return None

    def partial_date(self, raw: Any, key: str, ypath: YPath) -> str | None:
        """A date, a month or a year, as ISO text ('2019-02-20', '2019-02', '2019'): what a timeline can order."""
        text = str(raw).strip() if isinstance(raw, (str, int)) and not isinstance(raw, bool) else None
        if text is not None and _YEAR_OR_MONTH.fullmatch(text) and (len(text) == 4 or 1 <= int(text[5:]) <= 12):
            return text
        if isinstance(raw, dt.date) or (text is not None and _ISO_DATE.match(text)):
            # A whole date reads as every other date does.
            day = self.date(text if text is not None else raw, key, ypath)
            return day.isoformat() if day else None
        self.error(ypath, f"'{key}' must be a date like 2019-02-20, a month like 2019-02 or a year like 2019, "
                          f"not {kind_of(raw)}", "type")
        return None

    def boolean(self, raw: Any, key: str, ypath: YPath) -> bool | None:
        if isinstance(raw, bool):
            return raw
        self.error(ypath, f"'{key}' must be true or false, not {kind_of(raw)}", "type")
        return None

    def ident(self, raw: Any, ypath: YPath, what: str, noun: str = "id") -> str | None:
        if isinstance(raw, bool) or not isinstance(raw, (str, int)):
            self.error(ypath, f"{what} {noun} must be text, not {kind_of(raw)}", "type")
            return None
        text = str(raw).strip()
        if not urls.is_valid_id(text):
            self.error(ypath, bad_id_message(f"{what} {noun}", text), "bad-id", bad_id_hint(text))
            return None
        return text

    def refs(self, raw: Any, key: str, ypath: YPath, what: str) -> tuple[Ref, ...]:
        if isinstance(raw, (str, int)) and not isinstance(raw, bool):
            ident = self.ident(raw, ypath, what)
            return (Ref(ident, self.at(ypath)),) if ident else ()
        if not isinstance(raw, list):
            self.error(ypath, f"'{key}' must be an id or a list of ids, not {kind_of(raw)}", "type")
            return ()
        out = []
        for index, item in enumerate(raw):
            ident = self.ident(item, (*ypath, index), what)
            if ident:
                out.append(Ref(ident, self.at((*ypath, index))))
        return tuple(out)

    def entry_refs(self, raw: Any, key: str, ypath: YPath, what: str,
                   read: Callable[[Any, YPath], Any]) -> tuple[Any, ...]:
        """An id, or a list of ids and mappings: a Ref for each id, read(item) for each mapping."""
        if not isinstance(raw, list):
            if isinstance(raw, dict):
                self.error(ypath, f"'{key}' must be an id or a list, not a mapping", "type",
                           "write the mapping as an item of a list: '- claim: ...'")
                return ()
            return self.refs(raw, key, ypath, what)
        out: list[Any] = []
        for index, item in enumerate(raw):
            path = (*ypath, index)
            if isinstance(item, dict):
                spec = read(item, path)
                if spec is not None:
                    out.append(spec)
                continue
            ident = self.ident(item, path, what)
            if ident:
                out.append(Ref(ident, self.at(path)))
        return tuple(out)

    def text_list(self, raw: Any, key: str, ypath: YPath) -> tuple[str, ...]:
        items = [raw] if isinstance(raw, str) else raw
        if not isinstance(items, list):
            self.error(ypath, f"'{key}' must be a list, not {kind_of(raw)}", "type")
            return ()
        out = []
        for index, item in enumerate(items):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
                self.error(ypath if items is not raw else (*ypath, index),
                           f"each of '{key}' must be non-empty text, not {kind_of(item)}", "type")
                continue
            out.append(str(item).strip())
        return tuple(out)

    def url(self, raw: Any, key: str, ypath: YPath, schemes: tuple[str, ...] = URL_SCHEMES) -> str:
        value = self.text(raw, key, ypath)
        if not value:
            return ""
        if _NOT_IN_URL.search(value):
            self.error(ypath, f"'{key}' must not contain spaces or control characters", "bad-url",
                       "write spaces in a URL as %20")
            return ""
        try:
            parts = urlsplit(value)
        except ValueError:  # e.g. an unclosed '[' of an IPv6 address
            parts = urlsplit("")
        scheme = parts.scheme.lower()
        if scheme not in schemes or not (parts.path if scheme == "mailto" else parts.netloc):
            kinds = "an http(s) or mailto" if "mailto" in schemes else "an http(s)"
            self.error(ypath, f"'{key}' must be {kinds} URL, not '{value}'", "bad-url",
                       "write the full address, starting with https://")
            return ""
        return value

    def doi(self, raw: Any, key: str, ypath: YPath) -> str | None:
        text = self.text(raw, key, ypath)
        if not text:
            return None
        doi = identifiers.read_doi(text)
        if doi is None:
            self.error(ypath, f"'{key}' must be a DOI like 10.1234/abcd, not '{text}'", "bad-doi",
                       "a DOI starts with '10.', a registrant number of 4 to 9 digits and '/'")
        return doi

    def orcid(self, raw: Any, key: str, ypath: YPath) -> str | None:
        text = self.text(raw, key, ypath)
        if not text:
            return None
        orcid, checks = identifiers.read_orcid(text)
        if orcid is None:
            self.error(ypath, f"'{key}' must be an ORCID iD like 0000-0002-1825-0097, not '{text}'", "bad-orcid")
        elif not checks:
            self.error(ypath, f"ORCID iD '{orcid}' has a wrong check digit (it would end in "
                       f"{identifiers.orcid_check_digit(orcid.replace('-', '')[:15])})", "bad-orcid",
                       "copy the iD from the author's ORCID record")
            return None
        return orcid

    def choice(self, raw: Any, key: str, ypath: YPath, choices: tuple[str, ...], what: str) -> str | None:
        word = self.text(raw, key, ypath)
        if not word:
            return None
        if word not in choices:
            self.error(ypath, f"{what} {key} '{word}' is not one of {', '.join(choices)}", "bad-value",
                       did_you_mean(word, choices))
            return None
        return word

    def entries(self, raw: Any, key: str, ypath: YPath, read: Callable[[Any, YPath], Any]) -> tuple[Any, ...]:
        if not isinstance(raw, list):
            self.error(ypath, f"'{key}' must be a list ('- ...' lines), not {kind_of(raw)}", "type")
            return ()
        return tuple(spec for index, item in enumerate(raw) if (spec := read(item, (*ypath, index))) is not None)


def _required_here(shape: Shape, key: Key, data: dict[Any, Any]) -> bool:
    """A conditionally required key, and the condition does not excuse it (a draft needs no date)."""
    return shape.required_unless is not None and shape.required_unless[0] == key.name \
        and data.get(shape.required_unless[1]) is not True


def kind_of(value: Any) -> str:
    """A value as a message names it: 'a list', 'the number 5', "'next tuesday'"."""
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
