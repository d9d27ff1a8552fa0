"""The page at a brief's old address: it sends the reader on to the brief.

A browser follows the meta refresh at once; search engines read the canonical link as "this
moved there"; a reader whose browser does neither sees a link. The target is relative, so the
page works from a sub-path and without base_url. It is listed nowhere: not in the sitemap,
the feeds, the search index or graph.json.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from briefgen import urls
from briefgen.model import BriefGraph

_URL_SAFE = "/#?&=;:@!$'()*+,~%-._"
"""What a URL's syntax needs as it is; the rest (letters past ASCII) is percent-encoded."""


def redirect_page(graph: BriefGraph, path: str) -> dict[str, bytes]:
    """{output file: bytes} of the redirect page at site `path`, reading the graph it is handed."""
    redirect = graph.redirects[path]
    brief = graph.briefs[redirect.brief]
    target = urls.page_path("brief", redirect.brief)
    href = quote(urls.relative(path, target), safe=_URL_SAFE)  # a slug in any script, percent-encoded
    canonical = quote(urls.absolute(graph.config.base_url, target), safe=_URL_SAFE) or href
    title = escape(brief.title)
    html = (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(graph.config.language)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
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
