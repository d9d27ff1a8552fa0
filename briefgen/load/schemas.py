"""JSON Schemas for brief front matter and each site-wide file, built from fields.py's rules.

The schemas are written to briefgen/schema/*.json (for editors, and published in the built
site at /schema/NAME.json); `python -m briefgen.schemas` regenerates them and a test keeps
the files equal to what this module builds. They use the key lists of fields.py, so a key
added there shows up here; the value rules mirror FieldReader's (text may be a number,
optional keys may be left empty, ids are [a-z0-9-]+, ...).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from briefgen.load.fields import (
    ACTOR_KEYS,
    AUTHOR_KEYS,
    BRIEF_KEYS,
    CLAIM_KEYS,
    COUNTERCLAIM_KEYS,
    SOURCE_KEYS,
)
from briefgen.load.settings import CONFIG_KEYS
from briefgen.model import ACTOR_KINDS, SOURCE_KINDS
from briefgen.paths import PACKAGE_DIR

SCHEMA_NAMES = ("brief", "sources", "claims", "actors", "authors", "config")

Schema = dict[str, Any]

# Each rule is one schema with a list of types rather than an 'any of' several: 'pattern' applies
# to strings only and 'items' to arrays only, and jsonschema checks it several times faster.
_ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
ID: Schema = {"description": "An id: lower-case letters, digits and '-', e.g. nk-will-not-disarm.",
              "type": ["string", "integer"], "pattern": _ID_PATTERN, "minimum": 0}
TEXT: Schema = {"type": ["string", "number", "null"]}
NONEMPTY_TEXT: Schema = {"type": ["string", "number"], "pattern": "\\S"}
TEXT_LIST: Schema = {"type": ["null", "string", "number", "array"], "pattern": "\\S", "items": NONEMPTY_TEXT}
REFS: Schema = {"type": ["null", "string", "integer", "array"], "pattern": _ID_PATTERN, "minimum": 0, "items": ID}
DATE: Schema = {"description": "A date like 2019-02-20.", "type": ["null", "string"], "format": "date",
                "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}
URL: Schema = {"description": "An http(s) or mailto URL.", "type": ["null", "string"],
               "pattern": "^\\s*$|^\\s*([hH][tT][tT][pP][sS]?://[^/?#\\s]+|[mM][aA][iI][lL][tT][oO]:)"}
BOOLEAN: Schema = {"type": ["boolean", "null"]}


def _object(keys: tuple[str, ...], properties: Schema, required: tuple[str, ...] = (),
            description: str = "") -> Schema:
    missing = set(keys) - set(properties)
    if missing:  # fields.py gained a key: describe it here too
        raise AssertionError(f"schema has no rule for {sorted(missing)}")
    out: Schema = {"type": "object", "properties": {k: properties[k] for k in keys},
                   "additionalProperties": False}
    if required:
        out["required"] = list(required)
    if description:
        out["description"] = description
    return out


def _claim(counter: bool) -> Schema:
    props: Schema = {
        "id": ID, "text": {**TEXT, "description": "The claim in one sentence (once; elsewhere write the bare id)."},
        "sources": {**REFS, "description": "Ids of the sources behind the claim."},
        "supports": {**REFS, "description": "Ids of claims this claim supports."},
        "opposes": {**REFS, "description": "Ids of claims this claim contradicts."},
        "held_by": {**REFS, "description": "Ids of actors (content/actors.yaml) who hold it."},
        "rebuttal": {**TEXT, "description": "Markdown: the brief's answer to this counterclaim."},
    }
    return _object(COUNTERCLAIM_KEYS if counter else CLAIM_KEYS, props, ("id",))


def _source_object() -> Schema:
    props: Schema = {
        "id": ID, "title": TEXT, "publisher": TEXT, "note": TEXT,
        "kind": {"description": " | ".join(SOURCE_KINDS), "enum": [*SOURCE_KINDS, "", None]},
        "url": URL,
        "date": {"description": "A date (2019-02-20) or a year (2019), as precise as known.",
                 "type": ["null", "integer", "string"], "pattern": "\\S"},
        "authors": TEXT_LIST,
    }
    entry = _object(SOURCE_KEYS, props, ("id",))
    # A source given with any field besides its id is a definition, and a definition needs a title.
    entry["if"] = {"minProperties": 2}
    entry["then"] = {"required": ["title"]}
    return entry


def _id_or(entry: Schema) -> Schema:
    """A bare id referring to something defined elsewhere, or a mapping defining it."""
    return {"if": {"type": "object"}, "then": entry, "else": ID}


def _list_of(item: Schema) -> Schema:
    return {"type": ["array", "null"], "items": item}


def build_schemas() -> dict[str, Schema]:
    claim, counter, source = _id_or(_claim(False)), _id_or(_claim(True)), _id_or(_source_object())
    # claims.yaml entries are mappings; one may only add relations to a claim whose text lives elsewhere.
    site_claim = {**_claim(False), "required": ["id"]}
    site_claim["properties"] = {**site_claim["properties"], "text": NONEMPTY_TEXT}
    brief = _object(BRIEF_KEYS, {
        "title": {**NONEMPTY_TEXT, "description": "The brief's title."},
        "date": {**DATE, "description": "Publication date, like 2019-02-20 (required unless draft: true)."},
        "slug": {**ID, "description": "The page's URL name (default: the file name)."},
        "updated": DATE, "authors": {**TEXT_LIST, "description": "Author names."},
        "topics": {**TEXT_LIST, "description": "Free-text topics; each gets a page."},
        "summary": {**TEXT, "description": "One or two sentences for listings and the meta description."},
        "draft": {**BOOLEAN, "description": "true keeps the brief out of the site."},
        "claims": {**_list_of(claim), "description": "What this brief asserts."},
        "counterclaims": {**_list_of(counter), "description": "Positions this brief answers."},
        "sources": {**_list_of(source), "description": "Sources, described here or by bare id."},
    }, ("title",), "Front matter of a briefgen brief.")
    brief["if"] = {"not": {"properties": {"draft": {"const": True}}, "required": ["draft"]}}
    brief["then"] = {"required": ["date"]}
    actor = _object(ACTOR_KEYS, {"id": ID, "name": NONEMPTY_TEXT, "role": TEXT, "url": URL,
                                 "kind": {"enum": [*ACTOR_KINDS, None]}}, ("id", "name"))
    author = _object(AUTHOR_KEYS, {"id": ID, "name": NONEMPTY_TEXT, "bio": TEXT, "url": URL}, ("name",))
    config = _object(CONFIG_KEYS, {
        "title": TEXT, "description": TEXT, "language": TEXT, "copyright": TEXT, "base_url": URL,
        "allow_html": {**BOOLEAN, "description": "Pass raw HTML in Markdown through a sanitizer."},
        "citation_style": {**TEXT, "description": "chicago-author-date (default), apa, "
                                                  "modern-language-association, harvard-cite-them-right, "
                                                  "or a path to a .csl file in the site."},
    }, description="briefgen.yaml: site settings.")
    config["type"] = ["object", "null"]
    site_list = {"sources": _list_of(source), "claims": _list_of(site_claim),
                 "actors": _list_of(actor), "authors": _list_of(author)}
    out = {"brief": brief, **site_list, "config": config}
    titles = {"brief": "briefgen brief front matter", "sources": "briefgen content/sources.yaml",
              "claims": "briefgen content/claims.yaml", "actors": "briefgen content/actors.yaml",
              "authors": "briefgen content/authors.yaml", "config": "briefgen.yaml"}
    return {name: {"$schema": "http://json-schema.org/draft-07/schema#",
                   "title": titles[name], **schema} for name, schema in out.items()}


def schema_dir() -> Path:
    return PACKAGE_DIR / "schema"


def load_schema(name: str) -> Schema:
    data: Schema = json.loads((schema_dir() / f"{name}.json").read_text(encoding="utf-8"))
    return data


def render_schema(schema: Schema) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    """Regenerate briefgen/schema/*.json from this module."""
    schema_dir().mkdir(exist_ok=True)
    for name, schema in build_schemas().items():
        (schema_dir() / f"{name}.json").write_text(render_schema(schema), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
