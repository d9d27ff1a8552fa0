"""The command line of evidence: `briefgen archive` and `briefgen check --quotes` (cli.py calls in here)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import Problem, strict
from briefgen.options import BuildOptions
from briefgen.paths import SitePaths
from briefgen.terminal import paint, wants_colour

if TYPE_CHECKING:  # the work is imported when a command runs: building the parser stays cheap
    from briefgen.evidence.fetch import FetchPolicy
    from briefgen.model import BriefGraph

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_fetch_options(command: argparse._ActionsContainer) -> None:
    command.add_argument("--allow-host", action="append", default=[], metavar="HOST",
                         help="fetch from HOST (a name or an address) even though it is private or local, e.g. "
                              "an intranet; repeat for more")
    command.add_argument("--timeout", type=float, default=20.0, metavar="S",
                         help="seconds to wait for a server before giving up (default: 20)")
    command.add_argument("--max-size", type=float, default=25.0, metavar="MB",
                         help="skip pages larger than this many megabytes (default: 25)")
    command.add_argument("--delay", type=float, default=1.0, metavar="S",
                         help="seconds between two requests to the same host (default: 1)")


def add_archive_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    archive_cmd = commands.add_parser(
        "archive", help="save a copy of every cited page into content/archive/",
        description="Fetch every URL the site's sources cite and keep it in SITE/content/archive/: the page\n"
                    "as served and its text, with index.json mapping each URL to its copy, when it was fetched,\n"
                    "the HTTP status and the content type. What the archive has is not fetched again unless\n"
                    "--refresh. Nothing is sent anywhere else unless --wayback.",
        epilog="exit status: 0 every URL archived, 1 some could not be, 2 usage error\n\n"
               "examples:\n  briefgen archive\n  briefgen archive mysite --refresh\n  briefgen archive --wayback",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    archive_cmd.add_argument("site", nargs="?", default=".", type=Path, help="the site folder (default: .)")
    archive_cmd.add_argument("--refresh", action="store_true", help="fetch again the URLs the archive already has")
    archive_cmd.add_argument("--wayback", action="store_true",
                             help="also ask the Internet Archive's Wayback Machine to capture each URL, and "
                                  "record the copy it makes (off unless given)")
    archive_cmd.add_argument("--drafts", action="store_true", help="include the sources of draft briefs")
    add_fetch_options(archive_cmd)
    archive_cmd.add_argument("-q", "--quiet", action="store_true", help="print failures and the summary only")
    archive_cmd.set_defaults(run=run_archive)


def add_quote_options(check_cmd: argparse.ArgumentParser) -> None:
    group = check_cmd.add_argument_group("quotations (--quotes)")
    group.add_argument("--quotes", action="store_true",
                       help="also check every quotation against its source's text: the snapshot in "
                            "content/archive/, or the page fetched now")
    group.add_argument("--offline", action="store_true", help="with --quotes: read snapshots only, fetch nothing")
    add_fetch_options(group)


def policy_of(args: argparse.Namespace) -> FetchPolicy | str:
    """The fetch policy the options ask for, or what is wrong with them."""
    from briefgen.evidence.fetch import FetchPolicy

    if args.timeout <= 0 or args.max_size <= 0 or args.delay < 0:
        return "--timeout and --max-size must be positive, --delay not negative"
    return FetchPolicy(timeout=args.timeout, max_bytes=int(args.max_size * 1024 * 1024),
                       allow_hosts=frozenset(h.strip().lower().strip("[]") for h in args.allow_host))


def missing_library() -> str:
    """What to install before pages can be read, or '' when nothing is missing."""
    import importlib.util

    from briefgen.evidence.text import INSTALL

    return "" if importlib.util.find_spec("trafilatura") else f"reading pages needs trafilatura: {INSTALL}"


def run_quote_checks(args: argparse.Namespace, site: Path, graph: BriefGraph | None) -> tuple[list[Problem], str]:
    """The problems `check --quotes` adds, and its summary line."""
    from briefgen.evidence.quotecheck import QuoteOptions, check_quotes

    if graph is None:
        return [], "quotations: not checked (the site could not be read)"
    if missing_library():
        return [], f"quotations: not checked ({missing_library()})"
    policy = policy_of(args)
    if isinstance(policy, str):
        return [], f"quotations: not checked ({policy})"
    report = check_quotes(site, graph, QuoteOptions(policy.with_site(graph.config.base_url), args.offline,
                                                    args.delay))
    problems = list(report.problems)
    return (strict(problems) if args.strict else problems), report.summary()


def run_archive(args: argparse.Namespace) -> int:
    from briefgen.engine import Engine
    from briefgen.evidence.archiver import ArchiveOptions, archive
    from briefgen.evidence.store import ArchiveError, ArchiveFolder

    site: Path = args.site
    colour = wants_colour(sys.stderr)
    if not site.is_dir():
        return _fail(f"site folder '{site}' does not exist", colour)
    policy = policy_of(args)
    if isinstance(policy, str):
        return _fail(policy, colour)
    if missing_library():
        return _fail(missing_library(), colour)
    graph, problems = Engine(site, BuildOptions(drafts=args.drafts, keep=False)).check()
    if graph is None:
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        return _fail("the site could not be read; nothing was archived", colour, EXIT_FAILED)
    store = ArchiveFolder(SitePaths.of(site).content)
    options = ArchiveOptions(policy, args.refresh, args.wayback, args.delay, max(args.delay, 5.0))
    try:
        outcomes = archive(graph, store, options)
    except ArchiveError as exc:
        return _fail(str(exc), colour, EXIT_FAILED)
    for note in store.problems:
        print(f"briefgen: {paint('warning:', 'warning', colour)} {note}", file=sys.stderr)
    archived = failed = kept = 0
    for outcome in outcomes:
        url, names = outcome.target.url, ", ".join(outcome.target.sources)
        if outcome.snapshot is not None:
            archived += 1
            if not args.quiet:
                print(f"archived {url} -> content/archive/{outcome.snapshot.file} ({outcome.snapshot.status}, "
                      f"{outcome.snapshot.content_type or 'no content type'}, {outcome.snapshot.bytes:,} bytes)")
        elif outcome.error:
            failed += 1
            print(f"{paint('failed:', 'error', colour)} {url} ({names}): {outcome.error}", file=sys.stderr)
        else:
            kept += 1
        if outcome.wayback:
            print(f"Wayback Machine copy of {url}: {outcome.wayback}\n  cite it: add 'archived_url: "
                  f"{outcome.wayback}' to source{'s' * (len(outcome.target.sources) > 1)} {names}")
        elif outcome.wayback_error:
            print(f"{paint('warning:', 'warning', colour)} Wayback Machine, {url}: {outcome.wayback_error}",
                  file=sys.stderr)
    if not outcomes:
        print("no source has a url to archive")
    else:
        print(f"{archived} archived, {failed} failed, {kept} already in content/archive/"
              + ("" if args.refresh or not kept else " (--refresh fetches them again)"))
    return EXIT_FAILED if failed else EXIT_OK


def _fail(message: str, colour: bool, code: int = EXIT_USAGE) -> int:
    print(f"briefgen: {paint('error:', 'error', colour)} {message}", file=sys.stderr)
    return code
