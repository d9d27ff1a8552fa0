"""The old site's files that imported posts link to (`/images/map.png`), copied into the new site's static/.

A post's root-relative links are made relative to the brief's page (sitelinks.py), so they find a
file at the same path under the new site's static/. Only what the posts link to is copied, never
a whole static/ folder (themes keep megabytes of their own there). Hugo serves `static/` at the
site's root; Jekyll and Eleventy serve the site's own folders, so both places are looked in. A
link that leaves the old site, goes through a hidden folder or a symbolic link, or names a page
rather than a file, is left alone; a linked file found nowhere is reported.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from briefgen.authoring.sitelinks import BRIEF_DEPTH

_LINKED = re.compile(r"\]\(<?" + re.escape(BRIEF_DEPTH) + r"(?P<path>[^)>\s#?]+)")
_PAGES = frozenset({"", ".html", ".htm", ".php", ".xml"})
"""Suffixes of addresses that are pages or feeds, not files a post shows."""


@dataclass(frozen=True)
class LinkedFiles:
    copied: int
    missing: tuple[str, ...]
    """Site paths the posts link to that the old site does not have (or that could not be copied), in order,
    once each."""
    pages: tuple[str, ...] = ()
    """Addresses of the old site's pages the posts link to that no imported post had: broken links now."""


def linked_paths(texts: Iterable[str]) -> tuple[list[str], list[str]]:
    """The site paths the briefs' Markdown links to from their pages, in order, once each: files, and pages
    (links to imported posts were made `brief:` links before, so these are pages that were not imported)."""
    files: dict[str, None] = {}
    pages: dict[str, None] = {}
    for text in texts:
        for match in _LINKED.finditer(text):
            path = unquote(match["path"])
            (files if PurePosixPath(path).suffix.lower() not in _PAGES else pages).setdefault(path, None)
    return list(files), list(pages)


def copy_linked_files(paths: Iterable[str], bases: Iterable[Path], static: Path, write: bool = True) -> LinkedFiles:
    """Copy each of `paths` from the first of `bases` that has it to the same path under `static`."""
    bases = [base for base in bases if base.is_dir()]
    copied, missing = 0, []
    for path in paths:
        parts = PurePosixPath(path).parts
        if not parts or any(part in (".", "..") or part.startswith(".") for part in parts):
            continue
        source = next((base.joinpath(*parts) for base in bases if _plain_file(base, parts)), None)
        if source is None:
            missing.append(path)
            continue
        target = static.joinpath(*parts)
        if write and not target.exists():
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
            except OSError:  # unreadable, or a file where a folder must go: named as not copied, never a traceback
                missing.append(path)
                continue
            copied += 1
    return LinkedFiles(copied, tuple(missing))


def _plain_file(base: Path, parts: tuple[str, ...]) -> bool:
    """Whether base/parts is a regular file reached without following a symbolic link."""
    path = base
    for part in parts:
        path = path / part
        if path.is_symlink():
            return False
    return path.is_file()
