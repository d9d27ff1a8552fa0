"""Which brief a link of the original names: Hugo's `ref`, Jekyll's `post_url` and `link`.

Each post is known by every name such a link may use: its path under the content folder
(with or without its extension; a page bundle by its folder), its path under `_posts/`, its
file name alone, and its new slug. Hugo reads a path without a leading slash from the linking
page's own folder first. A name that two posts share links to neither: it is reported instead.
The briefs already in the site are known by their slugs and file names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from briefgen import urls
from briefgen.authoring.convert import LinkLookup, LinkTarget
from briefgen.load.files import brief_files, read_text, rel_path, split_front_matter
from briefgen.load.yamlload import YamlError, load_yaml

_EXTENSIONS = (".md", ".markdown", ".mdown", ".html", ".htm")
IMPORTED_FROM = re.compile(r"^# Imported by `briefgen import` from (.+?)(?: \(an? [\w ]+\))?\.$", re.MULTILINE)
"""The first comment of an imported brief, naming the file it came from."""


def link_key(path: str) -> str:
    """A path as links name it, made comparable: 'posts/Hello.md', '/posts/hello/', './hello' -> 'posts/hello'."""
    key = unquote(path).strip().strip("\"'").replace("\\", "/")
    while key.startswith("./"):
        key = key[2:]
    key = key.strip("/")
    lowered = key.lower()
    for extension in _EXTENSIONS:
        if lowered.endswith(extension):
            key = key[:-len(extension)]
            break
    for index_name in ("/index", "/_index"):
        if key.lower().endswith(index_name):
            key = key[:-len(index_name)]
    return "" if key.lower() in ("index", "_index") else key.casefold()


class LinkIndex:
    """Names -> the brief each names, for the links of one import."""

    def __init__(self) -> None:
        self._named: dict[str, set[LinkTarget]] = {}

    def add(self, target: LinkTarget, names: Iterable[str]) -> None:
        for name in names:
            key = link_key(name)
            if key:
                self._named.setdefault(key, set()).add(target)

    def lookup(self, folder: str = "", exact: bool = False) -> LinkLookup:
        """Find a brief as a link written in a page of `folder` names it (`exact`: by the whole path only, as
        an address is matched, not as Hugo's ref looks a page up)."""
        def find(given: str) -> LinkTarget | None:
            key = link_key(given)
            if not key:
                return None
            if exact:
                found = self._named.get(key)
                return next(iter(found)) if found is not None and len(found) == 1 else None
            tries = [key]
            if folder and not given.strip().startswith("/"):
                tries.insert(0, link_key(f"{folder}/{key}"))
            if "/" in key:
                tries.append(key.rsplit("/", 1)[1])
            for attempt in tries:
                found = self._named.get(attempt)
                if found is not None:
                    return next(iter(found)) if len(found) == 1 else None
            return None
        return find


@dataclass(frozen=True)
class SiteBrief:
    """A brief already in the site an import writes into."""

    slug: str
    title: str
    rel: str
    imported_from: str = ""
    """What the first comment names, when an import wrote it."""
    draft: bool = False


def site_briefs(site: Path) -> list[SiteBrief]:
    """The briefs the site has now, read just enough for their slugs, titles and origins."""
    found: list[SiteBrief] = []
    for path in brief_files(site / "content"):
        rel = rel_path(path, site)
        text, _problem = read_text(path, rel)
        parts = split_front_matter(text, rel) if text is not None else None
        front: object = None
        front_text = ""
        if isinstance(parts, tuple):
            front_text = parts[0]
            try:
                front, _marks = load_yaml(front_text)
            except YamlError:
                front = None
        data = front if isinstance(front, dict) else {}
        given = str(data.get("slug", "")).strip()
        slug = given if urls.is_valid_id(given) else urls.slugify(path.stem)
        origin = IMPORTED_FROM.search(front_text)
        found.append(SiteBrief(slug, str(data.get("title") or slug), rel, origin.group(1) if origin else "",
                               data.get("draft") is True))
    return found
