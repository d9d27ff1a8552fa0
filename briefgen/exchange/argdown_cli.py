"""`briefgen import FILE.argdown [SITE]`: the command's work, apart from cli.py's argument parsing."""

from __future__ import annotations

import sys
from pathlib import Path

from briefgen import urls
from briefgen.authoring.scaffold import create_file
from briefgen.errors import Problem
from briefgen.exchange.argdown_import import import_argdown
from briefgen.load.files import read_text
from briefgen.options import BuildOptions
from briefgen.terminal import paint, paint_problem, wants_colour


def import_argdown_file(file: Path, site: Path, title: str | None, slug: str | None, quiet: bool) -> int:
    """0 when the brief was written, 1 when the Argdown has errors (nothing written), 2 on a usage error."""
    text, problem = read_text(file, str(file))
    if problem or text is None:
        return _fail(f"{file}: {problem.message if problem else 'cannot read it'}")
    if slug is not None and not urls.is_valid_id(slug):
        return _fail(f"--slug '{slug}' must be lower-case letters and digits joined by '-'")
    imported = import_argdown(text, str(file), title or "", existing=_site_claims(site))
    _print(imported.problems, quiet)
    if not imported.text:
        errors = sum(1 for p in imported.problems if p.is_error)
        print(f"import failed: {errors} error{'s' * (errors != 1)} in {file}; nothing was written", file=sys.stderr)
        return 1
    path = site / "content" / "briefs" / f"{slug or imported.slug}.md"
    try:
        if not create_file(path, imported.text):
            return _fail(f"'{path}' already exists; pass --slug to choose another name")
    except OSError as exc:
        return _fail(str(exc))
    if not quiet:
        print(f"wrote {path}: {imported.claims} claims, {imported.relations} relations")
        print("next: add sources to the claims, then 'briefgen build'")
    return 0


def _site_claims(site: Path) -> dict[str, str]:
    """The site's claims (id -> text), so that an imported statement reuses or avoids their ids."""
    from briefgen.engine import Engine  # the engine's imports are heavy; only an import needs it here

    graph, _problems = Engine(site, BuildOptions(keep=False)).check()
    return {cid: claim.text for cid, claim in graph.claims.items()} if graph else {}


def _print(problems: tuple[Problem, ...], quiet: bool) -> None:
    colour = wants_colour(sys.stderr)
    for problem in problems:
        if problem.is_error or not quiet:
            print(paint_problem(problem.format(), colour), file=sys.stderr)


def _fail(message: str) -> int:
    print(f"briefgen: {paint('error:', 'error', wants_colour(sys.stderr))} {message}", file=sys.stderr)
    return 2
