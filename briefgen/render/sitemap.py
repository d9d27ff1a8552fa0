"""sitemap.xml (sitemaps.org protocol) and robots.txt."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape

from briefgen import times, urls

MAX_URLS = 50_000
"""The protocol's limit per sitemap file; larger sites get a sitemap index."""
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_files(base_url: str, paths: Sequence[str], lastmod: Mapping[str, str],
                  max_urls: int = MAX_URLS) -> dict[str, bytes]:
    """sitemap.xml for the HTML pages at site `paths` (with a sitemap index beyond `max_urls` pages).

    The protocol allows only absolute URLs: with no base_url there is no sitemap (see sitemap_note).

    `lastmod` holds W3C dates: '2019-02-20', or the time with its offset when the brief gave one.
    """
    if not base_url:
        return {}
    paths = sorted(paths)
    if len(paths) <= max_urls:
        return {urls.SITEMAP: _urlset(base_url, urls.SITEMAP, paths, lastmod)}
    files: dict[str, bytes] = {}
    entries = []
    for number, start in enumerate(range(0, len(paths), max_urls), start=1):
        name = f"sitemap-{number}.xml"
        chunk = paths[start:start + max_urls]
        files[name] = _urlset(base_url, name, chunk, lastmod)
        newest = max((lastmod[p] for p in chunk if p in lastmod), key=times.stamp_instant, default=None)
        stamp = f"<lastmod>{newest}</lastmod>" if newest else ""
        entries.append(f"<sitemap><loc>{escape(_loc(base_url, urls.SITEMAP, name))}</loc>{stamp}</sitemap>")
    files[urls.SITEMAP] = _document("sitemapindex", entries)
    return files


def _urlset(base_url: str, at: str, paths: Sequence[str], lastmod: Mapping[str, str]) -> bytes:
    entries = []
    for path in paths:
        stamp = f"<lastmod>{lastmod[path]}</lastmod>" if path in lastmod else ""
        entries.append(f"<url><loc>{escape(_loc(base_url, at, path))}</loc>{stamp}</url>")
    return _document("urlset", entries)


def _document(root: str, entries: list[str]) -> bytes:
    return "\n".join(['<?xml version="1.0" encoding="utf-8"?>', f'<{root} xmlns="{NS}">', *entries,
                      f"</{root}>\n"]).encode("utf-8")


def _loc(base_url: str, _at: str, path: str) -> str:
    return base_url + path


NO_SITEMAP = ("no base_url, so no sitemap.xml was written (a sitemap may hold only absolute URLs) and robots.txt "
              "names none (set 'base_url: https://...' in briefgen.yaml, or build with --base-url)")
"""What `briefgen build` says when it wrote no sitemap: not a problem of the content (check does not say
it), but a site about to be published wants to know."""


def robots_txt(base_url: str) -> bytes:
    """Allow everything; name the sitemap when its absolute address is known.

    Crawlers read robots.txt only at a host's root: on a sub-path it is a template to copy there.
    """
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines += ["", f"Sitemap: {base_url}{urls.SITEMAP}"]
    return ("\n".join(lines) + "\n").encode("utf-8")
