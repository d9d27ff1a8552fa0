"""Write stage: a build's new files -> the output folder, never leaving a half-written site.

A build writes what it made into a staging folder beside the output folder; nothing in the
output changes until the whole build has succeeded. Committing then moves the new files into
place and deletes the files the site no longer has. The commit first writes its own list of
moves and deletions into the staging folder: a build killed halfway through a commit is
finished by the next build (`recover`), so the output never stays a mixture of two builds.
A manifest in the output folder names every file briefgen wrote, with its digest: briefgen
only ever deletes or replaces those, skips files whose bytes did not change, and refuses a
non-empty folder it did not write.
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
COMMIT = ".briefgen-commit.json"
"""In a staging folder: the moves and deletions of a commit that has begun."""


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int
    changed: tuple[str, ...] = ()
    """The files written or removed (for a preview to reload what changed)."""


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


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
    """Path -> digest of every file briefgen wrote; None when `out` is not briefgen's."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return None
    # Paths are checked where they are acted on (a removal); a bad one here is just never matched.
    return {str(k): str(v) for k, v in files.items()}


def check_output_folder(out: Path) -> dict[str, str]:
    """The manifest of `out` ({} when it is new or empty); refuse a folder briefgen did not write."""
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


def missing_files(out: Path, manifest: Mapping[str, str]) -> set[str]:
    """Files the manifest names that are no longer in `out` (someone deleted them)."""
    present: set[str] = set()
    root = str(out)
    # os.walk reads each folder once and needs no stat per file (a site has tens of thousands)
    for folder, _dirs, names in os.walk(root):
        prefix = folder[len(root) + 1:].replace(os.sep, "/")
        prefix = prefix + "/" if prefix else ""
        present.update(prefix + name for name in names)
    return set(manifest) - present


class Stage:
    """The files a build makes, written beside the output folder until the build commits them.

    Forked workers write into the same folder by its path; the folder is never made again
    once gone, so a build whose staging folder vanished fails instead of committing part of a site.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        out.parent.mkdir(parents=True, exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
        self._folders: set[str] = {""}
        """Folders this process made in the stage: one mkdir per folder, not per file."""

    def __enter__(self) -> Stage:
        return self

    def __exit__(self, *exc: object) -> None:
        if (self.root / COMMIT).exists():
            return  # a commit began and was interrupted: the next build's recover() finishes it
        shutil.rmtree(self.root, ignore_errors=True)  # gone already after a commit

    def write(self, path: str, data: bytes) -> str:
        """Stage one file; its digest."""
        if safe_relpath(path) is None or path == MANIFEST:
            raise BuildFailed([Problem(repr(path), 0, 0, Severity.ERROR, "refusing to write outside the output "
                                       "folder or over briefgen's own files", "unsafe-path")])
        folder, _, _name = path.rpartition("/")
        try:
            if folder not in self._folders:
                if not self.root.is_dir():
                    raise FileNotFoundError(self.root)
                os.makedirs(f"{self.root}/{folder}", exist_ok=True)
                self._folders.add(folder)
            # os-level calls: pathlib's cost per file was a tenth of the stage's time on large sites
            fd = os.open(f"{self.root}/{path}", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
            finally:
                os.close(fd)
        except FileNotFoundError:
            raise _vanished(self.root) from None
        return digest(data)


def _vanished(stage: Path) -> BuildFailed:
    return BuildFailed([Problem(str(stage), 0, 0, Severity.ERROR, "the build's staging folder disappeared while "
                                "the build was writing it; the output folder was left as it was", "output",
                                "build again; if it happens again, check what deletes files next to the output")])


def commit(stage: Stage, files: Mapping[str, str], staged: Iterable[str],
           old: Mapping[str, str] | None = None) -> WriteStats:
    """Make the output folder hold exactly `files` (path -> digest) of briefgen's, from `staged` files
    (written into the stage by this build) and the files already in place; delete what is left.

    `old` is the output's manifest when the caller knows it (a folder it alone writes); else it is
    read. Raises BuildFailed, with the output untouched, when a staged file is missing.
    """
    out = stage.out
    old = check_output_folder(out) if old is None else old
    staged = sorted(staged)
    for path in staged:
        if not (stage.root / path).is_file():
            raise _vanished(stage.root)
    moves = [p for p in staged if old.get(p) != files[p] or not (out / p).is_file()]
    removals = sorted(p for p in old if p not in files)
    if not moves and not removals and old == files and out.is_dir():
        shutil.rmtree(stage.root, ignore_errors=True)
        return WriteStats(0, len(files), 0)  # nothing to do: the output keeps its every byte and time
    plan = {"manifest": dict(sorted(files.items())), "moves": moves, "removals": removals}
    if not out.exists():  # a first build: the staging folder becomes the output, in one rename
        _write_manifest(stage.root, plan["manifest"])
        os.rename(stage.root, out)
        os.chmod(out, 0o755)
        return WriteStats(len(moves), len(files) - len(moves), 0, tuple(moves))
    _atomic_write(stage.root / COMMIT, json.dumps(plan, separators=(",", ":")).encode())
    _finish(stage.root, out, plan)
    unchanged = len(files) - len(moves)
    return WriteStats(len(moves), unchanged, len(removals), (*moves, *removals))


def _finish(stage: Path, out: Path, plan: Mapping[str, object]) -> None:
    """Carry out a commit whose plan is written; safe to repeat after a kill at any point."""
    moves: list[str] = [p for p in plan["moves"] if safe_relpath(p)]  # type: ignore[attr-defined]
    removals: list[str] = [p for p in plan["removals"] if safe_relpath(p)]  # type: ignore[attr-defined]
    out.mkdir(parents=True, exist_ok=True)
    made: set[Path] = set()
    for path in moves:
        source = stage / path
        if not source.exists():
            continue  # moved before a kill
        target = out / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        os.replace(source, target)
    for path in removals:
        target = out / path
        target.unlink(missing_ok=True)
        _prune_empty_dirs(out, target.parent)
    _write_manifest(out, plan["manifest"])
    os.chmod(out, 0o755)
    shutil.rmtree(stage, ignore_errors=True)


def _write_manifest(folder: Path, files: object) -> None:
    manifest = {"generator": "briefgen", "files": files}
    # Compact: json's C encoder only runs without an indent, and a large site lists 50,000 files.
    _atomic_write(folder / MANIFEST, (json.dumps(manifest, separators=(",", ":")) + "\n").encode())


def recover(out: Path) -> None:
    """Finish a commit a killed build began; drop staging folders of builds that never committed."""
    if not out.parent.is_dir():
        return
    for stage in sorted(out.parent.glob(f".{out.name}.staging-*")):
        try:
            plan = json.loads((stage / COMMIT).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            shutil.rmtree(stage, ignore_errors=True)
            continue
        if isinstance(plan, dict) and all(isinstance(plan.get(k), t) for k, t in
                                          (("manifest", dict), ("moves", list), ("removals", list))):
            _finish(stage, out, plan)
        else:
            shutil.rmtree(stage, ignore_errors=True)


def path_problems(files: Iterable[str], copies: Mapping[str, Path]) -> list[Problem]:
    """Every file to copy goes inside the output folder, is not named as briefgen's own files, and
    takes no path of a generated file (`files`, each checked as Stage.write wrote it)."""
    problems = []
    for path in copies:
        if path in (MANIFEST, COMMIT):
            problems.append(Problem(path, 0, 0, Severity.ERROR, f"the file name {path} is reserved for briefgen",
                                    "unsafe-path", "rename or remove that file"))
        elif safe_relpath(path) is None:
            problems.append(Problem(repr(path), 0, 0, Severity.ERROR, "refusing to write outside the output folder",
                                    "unsafe-path"))
    for path in sorted(set(files) & set(copies)):
        problems.append(Problem(str(copies[path]), 0, 0, Severity.ERROR,
                                f"this file would overwrite the page '{path}' that briefgen generates",
                                "path-collision", "rename or remove the file"))
    return problems


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
