"""A post as another generator wrote it: front matter (YAML, TOML or JSON) and the Markdown body.

Hugo reads front matter between `---` (YAML) or `+++` (TOML) lines, or as a JSON object;
Jekyll and Eleventy read YAML. All three accept blank lines before it, and so does this.
Line numbers are the file's, so every message can point at its place.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from briefgen.load.yamlload import YamlError, load_yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: Hugo's TOML front matter is not read there
    tomllib = None

_TOML_AT = re.compile(r"at line (\d+)")


class ImportFailed(Exception):
    """A file cannot be imported as it is; the message says why (and `line` where, when known)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message, self.line = message, line


@dataclass(frozen=True)
class Post:
    meta: dict[str, Any]
    """The front matter ({} when there is none)."""
    syntax: str
    """How the front matter was written: 'yaml', 'toml', 'json', or '' when there is none."""
    body: str
    body_line: int
    """The file's line (from 1) on which the body starts."""
    key_lines: dict[str, int] = field(default_factory=dict)
    """The line of each top-level key, for messages about it."""


def read_post(text: str) -> Post:
    """Split a post into front matter and body; raise ImportFailed saying where the front matter is broken."""
    lines = text.split("\n")
    start = next((index for index, line in enumerate(lines) if line.strip()), 0)
    fence = lines[start].strip() if lines else ""
    if fence in ("---", "+++"):
        closers = ("---", "...") if fence == "---" else ("+++",)
        for index in range(start + 1, len(lines)):
            if lines[index].rstrip() in closers:
                raw = "\n".join(lines[start + 1:index])
                meta = _parse(raw, fence, start + 1)
                return Post(meta, "toml" if fence == "+++" else "yaml", "\n".join(lines[index + 1:]), index + 2,
                            _key_lines(raw, meta, start + 2))
        raise ImportFailed(f"the front matter is not closed (no second '{fence}' line)", start + 1)
    if fence.startswith("{"):  # Hugo's JSON front matter: an object at the top of the file
        offset = sum(len(line) + 1 for line in lines[:start])
        try:
            data, end = json.JSONDecoder().raw_decode(text, offset)
        except ValueError:
            data, end = None, 0
        if isinstance(data, dict):
            rest = text[end:]
            body_line = text.count("\n", 0, end) + 1
            if rest.startswith("\n"):
                rest, body_line = rest[1:], body_line + 1
            return Post(data, "json", rest, body_line, _key_lines(text[offset:end], data, start + 1, nested=True))
    return Post({}, "", text, 1)


def _parse(raw: str, fence: str, line_offset: int) -> dict[str, Any]:
    if fence == "+++":
        if tomllib is None:
            raise ImportFailed("TOML front matter (+++) needs Python 3.11 or later; convert it to YAML (---)",
                               line_offset)
        try:
            data: Any = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            found = _TOML_AT.search(str(exc))
            line = line_offset + int(found.group(1)) if found else line_offset + raw.count("\n") + 1
            message = re.sub(r"\s*\(at [^)]*\)$", "", str(exc))  # the position is the message's line
            raise ImportFailed(f"the TOML front matter is invalid: {message}", line) from None
    else:
        try:
            data, _marks = load_yaml(raw, line_offset=line_offset)
        except YamlError as exc:
            raise ImportFailed(f"the front matter is invalid: {exc.message}", exc.line) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ImportFailed("the front matter is not a list of 'key: value' lines", line_offset)
    return {str(key): value for key, value in data.items()}


def _key_lines(raw: str, meta: dict[str, Any], first_line: int, nested: bool = False) -> dict[str, int]:
    """The line of each top-level key: the first line that starts with it (YAML and TOML keys start a
    line; a JSON object's are indented inside its braces, hence `nested`)."""
    found: dict[str, int] = {}
    keys = set(meta)
    for number, line in enumerate(raw.split("\n")):
        if not line or line.lstrip().startswith("#") or (not nested and line[0] in " \t"):
            continue
        match = re.match(r"""\s*["']?([^"':=\s]+)["']?\s*[:=]""", line)
        if match and match.group(1) in keys and match.group(1) not in found:
            found[match.group(1)] = first_line + number
    return found
