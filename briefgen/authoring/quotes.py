"""Quotations in an article: found, set as blockquotes, and given a placeholder citation each.

A paragraph introduced by a line ending in a colon (with the reporting paragraphs right after
it), a paragraph that is itself an attributed quotation, and an existing Markdown blockquote
become blockquotes; a quotation of six words or more attributed inside a paragraph gets a
placeholder citation after its sentence. Each placeholder is a source id to describe later.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from briefgen.authoring.stamps import brief_date

_ATTRIBUTION_VERBS = r"(?:said|says|told|wrote|writes|added|adds|argued|argues|stated|states|explained|noted|notes|" \
                     r"warned|warns|insisted|insists|declared|declares)"
_REPORTING = re.compile(r"\b(?:according to|" + _ATTRIBUTION_VERBS + r"|on (?:the )?condition of anonymity)\b",
                        re.IGNORECASE)
_CONTINUED_REPORTING = re.compile(r"\b(?:according to|on (?:the )?condition of anonymity|people familiar with|"
                                  r"officials? (?:said|say)|(?:he|she|they) (?:said|told))\b", re.IGNORECASE)
"""Reporting language strong enough to take a paragraph after a quotation as part of it."""
_OPEN, _CLOSE = "“\"", "”\""
_INLINE_QUOTE = re.compile(r"[“\"]([^”\"]{20,}?)[”\"]")
_WHOLE_QUOTE = re.compile(
    r"^[“\"](?P<quote>.+?)[,.!?]?[”\"],?\s+(?:(?P<who1>[A-Z][\w.’'\- ]{1,60}?)\s+" + _ATTRIBUTION_VERBS +
    r"|" + _ATTRIBUTION_VERBS + r"\s+(?P<who2>[A-Z][\w.’'\- ]{1,60}?))\s*[.,;]?\s*$", re.DOTALL)
_ATX = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_BYLINE = re.compile(r"^by\s+(.+?)\.?$", re.IGNORECASE)
_MD_SPECIAL = re.compile(r"([\\`*\[\]<])")
_LINE_START = re.compile(r"^(\s*)([#>+=|-]|\d+[.)])", re.MULTILINE)


@dataclass(frozen=True)
class QuoteNote:
    source_id: str
    line: int
    """Line of the original file where the quotation starts."""
    opening: str


@dataclass
class Block:
    """One paragraph (or code block) of an article, changed in place while its quotations are marked."""

    text: str
    line: int
    """The file's line on which it starts."""
    quote_source: str = ""
    """The placeholder source of the quotation it is, '+' before it when the quotation goes on in the next block."""
    attribution: str = ""
    """Who the quotation is by, when the paragraph says ('— Kim')."""


def split_blocks(body: str, first_line: int) -> list[Block]:
    """Paragraph-sized blocks separated by blank lines; fenced code stays one block."""
    blocks: list[Block] = []
    current: list[str] = []
    start = first_line
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if not line.strip() and not in_fence:
            if current:
                blocks.append(Block("\n".join(current), start))
                current = []
            continue
        if not current:
            start = first_line + offset
        current.append(line)  # trailing spaces kept: two of them are a line break in Markdown
    if current:
        blocks.append(Block("\n".join(current), start))
    return blocks


def take_title(blocks: list[Block], markdown: bool) -> tuple[str, list[Block]]:
    if not blocks:
        return "", blocks
    first = blocks[0].text.split("\n")
    heading = _ATX.match(first[0])
    if heading:
        rest = "\n".join(first[1:])
        tail = [Block(rest, blocks[0].line + 1)] if rest.strip() else []
        return heading.group(1), [*tail, *blocks[1:]]
    if len(first) == 2 and re.fullmatch(r"=+|-+", first[1].strip()):  # setext heading
        return first[0].strip(), blocks[1:]
    if not markdown and len(first) == 1 and len(first[0]) <= 150 and not first[0].rstrip().endswith(
            (".", ":", ";", ",")) and len(blocks) > 1:
        return first[0].strip(), blocks[1:]
    return "", blocks


def take_byline_and_date(blocks: list[Block]) -> tuple[str, str, list[Block]]:
    """A 'By Name' line and a date line among the first blocks, as newspapers print them."""
    byline, date = "", ""
    kept = []
    for index, block in enumerate(blocks):
        lines = block.text.split("\n")
        if index < 3 and len(lines) == 1:
            match = _BYLINE.match(lines[0].strip())
            if match and not byline and len(match.group(1)) <= 80:
                byline = match.group(1).strip()
                continue
            found = brief_date(lines[0].strip())
            if found and not date:
                date = found
                continue
        kept.append(block)
    return byline, date, kept


def escape_plain(text: str) -> str:
    """Plain text must read the same once it is Markdown: escape what Markdown would act on."""
    text = re.sub(r"[ \t]+$", "", text, flags=re.MULTILINE)  # trailing spaces would be line breaks
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = re.sub(r"(?<!\w)_|_(?!\w)", r"\\_", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _is_prose(block: Block) -> bool:
    first = block.text.lstrip()
    return not (first.startswith(("#", "```", "~~~", "    ", "\t", "|", "- ", "* ", "+ ", "<"))
                or re.match(r"\d+[.)]\s", first) or first.startswith(">"))


def mark_quotations(blocks: list[Block], markdown: bool, prefix: str) -> list[QuoteNote]:
    """Mark the quotations in `blocks` (in place); their placeholder sources are named `<prefix>quote-N`."""
    quotes: list[QuoteNote] = []

    def new_source(block: Block) -> str:
        sid = f"{prefix}quote-{len(quotes) + 1}"
        quotes.append(QuoteNote(sid, block.line, _opening(block.text)))
        return sid

    index = 0
    while index < len(blocks):
        block = blocks[index]
        if markdown and block.text.lstrip().startswith(">") and "[@" not in block.text:
            block.quote_source = new_source(block)
            block.text = re.sub(r"^\s*> ?", "", block.text, flags=re.MULTILINE)
        elif (_is_prose(block) and block.text.rstrip().endswith(":") and index + 1 < len(blocks)
              and _is_prose(blocks[index + 1])):
            sid = new_source(blocks[index + 1])
            index += 1
            blocks[index].quote_source = sid
            # Reporting that continues the quotation ("..., according to people familiar with ...").
            while index + 1 < len(blocks) and _continues_quote(blocks[index + 1]):
                blocks[index].quote_source = "+" + sid  # not the last block of the quotation: no citation
                index += 1
                blocks[index].quote_source = sid
        elif _is_prose(block) and (whole := _WHOLE_QUOTE.match(block.text.strip())):
            block.quote_source = new_source(block)
            block.attribution = whole.group("who1") or whole.group("who2") or ""
            block.text = whole.group("quote").strip()
        elif _is_prose(block):
            block.text = _cite_inline_quotes(block, new_source)
        index += 1
    return quotes


def _continues_quote(block: Block) -> bool:
    return (_is_prose(block) and bool(_CONTINUED_REPORTING.search(block.text))
            and not block.text.rstrip().endswith(":"))


def _cite_inline_quotes(block: Block, new_source: Callable[[Block], str]) -> str:
    """A placeholder citation after each sentence quoting someone at length ('“...,” she said.')."""
    text = block.text
    out, last = [], 0
    for match in _INLINE_QUOTE.finditer(text):
        if len(match.group(1).split()) < 6:
            continue  # scare quotes and short phrases
        end = _sentence_end(text, match.end())
        before = text[max(0, match.start() - 80):match.start()]
        after = text[match.end():end]
        if not (_REPORTING.search(after) or _REPORTING.search(before) or before.rstrip().endswith(":")):
            continue
        if end < last:
            continue
        sid = new_source(block)
        out.append(text[last:end].rstrip() + f" [@{sid}]")
        last = end
    out.append(text[last:])
    return "".join(out)


def _sentence_end(text: str, start: int) -> int:
    match = re.search(r"[.!?](?=\s|$)", text[start:])
    return start + match.end() if match else len(text)


def _opening(text: str, words: int = 8) -> str:
    plain = " ".join(re.sub(r"\\(.)", r"\1", text).lstrip("> ").split())
    parts = plain.split(" ")
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def render_blocks(blocks: list[Block]) -> str:
    """The body again, quotation blocks set as blockquotes (a quotation's blocks joined by an empty '>' line)."""
    return "".join(("\n>\n" if i and blocks[i - 1].quote_source.startswith("+") else "\n\n" if i else "")
                   + _render_block(b) for i, b in enumerate(blocks))


def _render_block(block: Block) -> str:
    if not block.quote_source:
        return block.text
    text = block.text
    if not block.quote_source.startswith("+"):
        if block.attribution:
            text += f"\n\n— {block.attribution} [@{block.quote_source}]"
        else:
            text += f" [@{block.quote_source}]"
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))
