"""How search turns text into terms: one rule for the index (here) and the query (here and in search.js).

1. Fold: NFKC, then full case folding (`str.casefold`: "Straße" -> "strasse", final "ς" -> "σ"), then
   decompose, drop the combining marks listed in `STRIP_RANGES`, and compose again. Those are the
   diacritics of Latin, Greek and Cyrillic (so "café" finds "cafe", "Αθήνα" finds "αθηνα", and
   "ё"/"е" meet; so, less happily, do "й"/"и"), Arabic harakat and Hebrew points (usually left out
   when typing), and emoji variation selectors. Marks that are letters in their own right (Indic
   vowel signs, the Japanese dakuten) are kept: stripping them would merge unrelated words.
2. Words are runs of Unicode letters, digits and marks (`[\\p{L}\\p{N}\\p{M}]+`); everything else,
   punctuation, symbols and emoji included, separates words. A query of emoji alone finds nothing.
3. Inside a word, a run of characters from scripts written without spaces between words
   (`NOSPACE_RANGES`: Han, kana, Hangul, Thai, Lao, Khmer, Myanmar) becomes overlapping character
   bigrams, so a query finds a word inside a longer run ("북한" in "북한의", "北京" in "北京大学").
   Hangul is spaced, but particles attach to the word before them, so bigrams serve it better too.
   The index also keeps the last character of each run, so that a query of one such character
   (always matched as a prefix) finds it wherever it stands.

search.js repeats these steps with the same tables; tests/test_search.py checks that the tables
agree and tests/test_browser_search.py that both sides give the same terms for the same text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

STRIP_RANGES: tuple[tuple[int, int], ...] = (
    (0x0300, 0x036F), (0x0483, 0x0489), (0x0591, 0x05BD), (0x05BF, 0x05BF), (0x05C1, 0x05C2),
    (0x05C4, 0x05C5), (0x05C7, 0x05C7), (0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670),
    (0x06D6, 0x06DC), (0x06DF, 0x06E4), (0x06E7, 0x06E8), (0x06EA, 0x06ED), (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE00, 0xFE0F), (0xFE20, 0xFE2F),
)
"""Combining marks dropped before matching (after canonical decomposition)."""

NOSPACE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1100, 0x11FF), (0x1780, 0x17FF), (0x2E80, 0x2FDF),
    (0x3005, 0x3007), (0x3021, 0x3029), (0x3031, 0x3035), (0x3038, 0x303C), (0x3040, 0x30FF),
    (0x3130, 0x318F), (0x31F0, 0x31FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xA960, 0xA97F),
    (0xAC00, 0xD7FF), (0xF900, 0xFAFF), (0xFF66, 0xFF9F), (0x20000, 0x3134F),
)
"""Scripts indexed as character bigrams: Thai, Lao, Myanmar, Hangul, Khmer, CJK, kana."""


def _char_class(ranges: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> str:
    return "".join(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
                   for lo, hi in ranges)


def _mark_ranges() -> list[tuple[int, int]]:
    """Every combining mark (Unicode category M): Python's re has no \\p{M}, and `\\w` leaves marks out,
    which would cut Hindi or Thai words apart at each vowel sign. Marks live in planes 0-1, plus the
    variation selectors supplement; scanning those takes about 10 ms, once per process."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x20000):
        if unicodedata.category(chr(code))[0] == "M":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return [*ranges, (0xE0100, 0xE01EF)]


_STRIP = re.compile(f"[{_char_class(STRIP_RANGES)}]+")
_NOSPACE_SPLIT = re.compile(f"([{_char_class(NOSPACE_RANGES)}]+)")
_LETTERS_DIGITS = re.compile(r"[^\W_]+")  # exactly \p{L}\p{N} (checked for every code point in the tests)
_WORD_WITH_MARKS = re.compile(f"(?:[^\\W_]|[{_char_class(_mark_ranges())}])+")
"""\\p{L}\\p{N}\\p{M}: five times slower than _LETTERS_DIGITS, so used only on text that has marks."""
_ASCII_WORD = re.compile("[a-z0-9]+")
_PUNCTUATION = re.compile("[\u00a0\u00ab\u00b7\u00bb\u2013\u2014\u2018\u2019\u201c\u201d\u2026]")
"""Punctuation common in English text (kind lines' "·", curly quotes, dashes): each folds to a word
separator, so a space in its place changes no term and keeps the text on the ASCII fast path."""


def fold(text: str) -> str:
    """The form text is matched in: NFKC, case-folded, without the marks in STRIP_RANGES."""
    if not text.isascii():
        text = _PUNCTUATION.sub(" ", text)
    if text.isascii():
        return text.lower()  # what the steps below give for ASCII, many times faster
    folded = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    return unicodedata.normalize("NFC", _STRIP.sub("", folded))


def words(folded: str) -> list[str]:
    """Runs of letters, digits and combining marks in folded text."""
    if folded.isascii():
        return _ASCII_WORD.findall(folded)
    others = set(_LETTERS_DIGITS.sub("", folded))
    if any(unicodedata.category(c)[0] == "M" for c in others):
        return _WORD_WITH_MARKS.findall(folded)
    return _LETTERS_DIGITS.findall(folded)


def index_terms(text: str) -> list[str]:
    """The terms `text` is found by, in order, with repeats."""
    if text.isascii():
        return _ASCII_WORD.findall(text.lower())  # fold() and words() for ASCII, without their calls
    found = words(fold(text))
    if all(map(str.isascii, found)):
        return found
    terms: list[str] = []
    for word in found:
        if word.isascii():
            terms.append(word)
            continue
        for i, part in enumerate(_NOSPACE_SPLIT.split(word)):
            if not part:
                continue
            if i % 2 == 0 or len(part) == 1:
                terms.append(part)
            else:
                terms.extend(part[j:j + 2] for j in range(len(part) - 1))
                terms.append(part[-1])  # so that a one-character query finds the run's last character
    return terms


@dataclass(frozen=True)
class QueryTerm:
    term: str
    prefix: bool
    """Match every indexed term that starts with `term`, not only `term` itself."""


def query_terms(query: str) -> list[QueryTerm]:
    """What a query looks for: every term must match (AND); the last matches as a prefix, as the user
    may still be typing it, and so does a lone character of a NOSPACE script (see index_terms).

    A run of two or more NOSPACE characters gives its bigrams only (not its last character), so that
    "北京" asks for the bigram "北京" and does not also find every text with a "京" in it.
    """
    found: list[tuple[str, bool]] = []
    for word in words(fold(query)):
        parts = [word] if word.isascii() else _NOSPACE_SPLIT.split(word)
        for i, part in enumerate(parts):
            if not part:
                continue
            if i % 2 == 0:
                found.append((part, False))
            elif len(part) == 1:
                found.append((part, True))
            else:
                found.extend((part[j:j + 2], False) for j in range(len(part) - 1))
    if found:
        found[-1] = (found[-1][0], True)
    unique = list(dict.fromkeys(found))
    return [QueryTerm(term, prefix) for term, prefix in unique]
