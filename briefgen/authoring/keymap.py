"""Hugo, Jekyll and Eleventy front matter -> what a brief's front matter says.

| theirs | briefgen |
| --- | --- |
| title | title |
| date, publishDate, pubDate; else the file name's date (2014-09-25-x.md) | date |
| lastmod, updated, modified, last_modified_at | updated |
| slug (percent-decoded) | slug |
| author, authors (names, or {name: ...}) | authors |
| tags, categories, category, topics (Jekyll: a space-separated string too) | topics |
| summary, description, excerpt | summary |
| aliases (Hugo), redirect_from (Jekyll), url (Hugo), permalink (Jekyll, Eleventy) | aliases |
| draft: true, published: false, a file in _drafts/ | draft: true |

Every other key is kept as a comment in the new front matter, and counted in the summary:
nothing is dropped without a word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from typing import Any
from urllib.parse import unquote, urlsplit

from briefgen.authoring.stamps import brief_date
from briefgen.load.formats import BRIEF

DATE_KEYS = ("date", "publishDate", "pubDate", "published_at", "publishdate")
UPDATED_KEYS = ("lastmod", "updated", "modified", "last_modified_at", "lastModified", "updated_at")
AUTHOR_KEYS = ("author", "authors")
TOPIC_KEYS = ("tags", "categories", "category", "topics")
SUMMARY_KEYS = ("summary", "description", "excerpt")
ALIAS_KEYS = ("aliases", "redirect_from", "url", "permalink")
MAPPED = frozenset({"title", "slug", "draft", "published", *DATE_KEYS, *UPDATED_KEYS, *AUTHOR_KEYS, *TOPIC_KEYS,
                    *SUMMARY_KEYS, *ALIAS_KEYS})
ELEVENTY_COLLECTIONS = frozenset({"post", "posts", "all"})
"""Tags Eleventy sites use to gather posts into a collection for their listings."""
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
_PLACEHOLDER = re.compile(r":\w+|\{\{|\{%")
"""A permalink pattern (/:year/:title/) or template code: not an address of this one post."""


@dataclass(frozen=True)
class Place:
    """Where a post was, which some of its keys are read against."""

    flavour: str
    """'hugo', 'jekyll', 'eleventy' or '' (unknown)."""
    section: str = ""
    """The folder its old URL was in (Hugo: its folder under content/), for Hugo's relative aliases."""
    name_date: str = ""
    """The date in its file name, YYYY-MM-DD, or ''."""
    in_drafts: bool = False
    """In Jekyll's _drafts/ folder."""
    folder_topics: tuple[str, ...] = ()
    """Jekyll's categories from the folders above _posts/."""


@dataclass(frozen=True)
class Leftover:
    """A key briefgen has no place for, kept as a comment."""

    key: str
    value: str
    """The value as compact text."""
    line: int


@dataclass(frozen=True)
class Mapped:
    title: str = ""
    date: str = ""
    """RFC 3339 or YYYY-MM-DD (stamps.brief_date), or ''."""
    date_from: str = ""
    """Which key or source the date came from ('date', 'file name'), for messages."""
    updated: str = ""
    slug: str = ""
    """As given, percent-decoded; not yet checked as a slug."""
    authors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    summary: str = ""
    draft: bool = False
    aliases: tuple[str, ...] = ()
    """Old addresses as paths from the old site's root ('/2019/02/x/'), without host."""
    lang: str = ""
    leftovers: tuple[Leftover, ...] = ()
    notes: tuple[tuple[int, str], ...] = ()
    """(line, message) about a value that could not be used as it was."""
    not_a_post: str = ""
    """Why the file is not a post to import ('redirect_to' pages, Eleventy's permalink: false)."""


def map_front_matter(meta: dict[str, Any], lines: dict[str, int], place: Place, first_line: int = 1) -> Mapped:
    """Read a post's front matter by the table above (`lines`: each key's line; `first_line`: the front
    matter's, for a key whose line is not known)."""

    def at(key: str) -> int:
        return lines.get(key, first_line)

    notes: list[tuple[int, str]] = []
    if "redirect_to" in meta:
        return Mapped(not_a_post="it only redirects elsewhere (redirect_to)")
    if meta.get("permalink") is False:
        return Mapped(not_a_post="permalink: false (Eleventy does not publish it)")
    title = _text(meta.get("title"))
    date, date_from = "", ""
    for key in DATE_KEYS:
        if key in meta:
            date = brief_date(meta[key])
            if date:
                date_from = key
                break
            notes.append((at(key), f"'{key}: {_compact(meta[key])}' is not a date briefgen can read"))
    if not date and place.name_date:
        date, date_from = place.name_date, "file name"
    updated = next((stamp for key in UPDATED_KEYS if key in meta and (stamp := brief_date(meta[key]))), "")
    draft = meta.get("draft") in (True, "true", "yes") or meta.get("published") in (False, "false", "no") \
        or place.in_drafts
    if isinstance(meta.get("published"), str) and not date:
        date = brief_date(meta["published"])  # some sites give the publication date here
    topics = [*place.folder_topics]
    for key in TOPIC_KEYS:
        topics.extend(_names(meta.get(key), split_words=place.flavour == "jekyll"))
    collections: list[Leftover] = []
    if place.flavour == "eleventy":  # Eleventy's tags also name collections ('posts'), which are not topics
        collections = [Leftover("tags", f"{name} (an Eleventy collection)", at("tags"))
                       for name in topics if name.lower() in ELEVENTY_COLLECTIONS]
        topics = [name for name in topics if name.lower() not in ELEVENTY_COLLECTIONS]
    authors = [name for key in AUTHOR_KEYS for name in _names(meta.get(key))]
    summary = next((_plain_text(meta[key]) for key in SUMMARY_KEYS if _plain_text(meta.get(key))), "")
    aliases, patterns = _aliases(meta, place, notes, at)
    lang = _text(meta.get("lang") or meta.get("language")) if "lang" in BRIEF.names else ""
    lang = lang if _LANGUAGE_TAG.fullmatch(lang) else ""  # 'English' is a name, not a tag: kept as a comment
    used = (set(MAPPED) - patterns) | ({"lang", "language"} if lang else set())
    leftovers = (*collections, *(Leftover(str(key), _compact(value), at(str(key))) for key, value in meta.items()
                                 if str(key) not in used and value not in (None, "", [], {})))
    return Mapped(title, date, date_from, updated, unquote(_text(meta.get("slug"))), _unique(authors),
                  _unique(topics), summary, draft, aliases, lang, leftovers, tuple(notes))


def _aliases(meta: dict[str, Any], place: Place, notes: list[tuple[int, str]],
             at: Callable[[str], int]) -> tuple[tuple[str, ...], set[str]]:
    """The post's old addresses, and the keys that held a pattern (/:year/:title/) instead, to keep as comments."""
    out: list[str] = []
    patterns: set[str] = set()
    for key in ALIAS_KEYS:
        value = meta.get(key)
        for given in value if isinstance(value, list) else [value]:
            if not isinstance(given, str) or not given.strip():
                continue
            text = given.strip()
            if _PLACEHOLDER.search(text):
                patterns.add(key)
                if key in ("aliases", "redirect_from"):
                    notes.append((at(key), f"{key} '{text}' is a pattern, not an address; kept as a comment"))
                continue
            path = urlsplit(text).path if "//" in text else text
            if not path.startswith("/") and place.flavour == "hugo" and key == "aliases" and place.section:
                path = f"/{place.section}/{path}"  # Hugo reads a relative alias from the page's section
            out.append("/" + path.lstrip("/"))
    return _unique(out), patterns


def _names(value: Any, split_words: bool = False) -> list[str]:
    """Names from a string, a list, or Hugo's {name: ...} mappings; Jekyll splits a string of tags at spaces."""
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name") or item.get("title") or ""
        text = _text(item)
        if not text:
            continue
        out.extend(text.split() if split_words and isinstance(value, str) else [text])
    return out


def _text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return ""
    return " ".join(str(value).split())


def _plain_text(value: Any) -> str:
    """A summary as plain text: without HTML tags, with entities read."""
    return " ".join(unescape(re.sub(r"<[^>]*>", " ", _text(value))).split())


def _compact(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:197] + "..."


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))
