"""Finding template code in a post: Hugo shortcodes and Liquid (Jekyll, Eleventy) tags and outputs.

Hugo runs shortcodes (`{{< name args >}}`, `{{% name args %}}`, closed by `{{< /name >}}`)
anywhere in a page's text, code blocks included; `{{</* x */>}}` is how a page shows one
literally. Jekyll and Eleventy run Liquid (`{% tag args %}`, `{{ expression }}`) the same
way, except inside `{% raw %}` ... `{% endraw %}`. So this scans the whole text, as they do.
Quoted arguments may hold the closing characters; a tag that never closes is not a tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_TAG = 4000
"""The longest tag looked for: an opening with no close within it is taken as text."""
_START = re.compile(r"\{\{[<%]|\{%|\{\{")
_HUGO_ARG = re.compile(r'\s*(?:([\w-]+)=)?("(?:\\.|[^"\\])*"|`[^`]*`|\'[^\']*\'|[^\s"`\']+)', re.DOTALL)
_LIQUID_ARG = re.compile(r"""\s*,?\s*(?:([\w-]+)\s*[=:]\s*)?("(?:\\.|[^"\\])*"|'[^']*'|[^\s,"']+)""")
LIQUID_BLOCKS = frozenset({"if", "unless", "for", "case", "capture", "tablerow", "raw", "comment", "highlight",
                           "macro", "set", "filter", "call", "block", "paginate"})
"""Liquid (and Nunjucks) tags that take a body and end with `end<name>`; others do too when one follows."""


@dataclass(frozen=True)
class Tag:
    """One piece of template code as written: where it is, and its name and arguments."""

    start: int
    end: int
    """Offsets in the text: text[start:end] is the whole tag."""
    syntax: str
    """'hugo' (a shortcode), 'hugo-literal' ({{</* */>}}), 'liquid' ({% %}) or 'output' ({{ }})."""
    name: str
    """The shortcode's or tag's name ('figure', 'post_url'); an output's whole expression; the delimiter
    ('>' or '%') of a literal shortcode."""
    closing: bool = False
    """`{{< /name >}}`, or a Liquid `{% endname %}` (name without 'end')."""
    self_closing: bool = False
    args: tuple[str, ...] = ()
    """Positional arguments, unquoted."""
    named: tuple[tuple[str, str], ...] = ()
    """Named arguments (key=value), unquoted, in order."""
    inner: str = ""
    """The text between the delimiters, trimmed."""

    def arg(self, *names: str, position: int | None = None) -> str:
        """The first named argument of `names` given, else the positional one at `position`, else ''."""
        given = dict(self.named)
        for name in names:
            if given.get(name):
                return given[name]
        if position is not None and position < len(self.args):
            return self.args[position]
        return ""


def scan(text: str, hugo: bool, liquid: bool) -> list[Tag]:
    """Every tag in `text`, in order; `{% raw %}` and `{% comment %}` bodies are not looked into."""
    tags: list[Tag] = []
    pos = 0
    while True:
        match = _START.search(text, pos)
        if match is None:
            return tags
        start = match.start()
        opener = match.group()
        tag: Tag | None = None
        if opener in ("{{<", "{{%"):
            tag = _hugo(text, start) if hugo else None
            if tag is None and liquid:
                tag = _liquid(text, start, "{{")
        elif liquid:
            tag = _liquid(text, start, opener)
        if tag is None:
            pos = start + 2
            continue
        tags.append(tag)
        pos = tag.end
        if tag.syntax == "liquid" and tag.name in ("raw", "comment") and not tag.closing:
            closing = re.compile(r"\{%-?\s*end" + tag.name + r"\s*-?%\}")
            found = closing.search(text, pos)
            if found is not None:
                tags.append(Tag(found.start(), found.end(), "liquid", tag.name, closing=True))
                pos = found.end()


def _close(text: str, start: int, end_mark: str, quotes: str) -> int:
    """The offset just past `end_mark`, skipping quoted text; -1 when it does not come soon enough."""
    limit = min(len(text), start + MAX_TAG)
    index = start
    quote = ""
    while index < limit:
        char = text[index]
        if char == "\n" and text.startswith("\n\n", index) and end_mark != "*/>}}":
            return -1  # a blank line: template code never spans paragraphs in practice
        if quote:
            if char == "\\" and quote == '"':
                index += 2
                continue
            if char == quote:
                quote = ""
        elif char in quotes:
            quote = char
        elif text.startswith(end_mark, index):
            return index + len(end_mark)
        index += 1
    return -1


def _hugo(text: str, start: int) -> Tag | None:
    delimiter = ">" if text[start + 2] == "<" else "%"
    if text.startswith("{{</*", start) or text.startswith("{{%/*", start):
        end = _close(text, start + 5, "*/" + delimiter + "}}", "")
        if end < 0:
            return None
        return Tag(start, end, "hugo-literal", delimiter, inner=text[start + 5:end - 5].strip())
    end = _close(text, start + 3, delimiter + "}}", '"`')
    if end < 0:
        return None
    inner = text[start + 3:end - 3].strip()
    closing = inner.startswith("/")
    words = inner.split()
    self_closing = not closing and bool(words) and (words[-1] == "/" or (len(words) == 1 and inner.endswith("/")))
    inner = inner[1:].strip() if closing else inner[:-1].strip() if self_closing else inner
    name, _, rest = inner.partition(" ")
    name = name.split("\n")[0].strip()
    if not re.fullmatch(r"[\w./-]+", name or "-"):
        return None
    args: list[str] = []
    named: list[tuple[str, str]] = []
    for key, value in _HUGO_ARG.findall(rest):
        value = _unquote(value)
        if key:
            named.append((key, value))
        else:
            args.append(value)
    return Tag(start, end, "hugo", name, closing, self_closing, tuple(args), tuple(named), inner)


def _liquid(text: str, start: int, opener: str) -> Tag | None:
    output = opener == "{{"
    end = _close(text, start + 2, "}}" if output else "%}", "\"'")
    if end < 0:
        return None
    inner = text[start + 2:end - 2].strip().strip("-").strip()
    if not inner:
        return None
    if output:
        return Tag(start, end, "output", inner, inner=inner)
    name, _, rest = inner.partition(" ")
    name = name.strip()
    closing = name.startswith("end") and len(name) > 3
    args: list[str] = []
    named: list[tuple[str, str]] = []
    for key, value in _LIQUID_ARG.findall(rest):
        value = _unquote(value)
        if key:
            named.append((key, value))
        else:
            args.append(value)
    return Tag(start, end, "liquid", name[3:] if closing else name, closing, False, tuple(args), tuple(named),
               rest.strip())


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'`":
        quote, value = value[0], value[1:-1]
        if quote == '"':
            value = re.sub(r'\\(["\\])', r"\1", value)
    return value


def partner(tags: list[Tag], index: int) -> int:
    """The index of the tag that closes tags[index], or -1: the same name, nesting counted."""
    opening = tags[index]
    if opening.closing or opening.self_closing or opening.syntax not in ("hugo", "liquid"):
        return -1
    depth = 0
    for later in range(index + 1, len(tags)):
        tag = tags[later]
        if tag.syntax != opening.syntax or tag.name != opening.name:
            continue
        if not tag.closing:
            depth += 0 if tag.self_closing else 1
        elif depth:
            depth -= 1
        else:
            return later
    return -1
