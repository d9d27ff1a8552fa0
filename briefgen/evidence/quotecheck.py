"""`briefgen check --quotes`: every quotation looked for in the text of the source it cites.

A source's text comes from its snapshot in content/archive/ when there is one (of its url, else
of its archived_url); otherwise the page is fetched now, under the same rules as `briefgen
archive` (and not kept: `check` writes nothing). A quotation not in its source is an error at the
quotation's place, with the closest passage; a source that cannot be read is a warning.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.errors import Problem, Severity
from briefgen.evidence.fetch import Fetched, FetchError, FetchPolicy, fetch
from briefgen.evidence.matching import Closest, Outcome, SourceWords, match, words_of
from briefgen.evidence.pool import per_host
from briefgen.evidence.quotes import Quotation, quotations
from briefgen.evidence.store import ArchiveFolder, Snapshot
from briefgen.evidence.text import NoText, PageText, page_text
from briefgen.load.files import load_brief
from briefgen.load.markdown import make_markdown
from briefgen.model import BriefGraph, Source
from briefgen.paths import SitePaths


@dataclass(frozen=True)
class QuoteOptions:
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    offline: bool = False
    """Read snapshots only; never fetch."""
    delay: float = 1.0
    """Seconds between two requests to the same host."""


@dataclass(frozen=True)
class QuoteReport:
    problems: tuple[Problem, ...]
    found: int
    not_found: int
    unchecked: int

    def summary(self) -> str:
        if not self.found + self.not_found + self.unchecked:
            return "quotations: none found (a quotation is a blockquote with a citation, or a span marked .quote)"
        return (f"quotations: {self.found} found in their sources, {self.not_found} not found, "
                f"{self.unchecked} not checked")


@dataclass(frozen=True)
class _Read:
    """A source's text, or why there is none."""

    texts: tuple[SourceWords, ...] = ()
    origin: str = ""
    """'archived 2026-12-01' or 'fetched now'."""
    reason: str = ""


def check_quotes(site: Path, graph: BriefGraph, options: QuoteOptions) -> QuoteReport:
    paths = SitePaths.of(site)
    md = make_markdown(graph.config.allow_html)
    found: list[Quotation] = []
    for brief in sorted(graph.briefs.values(), key=lambda b: b.file.path):
        doc = load_brief(paths.root / brief.file.path, brief.file.path)
        if not isinstance(doc, Problem):
            found.extend(quotations(doc, md))
    # `> [@s]` alone quotes nothing; a quotation citing only unknown ids is check's own error already
    found = [quote for quote in found if words_of(quote.text).words
             and (not quote.sources or any(s in graph.sources for s in quote.sources))]
    cited = {quote: _sources_of(quote, graph) for quote in found}
    reads = _read_sources({sid for ids in cited.values() for sid in ids}, graph, ArchiveFolder(paths.content),
                          options)
    problems: list[Problem] = []
    counts = {"found": 0, "not": 0, "unchecked": 0}
    for quote in found:
        kind, problem = _judge(quote, cited[quote], reads)
        counts[kind] += 1
        if problem is not None:
            problems.append(problem)
    return QuoteReport(tuple(problems), counts["found"], counts["not"], counts["unchecked"])


def _sources_of(quote: Quotation, graph: BriefGraph) -> tuple[str, ...]:
    if quote.sources:
        return tuple(s for s in quote.sources if s in graph.sources)  # an unknown id is check's own error
    links = graph.claim_links.get(quote.claim) if quote.claim else None
    return links.sources if links is not None else ()


def _judge(quote: Quotation, sources: tuple[str, ...], reads: dict[str, _Read]) -> tuple[str, Problem | None]:
    line, col = quote.place(0)
    what = _name(quote)
    if not sources:
        return "unchecked", Problem(quote.path, line, col, Severity.WARNING,
                                    f"{what} names no source to check it against", "quote-no-source",
                                    "cite its source right after it: [@source-id]")
    readable = [(sid, reads[sid]) for sid in sources if reads[sid].texts]
    unreadable = [(sid, reads[sid]) for sid in sources if not reads[sid].texts]
    if not readable:
        reasons = "; ".join(f"'{sid}' {read.reason}" for sid, read in unreadable)
        return "unchecked", Problem(quote.path, line, col, Severity.WARNING, f"{what} not checked: {reasons}",
                                    "quote-unchecked")
    attempts: list[tuple[str, _Read, Outcome]] = []
    for sid, read in readable:
        for text in read.texts:
            outcome = match(quote.text, text)
            if outcome.found:
                return "found", None
            attempts.append((sid, read, outcome))
    sid, read, outcome = max(attempts, key=lambda a: _rank(a[2]))
    return "not", _not_found(quote, what, sid, read, outcome, [s for s, _r in unreadable])


def _name(quote: Quotation) -> str:
    if quote.kind == "blockquote":
        return "quotation"
    return f"quoted passage of claim '{quote.claim}'" if quote.claim else "quoted passage"


def _rank(outcome: Outcome) -> float:
    if outcome.out_of_order:
        return 2.0
    return outcome.closest.similarity if outcome.closest is not None else -1.0


def _not_found(quote: Quotation, what: str, sid: str, read: _Read, outcome: Outcome,
               unreadable: list[str]) -> Problem:
    start, end = outcome.missing
    whole = quote.text[start:end].strip() == quote.text.strip()
    part = "" if whole else f": the part “{_short(quote.text[start:end])}”"
    closest: Closest | None = outcome.closest
    if outcome.out_of_order:
        message, hint = f"{what} is out of order in source '{sid}' ({read.origin}){part} comes before the words " \
                        "the quotation puts ahead of it", ""
    else:
        message = f"{what} not found in source '{sid}' ({read.origin}){part}"
        hint = "no passage of the source is close to it"
        if closest is not None:
            hint = f"closest passage, {closest.similarity:.0%} similar: “{closest.passage}”"
            if closest.quoted and closest.source:
                hint += f"; the quotation has “{closest.quoted}” where the source has “{closest.source}”"
            elif closest.quoted:
                hint += f"; the source does not have “{closest.quoted}”"
            elif closest.source:
                hint += f"; the source has “{closest.source}”, which the quotation leaves out"
    severity = Severity.ERROR
    if unreadable:  # it may be in a source that could not be read
        severity = Severity.WARNING
        message += f"; {', '.join(repr(s) for s in unreadable)} could not be read"
    line, col = quote.place(start)
    return Problem(quote.path, line, col, severity, message, "quote-not-found", hint)


def _short(text: str, most: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[:most - 1].rstrip() + "…"


# -- the sources' texts ---------------------------------------------------------------------------------


def _read_sources(ids: Iterable[str], graph: BriefGraph, store: ArchiveFolder,
                  options: QuoteOptions) -> dict[str, _Read]:
    reads: dict[str, _Read] = {}
    to_fetch: dict[str, list[str]] = {}
    for sid in sorted(ids):
        source = graph.sources[sid]
        candidates = [u for u in (source.url, source.archived_url) if u]
        if not candidates:
            reads[sid] = _Read(reason="has no url or archived_url")
            continue
        snapshot = next((s for u in candidates if (s := store.find(u)) is not None and store.has_files(s)), None)
        if snapshot is not None:
            reads[sid] = _from_snapshot(store, snapshot)
        elif options.offline:
            reads[sid] = _Read(reason="has no snapshot in content/archive/ (run briefgen archive)")
        else:
            to_fetch[sid] = candidates
    fetched = _fetch_all(to_fetch, options)
    for sid, candidates in to_fetch.items():
        reads[sid] = _from_fetches(graph.sources[sid], [fetched[u] for u in candidates if u in fetched])
    return reads


def _fetch_all(to_fetch: dict[str, list[str]], options: QuoteOptions) -> dict[str, Fetched | FetchError]:
    """The first URL of each source; then, for those that failed, their archived copies."""
    def get(url: str) -> Fetched | FetchError:
        try:
            return fetch(url, options.policy)
        except FetchError as exc:
            return exc
    results = per_host((c[0] for c in to_fetch.values()), get, options.delay)
    again = [c[1] for c in to_fetch.values() if len(c) > 1 and not _usable(results[c[0]])]
    results.update(per_host(again, get, options.delay))
    return results


def _usable(result: Fetched | FetchError) -> bool:
    return isinstance(result, Fetched) and result.ok


def _from_fetches(source: Source, results: list[Fetched | FetchError]) -> _Read:
    reasons: list[str] = []
    for result in results:
        if isinstance(result, FetchError):
            reasons.append(str(result))
            continue
        if not result.ok:
            reasons.append(f"answered HTTP {result.status} {result.reason}".rstrip())
            continue
        try:
            return _read(page_text(result.body, result.content_type, result.final_url), "fetched now")
        except NoText as exc:
            reasons.append(str(exc))
    return _Read(reason="could not be read: " + "; then ".join(reasons) if reasons else "could not be read")


def _from_snapshot(store: ArchiveFolder, snapshot: Snapshot) -> _Read:
    origin = f"archived {snapshot.fetched[:10]}"
    body = store.read(snapshot.file)
    if body is not None:
        try:
            return _read(page_text(body, snapshot.content_type, snapshot.final_url), origin)
        except NoText:
            pass
    text = store.read_text(snapshot)  # the text the archive kept (a PDF's, when pypdf is not installed here)
    if text:
        return _read(PageText(text), origin)
    return _Read(reason=f"has a snapshot in content/archive/ with no text ({snapshot.content_type})")


def _read(page: PageText, origin: str) -> _Read:
    return _Read(tuple(SourceWords(text) for text in page.texts), origin)
