"""What an article without them is called and summed up by: its heading, file name, first words.

The summary of a post that gives none is what Hugo and Jekyll would show for it: the text
before a `<!--more-->` line, else its first paragraph, as plain text.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefgen import urls
from briefgen.authoring.stamps import date_from_file_name

MORE = re.compile(r"^[ \t]*<!--\s*more\s*-->[ \t]*$", re.MULTILINE | re.IGNORECASE)
"""Hugo's and Jekyll's summary divider."""
SUMMARY_WORDS = 60
_ATX = re.compile(r"^#\s+(.*?)\s*#*\s*$")
_GENERIC_NAMES = frozenset({"index", "readme", "post", "article", "untitled", "draft", "text", "document", "page",
                            "content", "new", "_index"})
_PLAIN = MarkdownIt("commonmark", {"html": True})


def first_heading(body: str) -> tuple[str, str]:
    """(the text of a `# Heading` the body starts with, the body without it), or ('', body)."""
    lines = body.split("\n")
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if index is None:
        return "", body
    match = _ATX.match(lines[index].strip())
    # The heading's lines are left blank, not removed: the lines after it keep their numbers for messages.
    if match and match.group(1):
        return match.group(1), "\n".join([*lines[:index], "", *lines[index + 1:]])
    if index + 1 < len(lines) and re.fullmatch(r"=+", lines[index + 1].strip()) and lines[index].strip():
        return lines[index].strip(), "\n".join([*lines[:index], "", "", *lines[index + 2:]])
    return "", body


def title_from_name(name: str) -> str:
    """'2014-09-25-my-first-post' -> 'My first post'; '' for a name that says nothing ('index', '_index')."""
    _date, words = date_from_file_name(unquote(name))
    if words.lower() in _GENERIC_NAMES:
        return ""
    text = " ".join(re.sub(r"[-_+]+", " ", words).split())
    if not re.search(r"\w", text) or text.isdigit():
        return ""
    return text[0].upper() + text[1:]


def first_sentence(body: str, most: int = 12) -> str:
    """The first sentence of the body's first paragraph, cut to `most` words."""
    words = plain_paragraphs(body, 1).split()
    sentence: list[str] = []
    for word in words[:most]:
        sentence.append(word)
        if word.endswith((".", "!", "?")):
            return " ".join(sentence).rstrip(".")
    return " ".join(sentence) + ("…" if len(words) > most else "")


def summary_of(body: str) -> str:
    """What Hugo and Jekyll show as a post's summary: the text before <!--more-->, else its first paragraph."""
    divider = MORE.search(body)
    text = plain_paragraphs(body[:divider.start()], 100) if divider else plain_paragraphs(body, 1)
    words = text.split()
    return " ".join(words[:SUMMARY_WORDS]) + ("…" if len(words) > SUMMARY_WORDS else "")


def plain_paragraphs(body: str, count: int) -> str:
    """The text of the first `count` paragraphs that have words, without Markdown or HTML."""
    tokens = _PLAIN.parse(body)
    found: list[str] = []
    for index, token in enumerate(tokens):
        if token.type != "paragraph_open" or index + 1 >= len(tokens):
            continue
        words = " ".join(_inline_text(tokens[index + 1].children or []).split())
        if re.search(r"\w", words):
            found.append(words)
            if len(found) >= count:
                break
    return " ".join(found)


def id_prefix(slug: str) -> str:
    """A prefix for the placeholder ids of one brief ('hanoi-summit-'): unique to the brief, as its slug is."""
    prefix = slug if urls.is_valid_id(slug) else urls.slugify(slug)
    if len(prefix) > 40:
        prefix = prefix[:40].rsplit("-", 1)[0]
    if not urls.is_valid_id(prefix):  # a slug with nothing an id may hold (a script urls.slugify drops)
        prefix = "brief-" + hashlib.blake2b(slug.encode("utf-8"), digest_size=4).hexdigest()
    return prefix + "-"


def _inline_text(children: list[Token]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)
