"""What the load stage reads a file into, before its fields are read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefgen.load.marks import Locator
from briefgen.load.unparsed import Unparsed


@dataclass(frozen=True)
class SourceDoc:
    """A brief file split into its parts."""

    path: str
    """Relative to the site folder, with forward slashes."""
    stem: str
    """The file name without .md, the default slug."""
    front: Any
    marks: Locator
    body: str
    body_line: int
    """1-based line of the file on which the body starts."""
    front_text: str = ""
    """The front matter as written ('' when unknown), for checks that can rule a file out by its text."""


@dataclass(frozen=True)
class DataDoc:
    """A site-wide file (sources.yaml, actors.yaml, sources.bib, ...) as plain data."""

    path: str
    name: str
    data: Any
    marks: Locator
    unparsed: Unparsed | None = None
    """When the file could not be loaded (data is then None): what its text might define."""
