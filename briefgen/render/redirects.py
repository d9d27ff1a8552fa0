"""The page at a brief's old address: it sends the reader on to the brief.

A browser follows the meta refresh at once; search engines read the canonical link as "this
moved there"; a reader whose browser does neither sees a link. The target is relative, so the
page works from a sub-path and without base_url. It is listed nowhere: not in the sitemap,
the feeds, the search index or graph.json.
"""

from __future__ import annotations

from html import escape

from briefgen import urls
from briefgen.model import BriefGraph


def redirect_page(graph: BriefGraph, path: str) -> dict[str, bytes]:
    """{output file: bytes} of the redirect page at site `path`, reading the graph it is handed."""
    redirect = graph.redirects[path]
    brief = graph.briefs[redirect.brief]
    target = urls.page_path("brief", redirect.brief)
    href = urls.relative(path, target)
    canonical = urls.absolute(graph.config.base_url, target) or href
    title = escape(brief.title)
    html = (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(graph.config.language)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>Moved: {title}</title>\n"
        f'<link rel="canonical" href="{escape(canonical)}">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={escape(href)}">\n'
        "</head>\n"
        "<body>\n"
        f'<p>This page has moved to <a href="{escape(href)}">{title}</a>.</p>\n'
        "</body>\n"
        "</html>\n"
    )
    return {urls.output_file(path): html.encode("utf-8")}
