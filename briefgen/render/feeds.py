"""Atom feeds (RFC 4287): the latest briefs of the site, and of each topic."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from briefgen import times, urls
from briefgen.model import Brief, BriefGraph, Moment
from briefgen.render.corrections import feed_notice

FEED_ENTRIES = 50
"""Entries per feed: readers poll feeds often, so they carry the latest briefs, not the archive."""
ATOM_TYPE = "application/atom+xml"


def site_feed(graph: BriefGraph) -> dict[str, bytes]:
    """The Atom feed of the site's latest briefs."""
    config = graph.config
    latest = [slug for slug, _ in zip(graph.briefs, range(FEED_ENTRIES), strict=False)]
    return {urls.SITE_FEED: _feed(graph, urls.SITE_FEED, config.title, config.description, "", latest)}


def topic_feed(graph: BriefGraph, slug: str) -> dict[str, bytes]:
    """The Atom feed of a topic's latest briefs."""
    topic = graph.topics[slug]
    path = urls.topic_feed(slug)
    return {path: _feed(graph, path, f"{topic.name} · {graph.config.title}", f"Briefs on {topic.name}.",
                        urls.page_path("topic", slug), graph.topic_briefs[slug][:FEED_ENTRIES])}


def _feed(graph: BriefGraph, path: str, title: str, subtitle: str, page: str, slugs: Sequence[str]) -> bytes:
    """One feed at site path `path`, for the HTML page at `page`, of `slugs` (newest first)."""
    config = graph.config
    zone = times.site_zone(config.timezone)
    briefs = [graph.briefs[s] for s in slugs[:FEED_ENTRIES]]
    latest = max(briefs, key=lambda b: times.instant(*_changed(b, zone), zone), default=None)
    updated = times.stamp(*_changed(latest, zone), zone) if latest else times.stamp(dt.date(1970, 1, 1), None, zone)
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(config.language)}>',
           f"<title>{escape(title)}</title>"]
    if subtitle:
        out.append(f"<subtitle>{escape(subtitle)}</subtitle>")
    out += [f"<id>{escape(_id(config.base_url, path))}</id>",
            f'<link rel="self" type="{ATOM_TYPE}" href={quoteattr(_href(config.base_url, path, path))}/>',
            f'<link rel="alternate" type="text/html" href={quoteattr(_href(config.base_url, path, page))}/>',
            f"<updated>{updated}</updated>",
            f"<author><name>{escape(config.title)}</name></author>",
            '<generator uri="https://pypi.org/project/briefgen/">briefgen</generator>']
    if config.copyright:
        out.append(f"<rights>{escape(config.copyright)}</rights>")
    out += [_entry(graph, path, brief, zone) for brief in briefs]
    out.append("</feed>\n")
    return "\n".join(out).encode("utf-8")


def _entry(graph: BriefGraph, feed_path: str, brief: Brief, zone: dt.tzinfo) -> str:
    base = graph.config.base_url
    page = urls.page_path("brief", brief.slug)
    href = _href(base, feed_path, page)
    lang = f" xml:lang={quoteattr(brief.lang)}" if brief.lang else ""
    parts = [f"<entry{lang}>",
             f"<title>{escape(brief.title)}</title>",
             f'<link rel="alternate" type="text/html" href={quoteattr(href)}/>',
             f"<id>{escape(_id(base, page))}</id>",
             f"<published>{times.stamp(brief.date, brief.published, zone)}</published>",
             f"<updated>{times.stamp(*_changed(brief, zone), zone)}</updated>"]
    parts += [f"<author><name>{escape(graph.authors[a].name)}</name></author>" for a in brief.authors]
    parts += [f"<category term={quoteattr(t)} label={quoteattr(graph.topics[t].name)}/>" for t in brief.topics]
    if brief.summary:
        parts.append(f"<summary>{escape(brief.summary)}</summary>")
    # The body's links are relative to the brief page: xml:base on the content alone makes readers resolve
    # them there (on the entry it would also move the entry's own link, which is relative to the feed).
    # A corrected brief's entry starts with its correction notices (its <updated> is the latest one's date).
    body = escape(feed_notice(graph, brief.slug) + graph.bodies[brief.slug].html)
    parts.append(f'<content type="html" xml:base={quoteattr(href)}>{body}</content>')
    parts.append("</entry>")
    return "\n".join(parts)


def _changed(brief: Brief, zone: dt.tzinfo) -> tuple[dt.date, Moment | None]:
    """When the brief last changed: its update's date and time, else its own; never before it came out
    (an update written as the bare day of a brief published at 10:00 would be the start of that day)."""
    published = (brief.date, brief.published)
    if brief.updated is None:
        return published
    updated = (brief.updated, brief.modified)
    later = times.instant(brief.updated, brief.modified, zone) >= times.instant(brief.date, brief.published, zone)
    return updated if later else published


def _href(base_url: str, feed_path: str, target: str) -> str:
    """Absolute with a base_url; else relative to the feed's own address, as Atom allows."""
    return base_url + target if base_url else urls.relative(feed_path, target)


def _id(base_url: str, path: str) -> str:
    """Atom ids must be absolute IRIs: the URL when known, else a name-based UUID of the site path."""
    return base_url + path if base_url else f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'briefgen:' + path)}"
