"""A link checker over a built site: every internal href/src resolves to a file, every #fragment to an id.

Hrefs are URLs: a percent-encoded path ('topics/%EB%B6%81%ED%95%9C/') names the file of its decoded,
UTF-8 name (topics/북한/index.html), as a static host serves it."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib


def page_ids(tree) -> set[str]:
    return {el.get("id") for el in tree.iter() if el.get("id")}


def resolve_target(out: Path, page: Path, href: str) -> tuple[Path | None, str]:
    """The file an internal link points to (None when external) and its fragment."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "//")):
        return None, ""
    if not parts.path:
        return page, unquote(parts.fragment)
    base = page.parent.relative_to(out).as_posix()
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    path = out / target
    if parts.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, unquote(parts.fragment)  # browsers match an element's id after decoding: #%EB%B6%81 is #북


def broken_links(out: Path) -> list[str]:
    """'page -> href: why' for every internal link that does not resolve."""
    trees = {}
    for page in sorted(out.rglob("*.html")):
        trees[page] = html5lib.parse(page.read_bytes(), treebuilder="etree", namespaceHTMLElements=False)
    ids = {page: page_ids(tree) for page, tree in trees.items()}
    broken = []
    for page, tree in trees.items():
        if page.name == "404.html":
            continue  # served at any address: its links are absolute by design
        for el in tree.iter():
            for attr in ("href", "src"):
                href = el.get(attr)
                if href is None or el.tag == "base":
                    continue
                if href.startswith("/"):
                    broken.append(f"{page.relative_to(out)} -> {href}: root-relative link breaks under a sub-path")
                    continue
                target, fragment = resolve_target(out, page, href)
                if target is None:
                    continue
                if not target.resolve().is_relative_to(out.resolve()):
                    broken.append(f"{page.relative_to(out)} -> {href}: leaves the site")
                elif not target.is_file():
                    broken.append(f"{page.relative_to(out)} -> {href}: no such file")
                elif fragment and target.suffix == ".html" and fragment not in ids.get(target, set()):
                    broken.append(f"{page.relative_to(out)} -> {href}: no element with id '{fragment}'")
    return broken
