"""Whether a brief's old address (an alias) clashes with an address the site itself uses.

A redirect page may not take the file of a page, of a generated file (feeds, sitemap, graph.json,
the search index), of the theme's assets or the published schemas, nor need a folder where one
of those is a file (an alias /feed.xml/ would write feed.xml/index.html). Names are compared
without case, as macOS and Windows file systems compare them. Run by the engine after resolve,
so that `check` reports the same errors as `build`.
"""

from __future__ import annotations

import re

from briefgen import urls
from briefgen.errors import Problem, Severity
from briefgen.model import BriefGraph
from briefgen.render.plan import pages
from briefgen.render.theme import ASSETS_PREFIX, SCHEMA_PREFIX

RESERVED_FOLDERS = (urls.SEARCH_INDEX, ASSETS_PREFIX, SCHEMA_PREFIX)
"""Folders whose files briefgen makes or copies, whatever they are named."""
_SITEMAP_PART = re.compile(r"sitemap-\d+\.xml")


def alias_clashes(graph: BriefGraph) -> list[Problem]:
    """An error at each alias whose redirect page would clash with another output of the site."""
    if not graph.redirects:
        return []  # the common case costs nothing
    taken: dict[str, str] = {}
    """Output file, case-folded -> what it is, for messages."""
    for page in pages(graph):
        taken[urls.output_file(page.path).casefold()] = f"the page /{page.path}"
    for name in (urls.SITE_FEED, urls.SITEMAP, urls.ROBOTS, urls.GRAPH_JSON):
        taken[name.casefold()] = f"the generated file /{name}"
    for slug in graph.topics:
        taken[urls.topic_feed(slug).casefold()] = f"the feed /{urls.topic_feed(slug)}"
    aliases = {urls.output_file(path).casefold(): path for path in graph.redirects}
    folders = {parent for file in (*taken, *aliases) for parent in _parents(file)}
    problems = []
    for path, redirect in graph.redirects.items():
        file = urls.output_file(path).casefold()
        clash = taken.get(file)
        if clash is None and file in folders:
            clash = "a folder of the site's own files"
        for parent in _parents(file):
            if clash is not None:
                break
            if parent in taken or parent in aliases:
                clash = taken.get(parent) or f"the redirect page /{aliases[parent]}"
            elif "/" not in parent and _SITEMAP_PART.fullmatch(parent):
                clash = f"the generated file /{parent}"
        if clash is None and file.startswith(RESERVED_FOLDERS):
            clash = f"briefgen's folder /{next(f for f in RESERVED_FOLDERS if file.startswith(f))}"
        if clash is None and "/" not in file and _SITEMAP_PART.fullmatch(file):
            clash = f"the generated file /{file}"
        if clash is not None:
            at = redirect.at
            problems.append(Problem(at.path, at.line, at.col, Severity.ERROR,
                                    f"alias '/{path}' clashes with {clash}", "alias-collision",
                                    "an old address must be one the site no longer uses"))
    return problems


def _parents(file: str) -> list[str]:
    """The folders a file lies in, as paths: 'a/b/index.html' -> ['a', 'a/b']."""
    parts = file.split("/")[:-1]
    return ["/".join(parts[:count]) for count in range(1, len(parts) + 1)]
