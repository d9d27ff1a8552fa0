"""The command line: argument parsing and printing; the work happens in pipeline.py."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from briefgen import __version__
from briefgen.errors import BuildFailed, Problem
from briefgen.pipeline import BuildOptions, build

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
    build_cmd.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    build_cmd.set_defaults(run=run_build)

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
    serve_cmd.set_defaults(run=run_serve)
    return parser


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
        result = build(site, BuildOptions(output=args.output, drafts=args.drafts, base_url=args.base_url))
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


def run_serve(args: argparse.Namespace) -> int:
    from briefgen.serve import serve  # tornado and watchdog load only when serving

    if not args.site.is_dir():
        print(f"briefgen: error: site folder '{args.site}' does not exist", file=sys.stderr)
        return EXIT_USAGE
    if not 1 <= args.port <= 65535:
        print(f"briefgen: error: --port must be between 1 and 65535, not {args.port}", file=sys.stderr)
        return EXIT_USAGE
    return serve(args.site, args.host, args.port, drafts=args.drafts, verbose=args.verbose)


def print_problems(problems: Sequence[Problem], quiet: bool = False) -> None:
    for problem in problems:
        if quiet and not problem.is_error:
            continue
        print(problem.format(), file=sys.stderr)
