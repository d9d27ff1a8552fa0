"""`briefgen import FILE|DIR [SITE]`: the command's work and what it prints (cli.py only parses it)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from briefgen import urls
from briefgen.authoring.convert import LinkTarget
from briefgen.authoring.discover import MARKDOWN
from briefgen.authoring.folder import import_folder
from briefgen.authoring.importer import ArticleFile, ImportFailed, import_article
from briefgen.authoring.keymap import Place
from briefgen.authoring.linkindex import LinkIndex, site_briefs
from briefgen.authoring.report import file_lines, folder_lines, folder_summary, summary_of_results
from briefgen.authoring.scaffold import ScaffoldError, create_file
from briefgen.authoring.stamps import date_from_file_name
from briefgen.load.files import read_text
from briefgen.terminal import paint_problem, wants_colour

Fail = Callable[[str], int]
"""Prints a usage error and gives the exit status."""
EXIT_OK, EXIT_REFUSED = 0, 1


def import_path(path: Path, site: Path, *, title: str | None, slug: str | None, skeletons: bool, dry_run: bool,
                quiet: bool, verbose: bool, fail: Fail) -> int:
    """Import a file or a whole folder into `site`; the exit status."""
    if not path.exists():
        return fail(f"'{path}' does not exist")
    if slug is not None and not urls.is_valid_id(slug):
        return fail(f"--slug '{slug}' must be lower-case letters and digits joined by '-'")
    if path.is_dir():
        if title is not None or slug is not None:
            return fail("--title and --slug name one brief; a folder's posts take theirs from their front matter")
        if site.resolve() == path.resolve() or site.resolve() in path.resolve().parents:
            return fail(f"'{path}' is inside the site '{site}'; import from the old site's folder")
        report = import_folder(path, site, str(path), skeleton=skeletons, write=not dry_run)
        _print([line for line in folder_lines(report, verbose) if not quiet or line[0] == "error"])
        if not quiet:
            print("\n".join(folder_summary(report, str(site), dry_run)))
            if report.imported and not dry_run:
                print(f"next: briefgen check {site}   (then: briefgen build {site})")
        return EXIT_REFUSED if report.refused else EXIT_OK
    return _import_file(path, site, title, slug, dry_run, quiet, verbose, fail)


def _import_file(path: Path, site: Path, title: str | None, slug: str | None, dry_run: bool, quiet: bool,
                 verbose: bool, fail: Fail) -> int:
    text, problem = read_text(path, str(path))
    if problem or text is None:
        return fail(f"{path}: {problem.message if problem else 'cannot read it'}")
    name = path.parent.name if path.stem.lower() == "index" and path.parent.name else path.stem
    parts = path.resolve().parts
    place = Place("hugo" if text.lstrip().startswith("+++") else "jekyll" if "_posts" in parts or "_drafts" in parts
                  else "", name_date=date_from_file_name(name)[0], in_drafts="_drafts" in parts)
    file = ArticleFile(str(path), name, path.suffix.lower() in MARKDOWN, place)
    index = LinkIndex()
    for brief in site_briefs(site):
        index.add(LinkTarget(brief.slug, brief.title, brief.draft), (brief.slug, Path(brief.rel).stem))
    try:
        imported = import_article(text, file, title, lookup=index.lookup(), slug=slug)
        target = site / "content" / "briefs" / f"{imported.slug}.md"
        if not dry_run and not create_file(target, imported.text, site):
            return fail(f"'{target}' already exists; pass --slug to choose another name")
    except ImportFailed as failed:
        return fail(f"{path}" + (f":{failed.line}" if failed.line else "") + f": {failed.message}")
    except (ScaffoldError, OSError) as exc:
        return fail(str(exc))
    _print([line for line in file_lines(str(path), imported) if not quiet])
    if quiet:
        return EXIT_OK
    quotes = len(imported.quotes)
    print(f"{'would write' if dry_run else 'wrote'} {target}: {quotes} quotation{'s' * (quotes != 1)} "
          f"with placeholder citations, {imported.todos} TODO{'s' * (imported.todos != 1)} to fill")
    if verbose:
        for note in imported.quotes:
            print(f"  {path}:{note.line}: quotation [@{note.source_id}]: {note.opening}")
    for line in summary_of_results([imported]):
        print(f"  {line}")
    print("next: fill the TODOs (briefgen build --drafts shows the draft), then remove 'draft: true'")
    return EXIT_OK


def _print(lines: list[tuple[str, str]]) -> None:
    colour = wants_colour(sys.stderr)
    for _severity, line in lines:
        print(paint_problem(line, colour), file=sys.stderr)
