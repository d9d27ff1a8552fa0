"""content/archive/: one snapshot per cited URL, and index.json that maps each URL to its snapshot.

Each snapshot is two files named after the URL: the response body exactly as served
(`www-example-org-3f2a9c1d2b4e5f60.html`, `.pdf`, ...) and the text briefgen read from it
(`....txt`). The index records, for every URL, those names, when it was fetched, the HTTP status,
the content type, the URL after redirects, the body's SHA-256 and size, and a Wayback Machine
copy when one was asked for. Names depend on the URL alone, so a re-run replaces a snapshot in
place and a repository's history shows each source's changes.

The folder is content that anyone may have written, so a name read from the index is used only
when it is a plain file name of ours, and nothing here follows a symbolic link.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import threading
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from briefgen import urls

ARCHIVE_DIR = "archive"
"""Below the site's content/ folder."""
INDEX = "index.json"
INDEX_VERSION = 1
MAX_TEXT = 50 * 1024 * 1024
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}\.(html|pdf|text|json|xml|bin|txt)$")
_EXTENSIONS = {"text/html": "html", "application/xhtml+xml": "html", "application/pdf": "pdf",
               "text/plain": "text", "application/json": "json", "application/xml": "xml", "text/xml": "xml"}


class ArchiveError(Exception):
    """The archive folder cannot be used (e.g. it is a link to somewhere else)."""


@dataclass(frozen=True)
class Snapshot:
    """One entry of index.json."""

    url: str
    """The URL as cited, without its #fragment."""
    file: str
    """The body as served, in content/archive/."""
    text: str
    """The text read from the body, in content/archive/ ('' when it had none)."""
    fetched: str
    """When, in UTC: 2026-12-01T10:00:00Z."""
    status: int
    content_type: str
    final_url: str
    sha256: str
    bytes: int
    wayback: str = ""
    """A Wayback Machine copy made with `archive --wayback`, '' for none."""


def snapshot_key(url: str) -> str:
    """The URL a snapshot is filed under: as cited, less its #fragment (never sent to a server)."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    return urlunsplit(parts._replace(fragment="")) if parts.fragment else url.split("#", 1)[0]


def base_name(url: str) -> str:
    """'www-example-org-3f2a9c1d2b4e5f60': the host for people, a digest of the URL for uniqueness."""
    key = snapshot_key(url)
    try:
        host = urlsplit(key).hostname or ""
    except ValueError:
        host = ""
    slug = urls.slugify(host)[:60].strip("-") or "page"
    return f"{slug}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}"


def extension(content_type: str) -> str:
    return _EXTENSIONS.get(content_type.split(";", 1)[0].strip().lower(), "bin")


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class ArchiveFolder:
    """A site's content/archive/: reading snapshots, and writing them one at a time from any thread."""

    def __init__(self, content: Path) -> None:
        self.dir = content / ARCHIVE_DIR
        self._lock = threading.Lock()
        self._entries: dict[str, Snapshot] | None = None
        self.problems: list[str] = []
        """What was wrong in index.json (entries left out), for the user."""

    # -- reading -------------------------------------------------------------------------------------

    def entries(self) -> dict[str, Snapshot]:
        """Every usable entry of index.json, by URL."""
        with self._lock:
            if self._entries is None:
                self._entries = self._read_index()
            return dict(self._entries)

    def find(self, url: str) -> Snapshot | None:
        return self.entries().get(snapshot_key(url)) if url else None

    def read(self, name: str, limit: int = MAX_TEXT) -> bytes | None:
        """A file of the archive by its name in the index; None when it is missing or not one of ours."""
        if not name or not _NAME.match(name) or not self._usable_dir():
            return None
        path = self.dir / name
        try:
            if path.is_symlink() or not path.is_file() or path.stat().st_size > limit:
                return None
            return path.read_bytes()
        except OSError:
            return None

    def read_text(self, snapshot: Snapshot) -> str | None:
        data = self.read(snapshot.text)
        return data.decode("utf-8", "replace") if data is not None else None

    def has_files(self, snapshot: Snapshot) -> bool:
        return all(not name or (_NAME.match(name) and (self.dir / name).is_file())
                   for name in (snapshot.file, snapshot.text))

    def _read_index(self) -> dict[str, Snapshot]:
        raw = self.read(INDEX)
        if raw is None:
            return {}
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            self.problems.append(f"{ARCHIVE_DIR}/{INDEX} is not valid JSON ({exc}); it is rewritten on the next run")
            return {}
        items = data.get("snapshots") if isinstance(data, dict) else None
        if not isinstance(items, dict):
            self.problems.append(f"{ARCHIVE_DIR}/{INDEX} has no 'snapshots' mapping")
            return {}
        out: dict[str, Snapshot] = {}
        for url, item in items.items():
            snapshot = _snapshot(str(url), item)
            if snapshot is None:
                self.problems.append(f"{ARCHIVE_DIR}/{INDEX}: the entry for '{url}' is not understood, left out")
            else:
                out[snapshot.url] = snapshot
        return out

    def _usable_dir(self) -> bool:
        return not self.dir.is_symlink() and self.dir.is_dir()

    # -- writing -------------------------------------------------------------------------------------

    def save(self, url: str, body: bytes, text: str, meta: Snapshot) -> Snapshot:
        """Write a snapshot's files and its index entry (the index at once, so an interrupted run keeps
        what it fetched). `meta` gives everything but the file names, which are made here."""
        self._ensure_dir()
        key = snapshot_key(url)
        base = base_name(key)
        body_name = f"{base}.{extension(meta.content_type)}"
        text_name = f"{base}.txt" if text else ""
        with self._lock:
            if self._entries is None:
                self._entries = self._read_index()
            old = self._entries.get(key)
            self._write(body_name, body)
            if text_name:
                self._write(text_name, text.encode("utf-8"))
            if old is not None:  # a page that changed type, or lost its text, leaves no stale file behind
                for stale in {old.file, old.text} - {body_name, text_name, ""}:
                    self._remove(stale)
            snapshot = replace(meta, url=key, file=body_name, text=text_name,
                               wayback=meta.wayback or (old.wayback if old else ""))
            self._entries[key] = snapshot
            self._write_index()
        return snapshot

    def set_wayback(self, url: str, wayback: str) -> None:
        with self._lock:
            if self._entries is None:
                self._entries = self._read_index()
            key = snapshot_key(url)
            if key in self._entries:
                self._entries[key] = replace(self._entries[key], wayback=wayback)
                self._write_index()

    def _ensure_dir(self) -> None:
        if self.dir.is_symlink():
            raise ArchiveError(f"{self.dir} is a symbolic link; briefgen writes snapshots only into a real folder")
        if not self.dir.parent.is_dir() or self.dir.parent.is_symlink():
            raise ArchiveError(f"{self.dir.parent} is not a folder of the site")
        self.dir.mkdir(exist_ok=True)

    def _write(self, name: str, data: bytes) -> None:
        # A temporary file beside the target, then os.replace: a planted link at the name is replaced, never followed
        assert _NAME.match(name) or name == INDEX, name
        tmp = self.dir / f".tmp-{os.getpid()}-{threading.get_ident()}-{name}"
        with open(tmp, "xb") as handle:
            handle.write(data)
        os.replace(tmp, self.dir / name)

    def _remove(self, name: str) -> None:
        if _NAME.match(name):
            with contextlib.suppress(OSError):
                (self.dir / name).unlink()

    def _write_index(self) -> None:
        assert self._entries is not None
        snapshots = {url: {k: v for k, v in asdict(entry).items() if k != "url"}
                     for url, entry in sorted(self._entries.items())}
        text = json.dumps({"version": INDEX_VERSION, "snapshots": snapshots}, indent=2, ensure_ascii=False,
                          sort_keys=True)
        self._write(INDEX, (text + "\n").encode("utf-8"))


def _snapshot(url: str, item: Any) -> Snapshot | None:
    if not isinstance(item, dict):
        return None
    values: dict[str, Any] = {"url": url}
    for spec in fields(Snapshot):
        if spec.name == "url":
            continue
        value = item.get(spec.name, "" if spec.name == "wayback" else None)
        wanted = int if spec.type == "int" else str
        if isinstance(value, bool) or not isinstance(value, wanted):
            return None
        values[spec.name] = value
    snapshot = Snapshot(**values)
    names_ok = _NAME.match(snapshot.file) and (not snapshot.text or _NAME.match(snapshot.text))
    return snapshot if names_ok else None
