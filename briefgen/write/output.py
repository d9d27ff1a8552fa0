"""Write stage: pages -> output folder, never leaving a half-written site.

`write_site` stages the whole new site beside the output folder (hard-linking files whose
bytes did not change), then swaps it in with two renames. `update_site` writes only changed
files in place, each atomically, for live preview. Both keep a manifest of what briefgen
wrote, delete only those files, and refuse a non-empty folder briefgen did not make.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import BuildFailed, Problem, Severity

MANIFEST = ".briefgen-manifest.json"


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_relpath(path: str) -> str | None:
    """`path` if it names a file strictly inside the output folder, else None."""
    if not path or "\x00" in path or "\\" in path or ":" in path.split("/")[0]:
        return None
    normal = unicodedata.normalize("NFKC", path)
    if normal != path:
        return None  # look-alike dots or slashes
    if path.startswith("/") or any(part in ("..", ".", "") for part in path.split("/")):
        return None
    return path


def read_manifest(out: Path) -> dict[str, str] | None:
    """Path -> sha256 of every file briefgen wrote; None when `out` is not briefgen's."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = data.get("files") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else None


def check_output_folder(out: Path) -> dict[str, str]:
    """The manifest of `out` ({} when it is new or empty); refuse a folder briefgen did not write."""
    recover(out)
    if not out.exists():
        return {}
    if not out.is_dir():
        raise BuildFailed([Problem(str(out), 0, 0, Severity.ERROR, "output path exists and is not a folder",
                                   "output", "choose another folder with -o")])
    manifest = read_manifest(out)
    if manifest is None:
        if any(out.iterdir()):
            raise BuildFailed([Problem(str(out), 0, 0, Severity.ERROR,
                                       "output folder is not empty and was not written by briefgen; refusing to "
                                       "replace its files", "output",
                                       "choose an empty or new folder with -o, or empty this one yourself")])
        return {}
    return manifest


def write_site(out: Path, files: Mapping[str, bytes], copies: Mapping[str, Path]) -> WriteStats:
    """Replace the site in `out` with `files` (path -> bytes) and `copies` (path -> file to copy)."""
    _check_paths(files, copies)  # every bad path at once, before anything is staged
    with StagedSite(out, copies) as staged:
        for path, data in files.items():
            staged.add(path, data)
        return staged.commit()


class StagedSite:
    """A new site assembled beside `out` as pages arrive, swapped in whole by commit().

    The streaming form of write_site, for large sites: pages go to disk as they are rendered
    instead of all being held in memory. Leaving the `with` block without commit() (an error,
    a kill) deletes the staging folder and leaves `out` as it was.
    """

    def __init__(self, out: Path, copies: Mapping[str, Path]) -> None:
        self.out = out
        self._old = check_output_folder(out)
        self._copies = copies
        # Path problems are gathered, not raised at once, so that a build reports all of them.
        self._problems: list[Problem] = path_problems((), copies)
        out.parent.mkdir(parents=True, exist_ok=True)
        self._stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
        self._manifest: dict[str, str] = {}
        self._written = self._unchanged = 0

    def __enter__(self) -> StagedSite:
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self._stage, ignore_errors=True)  # gone already after a commit

    def add(self, path: str, data: bytes) -> None:
        """A generated file; written unless the current site has the same bytes (then hard-linked)."""
        problems = path_problems([path], {path: self._copies[path]} if path in self._copies else None)
        if problems:
            self._problems.extend(problems)
            return
        if path in self._manifest:
            raise BuildFailed([Problem(path, 0, 0, Severity.ERROR, "two outputs claim this path", "path-collision",
                                       "rename or remove the static file of that name")])
        self._place(path, data, digest(data))

    def keep(self, path: str) -> None:
        """A file of the current site, unchanged (a page whose view did not change)."""
        problems = path_problems([path], {path: self._copies[path]} if path in self._copies else None)
        if problems:
            self._problems.extend(problems)
            return
        sha = self._old.get(path)
        if sha is None or path in self._manifest or not _link(self.out / path, self._stage / path):
            raise BuildFailed([Problem(str(self.out / path), 0, 0, Severity.ERROR,
                                       "this output file changed or vanished during the build", "output",
                                       "build again, with --no-cache if it happens again")])
        self._manifest[path] = sha
        self._unchanged += 1

    def commit(self) -> WriteStats:
        """Add the copies, keep foreign files, write the manifest and swap the new site in."""
        if self._problems:
            raise BuildFailed(self._problems)
        for path, source in self._copies.items():
            data = source.read_bytes()
            self._place(path, data, digest(data))
        if self.out.is_dir():
            _keep_foreign_files(self.out, self._stage, self._old, self._manifest)
        _write_new(self._stage / MANIFEST, _manifest_bytes(self._manifest))
        _swap(self._stage, self.out)
        removed = sum(1 for path in self._old if path not in self._manifest)
        return WriteStats(self._written, self._unchanged, removed)

    def _place(self, path: str, data: bytes, sha: str) -> None:
        self._manifest[path] = sha
        if self._old.get(path) == sha and _link(self.out / path, self._stage / path):
            self._unchanged += 1
        else:
            _write_new(self._stage / path, data)
            self._written += 1


def update_site(out: Path, files: Mapping[str, bytes], copies: Mapping[str, Path]) -> WriteStats:
    """Write only what changed, in place, each file atomically; remove what is gone."""
    old = check_output_folder(out)
    _check_paths(files, copies)
    out.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, str] = {}
    written = unchanged = 0
    items: list[tuple[str, bytes | Path]] = [*files.items(), *copies.items()]
    for path, item in items:
        data = item.read_bytes() if isinstance(item, Path) else item
        sha = digest(data)
        manifest[path] = sha
        if old.get(path) == sha and (out / path).is_file():
            unchanged += 1
            continue
        _atomic_write(out / path, data)
        written += 1
    removed = 0
    for path in old:
        if path not in manifest and safe_relpath(path):
            try:
                (out / path).unlink()
                removed += 1
            except FileNotFoundError:
                pass
            _prune_empty_dirs(out, (out / path).parent)
    if manifest != old or not (out / MANIFEST).is_file():
        _atomic_write(out / MANIFEST, _manifest_bytes(manifest))
    return WriteStats(written, unchanged, removed)


def patch_files(out: Path, files: Mapping[str, bytes], remove: Iterable[str]) -> None:
    """Write `files` and delete `remove` in a folder the caller owns and tracks itself (live preview's).

    For a caller that already knows exactly what changed: no manifest and no re-hashing of the
    whole site, which would cost more than the change. Each write is atomic.
    """
    _check_paths(files)
    out.mkdir(parents=True, exist_ok=True)
    for path, data in files.items():
        _atomic_write(out / path, data)
    for path in remove:
        if safe_relpath(path):
            (out / path).unlink(missing_ok=True)
            _prune_empty_dirs(out, (out / path).parent)


def recover(out: Path) -> None:
    """Undo what a build killed mid-swap left: put the old site back, drop stale staging folders."""
    if out.parent.is_dir():
        leftovers = sorted(out.parent.glob(f".{out.name}.old-*"))
        if leftovers and not out.exists():
            os.rename(leftovers[-1], out)
            leftovers = leftovers[:-1]
        for folder in [*leftovers, *out.parent.glob(f".{out.name}.staging-*")]:
            shutil.rmtree(folder, ignore_errors=True)


def _check_paths(files: Iterable[str], copies: Mapping[str, Path] | None = None) -> None:
    problems = path_problems(files, copies)
    if problems:
        raise BuildFailed(problems)


def path_problems(files: Iterable[str], copies: Mapping[str, Path] | None = None) -> list[Problem]:
    """Every output path is inside the output folder, not briefgen's manifest, and claimed once."""
    files = list(files)
    copies = copies or {}
    problems = []
    for path in [*files, *copies]:
        if path == MANIFEST:
            problems.append(Problem(path, 0, 0, Severity.ERROR, f"the file name {MANIFEST} is reserved for briefgen",
                                    "unsafe-path", "rename or remove that file"))
        elif safe_relpath(path) is None:
            problems.append(Problem(repr(path), 0, 0, Severity.ERROR, "refusing to write outside the output folder",
                                    "unsafe-path"))
    for path in sorted(set(files) & set(copies)):
        problems.append(Problem(str(copies[path]), 0, 0, Severity.ERROR,
                                f"this file would overwrite the page '{path}' that briefgen generates",
                                "path-collision", "rename or remove the file"))
    return problems


def _swap(stage: Path, out: Path) -> None:
    if out.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.rmdir(retired)
        os.rename(out, retired)
        try:
            os.rename(stage, out)
        except BaseException:
            os.rename(retired, out)  # a kill right here is undone by recover() on the next run
            raise
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.rename(stage, out)
    os.chmod(out, 0o755)


def _keep_foreign_files(out: Path, stage: Path, old: Mapping[str, str], new: Mapping[str, str]) -> None:
    """Files in `out` that briefgen did not write survive the swap."""
    # os.walk reads each folder once and needs no stat per file (a site has tens of thousands)
    for folder, _dirs, names in os.walk(out):
        rel_folder = os.path.relpath(folder, out).replace(os.sep, "/")
        for name in names:
            rel = name if rel_folder == "." else f"{rel_folder}/{name}"
            if rel != MANIFEST and rel not in old and rel not in new:
                path = Path(folder, name)
                if path.is_file():
                    _link(path, stage / rel) or _write_new(stage / rel, path.read_bytes())


def _link(existing: Path, target: Path) -> bool:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(existing, target)
        return True
    except OSError:
        return False


def _write_new(target: Path, data: bytes) -> bool:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return True


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _prune_empty_dirs(out: Path, folder: Path) -> None:
    while folder != out and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _manifest_bytes(manifest: Mapping[str, str]) -> bytes:
    # Compact: json's C encoder only runs without an indent, and a large site lists 50,000 files.
    document = {"generator": "briefgen", "files": dict(sorted(manifest.items()))}
    return (json.dumps(document, separators=(",", ":")) + "\n").encode()
