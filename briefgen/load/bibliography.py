"""Sources from a reference manager: content/sources.json (CSL-JSON) and content/sources.bib (BibTeX).

Both are read into CSL-JSON items (the format Zotero and Better BibTeX export, and the one
citeproc-py formats), then into the same SourceSpec as a sources.yaml entry, so the id
rules and the merge with sources.yaml are the ones resolve.py already applies. A
reference manager's keys ('Larison2019', 'doe:2019') become ids by lower-casing them and
turning anything but a-z and 0-9 into '-'.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Hashable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from briefgen import urls
from briefgen.errors import Problem, Severity
from briefgen.load.docs import DataDoc
from briefgen.load.marks import Locator, Marks
from briefgen.load.rawfiles import read_text
from briefgen.load.reader import FieldReader
from briefgen.load.specs import SourceSpec
from briefgen.load.yamlload import YamlError, load_yaml

LIBRARY_SUFFIXES = (".json", ".bib")
CSL_KIND = {
    "article-newspaper": "news", "article-magazine": "news", "broadcast": "news", "post-weblog": "news",
    "report": "report", "article-journal": "report", "paper-conference": "report", "thesis": "report",
    "dataset": "dataset", "book": "book", "chapter": "book",
    "speech": "statement", "interview": "statement", "legislation": "statement", "bill": "statement",
    "legal_case": "statement", "treaty": "statement", "personal_communication": "statement",
}
BIBTEX_TYPE = {
    "article": "article-journal", "book": "book", "inbook": "chapter", "incollection": "chapter",
    "inproceedings": "paper-conference", "conference": "paper-conference", "techreport": "report",
    "report": "report", "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "dataset": "dataset", "online": "webpage", "electronic": "webpage", "www": "webpage",
    "unpublished": "manuscript", "newspaper": "article-newspaper", "misc": "document",
}
BIBTEX_FIELDS = {"title": "title", "journal": "container-title", "journaltitle": "container-title",
                 "booktitle": "container-title", "publisher": "publisher", "institution": "publisher",
                 "organization": "publisher", "school": "publisher", "address": "publisher-place",
                 "location": "publisher-place", "url": "URL", "doi": "DOI", "volume": "volume",
                 "number": "issue", "pages": "page", "edition": "edition", "note": "note"}
BIBTEX_ARCHIVE_FIELDS = ("archiveurl", "archive-url", "archive_url", "archivedurl")
"""BibTeX has no standard field for an archived copy; these are the names people use (Wikipedia's
cite templates say archive-url). Read into CSL's archive_location."""
CSL_ARCHIVE_FIELDS = ("archive_location", "archive-url", "archive_url")
"""Where a CSL-JSON item may hold an archived copy's URL (Zotero exports 'Loc. in Archive' as archive_location)."""
MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}


def is_library(path: str) -> bool:
    return path.endswith(LIBRARY_SUFFIXES)


def load_library(path: Path, rel: str) -> DataDoc | Problem:
    """A CSL-JSON or BibTeX file as a DataDoc whose data is a list of CSL-JSON items."""
    text, problem = read_text(path, rel)
    if problem or text is None:
        return problem or Problem(rel, 0, 0, Severity.ERROR, "unreadable")
    return _load_csl_json(text, rel) if rel.endswith(".json") else _load_bibtex(text, rel)


def _load_csl_json(text: str, rel: str) -> DataDoc | Problem:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return Problem(rel, exc.lineno, exc.colno, Severity.ERROR, f"invalid JSON: {exc.msg}", "json")
    marks: Locator
    try:  # JSON is YAML, so the YAML loader gives each value's line and column
        _same, marks = load_yaml(text)
    except YamlError:  # e.g. tab indentation, which JSON allows and YAML does not
        marks = Marks()
    return DataDoc(rel, "sources", data, marks)


def _load_bibtex(text: str, rel: str) -> DataDoc | Problem:
    import bibtexparser  # imported here: only sites with a .bib file pay for it
    from bibtexparser.middlewares import SeparateCoAuthors

    # bibtexparser logs each block it cannot parse to stderr, past briefgen's one line per problem:
    # its reason is reported below instead.
    log = logging.getLogger("bibtexparser")
    was_disabled, log.disabled = log.disabled, True
    try:
        library = bibtexparser.parse_string(text,  # type: ignore[attr-defined]
                                          append_middleware=[SeparateCoAuthors()])
    finally:
        log.disabled = was_disabled
    if library.failed_blocks:
        block = library.failed_blocks[0]
        error = getattr(block, "error", None)
        reason = getattr(error, "abort_reason", "") or str(error or "")
        first = " ".join(reason.split()) or "cannot parse it"
        return Problem(rel, (block.start_line or 0) + 1, 1, Severity.ERROR, f"invalid BibTeX entry: {first}", "bibtex",
                       f"{len(library.failed_blocks)} entr{'ies' if len(library.failed_blocks) > 1 else 'y'} "
                       "could not be read")
    items: list[dict[str, Any]] = []
    marks = Marks()
    for index, entry in enumerate(library.entries):
        items.append(bibtex_to_csl(entry.entry_type, entry.key, {f.key.lower(): f.value for f in entry.fields}))
        line = (entry.start_line or 0) + 1
        marks.table[(index,)] = (line, 1)
        marks.table[(index, "id")] = (line, 1)
        for f in entry.fields:
            csl_key = BIBTEX_FIELDS.get(f.key.lower(), f.key.lower())
            marks.table[(index, csl_key)] = ((f.start_line or 0) + 1, 1)
    return DataDoc(rel, "sources", items, marks)


def bibtex_to_csl(entry_type: str, key: str, fields: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = {"id": key, "type": BIBTEX_TYPE.get(entry_type.lower(), "document")}
    for name, value in fields.items():
        if name in ("author", "editor"):
            names = value if isinstance(value, list) else [value]
            item[name] = [_bibtex_name(str(n)) for n in names if str(n).strip()]
        elif name in BIBTEX_FIELDS and isinstance(value, str):
            item[BIBTEX_FIELDS[name]] = _latex_to_text(value)
    date = _bibtex_date(fields)
    if date:
        item["issued"] = {"date-parts": [date]}
    accessed = _bibtex_date({"date": fields.get("urldate", "")}) if fields.get("urldate") else []
    if accessed:
        item["accessed"] = {"date-parts": [accessed]}
    archive = next((str(fields[name]).strip() for name in BIBTEX_ARCHIVE_FIELDS if fields.get(name)), "")
    if archive:
        item["archive_location"] = archive
    return item


def _latex_to_text(value: str) -> str:
    from pylatexenc.latex2text import LatexNodes2Text  # bibtexparser's dependency, untyped

    return " ".join(LatexNodes2Text(math_mode="verbatim").latex_to_text(value).split())


def _bibtex_name(name: str) -> dict[str, str]:
    """'Larison, Daniel', 'Daniel Larison' or '{The Washington Post}' as a CSL name."""
    name = name.strip()
    if name.startswith("{") and name.endswith("}"):
        return {"literal": _latex_to_text(name)}
    if "," in name:
        family, given = name.split(",", 1)
        return {"family": _latex_to_text(family), "given": _latex_to_text(given)}
    parts = name.rsplit(" ", 1)
    if len(parts) == 1:
        return {"literal": _latex_to_text(name)}
    return {"family": _latex_to_text(parts[1]), "given": _latex_to_text(parts[0])}


def _bibtex_date(fields: dict[str, Any]) -> list[int]:
    raw = str(fields.get("date", "")).strip()
    match = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", raw)
    if match:
        return [int(p) for p in match.groups() if p]
    year = re.match(r"^\s*(\d{4})", str(fields.get("year", "")))
    if not year:
        return []
    parts = [int(year.group(1))]
    month = str(fields.get("month", "")).strip().lower()[:3]
    if month in MONTHS:
        parts.append(MONTHS[month])
    elif month.isdigit() and 1 <= int(month) <= 12:
        parts.append(int(month))
    return parts


# -- CSL items -> source specs (called from resolve.py) ----------------------------------------------------


def library_specs(reader: FieldReader, data: Any) -> list[SourceSpec]:
    """Every CSL-JSON item as a SourceSpec; a located problem for each that cannot be one."""
    if isinstance(data, dict) and isinstance(data.get("items"), list):  # CSL-JSON wrapped as {"items": [...]}
        data = data["items"]
    if not isinstance(data, list):
        reader.error((), "a CSL-JSON file must be a list of items", "type",
                     "export the library as CSL JSON (Zotero: File > Export Library > CSL JSON)")
        return []
    specs: list[SourceSpec] = []
    keys: dict[str, str] = {}
    for index, item in enumerate(data):
        ypath: tuple[Hashable, ...] = (index,)
        if not isinstance(item, dict) or not isinstance(item.get("id"), (str, int)) or isinstance(item.get("id"), bool):
            reader.error(ypath, "each item needs an 'id' (the citation key)", "missing-field")
            continue
        key = str(item["id"])
        ident = source_id(key)
        if not ident:
            reader.error((*ypath, "id"), f"cannot make a source id from the key '{key}'", "bad-id",
                         "give it a key with letters or digits")
            continue
        if ident in keys:
            reader.error((*ypath, "id"), f"keys '{keys[ident]}' and '{key}' both become the source id '{ident}'",
                         "duplicate-id", "make the keys differ by more than case and punctuation")
            continue
        keys[ident] = key
        specs.append(SourceSpec(ident, reader.at((*ypath, "id")), tuple(sorted(_fields(reader, item, ident,
                                                                                         ypath).items()))))
    return specs


def source_id(key: str) -> str:
    """A citation key as a source id: 'Larison2019' -> 'larison2019', 'doe:2019' -> 'doe-2019'; '' for a key
    with no letter or digit (no text can cite it, so it gets no stand-in id)."""
    return urls.slugify(key) if any(char.isalnum() for char in key) else ""


def _fields(reader: FieldReader, item: dict[str, Any], ident: str, ypath: tuple[Hashable, ...]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    title = _text(item.get("title"))
    if title:
        fields["title"] = title
    publisher = _text(item.get("container-title")) or _text(item.get("publisher"))
    if publisher:
        fields["publisher"] = publisher
    fields["kind"] = CSL_KIND.get(str(item.get("type", "")), "other")
    url = _text(item.get("URL"))
    if url:
        parts = urlsplit(url)
        if parts.scheme.lower() in ("http", "https") and parts.netloc:
            fields["url"] = url
        else:
            reader.warn((*ypath, "URL"), f"source '{ident}': URL '{url}' is not http(s), left out", "bad-url")
    date = csl_date(item.get("issued"))
    if date:
        fields["date"] = date
    authors = tuple(n for n in (csl_name(a) for a in item.get("author") or [] if isinstance(a, dict)) if n)
    if authors:
        fields["authors"] = authors
    note = _text(item.get("note"))
    if note:
        fields["note"] = note
    accessed = csl_date(item.get("accessed"))
    if accessed:
        fields["accessed"] = accessed
    archived = next((_text(item.get(name)) for name in CSL_ARCHIVE_FIELDS if _is_web_url(_text(item.get(name)))), "")
    if archived:
        fields["archived_url"] = archived
    csl = {k: v for k, v in item.items() if k != "id"}
    fields["csl"] = json.dumps({"id": ident, **csl}, sort_keys=True, ensure_ascii=False, default=str)
    return fields


def _is_web_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and not any(c.isspace() for c in value)


def _text(value: Any) -> str:
    if isinstance(value, list):  # some exporters give container-title as a list
        value = value[0] if value else ""
    return " ".join(str(value).split()) if isinstance(value, (str, int, float)) and not isinstance(value, bool) \
        else ""


def csl_name(name: dict[str, Any]) -> str:
    if name.get("literal"):
        return _text(name["literal"])
    parts = [_text(name.get(k)) for k in ("given", "non-dropping-particle", "family", "suffix")]
    return " ".join(p for p in parts if p)


def csl_date(value: Any) -> str:
    """A CSL date as text: '2019-02-19', '2019-02' or '2019'; '' when there is none."""
    if not isinstance(value, dict):
        return ""
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            numbers = [int(p) for p in parts[0][:3]]
        except (TypeError, ValueError):
            numbers = []
        if numbers:
            if len(numbers) == 3:
                try:
                    return dt.date(*numbers).isoformat()
                except ValueError:
                    numbers = numbers[:2]
            return "-".join(f"{n:04d}" if i == 0 else f"{n:02d}" for i, n in enumerate(numbers))
    return _text(value.get("raw")) or _text(value.get("literal"))
