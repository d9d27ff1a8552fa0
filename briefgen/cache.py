"""Parsed briefs cached by content hash, so an unchanged brief is never parsed twice.

The key covers everything a parse depends on: the file's bytes and path, the Markdown
settings, and briefgen's version. The cache lives in memory for one process (a `serve`
session keeps it across rebuilds) and can be saved to a folder between runs.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from briefgen import __version__
from briefgen.documents import ParsedBrief

CACHE_FILE = "parsed.pickle"
_FORMAT = 1


class ParseCache:
    def __init__(self, settings: str, folder: Path | None = None) -> None:
        """`settings` names whatever else a parse depends on (e.g. 'allow_html=False')."""
        self._salt = f"{__version__}|{_FORMAT}|{settings}".encode()
        self._folder = folder
        self._entries: dict[str, ParsedBrief] = {}
        self._used: set[str] = set()
        self._dirty = False
        if folder is not None:
            self._entries = _read(folder / CACHE_FILE, self._salt)

    def key(self, rel: str, raw: bytes) -> str:
        digest = hashlib.blake2b(self._salt, digest_size=20)
        digest.update(rel.encode())
        digest.update(b"\0")
        digest.update(raw)
        return digest.hexdigest()

    def get(self, key: str) -> ParsedBrief | None:
        hit = self._entries.get(key)
        if hit is not None:
            self._used.add(key)
        return hit

    def put(self, key: str, parsed: ParsedBrief) -> None:
        self._entries[key] = parsed
        self._used.add(key)
        self._dirty = True

    def forget_unused(self) -> None:
        """Drop entries no build since the last call used (deleted or edited files)."""
        if len(self._used) != len(self._entries):
            self._entries = {k: v for k, v in self._entries.items() if k in self._used}
            self._dirty = True
        self._used = set()

    def save(self) -> None:
        if self._folder is None or not self._dirty:
            return
        self._folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self._folder)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((self._salt, self._entries), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self._folder / CACHE_FILE)
        self._dirty = False


def _read(path: Path, salt: bytes) -> dict[str, ParsedBrief]:
    """A saved cache, or {} when it is missing, from another version, or damaged."""
    try:
        with path.open("rb") as handle:
            stored_salt, entries = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        return {}
    return entries if stored_salt == salt and isinstance(entries, dict) else {}
