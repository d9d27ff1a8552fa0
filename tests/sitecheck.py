"""Checks over a built site's files: every internal link, fragment and sitemap URL resolves."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib

LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "blockquote": "cite", "form": "action"}


def html_pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def site_path(out: Path, file: Path) -> str:
    rel = file.relative_to(out).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def _tag(element) -> str:
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def page_links(file: Path) -> tuple[set[str], list[str]]:
    """(element ids, link targets) of one page, as a browser parses it (SVG links included)."""
    tree = html5lib.parse(file.read_bytes(), treebuilder="etree", namespaceHTMLElements=False)
    ids, links = set(), []
    for element in tree.iter():
        tag = _tag(element)
        if element.get("id"):
            ids.add(element.get("id"))
        attr = LINK_ATTRS.get(tag)
        if attr and element.get(attr) is not None:
            links.append(element.get(attr))
    return ids, links


def target_file(out: Path, path: str) -> Path | None:
    """The file a site path is served from, or None."""
    candidate = out / path
    if path == "" or path.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def resolve(page_path: str, href: str, base_url: str = "") -> tuple[str, str] | None:
    """(site path, fragment) an href points to inside the site, or None for an outside link."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        if base_url and href.startswith(base_url):
            return resolve("", href[len(base_url):])
        return None
    if not parts.path:
        return page_path, unquote(parts.fragment)
    base = page_path if page_path.endswith("/") or page_path == "" else posixpath.dirname(page_path) + "/"
    joined = posixpath.normpath(posixpath.join("/" + base, unquote(parts.path)))
    if joined.startswith("/.."):
        return "..", ""
    target = joined.lstrip("/")
    if parts.path.endswith("/") and target:
        target += "/"
    return target, unquote(parts.fragment)


def broken_links(out: Path, base_url: str = "") -> list[str]:
    """Every internal link or fragment in the site's HTML that does not resolve."""
    pages = {site_path(out, f): f for f in html_pages(out)}
    ids_cache: dict[str, set[str]] = {}
    all_links: dict[str, list[str]] = {}
    for path, file in pages.items():
        ids_cache[path], all_links[path] = page_links(file)
    problems = []
    for path, links in all_links.items():
        for href in links:
            resolved = resolve(path, href, base_url)
            if resolved is None:
                continue
            target, fragment = resolved
            file = target_file(out, target) if target != ".." else None
            if file is None:
                problems.append(f"/{path}: {href} -> missing /{target}")
                continue
            if fragment:
                key = site_path(out, file)
                if key not in ids_cache:
                    ids_cache[key] = page_links(file)[0] if file.suffix == ".html" else set()
                if fragment not in ids_cache[key]:
                    problems.append(f"/{path}: {href} -> no #{fragment} on /{key}")
    return problems


def sitemap_urls(out: Path) -> list[str]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(out / "sitemap.xml").getroot()
    return [loc.text or "" for loc in root.findall("s:url/s:loc", ns)]
