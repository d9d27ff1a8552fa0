"""A brief's old addresses (front matter `aliases`): each checked as a path the site can safely serve.

An alias is a path from the site's root (`/2019/02/old-name/`, `old/page.html`, the leading
slash optional) or a full URL on the site. Its parts are percent-decoded, as a server decodes
a request, and every part must make a file name inside the output folder: no `.` or `..`, no
hidden names, no characters that file systems refuse or that look like others. Where it goes on
the site, and whether it clashes with a page, is decided in resolve/redirects.py, which knows
base_url and every page.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import unquote, urlsplit

from briefgen.load.reader import FieldReader, YPath
from briefgen.load.specs import AliasSpec

FILE_SUFFIXES = (".html", ".htm")
"""An alias ending so is served as that file; any other is a folder with an index.html."""
MAX_SEGMENT_BYTES = 255
"""The longest file name most file systems take."""
MAX_SEGMENTS = 30
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"|*\\]')
"""Characters a file name may not hold on some system, or that a path must not smuggle in."""


def read_aliases(reader: FieldReader, front: dict[Any, Any]) -> tuple[AliasSpec, ...]:
    """The good aliases of a brief; each bad one is an error at its own line.

    Called once `aliases` has been read as a list of texts, so only its texts are looked at here.
    """
    raw = front.get("aliases")
    items: list[tuple[Any, YPath]] = [(raw, ("aliases",))] if isinstance(raw, str) else \
        [(item, ("aliases", index)) for index, item in enumerate(raw)] if isinstance(raw, list) else []
    out: list[AliasSpec] = []
    for item, ypath in items:
        if isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
            continue  # the list reader has already said so
        parsed = parse_alias(str(item).strip())
        if isinstance(parsed, str):
            reader.error(ypath, f"alias '{str(item).strip()}' {parsed}", "bad-alias",
                         "write an old path from the site's root, like /2019/02/old-name/ or /old/page.html")
            continue
        segments, folder, host = parsed
        out.append(AliasSpec(reader.at(ypath), segments, folder, host))
    return tuple(out)


def parse_alias(text: str) -> tuple[tuple[str, ...], bool, str] | str:
    """(decoded path segments, served as a folder, URL host) for an alias, or what is wrong with it."""
    try:
        parts = urlsplit(text)
    except ValueError:
        return "is not a URL or a path"
    host = ""
    if parts.scheme or parts.netloc:
        if parts.scheme.lower() not in ("http", "https", ""):
            return f"has the scheme '{parts.scheme}:'; an alias is a path or an http(s) URL on this site"
        if not parts.netloc:
            return "is a URL with no host"
        host = (parts.hostname or "").lower()
    if parts.query or text.rstrip().endswith("?"):
        return "has a query ('?...'); a static site serves a path alone, so it cannot redirect one query"
    if parts.fragment or "#" in text:
        return "has a fragment ('#...'), which browsers never send; give the path alone"
    raw_segments = parts.path.split("/")
    if raw_segments and raw_segments[0] == "":
        raw_segments = raw_segments[1:]  # the leading slash: paths are from the site's root
    folder = not raw_segments or raw_segments[-1] == "" or \
        not raw_segments[-1].lower().endswith(FILE_SUFFIXES)
    if raw_segments and raw_segments[-1] == "":
        raw_segments = raw_segments[:-1]
    if not raw_segments:
        return "is the site's home page, which cannot redirect"
    if len(raw_segments) > MAX_SEGMENTS:
        return f"has more than {MAX_SEGMENTS} parts"
    segments = []
    for raw in raw_segments:
        segment = unquote(raw, errors="strict") if _decodes(raw) else None
        problem = _segment_problem(raw, segment)
        if problem:
            return problem
        segments.append(unicodedata.normalize("NFC", segment or ""))
    return tuple(segments), folder, host


def _decodes(raw: str) -> bool:
    try:
        unquote(raw, errors="strict")
    except UnicodeDecodeError:
        return False
    return True


def _segment_problem(raw: str, segment: str | None) -> str:
    if segment is None:
        return f"has '{raw}', whose %-escapes are not UTF-8"
    if segment == "":
        return "has an empty part ('//')"
    if segment in (".", ".."):
        return f"has a '{segment}' part"
    if segment.startswith("."):
        return f"has the hidden name '{segment}'"
    if "/" in segment or _FORBIDDEN.search(segment):
        return f"has '{raw}', with a character a file name cannot hold"
    if segment != segment.strip():
        return f"has '{raw}', with spaces at an end"
    normal = unicodedata.normalize("NFC", segment)
    if unicodedata.normalize("NFKC", normal) != normal:
        return f"has '{segment}', with characters that stand for others (full-width or compatibility forms)"
    if len(normal.encode("utf-8")) > MAX_SEGMENT_BYTES:
        return f"has a part longer than {MAX_SEGMENT_BYTES} bytes"
    return ""
