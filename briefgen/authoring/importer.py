"""`briefgen import`: a plain-text or Markdown article -> a brief skeleton to finish by hand.

Paragraphs are kept. Quotations become blockquotes with a placeholder citation: a paragraph
introduced by a line ending in a colon (and the reporting paragraphs right after it), a
paragraph that is itself an attributed quotation, and existing Markdown blockquotes; a
quotation of six words or more attributed inside a paragraph gets a placeholder citation.
Everything the text does not say is a TODO in the front matter, which `briefgen check`
reports until it is filled; the brief starts as a draft.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from briefgen import urls
from briefgen.authoring.scaffold import slug_from_title, yaml_string
from briefgen.load.todo import TODO_MARK
from briefgen.load.yamlload import YamlError, load_yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: Hugo's TOML front matter is not read there
    tomllib = None

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
_DATE_FORMATS = ("%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%b. %d, %Y")
_MD_SPECIAL = re.compile(r"([\\`*\[\]<])")
_LINE_START = re.compile(r"^(\s*)([#>+=|-]|\d+[.)])", re.MULTILINE)
FRONT_KEY_MAP = {"title": "title", "date": "date", "tags": "topics", "categories": "topics", "author": "authors",
                 "authors": "authors", "description": "summary", "summary": "summary", "slug": "slug"}


class ImportFailed(Exception):
    """The article cannot be imported as it is; the message says what to do."""


class NeedTitle(ImportFailed):
    """The article has no heading to take the title from."""


@dataclass(frozen=True)
class QuoteNote:
    source_id: str
    line: int
    """Line of the original file where the quotation starts."""
    opening: str


@dataclass(frozen=True)
class Imported:
    title: str
    slug: str
    text: str
    """The whole brief file: front matter and body."""
    quotes: tuple[QuoteNote, ...]
    dropped_keys: tuple[str, ...] = ()
    """Keys of the article's own front matter that briefgen has no place for."""
    todos: int = 0


@dataclass
class _Block:
    text: str
    line: int
    quote_source: str = ""
    attribution: str = ""
    lines: list[str] = field(default_factory=list)


def import_article(text: str, markdown: bool, title: str | None = None) -> Imported:
    """The brief skeleton for an article; raise NeedTitle when no title is given or found."""
    meta, body, body_line = _split_front_matter(text)
    front = _map_front_matter(meta)
    blocks = _blocks(body, body_line)
    found_title, blocks = _take_title(blocks, markdown)
    title = " ".join((title or front.pop("title", None) or found_title or "").split())
    front.pop("title", None)
    if not title:
        raise NeedTitle("the article has no heading to take a title from; pass --title \"The title\"")
    byline, date, blocks = _take_byline_and_date(blocks)
    if byline and "authors" not in front:
        front["authors"] = [byline]
    if date and "date" not in front:
        front["date"] = date
    if not markdown:
        for block in blocks:
            block.text = _escape_plain(block.text)
    quotes = _mark_quotations(blocks, markdown)
    slug = front.get("slug") if urls.is_valid_id(str(front.get("slug", ""))) else slug_from_title(title)
    if not slug:
        raise ImportFailed(f"cannot make a file name from the title '{title}'; pass --slug some-words")
    front_text, todos = _front_matter(title, front, quotes)
    body_text = "".join(("\n>\n" if i and blocks[i - 1].quote_source.startswith("+") else "\n\n" if i else "")
                        + _render_block(b) for i, b in enumerate(blocks))
    dropped = tuple(k for k in (meta or {}) if str(k) not in FRONT_KEY_MAP and str(k) != "draft")
    return Imported(title, str(slug), f"---\n{front_text}---\n{body_text}\n", tuple(quotes), dropped, todos)


# -- front matter of the original ------------------------------------------------------------------


def _split_front_matter(text: str) -> tuple[dict[str, Any] | None, str, int]:
    lines = text.split("\n")
    fence = lines[0].strip() if lines else ""
    if fence not in ("---", "+++"):
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() == fence:
            raw = "\n".join(lines[1:index])
            rest = "\n".join(lines[index + 1:])
            return _parse_meta(raw, fence), rest, index + 2
    raise ImportFailed("the article's front matter is not closed (no second '" + fence + "' line)")


def _parse_meta(raw: str, fence: str) -> dict[str, Any]:
    if fence == "+++":
        if tomllib is None:
            raise ImportFailed("TOML front matter (+++) needs Python 3.11 or later; convert it to YAML (---)")
        try:
            data: Any = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            raise ImportFailed(f"the article's TOML front matter is invalid: {exc}") from None
    else:
        try:
            data, _marks = load_yaml(raw, line_offset=1)
        except YamlError as exc:
            raise ImportFailed(f"line {exc.line}: the article's front matter is invalid: {exc.message}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ImportFailed("the article's front matter is not a list of 'key: value' lines")
    return data


def _map_front_matter(meta: dict[str, Any] | None) -> dict[str, Any]:
    """Hugo/Jekyll keys -> briefgen keys: tags and categories become topics, and so on."""
    out: dict[str, Any] = {}
    for key, value in (meta or {}).items():
        target = FRONT_KEY_MAP.get(str(key))
        if target is None or value is None:
            continue
        if target in ("topics", "authors"):
            items = value if isinstance(value, list) else [value]
            names = [_plain(v) for v in items if _plain(v)]
            out[target] = list(dict.fromkeys([*out.get(target, []), *names]))
        elif target == "date":
            date = _as_date(value)
            if date:
                out["date"] = date
        elif _plain(value):
            out[target] = _plain(value)
    return out


def _plain(value: Any) -> str:
    if isinstance(value, dict):  # Hugo's author: {name: ...}
        value = value.get("name", "")
    return " ".join(str(value).split()) if isinstance(value, (str, int, float)) and not isinstance(value, bool) \
        else ""


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


# -- the body ----------------------------------------------------------------------------------------


def _blocks(body: str, first_line: int) -> list[_Block]:
    """Paragraph-sized blocks separated by blank lines; fenced code stays one block."""
    blocks: list[_Block] = []
    current: list[str] = []
    start = first_line
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if not line.strip() and not in_fence:
            if current:
                blocks.append(_Block("\n".join(current), start))
                current = []
            continue
        if not current:
            start = first_line + offset
        current.append(line.rstrip())
    if current:
        blocks.append(_Block("\n".join(current), start))
    return blocks


def _take_title(blocks: list[_Block], markdown: bool) -> tuple[str, list[_Block]]:
    if not blocks:
        return "", blocks
    first = blocks[0].text.split("\n")
    heading = _ATX.match(first[0])
    if heading:
        rest = "\n".join(first[1:])
        tail = [_Block(rest, blocks[0].line + 1)] if rest.strip() else []
        return heading.group(1), [*tail, *blocks[1:]]
    if len(first) == 2 and re.fullmatch(r"=+|-+", first[1].strip()):  # setext heading
        return first[0].strip(), blocks[1:]
    if not markdown and len(first) == 1 and len(first[0]) <= 150 and not first[0].rstrip().endswith(
            (".", ":", ";", ",")) and len(blocks) > 1:
        return first[0].strip(), blocks[1:]
    return "", blocks


def _take_byline_and_date(blocks: list[_Block]) -> tuple[str, dt.date | None, list[_Block]]:
    """A 'By Name' line and a date line among the first blocks, as newspapers print them."""
    byline, date = "", None
    kept = []
    for index, block in enumerate(blocks):
        lines = block.text.split("\n")
        if index < 3 and len(lines) == 1:
            match = _BYLINE.match(lines[0].strip())
            if match and not byline and len(match.group(1)) <= 80:
                byline = match.group(1).strip()
                continue
            found = _as_date(lines[0].strip())
            if found and date is None:
                date = found
                continue
        kept.append(block)
    return byline, date, kept


def _escape_plain(text: str) -> str:
    """Plain text must read the same once it is Markdown: escape what Markdown would act on."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = re.sub(r"(?<!\w)_|_(?!\w)", r"\\_", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _is_prose(block: _Block) -> bool:
    first = block.text.lstrip()
    return not (first.startswith(("#", "```", "~~~", "    ", "\t", "|", "- ", "* ", "+ ", "<"))
                or re.match(r"\d+[.)]\s", first) or first.startswith(">"))


def _mark_quotations(blocks: list[_Block], markdown: bool) -> list[QuoteNote]:
    quotes: list[QuoteNote] = []

    def new_source(block: _Block) -> str:
        sid = f"quote-{len(quotes) + 1}"
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


def _continues_quote(block: _Block) -> bool:
    return (_is_prose(block) and bool(_CONTINUED_REPORTING.search(block.text))
            and not block.text.rstrip().endswith(":"))


def _cite_inline_quotes(block: _Block, new_source: Any) -> str:
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


def _render_block(block: _Block) -> str:
    if not block.quote_source:
        return block.text
    text = block.text
    if not block.quote_source.startswith("+"):
        if block.attribution:
            text += f"\n\n— {block.attribution} [@{block.quote_source}]"
        else:
            text += f" [@{block.quote_source}]"
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


# -- the new front matter ----------------------------------------------------------------------------


def _front_matter(title: str, front: dict[str, Any], quotes: list[QuoteNote]) -> tuple[str, int]:
    """The brief's front matter, with comments; every unknown is a value starting with TODO."""
    todo = TODO_MARK
    lines = ["# Imported with `briefgen import`. Replace every TODO, then run `briefgen check`;",
             "# remove 'draft: true' when the brief is ready to publish.",
             f"title: {yaml_string(title)}"]
    todos = 0
    if "date" in front:
        lines.append(f"date: {front['date'].isoformat()}")
    else:
        lines.append("# date: YYYY-MM-DD            # TODO: the date it was published (required once not a draft)")
    if front.get("slug"):
        lines.append(f"slug: {front['slug']}")
    if front.get("authors"):
        lines.append(f"authors: [{', '.join(yaml_string(a) for a in front['authors'])}]")
    else:
        lines.append(f"authors: [{yaml_string(todo + ' the author name')}]")
        todos += 1
    if front.get("topics"):
        lines.append(f"topics: [{', '.join(yaml_string(t) for t in front['topics'])}]")
    else:
        lines.append("topics: []                    # e.g. [North Korea, sanctions]")
    summary = front.get("summary") or f"{todo} one or two sentences for listings, feeds and search"
    todos += not front.get("summary")
    lines += [f"summary: {yaml_string(summary)}", "draft: true",
              "claims:                         # what the brief asserts; mark the words in the body with",
              "                                # [the words]{claim=an-id}",
              "  - id: main-claim",
              f"    text: {yaml_string(todo + ' the main claim, in one sentence')}",
              "counterclaims: []               # positions the brief answers (id, text, opposes, rebuttal)"]
    todos += 1
    if quotes:
        lines.append("sources:                        # one per quotation, cited in the body as [@quote-N];")
        lines.append("                                # rename an id here and in the body to something meaningful")
        for note in quotes:
            lines.append(f"  - id: {note.source_id}")
            source_todo = f"{todo} the source of the quotation on line {note.line} ({note.opening})"
            lines.append(f"    title: {yaml_string(source_todo)}")
            lines.append("    # publisher: ...   kind: news | report | dataset | statement | book | other")
            lines.append("    # url: https://...   date: YYYY-MM-DD")
            todos += 1
    else:
        lines.append("sources: []")
    return "\n".join(lines) + "\n", todos
