"""What every view is made of: a link, and a claim, brief, source or actor as lists and cards show it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    title: str
    path: str
    lang: str = ""
    """The language of the title when it is not the site's (a brief in another language), else ''."""
    dir: str = ""
    """'rtl' or 'ltr' with lang, else '' (templates then let the browser find the title's direction)."""


@dataclass(frozen=True)
class ClaimRef:
    id: str
    text: str
    path: str
    contested: bool
    verdict: str = ""
    """The label of the claim's latest rating ('Mostly false'), '' when nobody reviewed it."""


@dataclass(frozen=True)
class BriefRef:
    slug: str
    title: str
    path: str
    date: dt.date
    date_text: str
    summary: str
    authors: tuple[Link, ...]
    topics: tuple[Link, ...]
    datetime: str = ""
    """For <time datetime>: the RFC 3339 time when the brief gave one, else the date (2019-02-20)."""
    lang: str = ""
    """The brief's language when it is not the site's, else ''."""
    dir: str = ""
    """'rtl' or 'ltr' with lang, else ''."""


@dataclass(frozen=True)
class SourceRef:
    id: str
    title: str
    path: str
    publisher: str
    kind: str
    kind_label: str
    url: str
    date: str
    authors: tuple[str, ...]
    styled: bool = False
    """True when the site's citation style formatted this source: show styled_before, the linked
    title, then styled_after; otherwise build the entry from the fields above."""
    styled_before: str = ""
    styled_after: str = ""
    """Markup (markupsafe.Markup) when styled."""
    archived_url: str = ""
    """An archived copy of the source, '' for none."""
    accessed: str = ""
    """When the source was read, as pages show dates ('21 February 2019'); '' when unknown."""
    accessed_iso: str = ""
    """The same as written (2019-02-21), for <time datetime>."""


@dataclass(frozen=True)
class ActorRef:
    id: str
    name: str
    role: str
    kind: str
    path: str
