"""Load stage: content files -> documents (front matter + body, with line numbers kept)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import Problem, Severity
from briefgen.load.bibliography import LIBRARY_SUFFIXES, load_library
from briefgen.load.docs import DataDoc, SourceDoc
from briefgen.load.rawfiles import MAX_FILE_BYTES, decode, read_bytes, read_text, rel_path
from briefgen.load.unparsed import lenient_text, unparsed_data
from briefgen.load.yamlload import NodeMarks, YamlError, load_yaml
from briefgen.symlinks import file_problem, folder_link_problem, folder_problem, is_inside

__all__ = ["MAX_FILE_BYTES", "SITE_FILES", "BriefEntry", "DataDoc", "SourceDoc", "brief_files", "brief_from_bytes",
           "decode", "load_brief", "load_data_file", "load_site_files", "read_bytes", "read_text", "rel_path",
           "scan_brief_files", "scan_briefs", "split_front_matter"]

SITE_FILES = ("sources", "claims", "actors", "authors", "positions")


def brief_files(content: Path) -> list[Path]:
    folder = content / "briefs"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.md") if p.is_file() and not p.name.startswith("."))


@dataclass(frozen=True)
class BriefEntry:
    """A brief file found on disk, before it is read."""

    path: str
    rel: str
    """Relative to the site folder, with forward slashes."""
    stem: str
    stat: tuple[int, int, int]
    """(mtime_ns, size, inode): equal stats mean unchanged bytes, so a preview need not read the file again."""


def scan_briefs(root: Path, content: Path) -> list[BriefEntry]:
    """Every brief file, in path order, with its stat (see scan_brief_files)."""
    return scan_brief_files(root, content)[0]


def scan_brief_files(root: Path, content: Path) -> tuple[list[BriefEntry], list[Problem]]:
    """Every brief file, in path order, with its stat, and a problem for each link refused (symlinks.py).

    One scandir per folder and plain strings (no Path per file): what a rebuild at thousands of
    briefs can afford. The same files as brief_files(), less the links that leave the site.
    """
    folder = content / "briefs"
    problems = [p for p in (folder_problem(content, root, rel_path(content, root)),
                            folder_problem(folder, root, rel_path(folder, root))) if p is not None]
    if problems or not folder.is_dir():
        return [], problems
    found: list[BriefEntry] = []
    stack = [(str(folder), rel_path(folder, root))]
    while stack:
        directory, rel_dir = stack.pop()
        try:
            entries = list(os.scandir(directory))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = f"{rel_dir}/{entry.name}"
            if entry.is_symlink():  # rare: checked where it leads before anything reads it
                if not entry.name.endswith(".md") and not os.path.isdir(entry.path):
                    continue
                problem = _link_problem(entry.path, root, rel)
                if problem is not None:
                    problems.append(problem)
                    continue
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, rel))
            elif entry.name.endswith(".md") and entry.is_file():
                info = entry.stat()
                stat = (info.st_mtime_ns, info.st_size, info.st_ino)
                found.append(BriefEntry(entry.path, rel, entry.name[:-3], stat))
    found.sort(key=lambda e: e.rel.split("/"))
    return found, problems


def _link_problem(path: str, root: Path, rel: str) -> Problem | None:
    """Why the link at `path` is not read; None for a link to a file inside the site."""
    if os.path.isdir(path) and is_inside(os.path.realpath(path), root):
        return folder_link_problem(rel)
    return file_problem(path, root, rel)


def split_front_matter(text: str, rel: str) -> tuple[str, int, str, int] | Problem:
    """(front matter text, its first line, body, body's first line) or a problem."""
    if not text.strip():
        return Problem(rel, 0, 0, Severity.ERROR, "file is empty", "empty-file",
                       "start it with front matter between '---' lines: title and date")
    lines = text.split("\n")
    # Blank lines before the opening '---' are common in files written by other tools (Hugo and
    # Jekyll accept them); line numbers stay those of the file.
    start = next(index for index, line in enumerate(lines) if line.strip())
    if lines[start].strip() != "---":
        return Problem(rel, start + 1, 1, Severity.ERROR, "file does not start with front matter",
                       "no-front-matter", "add a '---' line, then title: and date:, then another '---' line")
    for index in range(start + 1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[start + 1:index]), start + 2, "\n".join(lines[index + 1:]), index + 2
    return Problem(rel, start + 1, 1, Severity.ERROR, "front matter is not closed", "unclosed-front-matter",
                   "add a line '---' after the last front-matter key")


def load_brief(path: Path, rel: str) -> SourceDoc | Problem:
    raw, problem = read_bytes(path, rel)
    if raw is None:
        return problem or Problem(rel, 0, 0, Severity.ERROR, "unreadable")
    return brief_from_bytes(raw, rel, path.stem)


def brief_from_bytes(raw: bytes, rel: str, stem: str) -> SourceDoc | Problem:
    text, problem = decode(raw, rel)
    if problem or text is None:
        return problem or Problem(rel, 0, 0, Severity.ERROR, "unreadable")
    parts = split_front_matter(text, rel)
    if isinstance(parts, Problem):
        return parts
    front_text, front_line, body, body_line = parts
    try:
        front, marks = load_yaml(front_text, line_offset=front_line - 1)
    except YamlError as exc:
        return Problem(rel, exc.line, exc.col, Severity.ERROR, exc.message, "yaml")
    return SourceDoc(rel, stem, front, marks, body, body_line, front_text)


def load_data_file(path: Path, rel: str, name: str) -> DataDoc | Problem:
    text, problem = read_text(path, rel)
    if problem or text is None:
        return problem or Problem(rel, 0, 0, Severity.ERROR, "unreadable")
    try:
        data, marks = load_yaml(text)
    except YamlError as exc:
        return Problem(rel, exc.line, exc.col, Severity.ERROR, exc.message, "yaml")
    return DataDoc(rel, name, data, marks)


def load_site_files(site: Path, content: Path) -> tuple[list[DataDoc], list[Problem]]:
    """Read the site-wide files (sources.yaml, ...); problems instead of exceptions.

    A file that cannot be loaded is named by its problem, and kept as a DataDoc with no data that
    says what its text might define (load/unparsed.py), so that references to it are not reported
    as unknown ids too."""
    data: list[DataDoc] = []
    problems: list[Problem] = []
    if folder_problem(content, site, rel_path(content, site)) is not None:
        return data, problems  # reported with the briefs
    names = [(name, f"{name}{suffix}") for name in SITE_FILES for suffix in (".yaml", ".yml")]
    names += [("sources", f"sources{suffix}") for suffix in LIBRARY_SUFFIXES]  # CSL-JSON and BibTeX
    for name, file_name in names:
        path = content / file_name
        if not os.path.lexists(path):
            continue
        rel = rel_path(path, site)
        result: DataDoc | Problem | None = file_problem(path, site, rel)
        refused = result is not None
        if result is None:
            result = load_library(path, rel) if file_name.startswith("sources.") and \
                path.suffix in LIBRARY_SUFFIXES else load_data_file(path, rel, name)
        if isinstance(result, Problem):
            problems.append(result)
            text = None if refused else _text_anyway(path)
            result = DataDoc(rel, name, None, NodeMarks(""), unparsed_data(rel, name, text))
        data.append(result)
    return data, problems


def _text_anyway(path: Path) -> str | None:
    """A file's text however broken it is, for the search of load/unparsed.py; None when unreadable."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        return lenient_text(path.read_bytes())
    except OSError:
        return None
