"""The search index behind /search/, built with Pagefind.

Pagefind (its PyPI package ships the binary) splits the index into small chunks that the
browser fetches on demand, so a search downloads tens of kilobytes whether the site has ten
briefs or ten thousand; a single prebuilt lunr index would be megabytes at that size. It needs
no server, loads its files relative to its own script (so it works from a sub-path), and its
output is byte-identical for identical input. We give it one small HTML record per brief, claim
and source rather than the rendered pages, so results are exactly those three kinds.
"""

from __future__ import annotations

import subprocess
import tempfile
from html import escape
from pathlib import Path

from briefgen import urls
from briefgen.errors import BuildFailed, Problem, Severity
from briefgen.model import BriefGraph

KEEP = (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter", "pagefind.js", "pagefind-worker.js",
        "pagefind-entry.json", ".pagefind")
"""Pagefind's files the /search/ page needs; its own UI bundles are left out (we ship a small UI)."""


def search_records(graph: BriefGraph) -> list[tuple[str, str]]:
    """(site path, HTML record) for every brief, claim and source."""
    lang = escape(graph.config.language)
    records = []
    for slug, brief in graph.briefs.items():
        meta = f"Brief · {brief.date.isoformat()}"
        records.append((urls.page_path("brief", slug), _record(lang, brief.title, meta, brief.summary,
                                                                "")))
    for cid, claim in graph.claims.items():
        links = graph.claim_links[cid]
        meta = "Claim · contested" if links.contested else "Claim"
        records.append((urls.page_path("claim", cid), _record(lang, claim.text, meta, "", "")))
    for sid, source in graph.sources.items():
        detail = ", ".join(p for p in (", ".join(source.authors), source.publisher, source.date) if p)
        records.append((urls.page_path("source", sid), _record(lang, source.title, "Source", detail, source.note)))
    return records


def _record(lang: str, title: str, kind: str, lead: str, body_html: str) -> str:
    return (f'<!doctype html><html lang="{lang}"><body><h1>{escape(title)}</h1>'
            f'<p data-pagefind-meta="kind" data-pagefind-ignore>{escape(kind)}</p>'
            f"<p>{escape(lead)}</p>{body_html}</body></html>")


def search_files(graph: BriefGraph) -> dict[str, bytes]:
    """Output path -> bytes of the Pagefind index, under pagefind/.

    The records go to a scratch folder as one small HTML file each, and one run of the Pagefind
    binary indexes them all (its Python service API answers one file per 0.1 s poll, far too slow
    at thousands of records).
    """
    with tempfile.TemporaryDirectory(prefix="briefgen-search-") as scratch:
        site, bundle = Path(scratch, "site"), Path(scratch, "bundle")
        for path, html in search_records(graph):
            target = site / urls.output_file(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
        site.mkdir(exist_ok=True)
        _run_pagefind(site, bundle)
        out = {}
        for file in sorted(bundle.rglob("*")):
            rel = file.relative_to(bundle).as_posix()
            if file.is_file() and rel.endswith(KEEP):
                out[urls.SEARCH_INDEX + rel] = file.read_bytes()
    return out


def _run_pagefind(site: Path, bundle: Path) -> None:
    try:
        from pagefind_bin_extended import get_executable  # type: ignore[import-not-found]

        binary = str(get_executable())
        result = subprocess.run([binary, "--site", str(site), "--output-path", str(bundle), "--silent"],
                                capture_output=True, text=True, timeout=600, check=False)
        message = (result.stdout + result.stderr).strip() if result.returncode else ""
    except (ImportError, OSError, subprocess.SubprocessError) as exc:
        message = f"{type(exc).__name__}: {exc}"
    if message or not (bundle / "pagefind.js").is_file():
        raise BuildFailed([Problem("search index", 0, 0, Severity.ERROR,
                                   f"Pagefind could not build the search index: {message or 'no output'}",
                                   "search", "reinstall briefgen so its 'pagefind[extended]' dependency is complete")])
