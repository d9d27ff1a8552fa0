"""/graph.json: the whole brief graph, machine-readable, in the versioned schema of docs/graph-json.md."""

from __future__ import annotations

import json
from typing import Any

from briefgen import urls
from briefgen.model import BriefGraph
from briefgen.render.graph_records import records_json

FORMAT = "briefgen-graph"
VERSION = 2
"""Bumped on any change that can break a reader; adding fields is not one. 2: relations may point at an
inference ('inference:ID'), which is not a page (docs/graph-json.md)."""


def graph_json(graph: BriefGraph) -> bytes:
    config = graph.config
    relations: set[tuple[str, str, str]] = set()
    briefs = []
    for slug, brief in graph.briefs.items():
        node = f"brief:{slug}"
        counters = [c.claim for c in brief.counterclaims]
        briefs.append({"id": slug, "title": brief.title, "path": urls.page_path("brief", slug),
                       "date": brief.date.isoformat(), "updated": brief.updated.isoformat() if brief.updated else None,
                       "summary": brief.summary, "authors": list(brief.authors), "topics": list(brief.topics),
                       "claims": list(brief.claims), "counterclaims": counters, "sources": list(brief.sources),
                       "published": brief.published.isoformat() if brief.published else None,
                       "modified": brief.modified.isoformat() if brief.modified else None,
                       "lang": brief.lang or None, "doi": brief.doi or None})
        relations.update((node, "asserts", f"claim:{c}") for c in brief.claims)
        relations.update((node, "answers", f"claim:{c}") for c in counters)
        relations.update((node, "cites", f"source:{s}") for s in brief.sources)
        relations.update((node, "about", f"topic:{t}") for t in brief.topics)
        relations.update((node, "written_by", f"author:{a}") for a in brief.authors)
    claims = []
    for cid, claim in graph.claims.items():
        links = graph.claim_links[cid]
        claims.append({"id": cid, "text": claim.text, "path": urls.page_path("claim", cid),
                       "contested": links.contested})
        relations.update((f"claim:{cid}", "supports", f"claim:{c}") for c in links.supports)
        relations.update((f"claim:{cid}", "opposes", f"claim:{c}") for c in links.opposes)
        relations.update((f"claim:{cid}", "rests_on", f"source:{s}") for s in links.sources)
        relations.update((f"actor:{a}", "holds", f"claim:{cid}") for a in links.held_by)
    inferences = []
    for iid, inference in graph.inferences.items():
        inferences.append({"id": iid, "premises": list(inference.premises), "conclusion": inference.conclusion,
                           "linked": inference.linked, "undercut_by": list(inference.undercut_by)})
        if inference.linked:
            relations.update((f"claim:{p}", "supports_together", f"claim:{inference.conclusion}")
                             for p in inference.premises)
        relations.update((f"claim:{u}", "undercuts", f"inference:{iid}") for u in inference.undercut_by)
    sources = [{"id": sid, "title": s.title, "path": urls.page_path("source", sid), "publisher": s.publisher,
                "kind": s.kind, "url": s.url, "date": s.date, "authors": list(s.authors), "note": s.note,
                "archived_url": s.archived_url or None, "accessed": s.accessed or None}
               for sid, s in graph.sources.items()]
    actors = [{"id": aid, "name": a.name, "path": urls.page_path("actor", aid), "role": a.role, "kind": a.kind,
               "url": a.url} for aid, a in graph.actors.items()]
    topics = [{"id": slug, "name": t.name, "path": urls.page_path("topic", slug)} for slug, t in graph.topics.items()]
    authors = [{"id": slug, "name": a.name, "path": urls.page_path("author", slug), "bio": a.bio, "url": a.url,
                "orcid": a.orcid or None} for slug, a in graph.authors.items()]
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "site": {"title": config.title, "description": config.description, "language": config.language,
                 "base_url": config.base_url or None},
        "briefs": briefs,
        "claims": sorted(claims, key=lambda c: c["id"]),
        "sources": sorted(sources, key=lambda s: s["id"]),
        "actors": sorted(actors, key=lambda a: a["id"]),
        "topics": sorted(topics, key=lambda t: t["id"]),
        "authors": sorted(authors, key=lambda a: a["id"]),
        "inferences": inferences,
        "relations": [{"from": a, "type": kind, "to": b} for a, kind, b in sorted(relations)],
        **records_json(graph),
    }
    # No indent: json's C encoder only runs without one, and pretty-printing made this 10x slower.
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
