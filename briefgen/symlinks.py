"""Symbolic links in a site: followed while they stay inside the site folder, refused when they leave it.

A site is untrusted input. A link `content/briefs/x.md -> /home/me/.ssh/id_rsa` or
`content/sources.yaml -> /etc/passwd` must not publish the target, nor quote it in an error
message. The rules, for every file briefgen reads from a site (briefgen.yaml, a .csl style,
content/, templates/, static/):

- a file is read when its real path (every link resolved) is inside the site folder's real
  path and it is a regular file; a link elsewhere, or to a device, pipe or socket, is an
  error at the link's own path, naming where it leads but never reading it;
- content/, content/briefs/, templates/ and static/ may themselves be links into the site;
- a link to a folder further down is not followed (a warning says so): following folder links
  can loop, and lists the same files twice.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from briefgen.errors import Problem, Severity

__all__ = ["file_problem", "folder_link_problem", "folder_problem", "is_inside", "walk_files"]


def is_inside(real: str, root: Path) -> bool:
    """`real` (a real path) is the site folder `root` (a real path) or below it."""
    top = str(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def file_problem(path: str | os.PathLike[str], root: Path, rel: str) -> Problem | None:
    """None when the file at `path` may be read; else why not (the file is never opened)."""
    real = os.path.realpath(path)
    if not is_inside(real, root):
        return Problem(rel, 0, 0, Severity.ERROR, f"is a symbolic link to '{real}', outside the site folder; "
                       "it is not read", "outside-site", "copy the file into the site folder instead of linking it")
    try:
        mode = os.stat(real).st_mode
    except OSError as exc:
        return Problem(rel, 0, 0, Severity.ERROR, f"cannot read file: {exc.strerror}", "unreadable")
    if not stat.S_ISREG(mode):
        return Problem(rel, 0, 0, Severity.ERROR, "is not a regular file (a folder, device, pipe or socket); "
                       "it is not read", "special-file")
    return None


def folder_problem(folder: Path, root: Path, rel: str) -> Problem | None:
    """None when the site's own folder `folder` (content/, static/ ...) is missing or inside the site."""
    if not os.path.lexists(folder):
        return None
    real = os.path.realpath(folder)
    if is_inside(real, root):
        return None
    return Problem(rel, 0, 0, Severity.ERROR, f"is a symbolic link to '{real}', outside the site folder; "
                   "nothing in it is read", "outside-site", "move the folder into the site folder")


def folder_link_problem(rel: str) -> Problem:
    return Problem(rel, 0, 0, Severity.WARNING, "is a symbolic link to a folder, which is not followed",
                   "folder-link", "link each file instead, or move the folder here")


def walk_files(folder: Path, root: Path) -> tuple[list[Path], list[Problem]]:
    """Every file that may be read below `folder`, in path order, and a problem for each link refused.

    A file reached through an allowed link is given by the link's path (its name in the site).
    """
    files: list[Path] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return files, problems
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                rel = _rel(path, root)
                if os.path.isdir(entry.path) and is_inside(os.path.realpath(entry.path), root):
                    problems.append(folder_link_problem(rel))
                    continue
                problem = file_problem(entry.path, root, rel)
                if problem is None:
                    files.append(path)
                else:
                    problems.append(problem)
            elif entry.is_dir(follow_symlinks=False):
                stack.append(path)
            elif entry.is_file(follow_symlinks=False):
                files.append(path)
    files.sort()
    return files, problems


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
