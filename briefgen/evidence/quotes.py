"""Every quotation of a brief, with where each of its characters is in the file.

Two things are quotations:

- a blockquote that carries a citation: `> words ... [@source]`. The citation may stand anywhere
  in it; a last line or paragraph that starts with a dash (`— Name`) is an attribution, not
  part of the quotation;
- a span marked `.quote`: `[words]{claim=id .quote}` or `[words]{.quote}`. Its source is the
  citation inside it or right after it (`[words]{claim=id .quote} [@source]`); a claim passage
  without one is checked against the claim's own sources.

The body is parsed with the site's own Markdown (the same plugin the build uses), so what counts
as a quotation here is exactly what the page shows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefgen.load.docs import SourceDoc

Place = tuple[int, int]
"""(line, column) in the file, both 1-based."""
_ATTRIBUTION = re.compile(r"\n[ \t]*(?:[—–―]|--?)[ \t]*\S")
_BETWEEN = re.compile(r"^[\s,;:.!?)\]”’\"'»]*$")
"""What may stand between a quoted span and the citation that names its source."""


@dataclass(frozen=True)
class Quotation:
    path: str
    text: str
    """As the reader sees it (Markdown marks gone), paragraphs apart by blank lines."""
    places: tuple[Place, ...]
    """Where each character of `text` is in the file."""
    sources: tuple[str, ...]
    """Ids of the sources it cites; empty when it names none (a claim passage then uses its claim's)."""
    claim: str = ""
    """The claim of a quoted claim passage."""
    kind: str = "blockquote"
    """'blockquote' or 'passage'."""

    def place(self, index: int) -> Place:
        """Where the character at `index` of the text is (the first non-space one from there)."""
        while index < len(self.text) - 1 and self.text[index].isspace():
            index += 1
        return self.places[min(index, len(self.places) - 1)] if self.places else (0, 0)


@dataclass
class _Text:
    """A quotation being collected (mutable while one inline token is walked, then frozen)."""

    chars: list[str] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def add(self, text: str, places: Sequence[Place]) -> None:
        self.chars.append(text)
        self.places.extend(places)

    def done(self, path: str, claim: str = "", kind: str = "blockquote", cut_attribution: bool = False) -> Quotation:
        text = "".join(self.chars)
        places = list(self.places)
        match = _ATTRIBUTION.search(text) if cut_attribution else None
        if match:
            text, places = text[:match.start()], places[:match.start()]
        return Quotation(path, text, tuple(places), tuple(dict.fromkeys(self.sources)), claim, kind)


def quotations(doc: SourceDoc, md: MarkdownIt) -> list[Quotation]:
    """The quotations of a brief's body and of its counterclaims' rebuttals, in file order."""
    found = _scan(md, doc.body, doc.path, lambda line, col: (doc.body_line + line, col + 1))
    counters = doc.front.get("counterclaims") if isinstance(doc.front, dict) else None
    for index, counter in enumerate(counters if isinstance(counters, list) else ()):
        rebuttal = counter.get("rebuttal") if isinstance(counter, dict) else None
        if not isinstance(rebuttal, str):
            continue
        ypath = ("counterclaims", index, "rebuttal")
        block = doc.marks.block_at(ypath)
        key_line, _col = doc.marks.at(ypath)

        def place(line: int, col: int, block: Place | None = block, key_line: int = key_line) -> Place:
            # exact in a `rebuttal: |` block; a folded or quoted scalar has lost its line breaks
            return (block[0] + line, block[1] + col) if block is not None else (key_line + line, 0)
        found.extend(_scan(md, rebuttal, doc.path, place))
    return found


def _scan(md: MarkdownIt, text: str, path: str, place: Callable[[int, int], Place]) -> list[Quotation]:
    lines = text.split("\n")
    env: dict[str, Any] = {"lines": lines, "page": "briefs/x/", "numbers": {}, "anchor_prefix": ""}
    out: list[Quotation] = []
    depth = 0
    quote: _Text | None = None
    for token in md.parse(text, env):
        if token.type == "blockquote_open":
            depth += 1
            if depth == 1:
                quote = _Text()
        elif token.type == "blockquote_close":
            depth -= 1
            if depth == 0 and quote is not None:
                if quote.sources:
                    out.append(quote.done(path, cut_attribution=True))
                quote = None
        elif token.type == "inline" and token.children:
            parts = list(_parts(token, lines, place))
            if quote is not None:
                if quote.chars:
                    quote.add("\n\n", [quote.places[-1]] * 2)
                for child, content, places in parts:
                    quote.add(content, places)
                    quote.sources.extend(_cited(child))
            out.extend(_passages(parts, path))
    return out


def _passages(parts: list[tuple[Token, str, list[Place]]], path: str) -> Iterator[Quotation]:
    """The spans marked .quote among one inline token's parts."""
    stack: list[tuple[_Text | None, str]] = []
    for index, (child, content, places) in enumerate(parts):
        if child.type in ("span_open", "claim_open"):
            meta = child.meta or {}
            stack.append((_Text() if meta.get("quote") else None, str(meta.get("claim", ""))))
        elif child.type in ("span_close", "claim_close") and stack:
            collected, claim = stack.pop()
            if collected is None:
                continue
            if not collected.sources:  # the citation right after the span names its source
                for later, text, _places in parts[index + 1:]:
                    if later.type == "citation":
                        collected.sources.extend(_cited(later))
                    elif later.type in ("text", "softbreak") and _BETWEEN.match(text):
                        continue
                    break
            yield collected.done(path, claim, "passage")
        else:
            for collected, _claim in stack:
                if collected is not None:
                    collected.add(content, places)
                    collected.sources.extend(_cited(child))


def _cited(token: Token) -> list[str]:
    return [str(mark[0]) for mark in (token.meta or {}).get("marks", ())] if token.type == "citation" else []


def _parts(token: Token, lines: Sequence[str], place: Callable[[int, int], Place]
           ) -> Iterator[tuple[Token, str, list[Place]]]:
    """Each child of an inline token, with the text it shows and where each character of it is.

    A child's text is looked for on its line, after the previous child's; where Markdown changed it
    (an escape, an entity) its characters are placed where the search had got to.
    """
    line = token.map[0] if token.map else 0
    cursor = 0
    for child in token.children or ():
        row = lines[line] if line < len(lines) else ""
        if child.type in ("text", "code_inline"):
            content = child.content
            at = row.find(content, cursor) if content else -1
            start = at if at >= 0 else cursor
            yield child, content, [place(line, min(start + i, max(len(row) - 1, 0))) for i in range(len(content))]
            cursor = start + len(content) if at >= 0 else cursor
        elif child.type in ("softbreak", "hardbreak"):
            yield child, "\n", [place(line, min(cursor, max(len(row) - 1, 0)))]
            line, cursor = line + 1, 0
        elif child.type == "citation":
            raw = str(child.meta.get("raw", ""))
            at = row.find(raw.split("\n")[0], cursor)
            cursor = at + len(raw) if at >= 0 else cursor
            line += raw.count("\n")
            yield child, "", []
        else:
            yield child, "", []
