"""The command line: argument parsing and printing; the work happens in engine.py."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from briefgen import __version__
from briefgen.errors import BuildFailed, Problem
from briefgen.evidence.cli import add_archive_command, add_quote_options, run_quote_checks
from briefgen.fingerprint import CACHE_DIR, unchanged_since_last_build
from briefgen.options import BuildOptions
from briefgen.paths import CONFIG_FILE, SitePaths
from briefgen.progress import Progress
from briefgen.terminal import paint, paint_problem, wants_colour

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into a reader that stopped early, e.g. `| head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # as the Python docs advise
        return EXIT_CONTENT


def console() -> None:
    """The `briefgen` command: main(), then exit without tearing the heap down object by object.

    A large build leaves millions of objects; freeing them one by one at exit took as long as
    writing the site's last thousand pages. Everything is written and flushed by then.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefgen", description="A static site generator for policy briefs.")
    parser.add_argument("--version", action="version", version=f"briefgen {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build_cmd = commands.add_parser(
        "build", help="build the site into output/",
        description="Build the site in SITE (default: the current folder) into SITE/output/.",
        epilog="examples:\n  briefgen build\n  briefgen build mysite -o public --base-url https://example.org/briefs/",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    build_cmd.add_argument("site", nargs="?", default=".", type=Path, help="the site folder (default: .)")
    build_cmd.add_argument("-o", "--output", type=Path, help="output folder (default: SITE/output)")
    build_cmd.add_argument("--drafts", action="store_true", help="include briefs marked draft: true")
    build_cmd.add_argument("--base-url", help="absolute URL the site will be published at")
    build_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build_cmd.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    build_cmd.add_argument("--no-cache", action="store_true",
                           help=f"parse and render everything; do not read or write SITE/{CACHE_DIR}/")
    build_cmd.add_argument("-j", "--jobs", type=int, metavar="N",
                           help="use at most N processes (default: one per core; 1: no extra processes)")
    build_cmd.add_argument("--pdf", action=argparse.BooleanOptionalAction, default=None,
                           help="print a PDF of every brief, or not (default: as briefgen.yaml's 'pdf' says; "
                                "needs pip install 'briefgen[pdf]')")
    build_cmd.set_defaults(run=run_build)
    add_authoring_commands(commands)

    check_cmd = commands.add_parser(
        "check", help="report every problem in the content without building",
        description="Load and cross-check the site in SITE (default: the current folder) and print every "
                    "error and warning, without writing anything.",
        epilog="exit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage error\n\n"
               "examples:\n  briefgen check\n  briefgen check mysite --format json --strict\n"
               "  briefgen check --quotes --offline",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    check_cmd.add_argument("site", nargs="?", default=".", type=Path, help="the site folder (default: .)")
    check_cmd.add_argument("--format", choices=("text", "json"), default="text",
                           help="text: one 'file:line:col: severity: message' line each, on stderr; "
                                "json: a list of {path, line, column, severity, code, message, hint} on stdout")
    check_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check_cmd.add_argument("--drafts", action="store_true", help="check drafts as if building with --drafts")
    check_cmd.set_defaults(run=run_check)
    add_quote_options(check_cmd)
    add_archive_command(commands)

    serve_cmd = commands.add_parser(
        "serve", help="preview the site, rebuilding and reloading on every save",
        description="Build the site in SITE into a temporary folder and serve it at http://HOST:PORT/.\n"
                    "Every save rebuilds what changed and reloads the open pages; errors show in the\n"
                    "terminal and over every page until they are fixed. Ctrl-C stops it.",
        epilog="examples:\n  briefgen serve\n  briefgen serve mysite --port 8080",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    serve_cmd.add_argument("site", nargs="?", default=".", type=Path, help="the site folder (default: .)")
    serve_cmd.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve_cmd.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve_cmd.add_argument("--drafts", action="store_true", help="include briefs marked draft: true")
    serve_cmd.add_argument("-v", "--verbose", action="store_true", help="print tracebacks of internal errors")
    serve_cmd.add_argument("--pdf", action=argparse.BooleanOptionalAction, default=None,
                           help="print a PDF of every brief, or not (default: as briefgen.yaml's 'pdf' says); "
                                "--no-pdf keeps saves quick on a large site")
    serve_cmd.set_defaults(run=run_serve)
    return parser


def run_check(args: argparse.Namespace) -> int:
    site: Path = args.site
    if not site.is_dir():
        print(f"briefgen: error: site folder '{site}' does not exist", file=sys.stderr)
        return EXIT_USAGE
    from briefgen.engine import Engine

    graph, problems = Engine(site, BuildOptions(drafts=args.drafts, strict=args.strict, keep=False)).check()
    quotes_summary = ""
    if args.quotes:
        more, quotes_summary = run_quote_checks(args, site, graph)
        problems = [*problems, *more]
    errors = sum(1 for p in problems if p.is_error)
    if args.format == "json":
        print(json.dumps([p.as_dict() for p in problems], indent=1, ensure_ascii=False))
    else:
        print_problems(problems)
        warnings = len(problems) - errors
        briefs = f"{len(graph.briefs)} brief{'s' * (len(graph.briefs) != 1)}: " if graph else ""
        print(f"checked {briefs}{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
              file=sys.stderr)
    if quotes_summary:
        print(quotes_summary, file=sys.stderr)
    return EXIT_CONTENT if errors else EXIT_OK


def run_build(args: argparse.Namespace) -> int:
    site: Path = args.site
    if not site.is_dir():
        print(f"briefgen: error: site folder '{site}' does not exist", file=sys.stderr)
        return EXIT_USAGE
    if args.base_url is not None:
        parts = urlsplit(args.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            print(f"briefgen: error: --base-url must be an absolute http(s) URL, not '{args.base_url}'",
                  file=sys.stderr)
            return EXIT_USAGE
    started = time.perf_counter()
    options = BuildOptions(output=args.output, drafts=args.drafts, base_url=args.base_url, strict=args.strict,
                           jobs=args.jobs, keep=not args.no_cache, pdf=args.pdf)
    # Nothing changed since the last build: say so without loading the engine (its imports alone
    # take longer than this check); the engine makes the same check before it builds.
    _stamp, unchanged = unchanged_since_last_build(SitePaths.of(site, args.output), options)
    if unchanged is not None:
        _report(args, unchanged.briefs, unchanged.pages, 0, unchanged.files, 0, started,
                [Problem.from_row(row) for row in unchanged.problems])
        return EXIT_OK
    from briefgen.engine import Engine

    try:
        engine = Engine(site, options, Progress(enabled=None if not args.quiet else False), _say_waiting)
        result = engine.build()
    except BuildFailed as failed:
        print_problems(failed.problems, quiet=args.quiet)
        errors = sum(1 for p in failed.problems if p.is_error)
        print(f"build failed: {errors} error{'s' * (errors != 1)}; nothing was written", file=sys.stderr)
        return EXIT_CONTENT
    except OSError as exc:  # a full disk or a read-only folder: the staged site was dropped, the old one kept
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"briefgen: error: cannot write the site: {exc.strerror or exc}{where}; the previous output is "
              "unchanged", file=sys.stderr)
        return EXIT_CONTENT
    stats = result.stats
    _report(args, result.briefs, result.pages, stats.written, stats.unchanged, stats.removed, started,
            list(result.problems))
    return EXIT_OK


def _report(args: argparse.Namespace, briefs: int, pages: int, written: int, unchanged: int, removed: int,
            started: float, problems: list[Problem]) -> None:
    print_problems(problems, quiet=args.quiet)
    output = SitePaths.of(args.site, args.output).output
    if not args.quiet and not (output / "sitemap.xml").exists():  # no base_url (a site's own static/ may add one)
        from briefgen.render.sitemap import NO_SITEMAP

        print(f"briefgen: warning: {NO_SITEMAP}", file=sys.stderr)
    if not args.quiet:
        print(f"built {briefs} briefs: {pages} pages, {written} files written, {unchanged} unchanged, "
              f"{removed} removed in {time.perf_counter() - started:.2f} s")


def _say_waiting(holder: str) -> None:
    print(f"briefgen: waiting for another build of the same output folder to finish ({holder})", file=sys.stderr,
          flush=True)


def run_serve(args: argparse.Namespace) -> int:
    from briefgen.serve.server import serve  # tornado and watchdog load only when serving

    if not args.site.is_dir():
        print(f"briefgen: error: site folder '{args.site}' does not exist", file=sys.stderr)
        return EXIT_USAGE
    if not 1 <= args.port <= 65535:
        print(f"briefgen: error: --port must be between 1 and 65535, not {args.port}", file=sys.stderr)
        return EXIT_USAGE
    return serve(args.site, args.host, args.port, drafts=args.drafts, verbose=args.verbose, pdf=args.pdf)


def print_problems(problems: Sequence[Problem], quiet: bool = False) -> None:
    colour = wants_colour(sys.stderr)
    for problem in problems:
        if quiet and not problem.is_error:
            continue
        print(paint_problem(problem.format(), colour), file=sys.stderr)


# -- authoring: init, new, import (the work is in scaffold.py and importer.py) -------------------------


def add_authoring_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    common.add_argument("-v", "--verbose", action="store_true", help="say more, and show tracebacks")
    raw = argparse.RawDescriptionHelpFormatter

    init_cmd = commands.add_parser(
        "init", parents=[common], formatter_class=raw, help="create a new site",
        description="Create a site in DIR that builds at once: briefgen.yaml, an example brief, the\n"
                    "site-wide files, a .gitignore for output/ and editor settings for the JSON Schemas.\n"
                    "Refuses a folder that is not empty unless --force; never overwrites a file.",
        epilog="examples:\n  briefgen init mysite\n  briefgen init . --force     # add what is missing to this folder")
    init_cmd.add_argument("dir", type=Path, help="the folder to create")
    init_cmd.add_argument("--force", action="store_true",
                          help="use a folder that is not empty (existing files are kept as they are)")
    init_cmd.set_defaults(run=run_init)

    new_cmd = commands.add_parser(
        "new", parents=[common], formatter_class=raw, help="start a new brief",
        description="Write content/briefs/<slug>.md from a template: today's date, the slug from the\n"
                    "title, and commented examples of claims, counterclaims and sources.",
        epilog='examples:\n  briefgen new "Sanctions relief buys time"\n'
               '  briefgen new mysite "Sanctions relief buys time" --slug relief')
    new_cmd.add_argument("words", nargs="+", metavar="[SITE] TITLE", help="the site folder (default: .) and title")
    new_cmd.add_argument("--slug", help="file and URL name (default: from the title)")
    new_cmd.set_defaults(run=run_new)

    import_cmd = commands.add_parser(
        "import", parents=[common], formatter_class=raw,
        help="bring in an article, or a whole Hugo, Jekyll or Eleventy folder",
        description="FILE: turn a plain-text or Markdown article into a draft brief in content/briefs/:\n"
                    "paragraphs kept, quotations made blockquotes with placeholder citations, and TODOs\n"
                    "in the front matter for what the text does not say.\n\n"
                    "DIR: bring in every post of a Hugo, Jekyll or Eleventy site (or its content folder):\n"
                    "front matter mapped (tags/categories -> topics, description/excerpt -> summary,\n"
                    "aliases/redirect_from -> redirect pages, ...), shortcodes and Liquid tags converted\n"
                    "(ref/relref/post_url -> brief links, figure, highlight, ...), a warning for each one\n"
                    "kept as text, and a summary of what was imported and refused, with the reasons.\n"
                    "Posts stay published or draft as they were. Nothing is ever overwritten.\n"
                    "Then run 'briefgen check' to see what is left to do.",
        epilog="exit status: 0 done, 1 some files refused (each named, with the reason), 2 usage error\n\n"
               'examples:\n  briefgen import article.txt --title "North Korean disarmament isn\'t going to happen"\n'
               "  briefgen import post.md mysite\n"
               "  briefgen import ~/old-hugo-site mysite --dry-run\n"
               "  briefgen import ~/old-jekyll-blog mysite\n"
               "  briefgen import debate.argdown mysite")
    import_cmd.add_argument("file", type=Path, metavar="FILE|DIR",
                            help="a .txt or .md article, an .argdown debate (its statements become claims: "
                                 "docs/exchange.md), or a Hugo, Jekyll or Eleventy site or content folder")
    import_cmd.add_argument("site", nargs="?", default=Path("."), type=Path, help="the site folder (default: .)")
    import_cmd.add_argument("--title", help="the brief's title (FILE only; default: its heading or front matter)")
    import_cmd.add_argument("--slug", help="file and URL name (FILE only; default: from the title)")
    import_cmd.add_argument("--skeletons", action="store_true",
                            help="DIR: make every post a draft skeleton, as FILE does (placeholder claim, "
                                 "quotations cited with placeholder sources)")
    import_cmd.add_argument("-n", "--dry-run", action="store_true", help="report what would be imported; write nothing")
    import_cmd.set_defaults(run=run_import)


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"briefgen: {paint('error:', 'error', wants_colour(sys.stderr))} {message}", file=sys.stderr)
    return code


def run_init(args: argparse.Namespace) -> int:
    from briefgen.authoring.scaffold import ScaffoldError, init_site

    try:
        written = init_site(args.dir, force=args.force)
    except (ScaffoldError, OSError) as exc:
        return _fail(str(exc))
    if not args.quiet:
        for rel in written.created if args.verbose else ():
            print(f"  created {rel}")
        for rel in written.kept:
            print(f"  kept existing {rel}")
        print(f"created a site in {args.dir} ({len(written.created)} files). Next:\n"
              f"  cd {args.dir}\n  briefgen new \"My first brief\"\n  briefgen build")
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    from briefgen.authoring.scaffold import ScaffoldError, new_brief

    if len(args.words) > 2:
        return _fail("put the title in quotes: briefgen new [SITE] \"The title\"")
    site, title = (Path(args.words[0]), args.words[1]) if len(args.words) == 2 else (Path("."), args.words[0])
    try:
        path = new_brief(site, title, args.slug)
    except (ScaffoldError, OSError) as exc:
        return _fail(str(exc))
    if not args.quiet:
        print(f"wrote {path} (a draft: 'briefgen build --drafts' shows it; remove 'draft: true' to publish)")
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from briefgen.authoring.importcmd import import_path

    site: Path = args.site
    if not (site / "content").is_dir() and not (site / CONFIG_FILE).is_file():
        return _fail(f"'{site}' is not a briefgen site (no {CONFIG_FILE} or content/ folder); "
                     "create one with 'briefgen init DIR'")
    if args.file.suffix.lower() == ".argdown":  # a debate in Argdown: its statements become claims
        from briefgen.exchange.argdown_cli import import_argdown_file

        return import_argdown_file(args.file, site, args.title, args.slug, args.quiet)
    return import_path(args.file, site, title=args.title, slug=args.slug, skeletons=args.skeletons,
                       dry_run=args.dry_run, quiet=args.quiet, verbose=args.verbose, fail=_fail)
