"""A post's template code -> Markdown: what can be converted is, the rest is kept and reported.

Converted: Hugo `ref`/`relref` and Liquid `post_url`/`link` (to `brief:` links, resolved
against the posts being imported), `figure` and figure-like includes (images with captions),
`highlight` (fenced code), `{% raw %}` (its text), comments (dropped: they never showed),
`{{ site.baseurl }}` and `relative_url`-style filters (the path alone), and embeds (a link to
the video or post). Anything else stays in the text as written, and is one finding at its
line: never printed as template code without a word.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from briefgen.authoring import rewrites
from briefgen.authoring.tags import Tag, partner, scan

_FILTERS = re.compile(r"""^(["'])(?P<path>[^"']*)\1\s*\|\s*(?:relative_url|absolute_url|url|relURL|absURL|"""
                      r"""prepend:\s*site\.baseurl)\s*$""")
_SITE_ONLY = re.compile(r"^site\.(?:baseurl|url|github\.url)(?:\s*\|\s*(?:append|prepend):\s*site\.(?:baseurl|url))?$")
_EMBEDS = ("youtube", "vimeo", "gist", "tweet", "x", "twitter", "instagram")
_FIGURE_INCLUDE = re.compile(r"figure|image|img|photo|picture", re.IGNORECASE)
_RAW_MARKS = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}[ \t]*\n?")
_ASSET = re.compile(r"\.(?!(?:md|markdown|mdown|html?)$)[A-Za-z0-9]{1,8}$")


@dataclass(frozen=True)
class LinkTarget:
    """A post of the import that a link names: its brief's slug and title."""

    slug: str
    title: str
    draft: bool = False
    """A draft is left out of a build without --drafts: a published post may not link to it."""


LinkLookup = Callable[[str], "LinkTarget | None"]
"""A path as a ref, post_url or link names a post -> that post, or None when it names none."""


@dataclass(frozen=True)
class Finding:
    """Template code kept as text, at its place in the file."""

    line: int
    col: int
    message: str


@dataclass(frozen=True)
class Converted:
    text: str
    findings: tuple[Finding, ...]
    counts: tuple[tuple[str, int], ...]
    """What was converted, by kind ('Hugo ref -> brief link', 3), in order of kind."""
    splices: tuple[tuple[int, int, int, int], ...] = ()
    """(new offset, new length, original offset, original length) of each replacement, in order."""
    original: str = ""
    """The text before conversion."""

    def original_offset(self, offset: int) -> int:
        """Where an offset of the new text was in the original (a replacement's start, for one inside it)."""
        index = bisect_right([splice[0] for splice in self.splices], offset) - 1
        if index < 0:
            return offset
        new, new_length, old, old_length = self.splices[index]
        return old if offset < new + new_length else old + old_length + offset - (new + new_length)


def convert(text: str, first_line: int, *, hugo: bool, liquid: bool, lookup: LinkLookup,
            draft: bool = False) -> Converted:
    """Convert the template code in a body that starts on the file's line `first_line` (of a draft post, whose
    links may name other drafts)."""
    return _Walk(text, first_line, lookup, draft).run(scan(text, hugo, liquid))


class _Walk:
    def __init__(self, text: str, first_line: int, lookup: LinkLookup, draft: bool) -> None:
        self.text, self.first_line, self.lookup, self.draft = text, first_line, lookup, draft
        self.to_drafts: set[int] = set()
        """Starts of links kept because they name a draft."""
        self.findings: list[Finding] = []
        self.counts: Counter[str] = Counter()

    def run(self, tags: list[Tag]) -> Converted:
        out: list[str] = []
        splices: list[tuple[int, int, int, int]] = []
        pos = written = 0
        kept_closers: set[int] = set()
        index = 0
        while index < len(tags):
            tag = tags[index]
            if index in kept_closers:
                index += 1
                continue
            close = partner(tags, index)
            end_tag = tags[close] if close >= 0 else None
            replacement, consumed = self._convert(tag, end_tag)
            if replacement is None:
                self._keep(tag, end_tag)
                if close >= 0:
                    kept_closers.add(close)
                index += 1
                continue
            end = end_tag.end if consumed and end_tag is not None else tag.end
            replacement = self._on_own_lines(replacement, tag.start, end) if "```" in replacement else replacement
            out.append(self.text[pos:tag.start])
            written += tag.start - pos
            splices.append((written, len(replacement), tag.start, end - tag.start))
            out.append(replacement)
            written += len(replacement)
            pos = end
            index = close + 1 if consumed and close >= 0 else index + 1
        out.append(self.text[pos:])
        counts = tuple(sorted(self.counts.items()))
        return Converted("".join(out), tuple(self.findings), counts, tuple(splices), self.text)

    # -- each kind of construct: (Markdown, whether it took the closing tag too) or (None, _) to keep it ------

    def _convert(self, tag: Tag, end_tag: Tag | None) -> tuple[str | None, bool]:
        if tag.closing:
            return None, False
        if tag.syntax == "hugo-literal":
            self.counts["Hugo shortcode shown literally ({{</* */>}})"] += 1
            return "{{" + ("<" if tag.name == ">" else "%") + f" {tag.inner} " + tag.name + "}}", False
        if tag.syntax == "output":
            return self._output(tag), False
        name = tag.name.lower()
        inner = self.text[tag.end:end_tag.start] if end_tag is not None else ""
        kind = "Hugo" if tag.syntax == "hugo" else "Liquid"
        if name == "highlight" and end_tag is not None:
            self.counts[f"{kind} highlight -> code block"] += 1
            if tag.syntax == "liquid":  # {% raw %} inside a highlight only kept Jekyll from running the code
                inner, raws = _RAW_MARKS.subn("", inner)
                if raws:
                    self.counts["Liquid raw -> its text"] += raws // 2 or 1
            return rewrites.fence(inner, tag.arg(position=0)), True
        if name == "comment" and end_tag is not None:
            self.counts[f"{kind} comment dropped (it never showed)"] += 1
            return "", True
        if tag.syntax == "liquid" and name == "raw" and end_tag is not None:
            self.counts["Liquid raw -> its text"] += 1
            return inner, True
        if name in ("ref", "relref", "post_url", "link"):
            return self._link(tag, kind), False
        if name == "figure" and tag.syntax == "hugo":
            return self._figure(tag, "src"), False
        if tag.syntax == "liquid" and name == "include" and tag.args and _FIGURE_INCLUDE.search(tag.args[0]):
            return self._figure(tag, "image", "image_path", "src", "url", "path", "file", "img"), False
        if tag.syntax == "liquid" and name == "image" and tag.args:  # Eleventy Image: {% image "src", "alt" %}
            self.counts["Liquid image -> image"] += 1
            return rewrites.image(tag.args[0], tag.args[1] if len(tag.args) > 1 else tag.arg("alt")), False
        if name in _EMBEDS:
            link = rewrites.embed_link(name, tag.arg("id", position=1 if name in ("gist", "tweet") and
                                                     len(tag.args) > 1 else 0),
                                       tag.arg("user", position=0 if len(tag.args) > 1 else None), tag.arg("title"))
            if link is not None:
                self.counts[f"{kind} {name} -> link"] += 1
            return link, False
        return None, False

    def _output(self, tag: Tag) -> str | None:
        expression = " ".join(tag.name.split())
        if _SITE_ONLY.match(expression):
            self.counts["Liquid site.baseurl/site.url -> removed (links are relative)"] += 1
            return ""
        match = _FILTERS.match(expression)
        if match:
            self.counts["Liquid relative_url-style filter -> the path"] += 1
            return rewrites.without_site_address(match.group("path"))
        return None

    def _link(self, tag: Tag, kind: str) -> str | None:
        given = rewrites.without_site_address(tag.arg("path", position=0)).strip()
        target, _, anchor = given.partition("#")
        found = self.lookup(target) if target else None
        if found is not None and found.draft and not self.draft:
            self.to_drafts.add(tag.start)
            return None
        if found is not None:
            self.counts[f"{kind} {tag.name} -> brief link"] += 1
            return rewrites.brief_link(found.slug, anchor, found.title, self._wants_url(tag.start))
        if tag.name == "link" and _ASSET.search(target):  # a file of the site: its path
            self.counts["Liquid link to a file -> its path"] += 1
            return "/" + target.lstrip("/")
        return None

    def _figure(self, tag: Tag, *src_names: str) -> str | None:
        src = tag.arg(*src_names)
        if not src:
            return None
        self.counts[("Hugo figure" if tag.syntax == "hugo" else "Liquid include of a figure") + " -> image"] += 1
        return rewrites.image(src, tag.arg("alt"), tag.arg("title"), tag.arg("caption", "description"),
                              tag.arg("link", "href"))

    # -- what is kept ----------------------------------------------------------------------------------

    def _keep(self, tag: Tag, end_tag: Tag | None) -> None:
        line, col = self._place(tag.start)
        written = self.text[tag.start:tag.end]
        shown = written if len(written) <= 60 else written[:57] + "..."
        if tag.syntax == "output":
            what = f"Liquid output {shown}"
        elif tag.start in self.to_drafts:
            what = f"{'Hugo' if tag.syntax == 'hugo' else 'Liquid'} {tag.name} {shown}, which names a draft post,"
        elif tag.name.lower() in ("ref", "relref", "post_url", "link") and not tag.closing:
            what = f"{'Hugo' if tag.syntax == 'hugo' else 'Liquid'} {tag.name} {shown}, which names no imported post,"
        elif tag.syntax == "hugo":
            what = f"Hugo shortcode '{'/' if tag.closing else ''}{tag.name}' ({shown})"
        else:
            what = f"Liquid tag '{'end' if tag.closing else ''}{tag.name}' ({shown})"
        closing = f" (closed on line {self._place(end_tag.start)[0]})" if end_tag is not None else ""
        self.findings.append(Finding(line, col, f"{what} is not converted{closing}; kept as text"))

    def _place(self, offset: int) -> tuple[int, int]:
        line = self.first_line + self.text.count("\n", 0, offset)
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def _wants_url(self, start: int) -> bool:
        """Whether the code stands where a URL goes: a link's destination, a reference definition, an attribute."""
        before = rewrites.without_site_address(self.text[max(0, start - 200):start])  # {{ site.baseurl }}{% post_url %}
        line = before.rsplit("\n", 1)[-1]
        return before.endswith(("](", "](<", '="', "='", "=")) or bool(re.match(r"\s*\[[^\]]+\]:\s*<?$", line))

    def _on_own_lines(self, block: str, start: int, end: int) -> str:
        """A code block must start and end a line: add the line breaks the text around it lacks."""
        before = "" if start == 0 or self.text[start - 1] == "\n" else "\n"
        after = "" if end >= len(self.text) or self.text[end] == "\n" else "\n"
        return before + block + after

