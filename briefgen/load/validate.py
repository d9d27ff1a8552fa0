"""Checks that need only the loaded files: the JSON Schemas editors use, and TODOs left to fill.

Schema validation runs beside fields.py's hand-written checks so that an editor using
briefgen/schema/*.json and `briefgen check` never disagree: anything the schema rejects is
reported here, located by the YAML marks. Where a hand-written check already reported a
problem on the same line, the schema's duplicate is dropped (see merge_problems).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Iterator
from functools import cache
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError

from briefgen.errors import Problem, Severity
from briefgen.load.files import DataDoc, SourceDoc, brief_files, load_brief, load_site_files, read_text, rel_path
from briefgen.load.schemas import load_schema
from briefgen.load.yamlload import Marks, YamlError, load_yaml
from briefgen.paths import CONFIG_FILE, SitePaths

TODO_MARK = "TODO:"
"""What `briefgen import` writes where the author has something to fill in."""
YAML_SUFFIXES = (".yaml", ".yml")


SCHEMA_CODE = "schema"
"""The code of every problem found by the JSON Schemas, as opposed to the hand-written checks."""

@cache
def _validator(name: str) -> jsonschema.Draft7Validator:
    schema = load_schema(name)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def validate_site(paths: SitePaths) -> list[Problem]:
    """Schema problems alone, of briefgen.yaml, every brief's front matter and every site-wide YAML file.

    The build folds the same checks into its stages (per brief, cached); this runs them on their own.
    """
    problems = config_schema_problems(paths)
    for path in brief_files(paths.content):
        doc = load_brief(path, rel_path(path, paths.root))
        if isinstance(doc, SourceDoc):
            problems.extend(brief_schema_problems(doc))
    data, _ = load_site_files(paths.root, paths.content)
    for doc in data:
        problems.extend(data_schema_problems(doc))
    return problems


def brief_schema_problems(brief: SourceDoc) -> list[Problem]:
    """One brief's front matter against schema/brief.json; depends on that file alone, so it
    can be cached with the brief's parse."""
    return schema_problems("brief", brief.path, brief.front if brief.front is not None else {}, brief.marks)


def data_schema_problems(doc: DataDoc) -> list[Problem]:
    """A site-wide YAML file against its schema (CSL-JSON and BibTeX are checked as they are read)."""
    return schema_problems(doc.name, doc.path, doc.data, doc.marks) if doc.path.endswith(YAML_SUFFIXES) else []


def config_schema_problems(paths: SitePaths) -> list[Problem]:
    config = _load_config_doc(paths)
    return schema_problems("config", CONFIG_FILE, *config) if config is not None else []


def _load_config_doc(paths: SitePaths) -> tuple[Any, Marks] | None:
    if not paths.config.is_file():
        return None
    text, problem = read_text(paths.config, CONFIG_FILE)
    if problem or text is None:
        return None  # load_config reports it
    try:
        return load_yaml(text)
    except YamlError:
        return None  # load_config reports it


def schema_problems(name: str, path: str, data: Any, marks: Marks) -> list[Problem]:
    """Every place where `data` breaks the schema `name`, as located problems."""
    problems: list[Problem] = []
    for error in sorted(_validator(name).iter_errors(to_json(data)), key=lambda e: list(map(str, e.absolute_path))):
        ypath = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = error.schema.get("properties", {})
            for key in error.instance:
                if key not in known:
                    line, col = marks.key_at(_original_key(ypath, key, marks))
                    problems.append(Problem(path, line, col, Severity.WARNING,
                                            f"unknown key '{key}' in {_what(name, ypath)}, ignored", SCHEMA_CODE))
            continue
        error = _closest(error)
        ypath = tuple(error.absolute_path)
        line, col = marks.at(ypath)
        problems.append(Problem(path, line, col, Severity.ERROR,
                                f"{_what(name, ypath)}: {_message(error)}", SCHEMA_CODE,
                                f"see schema/{name}.json"))
    return problems


def _original_key(ypath: tuple[Hashable, ...], key: str, marks: Marks) -> tuple[Hashable, ...]:
    # to_json turned non-text keys (numbers, booleans) into text; find the key the marks know.
    for candidate in (key, _number(key), {"True": True, "False": False}.get(key)):
        if candidate is not None and (*ypath, candidate) in marks.keys:
            return (*ypath, candidate)
    return (*ypath, key)


def _number(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _what(name: str, ypath: tuple[Hashable, ...]) -> str:
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in ypath).lstrip(".")
    file = "front matter" if name == "brief" else ("settings" if name == "config" else name)
    return f"{file} '{where}'" if where else file


def _closest(error: ValidationError) -> ValidationError:
    """The most specific reason: for an 'any of' rule, the deepest error in a branch of the
    value's own type (a mapping's errors come from the mapping branch, not the id branch)."""
    if not error.context:
        return error
    own_type = [e for e in error.context if not (e.validator == "type" and not e.relative_path)]
    return _closest(max(own_type or error.context, key=lambda e: len(e.relative_path)))


def _message(error: ValidationError) -> str:
    if error.validator == "pattern" and "a-z0-9" in str(error.validator_value):
        return f"{error.instance!r} must use only a-z, 0-9 and '-'"
    if error.validator == "pattern" and str(error.validator_value) == "\\S":
        return "must not be empty"
    if error.validator == "required":
        return error.message.replace("is a required property", "is missing")
    return error.message


def to_json(value: Any) -> Any:
    """YAML data as the JSON an editor sees: dates as ISO text, keys as text."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    return value


def merge_problems(hand_written: Iterable[Problem], schema: Iterable[Problem]) -> list[Problem]:
    """The hand-written problems, plus each schema problem on a line no hand-written one names."""
    hand = list(hand_written)
    seen = {(p.path, p.line) for p in hand}
    return [*hand, *(p for p in schema if (p.path, p.line) not in seen)]


def brief_todo_problems(brief: SourceDoc) -> list[Problem]:
    """A TODO left in a brief's front matter: a warning in a draft, an error in a brief to publish."""
    problems: list[Problem] = []
    front = brief.front if isinstance(brief.front, dict) else {}
    severity = Severity.WARNING if front.get("draft") is True else Severity.ERROR
    for ypath, text in _strings(front, ()):
        if text.lstrip().startswith(TODO_MARK):
            line, col = brief.marks.at(ypath)
            problems.append(Problem(brief.path, line, col, severity, f"left to do: {_short(text)}", "todo",
                                    "replace the TODO" + ("" if severity is Severity.WARNING else
                                                          ", or set 'draft: true' until it is done")))
    return problems


def _strings(value: Any, ypath: tuple[Hashable, ...]) -> Iterator[tuple[tuple[Hashable, ...], str]]:
    if isinstance(value, str):
        yield ypath, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*ypath, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*ypath, index))


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
