"""Is a quotation in a text? Word by word, in order, ignoring what quoting changes.

Both texts become sequences of words: letters and digits, case-folded (NFKC), so spacing and
line breaks, quote marks (straight, curly, guillemets), apostrophes, dashes, ellipsis characters
and other punctuation never count. Scripts written without spaces (Chinese, Japanese, Thai, Lao,
Khmer, Burmese) count character by character. A quotation is found when its words occur
consecutively in the source; one elided with "...", "…" or "[...]" (or with a bracketed insertion
such as "[the U.S.]") is several pieces that must occur in that order. A bracketed letter that
changes case, "[T]he", is read as the letter.

When a piece is not found, the closest passage is looked for sentence by sentence (difflib) and
reported with its similarity and the first words that differ.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
import unicodedata
from dataclasses import dataclass

_UNSPACED = ("\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf"
             "\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f")
_LETTER = f"(?![{_UNSPACED}])[^\\W_]"
_JOINER = "\u2060"
"""Stands in for the brackets of "[T]he" (same length, so places in the quotation stay put), inside a word."""
_WORD = re.compile(f"[{_UNSPACED}]|{_LETTER}(?:{_LETTER}|{_JOINER})*")
_ELISION = re.compile(r"\[\s*(?:\.\s*){2,}\.?\s*\]|\[\s*…\s*\]|(?:\.\s*){2}\.|…|\[[^\]\n]*\]")
_CASE_BRACKET = re.compile(r"\[([^\W\d_]{1,2})\]")
_SENTENCE_END = re.compile(r"[.!?。！？…]+[\"'”’»)\]]*\s+|\n+")
_SEP = "\x1f"
CANDIDATES = 24
"""Sentence windows compared in full with difflib, of those sharing the most words with the piece."""
MAX_SHOWN = 240


@dataclass(frozen=True)
class Words:
    """A text as normalised words, each with where it is in the text."""

    text: str
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    def between(self, first: int, last: int) -> str:
        """The text from word `first` to word `last - 1`, as written."""
        return self.text[self.spans[first][0]:self.spans[last - 1][1]] if last > first else ""


@dataclass(frozen=True)
class Closest:
    """The passage of a source most like a piece of a quotation that was not found."""

    passage: str
    similarity: float
    """0..1: difflib's ratio of the two word sequences."""
    quoted: str
    """The first words of the piece that differ, as the brief has them ('' when the source adds words)."""
    source: str
    """The source's words in their place, as the source has them ('' when the brief adds words)."""
    quoted_start: int
    """Index in the quotation's text where the difference starts."""


@dataclass(frozen=True)
class Outcome:
    found: bool
    missing: tuple[int, int] = (0, 0)
    """The piece that was not found: its span in the quotation's text."""
    closest: Closest | None = None
    out_of_order: bool = False
    """Every piece is in the source, but not in the quotation's order."""


def words_of(text: str, start: int = 0, end: int | None = None) -> Words:
    stop = len(text) if end is None else end
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for match in _WORD.finditer(text, start, stop):
        words.append(unicodedata.normalize("NFKC", match.group().replace(_JOINER, "")).casefold())
        spans.append(match.span())
    return Words(text, tuple(words), tuple(spans))


def prepared(quotation: str) -> str:
    """The quotation with the brackets of "[T]he" made part of the word (its length unchanged)."""
    return _CASE_BRACKET.sub(lambda m: f"{_JOINER}{m.group(1)}{_JOINER}", quotation)


def pieces(text: str) -> list[tuple[int, int]]:
    """The spans of a prepared quotation between its elisions."""
    out, position = [], 0
    for found in _ELISION.finditer(text):
        out.append((position, found.start()))
        position = found.end()
    out.append((position, len(text)))
    return [(a, b) for a, b in out if _WORD.search(text, a, b)]


class SourceWords:
    """A source's text prepared for many searches: its words joined, and its sentences."""

    def __init__(self, text: str) -> None:
        self.words = words_of(text)
        self._joined = _SEP + _SEP.join(self.words.words) + _SEP
        self._starts: list[int] = []
        position = 0
        for word in self.words.words:
            self._starts.append(position)
            position += len(word) + 1
        self._sentences: list[tuple[int, int]] | None = None

    def find(self, words: tuple[str, ...], after: int = 0) -> int:
        """Index of the first word of the first occurrence of `words` at or after word `after`; -1 if none."""
        if not words:
            return after
        if after >= len(self._starts):
            return -1
        at = self._joined.find(_SEP + _SEP.join(words) + _SEP, self._starts[after])
        return -1 if at < 0 else bisect.bisect_left(self._starts, at)

    def sentences(self) -> list[tuple[int, int]]:
        """Each sentence as a range of word indexes."""
        if self._sentences is None:
            starts = [span[0] for span in self.words.spans]
            cuts = [0, *(bisect.bisect_left(starts, m.end()) for m in _SENTENCE_END.finditer(self.words.text)),
                    len(starts)]
            self._sentences = [(a, b) for a, b in itertools.pairwise(cuts) if b > a]
        return self._sentences


def match(quotation: str, source: SourceWords) -> Outcome:
    """Whether the quotation's pieces are in the source, in order; if not, what is closest."""
    text = prepared(quotation)
    spans = pieces(text)
    position = 0
    quoted = [words_of(text, a, b) for a, b in spans]
    for index, piece in enumerate(quoted):
        at = source.find(piece.words, position)
        if at < 0:
            anywhere = source.find(piece.words, 0) >= 0
            return Outcome(False, spans[index], None if anywhere else closest(piece, source), anywhere)
        position = at + len(piece.words)
    return Outcome(True)


def closest(piece: Words, source: SourceWords) -> Closest | None:
    """The source passage most like `piece`: sentence windows long enough to hold it, the best by difflib."""
    wanted = piece.words
    if not wanted or not source.words.words:
        return None
    sentences = source.sentences()
    windows: list[tuple[int, int]] = []
    for index, (first, _end) in enumerate(sentences):
        last = index
        while last + 1 < len(sentences) and sentences[last][1] - first < len(wanted) and last - index < 12:
            last += 1
        windows.append((first, sentences[last][1]))
    vocabulary = set(wanted)
    every = source.words.words
    ranked = sorted(windows, key=lambda w: (-len(vocabulary.intersection(every[w[0]:w[1]])), w[0]))
    best: tuple[float, int, int] | None = None
    for first, last in ranked[:CANDIDATES]:
        blocks = [b for b in difflib.SequenceMatcher(None, wanted, every[first:last], autojunk=False)
                  .get_matching_blocks() if b.size]
        if not blocks:
            continue
        lo, hi = first + blocks[0].b, first + blocks[-1].b + blocks[-1].size  # trimmed to the words that match
        ratio = difflib.SequenceMatcher(None, wanted, every[lo:hi], autojunk=False).ratio()
        if best is None or ratio > best[0]:
            best = (ratio, lo, hi)
    if best is None:
        return None
    ratio, lo, hi = best
    quoted, said, quoted_start = _first_difference(piece, source.words, lo, hi)
    return Closest(_shorten(source.words.between(lo, hi)), ratio, quoted, said, quoted_start)


def _first_difference(piece: Words, words: Words, lo: int, hi: int) -> tuple[str, str, int]:
    matcher = difflib.SequenceMatcher(None, piece.words, words.words[lo:hi], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        # name the differing words with one word of context each side, so a dropped word reads in place
        a1, a2 = max(i1 - 1, 0), min(i2 + 1, len(piece.words))
        b1, b2 = max(j1 - 1, 0), min(j2 + 1, hi - lo)
        start = piece.spans[i1][0] if i1 < len(piece.spans) else piece.spans[-1][0]
        return piece.between(a1, a2), words.between(lo + b1, lo + b2), start
    return "", "", piece.spans[0][0] if piece.spans else 0


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 1].rstrip() + "…"
