"""The command line: argument parsing and printing; the work happens in pipeline.py."""

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
from briefgen.config import SitePaths
from briefgen.errors import BuildFailed, Problem
from briefgen.pipeline import BuildOptions, build, check

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
    build_cmd.set_defaults(run=run_build)

    check_cmd = commands.add_parser(
        "check", help="report every problem in the content without building",
        description="Load and cross-check the site in SITE (default: the current folder) and print every "
                    "error and warning, without writing anything.",
        epilog="exit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage error\n\n"
               "examples:\n  briefgen check\n  briefgen check mysite --format json --strict",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    check_cmd.add_argument("site", nargs="?", default=".", type=Path, help="the site folder (default: .)")
    check_cmd.add_argument("--format", choices=("text", "json"), default="text",
                           help="text: one 'file:line:col: severity: message' line each, on stderr; "
                                "json: a list of {path, line, column, severity, code, message, hint} on stdout")
    check_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check_cmd.add_argument("--drafts", action="store_true", help="check drafts as if building with --drafts")
    check_cmd.set_defaults(run=run_check)
    return parser


def run_check(args: argparse.Namespace) -> int:
    site: Path = args.site
    if not site.is_dir():
        print(f"briefgen: error: site folder '{site}' does not exist", file=sys.stderr)
        return EXIT_USAGE
    graph, problems = check(SitePaths.of(site), BuildOptions(drafts=args.drafts, strict=args.strict))
    errors = sum(1 for p in problems if p.is_error)
    if args.format == "json":
        print(json.dumps([p.as_dict() for p in problems], indent=1, ensure_ascii=False))
    else:
        print_problems(problems)
        warnings = len(problems) - errors
        briefs = f"{len(graph.briefs)} brief{'s' * (len(graph.briefs) != 1)}: " if graph else ""
        print(f"checked {briefs}{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
              file=sys.stderr)
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
    try:
        result = build(site, BuildOptions(output=args.output, drafts=args.drafts, base_url=args.base_url,
                                          strict=args.strict))
    except BuildFailed as failed:
        print_problems(failed.problems, quiet=args.quiet)
        errors = sum(1 for p in failed.problems if p.is_error)
        print(f"build failed: {errors} error{'s' * (errors != 1)}; nothing was written", file=sys.stderr)
        return EXIT_CONTENT
    print_problems(result.problems, quiet=args.quiet)
    if not args.quiet:
        stats = result.stats
        print(f"built {len(result.graph.briefs)} briefs: {result.pages} pages, {stats.written} files written, "
              f"{stats.unchanged} unchanged, {stats.removed} removed in {time.perf_counter() - started:.2f} s")
    return EXIT_OK


def print_problems(problems: Sequence[Problem], quiet: bool = False) -> None:
    for problem in problems:
        if quiet and not problem.is_error:
            continue
        print(problem.format(), file=sys.stderr)
