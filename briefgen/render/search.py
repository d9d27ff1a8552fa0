"""The search index behind /search/: records from the graph, written as small JSON files for static hosting.

Why by hand: Pagefind took 3 s for 9,000 short records on a 2-core machine (9,053 files, 37 MB) and
12 s with brief bodies, and lunr.py builds one multi-megabyte index that the browser must load
whole, more slowly still. Search shows titles, summaries, claims, sources and actors, never brief
bodies, and an inverted index of those fits in a few hundred small files made in a fraction of a
second. templates/static/search.js reads it; docs/search.md describes it for users.

Format (all under urls.SEARCH_INDEX; compact UTF-8 JSON; byte-identical for identical records):

- `index.json`: `{"format": 1, "language", "digest", "records": N, "termShards": [first term of each
  t<i>.json], "recordShards": [first record number of each r<i>.json]}`. `digest` changes with any
  other file, and the client adds it to their URLs (`t3.json?v=...`) so a cache never mixes builds.
- `r<i>.json`: `[[path, kind, title, meta, excerpt], ...]` for records recordShards[i] up to the
  next shard's first. A record's number is its place in (kind: brief, claim, source, actor; path) order.
- `t<i>.json`: `{"terms": [...], "postings": [[...], ...]}`. Terms are sorted by UTF-16 code units,
  as JavaScript compares strings, and cut into consecutive shards, so the shard of a term is the last
  one whose first term is <= it, and the terms with a prefix sit in one shard or a few neighbours.
  A term's postings hold one entry per record, 2 * record + 1 if the term is in the record's title,
  2 * record if only in its other text, ascending and stored as differences from the previous entry.
  Terms come from search_text.index_terms over the title, and over meta, excerpt and text.

A query fetches index.json, the shards of its terms, then only the record shards of the results shown.
Ranking (search.js): records must match every query term (the last, and any lone character of a
script written without spaces, as a prefix). They are ordered by how many query terms are in the
title, then by how many terms matched as whole terms rather than only as a prefix, then by record number.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import operator
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen import urls
from briefgen.model import BriefGraph
from briefgen.render.dates import format_date
from briefgen.render.search_text import index_terms

FORMAT = 1
KINDS = ("brief", "claim", "source", "actor")
"""Record kinds in index order, which is also the last tie-break of the ranking."""
TERM_SHARD_BYTES = 60_000
"""Upper estimate of a term shard's size; only a single term's postings can make one bigger
(at 3 bytes a record, 20,000 records)."""
RECORD_SHARD_BYTES = 16_000
"""Record shards stay near this. The 20 results shown are often in 20 different shards, so smaller
shards cost a results page less (about 280 KB at worst at 10,000 briefs, 60 KB compressed) but make
more files (160 record shards at 10,000 briefs with one-line summaries, about 350 with longer ones)."""
TITLE_CHARS = 300
EXCERPT_CHARS = 280
"""Shown text is cut to these lengths (the whole text is still searched): a bound on each record."""

_CONTROL = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
"""Control characters, and lone surrogates, which UTF-8 cannot carry (a YAML "\\ud800" escape makes one)."""


@dataclass(frozen=True)
class SearchRecord:
    """One search result: a page and the words it is found by."""

    path: str
    """Site path of the page ("briefs/x/")."""
    kind: str
    """One of KINDS."""
    title: str
    meta: str
    """The kind line shown above the title ("Brief · 20 February 2019", "Claim · contested")."""
    excerpt: str
    """Shown under the title."""
    text: str = ""
    """More words the record is found by, not shown."""


def search_records(graph: BriefGraph) -> list[SearchRecord]:
    """A record per brief, claim, source and actor.

    Reads only the graph's mappings and never a brief's body: bodies are not indexed, and the engine
    remakes an output when something it read changed, so a body edit leaves the index alone.
    """
    topics, authors, claims = graph.topics, graph.authors, graph.claims
    dates: dict[dt.date, str] = {}  # strftime is a tenth of this function's time at 10,000 briefs
    records = []
    for slug, brief in graph.briefs.items():
        words = [topics[t].name for t in brief.topics]
        words += [authors[a].name for a in brief.authors]
        words += [claims[cid].text for cid in brief.claims]
        words += [claims[c.claim].text for c in brief.counterclaims]
        date = dates.get(brief.date) or dates.setdefault(brief.date, format_date(brief.date, graph.config))
        records.append(SearchRecord(urls.page_path("brief", slug), "brief", brief.title, f"Brief · {date}",
                                    brief.summary, "\n".join(words)))
    for cid, claim in graph.claims.items():
        links = graph.claim_links[cid]
        meta = "Claim · contested" if links.contested else "Claim"
        records.append(SearchRecord(urls.page_path("claim", cid), "claim", claim.text, meta, _claim_excerpt(
            len(links.asserted_in), len(links.answered_in))))
    for sid, source in graph.sources.items():
        detail = ", ".join(p for p in (", ".join(source.authors), source.publisher, source.date) if p)
        meta = "Source" if source.kind == "other" else f"Source · {source.kind}"
        records.append(SearchRecord(urls.page_path("source", sid), "source", source.title, meta,
                                    detail or source.note, "\n".join((*source.authors, source.publisher, source.note))))
    for aid, actor in graph.actors.items():
        records.append(SearchRecord(urls.page_path("actor", aid), "actor", actor.name, "Actor", actor.role))
    return records


def _claim_excerpt(asserted: int, answered: int) -> str:
    parts = [f"{verb} in {n} brief{'' if n == 1 else 's'}" for verb, n in (("Asserted", asserted),
                                                                        ("answered", answered)) if n]
    return "; ".join(parts) + "." if parts else ""


def search_files(records: Sequence[SearchRecord], language: str) -> dict[str, bytes]:
    """Output path -> bytes of the search index, under urls.SEARCH_INDEX."""
    records = sorted(records, key=_order)
    postings = _postings(records)
    files: dict[str, bytes] = {}
    term_firsts = []
    for i, shard in enumerate(_term_shards(postings)):
        term_firsts.append(shard[0])
        files[f"t{i}.json"] = _json({"terms": shard, "postings": [_deltas(postings[t]) for t in shard]})
    record_firsts = []
    for i, (first, rows) in enumerate(_record_shards(records)):
        record_firsts.append(first)
        files[f"r{i}.json"] = _json(rows)
    digest = hashlib.blake2b(digest_size=8)
    for name, data in files.items():
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    files["index.json"] = _json({"format": FORMAT, "language": language, "digest": digest.hexdigest(),
                                 "records": len(records), "termShards": term_firsts, "recordShards": record_firsts})
    return {urls.SEARCH_INDEX + name: data for name, data in sorted(files.items())}


def _order(record: SearchRecord) -> tuple[int, str, str, str, str, str, str]:
    rank = KINDS.index(record.kind) if record.kind in KINDS else len(KINDS)
    return (rank, record.path, record.kind, record.title, record.meta, record.excerpt, record.text)


def _postings(records: list[SearchRecord]) -> dict[str, list[int]]:
    """Term -> entries (2 * record + 1 when in its title, else 2 * record), ascending.

    Inverted line by line, not record by record: a claim's text, a topic or an author name, a date
    line recurs in many records, so its terms are found once and its records are joined per term
    with set operations rather than one append per (term, record).
    """
    titles: defaultdict[str, list[int]] = defaultdict(list)
    texts: defaultdict[str, list[int]] = defaultdict(list)
    for number, record in enumerate(records):
        entry = 2 * number
        titles[record.title].append(entry + 1)
        for line in {record.meta, record.excerpt, *record.text.split("\n")}:
            texts[line].append(entry)
    entries: list[list[int]] = []
    """The records of each line, by line number."""
    in_titles: defaultdict[str, list[int]] = defaultdict(list)
    in_texts: defaultdict[str, list[int]] = defaultdict(list)
    """Term -> numbers of the lines that have it."""
    known: dict[str, list[str]] = {}  # a claim's text is a claim's title and a line of its briefs' text
    for lines, by_term in ((titles, in_titles), (texts, in_texts)):
        for line, records_of_line in lines.items():
            number = len(entries)
            entries.append(records_of_line)
            terms = known.get(line)
            if terms is None:
                terms = known[line] = index_terms(line)
            for term in terms:
                by_term[term].append(number)
    postings: dict[str, list[int]] = {}
    for term, numbers in in_texts.items():
        titled = in_titles.pop(term, None)
        if titled is None and len(numbers) == 1:
            postings[term] = entries[numbers[0]]  # ascending and unique already
            continue
        found: set[int] = set().union(*map(entries.__getitem__, numbers))
        if titled is not None:
            in_title: set[int] = set().union(*map(entries.__getitem__, titled))
            found.difference_update([e - 1 for e in in_title])  # a title match outranks a text match
            found |= in_title
        postings[term] = sorted(found)
    for term, numbers in in_titles.items():
        postings[term] = entries[numbers[0]] if len(numbers) == 1 else sorted(set().union(*map(entries.__getitem__,
                                                                                                numbers)))
    return postings


def _deltas(entries: list[int]) -> list[int]:
    if len(entries) == 1:
        return entries  # many terms are in one record: skip the machinery
    return list(map(operator.sub, entries, itertools.chain((0,), entries)))


def _term_shards(postings: dict[str, list[int]]) -> list[list[str]]:
    """Consecutive runs of terms in UTF-16 order, each estimated at most TERM_SHARD_BYTES.

    The estimate is an upper bound (every entry as wide as the largest), so no shard is made only to
    find it too big.
    """
    terms = sorted(postings)
    if terms and max(map(max, terms)) > "\uffff":  # past the BMP, code point and UTF-16 orders differ
        terms.sort(key=lambda t: t.encode("utf-16-be"))
    shards: list[list[str]] = []
    current: list[str] = []
    size = 0
    for term in terms:
        entries = postings[term]
        cost = 3 * len(term) + 6 + len(entries) * (len(str(entries[-1])) + 1)  # the last entry is the largest
        if current and size + cost > TERM_SHARD_BYTES:
            shards.append(current)
            current, size = [], 0
        current.append(term)
        size += cost
    if current:
        shards.append(current)
    return shards


def _record_shards(records: list[SearchRecord]) -> list[tuple[int, list[tuple[str, ...]]]]:
    """(first record number, rows) in order, each near RECORD_SHARD_BYTES."""
    shards: list[tuple[int, list[tuple[str, ...]]]] = []
    rows: list[tuple[str, ...]] = []
    size = 0
    for number, record in enumerate(records):
        row = (record.path, record.kind, _shown(record.title, TITLE_CHARS), _shown(record.meta, TITLE_CHARS),
               _shown(record.excerpt, EXCERPT_CHARS))
        joined = "".join(row)
        cost = (len(joined) if joined.isascii() else len(joined.encode())) + joined.count('"') + joined.count("\\") + 20
        if rows and size + cost > RECORD_SHARD_BYTES:
            shards.append((number - len(rows), rows))
            rows, size = [], 0
        rows.append(row)
        size += cost
    if rows:
        shards.append((len(records) - len(rows), rows))
    return shards


def _shown(text: str, limit: int) -> str:
    """One line of at most `limit` characters, cut at a space where there is one."""
    if len(text) <= limit and text.isprintable() and "  " not in text and text.strip() == text:
        return text  # the usual case, made quick
    line = " ".join(_CONTROL.sub(" ", text).split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,.;:") + "…"


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
