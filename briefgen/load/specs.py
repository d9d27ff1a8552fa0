"""What one place in the content says: the typed result of reading front matter or a site-wide file.

resolve/ merges the specs from every place into the brief graph.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from briefgen.model import Location


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
    orcid: str = ""


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
    doi: str = ""
