"""A digest of every input of a build, from file names and stats alone: the no-change fast path.

When the digest equals the one the last successful build recorded, and its output is still as it
left it, there is nothing to do. Computing it reads no file and imports nothing heavy (no Jinja,
no Markdown), so `briefgen build` on an unchanged site returns in a fraction of a second; any
doubt (a touched file, a moved one) only sends the build down the normal path, which finds out
exactly what changed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from briefgen import __version__
from briefgen.options import BuildOptions
from briefgen.paths import PACKAGE_DIR, SitePaths
from briefgen.write.output import MANIFEST, missing_files, read_manifest

CACHE_DIR = ".briefgen-cache"
"""The cache folder a build keeps in the site folder (git-ignored)."""
_SKIPPED = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", CACHE_DIR})


@dataclass(frozen=True)
class Summary:
    """What the last successful build into one output folder recorded for the fast path."""

    fingerprint: str
    briefs: int
    pages: int
    files: int
    problems: tuple[tuple[str, int, int, str, str, str, str], ...]
    """The warnings of that build (Problem fields), to print again."""
    extra: tuple[str, ...] = ()
    """Files outside content/, templates/ and static/ that the build read (a citation style)."""
    manifest: str = ""
    """The stat of the output's manifest as the build left it."""


def summary_path(paths: SitePaths) -> Path:
    name = hashlib.blake2b(str(paths.output).encode(), digest_size=8).hexdigest()
    return paths.root / CACHE_DIR / f"summary-{name}.json"


def unchanged_since_last_build(paths: SitePaths, options: BuildOptions) -> tuple[str, Summary | None]:
    """The fingerprint of the build asked for, and the last build's summary when that build read the
    same inputs and its output is still as it left it (so there is nothing to do)."""
    summary = read_summary(summary_path(paths)) if options.keep else None
    stamp = fingerprint(paths, options.settings(), summary.extra if summary is not None else ())
    if summary is None or summary.fingerprint != stamp:
        return stamp, None
    if summary.manifest != stat_text(paths.output / MANIFEST):
        return stamp, None
    manifest = read_manifest(paths.output)
    if manifest is None or missing_files(paths.output, manifest):
        return stamp, None
    return stamp, summary


def read_summary(path: Path) -> Summary | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        summary = Summary(str(data["fingerprint"]), int(data["briefs"]), int(data["pages"]), int(data["files"]),
                          tuple(tuple(p) for p in data["problems"]), tuple(str(e) for e in data["extra"]),
                          str(data["manifest"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    valid = all(len(p) == 7 and isinstance(p[1], int) and isinstance(p[2], int) and p[3] in ("error", "warning")
                for p in summary.problems)
    return summary if valid else None


def write_summary(path: Path, summary: Summary) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    tmp.write_text(json.dumps(summary.__dict__), encoding="utf-8")
    os.replace(tmp, tmp.with_name(path.name))


def fingerprint(paths: SitePaths, settings: str, extra: Iterable[str] = ()) -> str:
    """Digest of briefgen's code and theme, the build's `settings`, and the name and stat of every
    file of the site a build reads."""
    digest = hashlib.blake2b(f"{__version__}|{settings}|{paths.output}".encode(), digest_size=20)
    _stats(digest, PACKAGE_DIR, recursive=True)
    _stats(digest, PACKAGE_DIR.parent / "templates", recursive=True)  # the default theme in a checkout
    _stats(digest, paths.root, recursive=False)
    for folder in (paths.content, paths.templates, paths.static):
        _stats(digest, folder, recursive=True)
    for name in extra:
        _stat(digest, name)
    return digest.hexdigest()


def stat_text(path: Path) -> str:
    """A file's stat as text ('' when it is missing): equal texts mean an untouched file."""
    try:
        info = os.stat(path)
    except OSError:
        return ""
    return f"{info.st_mtime_ns}|{info.st_size}|{info.st_ino}"


def _stats(digest: hashlib.blake2b, folder: Path, recursive: bool) -> None:
    stack = [str(folder)]
    while stack:
        current = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):  # editors' scratch files, and a build's own lock and staging
                continue
            if entry.is_dir(follow_symlinks=False):
                if recursive and entry.name not in _SKIPPED:
                    stack.append(entry.path)
                continue
            try:
                info = entry.stat()
            except OSError:
                continue
            digest.update(f"{entry.path}|{info.st_mtime_ns}|{info.st_size}|{info.st_ino}\n".encode())


def _stat(digest: hashlib.blake2b, path: str) -> None:
    digest.update(f"{path}|{stat_text(Path(path))}\n".encode())
