"""Corrections as the site shows them: a dated notice atop the corrected page, the site-wide
corrections page, the notice in feeds, and schema.org CorrectionComment in JSON-LD.

The corrections page exists when the site has a correction, and the footer links it then.
"""

from __future__ import annotations

from html import escape
from typing import Any

from briefgen import urls
from briefgen.argmodel import Correction
from briefgen.model import BriefGraph, SiteConfig
from briefgen.render.argviews import CorrectionEntry, CorrectionsPage, CorrectionView
from briefgen.render.dates import format_date
from briefgen.render.pagination import page_count, page_items, pager
from briefgen.render.verdicts import Refs
from briefgen.render.viewrefs import Link

PATH = "corrections/"
"""Site path of the corrections page."""


def has_corrections(graph: BriefGraph) -> bool:
    return any(graph.brief_corrections.values()) or any(graph.claim_corrections.values())


def corrections_path(graph: BriefGraph) -> str:
    """The corrections page's site path, '' when the site has none (the footer links it when there is one)."""
    return PATH if has_corrections(graph) else ""


def correction_count(graph: BriefGraph) -> int:
    return sum(map(len, graph.brief_corrections.values())) + sum(map(len, graph.claim_corrections.values()))


def correction_views(corrections: tuple[Correction, ...], config: SiteConfig,
                     listed: bool = False) -> tuple[CorrectionView, ...]:
    return tuple(CorrectionView(c.date, format_date(c.date, config), c.listed_html if listed else c.html)
                 for c in corrections)


def corrections_page(refs: Refs, number: int = 1) -> CorrectionsPage:
    """Every correction of the site, newest first, each linking the page it corrects."""
    graph = refs.graph
    rows: list[tuple[Correction, str, str]] = []
    rows += [(c, "brief", slug) for slug, notices in graph.brief_corrections.items() for c in notices]
    rows += [(c, "claim", cid) for cid, notices in graph.claim_corrections.items() for c in notices]
    rows.sort(key=lambda row: (-row[0].date.toordinal(), row[1], row[2], row[0].text))
    entries = []
    for correction, kind, ident in page_items(rows, number):
        page = refs.brief_link(ident) if kind == "brief" else _claim_link(refs, ident)
        entries.append(CorrectionEntry(correction_views((correction,), graph.config, listed=True)[0], page, kind))
    return CorrectionsPage("Corrections", tuple(entries), pager(PATH, number, page_count(len(rows))))


def _claim_link(refs: Refs, cid: str) -> Link:
    claim = refs.claim_ref(cid)
    return Link(claim.text, claim.path)


def feed_notice(graph: BriefGraph, slug: str) -> str:
    """The HTML a feed entry starts with when its brief was corrected ('' when it was not)."""
    notices = graph.brief_corrections.get(slug, ())
    if not notices:
        return ""
    items = "".join(f"<p><strong>Correction, {escape(format_date(c.date, graph.config))}:</strong></p>{c.html}"
                    for c in notices)
    return f'<aside class="corrections">{items}</aside>'


def correction_ld(corrections: tuple[Correction, ...]) -> list[dict[str, Any]]:
    """schema.org CorrectionComment of each correction, newest first."""
    return [{"@type": "CorrectionComment", "text": c.text, "datePublished": c.date.isoformat()} for c in corrections]


def with_corrections(data: dict[str, Any], corrections: tuple[Correction, ...]) -> dict[str, Any]:
    """A page's JSON-LD with its corrections (`correction`, a property of every CreativeWork)."""
    return {**data, "correction": correction_ld(corrections)} if corrections else data


def corrected_claim_lastmod(graph: BriefGraph) -> dict[str, str]:
    """Claim page path -> the date of its latest correction, for the sitemap."""
    return {urls.page_path("claim", cid): notices[0].date.isoformat()
            for cid, notices in graph.claim_corrections.items() if notices}
