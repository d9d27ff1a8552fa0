"""`briefgen archive`: a snapshot of every cited URL in content/archive/, fetched once.

The URLs are the sources' `url`s (a source with only an `archived_url` has that archived). A URL
the index already has is left alone unless `refresh`; one that fails is tried again on the next
run. With `wayback`, the Wayback Machine is also asked to capture each URL (its Save Page Now),
and the copy it makes is recorded in the index and offered as the source's `archived_url`.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field

from briefgen.evidence.fetch import FetchError, FetchPolicy, fetch
from briefgen.evidence.pool import per_host
from briefgen.evidence.store import ArchiveFolder, Snapshot, snapshot_key, utc_now
from briefgen.evidence.text import NoText, page_text
from briefgen.model import BriefGraph

WAYBACK_SAVE = "https://web.archive.org/save/"
WAYBACK_POLICY = FetchPolicy(timeout=120.0, deadline=180.0, max_bytes=1024 * 1024)
"""A capture takes the Wayback Machine up to a minute or two."""


@dataclass(frozen=True)
class ArchiveOptions:
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    refresh: bool = False
    """Fetch again what the archive already has."""
    wayback: bool = False
    """Also ask the Wayback Machine to capture each URL."""
    delay: float = 1.0
    """Seconds between two requests to the same host."""
    wayback_delay: float = 5.0
    """Seconds between two capture requests (the Wayback Machine limits how often one may ask)."""
    wayback_endpoint: str = WAYBACK_SAVE
    """Where capture requests go (tests point it at a local server)."""


@dataclass(frozen=True)
class Target:
    url: str
    """As cited, without its #fragment."""
    sources: tuple[str, ...]
    """Ids of the sources with this URL."""
    has_archived_url: bool
    """Every source with this URL already names an archived copy (no Wayback capture is needed)."""


@dataclass(frozen=True)
class Outcome:
    target: Target
    snapshot: Snapshot | None = None
    """Set when the URL was archived by this run."""
    error: str = ""
    """Why it was not, when it was tried and failed."""
    kept: bool = False
    """The archive already had it (and no refresh was asked for)."""
    wayback: str = ""
    """A Wayback Machine copy made by this run."""
    wayback_error: str = ""


def targets(graph: BriefGraph) -> list[Target]:
    """Each URL the site cites, once, with the sources that cite it."""
    by_url: dict[str, list[str]] = {}
    archived: dict[str, bool] = {}
    for sid, source in sorted(graph.sources.items()):
        url = source.url or source.archived_url
        if not url:
            continue
        key = snapshot_key(url)
        by_url.setdefault(key, []).append(sid)
        archived[key] = archived.get(key, True) and bool(source.archived_url)
    return [Target(url, tuple(sids), archived[url]) for url, sids in by_url.items()]


def archive(graph: BriefGraph, store: ArchiveFolder, options: ArchiveOptions) -> list[Outcome]:
    """Fetch and keep what the archive lacks (everything with `refresh`); outcomes in the order of targets."""
    wanted = targets(graph)
    have = store.entries()
    todo = [t for t in wanted if options.refresh or t.url not in have or not store.has_files(have[t.url])]
    policy = options.policy.with_site(graph.config.base_url)
    done = per_host((t.url for t in todo), lambda url: _archive_one(url, store, policy), options.delay)
    outcomes = [Outcome(t, *done[t.url]) if t.url in done else Outcome(t, kept=True) for t in wanted]
    if options.wayback:
        outcomes = _wayback(outcomes, store, options)
    return outcomes


def _archive_one(url: str, store: ArchiveFolder, policy: FetchPolicy) -> tuple[Snapshot | None, str]:
    try:
        result = fetch(url, policy)
    except FetchError as exc:
        return None, str(exc)
    if not result.ok:
        return None, f"HTTP {result.status} {result.reason}".rstrip()
    try:
        text = "\n".join(page_text(result.body, result.content_type, result.final_url).texts[:1])
    except NoText:
        text = ""  # an image or a scan is still evidence: its body is kept without a text
    meta = Snapshot(url=url, file="", text="", fetched=utc_now(), status=result.status,
                    content_type=result.content_type, final_url=result.final_url,
                    sha256=_sha256(result.body), bytes=len(result.body))
    try:
        return store.save(url, result.body, text, meta), ""
    except OSError as exc:
        return None, f"cannot write the snapshot: {exc.strerror or exc}"


def _wayback(outcomes: list[Outcome], store: ArchiveFolder, options: ArchiveOptions) -> list[Outcome]:
    entries = store.entries()
    wanted = [o.target.url for o in outcomes if not o.target.has_archived_url
              and (options.refresh or not (o.target.url in entries and entries[o.target.url].wayback))]
    policy = FetchPolicy(WAYBACK_POLICY.timeout, WAYBACK_POLICY.deadline, WAYBACK_POLICY.max_bytes,
                         options.policy.user_agent, options.policy.allow_hosts)
    results: dict[str, tuple[str, str]] = {}
    for index, url in enumerate(wanted):  # one service: one request at a time, `wayback_delay` apart
        if index and options.wayback_delay > 0:
            time.sleep(options.wayback_delay)
        results[url] = _capture(url, options.wayback_endpoint, policy)
    out = []
    for outcome in outcomes:
        copy, error = results.get(outcome.target.url, ("", ""))
        if copy:
            store.set_wayback(outcome.target.url, copy)
        out.append(Outcome(outcome.target, outcome.snapshot, outcome.error, outcome.kept, copy, error))
    return out


def _capture(url: str, endpoint: str, policy: FetchPolicy) -> tuple[str, str]:
    """Ask the Wayback Machine to capture `url`: (the copy's URL, '') or ('', why not)."""
    try:
        result = fetch(endpoint + url, policy, follow=False)
    except FetchError as exc:
        return "", str(exc)
    if result.status == 429:
        return "", "the Wayback Machine asks to slow down (HTTP 429); try again later"
    copy = result.location
    if result.status >= 400 or "/web/" not in copy:
        return "", f"the Wayback Machine made no copy (HTTP {result.status} {result.reason})".replace(" )", ")")
    return copy, ""


def _sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()
