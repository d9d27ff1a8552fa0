"""JSON Schemas of brief front matter and each site-wide file, derived from formats.py.

The schemas are written to briefgen/schema/*.json (for editors, and published in the built
site at /schema/NAME.json); `python -m briefgen.load.schemas` regenerates them and a test
keeps the files equal to what this module builds. briefgen itself never runs them: it reads
content by the same descriptions (reader.py), and a test shows that the two agree.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from briefgen.load.dates import DATE_TIME_SCHEMA
from briefgen.load.formats import FILES, Key, Kind, Shape
from briefgen.load.identifiers import SCHEMA_DOI, SCHEMA_ORCID
from briefgen.paths import PACKAGE_DIR

SCHEMA_NAMES = tuple(f.name for f in FILES)

Schema = dict[str, Any]

# Each rule is one schema with a list of types rather than an 'any of' several: 'pattern' applies
# to strings only, 'minimum' to numbers and 'items' to arrays, which keeps the schemas short.
# An id's letters may be of any script. JSON Schema's regular expressions cannot name "a lower-case
# letter" portably (\p{Ll} needs ECMAScript's 'u' flag, and Python's re has no \p at all), so the
# schema checks the ASCII part exactly and lets other characters through; briefgen checks the rest.
_ID_CHAR = "([a-z0-9]|[^\\x00-\\x7f])"
_ID_PATTERN = f"^\\s*{_ID_CHAR}+(-{_ID_CHAR}+)*\\s*$"  # the reader strips the text around an id
_NOT_BLANK = "\\S"
_URL_CHAR = "[^\\s\\x00-\\x1f\\x7f]"
_WEB = f"[hH][tT][tT][pP][sS]?://[^/?#\\s\\x00-\\x1f\\x7f]+{_URL_CHAR}*"
_MAILTO = f"[mM][aA][iI][lL][tT][oO]:[^?#\\s\\x00-\\x1f\\x7f]{_URL_CHAR}*"
_PARTIAL_DATE = "^\\s*\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?\\s*$"
ID: Schema = {"type": ["string", "integer"], "pattern": _ID_PATTERN, "minimum": 0}
NONEMPTY_TEXT: Schema = {"type": ["string", "number"], "pattern": _NOT_BLANK}


def key_schema(key: Key) -> Schema:
    """What one key's value may be; null (left empty) unless the key is required."""
    schema = _value_schema(key)
    if not key.required and "type" in schema:
        schema["type"] = [*schema["type"], "null"]
    out: Schema = {"description": key.description, **schema}
    if key.default is not None:
        out["default"] = key.default
    return out


def _value_schema(key: Key) -> Schema:
    kind = key.kind
    if kind is Kind.TEXT:
        return dict(NONEMPTY_TEXT) if key.required else {"type": ["string", "number"]}
    if kind in (Kind.DATE, Kind.DATE_TIME):
        # A bare date must also be a real one (2019-02-30 is not); format 'date-time' is RFC 3339 only.
        return {"type": ["string"], "pattern": DATE_TIME_SCHEMA,
                "if": {"type": "string", "pattern": "^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\\s*$"},
                "then": {"format": "date"}}
    if kind is Kind.LANGUAGE:
        return {"type": ["string"], "pattern": "^\\s*[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*\\s*$"}
    if kind is Kind.DATE_OR_YEAR:
        return {"type": ["integer", "string"], "pattern": _NOT_BLANK}
    if kind is Kind.PARTIAL_DATE:  # a whole date is checked as a date by briefgen, by its pattern here
        return {"type": ["string", "integer"], "pattern": _PARTIAL_DATE, "minimum": 1000, "maximum": 9999}
    if kind is Kind.BOOLEAN:
        return {"type": ["boolean"]}
    if kind is Kind.ID:
        return dict(ID)
    if kind is Kind.REFS:
        return {"type": ["string", "integer", "array"], "pattern": _ID_PATTERN, "minimum": 0, "items": ID}
    if kind is Kind.TEXT_LIST:
        return {"type": ["string", "array"], "pattern": _NOT_BLANK, "items": NONEMPTY_TEXT}
    if kind is Kind.URL:
        forms = "|".join((_WEB, _MAILTO) if "mailto" in key.schemes else (_WEB,))
        return {"type": ["string"], "pattern": f"^\\s*({forms})?\\s*$"}
    if kind is Kind.CHOICE:
        return {"enum": [*key.choices, "", None]}
    if kind is Kind.ENTRIES and key.entry is not None:
        return {"type": ["array"], "items": entry_schema(key.entry)}
    if kind is Kind.ENTRY_REFS and key.entry is not None:
        item = {"if": {"type": "object"}, "then": shape_schema(key.entry), "else": ID}
        return {"type": ["string", "integer", "array"], "pattern": _ID_PATTERN, "minimum": 0, "items": item}
    if kind is Kind.DOI:
        return {"type": ["string"], "pattern": SCHEMA_DOI}
    if kind is Kind.ORCID:  # the check digit is briefgen's to check: a pattern cannot
        return {"type": ["string"], "pattern": SCHEMA_ORCID}
    raise AssertionError(f"no schema for {kind} of '{key.name}'")


def shape_schema(shape: Shape) -> Schema:
    """A mapping of the shape's keys and no others."""
    out: Schema = {"type": "object", "properties": {key.name: key_schema(key) for key in shape.keys},
                   "additionalProperties": False}
    required = [key.name for key in shape.keys if key.required]
    if required:
        out["required"] = required
    if shape.description:
        out["description"] = shape.description
    rules: list[Schema] = []
    if shape.required_unless:
        name, flag = shape.required_unless
        rules.append({"if": {"not": {"properties": {flag: {"const": True}}, "required": [flag]}},
                      "then": {"required": [name], "properties": {name: {"not": {"type": "null"}}}}})
    if shape.definition_requires:
        # An entry with any key besides its id is a definition, and a definition needs these.
        rules.append({"if": {"minProperties": 2},
                      "then": {"required": list(shape.definition_requires),
                               "properties": {name: NONEMPTY_TEXT for name in shape.definition_requires}}})
    if len(rules) == 1:
        out.update(rules[0])
    elif rules:
        out["allOf"] = rules
    return out


def entry_schema(shape: Shape) -> Schema:
    """An entry of a list: a mapping, or, where the shape allows, a bare id referring to one defined elsewhere."""
    if not shape.bare_id:
        return shape_schema(shape)
    return {"if": {"type": "object"}, "then": shape_schema(shape), "else": ID}


def build_schemas() -> dict[str, Schema]:
    out: dict[str, Schema] = {}
    for file in FILES:
        if file.listed:
            body: Schema = {"type": ["array", "null"], "items": entry_schema(file.shape)}
        else:
            body = shape_schema(file.shape)
            if file.name == "config":  # an empty briefgen.yaml is fine: every setting has a default
                body["type"] = ["object", "null"]
        out[file.name] = {"$schema": "http://json-schema.org/draft-07/schema#", "title": file.title, **body}
    return out


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
