"""The only place URL rules live.

Pages are addressed by a site path without a leading slash and with a trailing slash
for directories ("claims/nk-will-not-disarm/", "" for the home page, "feed.xml").
Links between pages are always relative, so a site works from any sub-path and with no
base_url at all; absolute URLs (canonical, feeds, sitemap) exist only when base_url is set.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SECTION = {"brief": "briefs", "claim": "claims", "source": "sources", "actor": "actors",
            "topic": "topics", "author": "authors"}


def slugify(text: str) -> str:
    """'Nuclear diplomacy' -> 'nuclear-diplomacy'; '' when nothing usable is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def is_valid_id(value: str) -> bool:
    return bool(ID_PATTERN.fullmatch(value))  # not match: '$' would also accept a trailing newline


def page_path(kind: str, ident: str = "") -> str:
    """Site path of a page: page_path('claim', 'x') == 'claims/x/'; page_path('claim') is the index."""
    section = _SECTION[kind]
    return f"{section}/{ident}/" if ident else f"{section}/"


def paged(path: str, number: int) -> str:
    """Site path of page `number` (from 1) of a paginated index: paged('claims/', 2) == 'claims/page/2/'."""
    return path if number <= 1 else f"{path}page/{number}/"


def topic_feed(slug: str) -> str:
    return f"{page_path('topic', slug)}feed.xml"


SITE_FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
GRAPH_JSON = "graph.json"
MAP = "map/"
SEARCH = "search/"
SEARCH_INDEX = "pagefind/"
"""Folder of the search index (Pagefind's files)."""


def output_file(path: str) -> str:
    """The file that serves a site path: directories get index.html."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def relative(from_page: str, to_path: str) -> str:
    """A relative href from the page at `from_page` to `to_path` (both site paths)."""
    base = from_page if from_page.endswith("/") or from_page == "" else posixpath.dirname(from_page) + "/"
    base = base.rstrip("/")
    target = to_path.rstrip("/")
    rel = posixpath.relpath(target or ".", base or ".")
    if rel == ".":
        rel = "./" if to_path.endswith("/") or to_path == "" else posixpath.basename(to_path)
    elif to_path.endswith("/") or to_path == "":
        rel += "/"
    return rel


def absolute(base_url: str, path: str) -> str:
    """Absolute URL for a site path, or '' when the site has no base_url."""
    return base_url + path if base_url else ""


def normalize_base_url(value: str) -> str:
    value = value.strip()
    if value and not value.endswith("/"):
        value += "/"
    return value
