"""Links from a post to its own site's root (`/2014/09/old.html`, `/images/map.png`) made to work in briefgen.

A root-relative link breaks when a site is served from a sub-path, which briefgen sites must
survive. A link to an imported post's old address becomes a `brief:` link; any other becomes
relative to the brief's page (`/images/map.png` -> `../../images/map.png`, which finds the file
once it is copied into static/, and an old address that has a redirect page finds that).
Links inside code are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from briefgen.authoring.convert import LinkTarget
from briefgen.authoring.rewrites import destination

BRIEF_DEPTH = "../../"
"""From a brief's page (briefs/<slug>/) to the site's root."""
_URL = r"(?P<url></(?!/)[^>\n]*>|/(?!/)[^)\s]*)"
"""A root-relative destination: in <> (spaces allowed) or bare."""
_LINK = re.compile(r"(?P<open>!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\()" + _URL + r"(?P<rest>[^)\n]*\))")
_DEFINITION = re.compile(r"^(?P<open> {0,3}\[[^\]\n]+\]:[ \t]*)" + _URL + r"(?P<rest>(?:[ \t].*)?)$", re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def rewrite_site_links(body: str, find: Callable[[str], LinkTarget | None]) -> tuple[str, dict[str, int]]:
    """The body with its root-relative links rewritten; counts of each kind of rewrite."""
    counts: dict[str, int] = {}

    def rewrite(match: re.Match[str]) -> str:
        url = match["url"].strip("<>")
        path, _, fragment = url.partition("#")
        found = find(path)
        if found is not None and not match["open"].startswith("!"):
            counts["link to an old address -> brief link"] = counts.get("link to an old address -> brief link", 0) + 1
            new = f"brief:{found.slug}" + (f"#{fragment}" if fragment else "")
        else:
            counts["root-relative link -> relative"] = counts.get("root-relative link -> relative", 0) + 1
            new = destination(BRIEF_DEPTH + url.lstrip("/"))
        return match["open"] + new + match["rest"]

    lines = body.split("\n")
    fence = ""
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            continue
        if opened:
            fence = opened.group(1)
            continue
        if "](/" not in line and "]:" not in line:
            continue
        spans = [(m.start(), m.end()) for m in _CODE_SPAN.finditer(line)]
        if spans:  # rewrite only between code spans
            pieces, last = [], 0
            for start, end in spans:
                pieces.append(_LINK.sub(rewrite, line[last:start]))
                pieces.append(line[start:end])
                last = end
            pieces.append(_LINK.sub(rewrite, line[last:]))
            lines[index] = "".join(pieces)
        else:
            lines[index] = _DEFINITION.sub(rewrite, _LINK.sub(rewrite, line))
    return "\n".join(lines), counts
