"""Measuring and wrapping the words of an argument map, by character counts, on the safe side.

The drawing is made at build time, without the fonts the reader's browser will use, so every width is
an estimate: EM per character, wide enough for any Latin, Greek or Cyrillic text in a sans-serif (the
widest of them average under 0.6 em), a whole em for a wide (CJK) character, nothing for a combining
mark. Boxes are filled to that measure and labels given that much room, so that no word spills out of
its box or under another label.
"""

from __future__ import annotations

import math
import unicodedata

EM = 0.6
"""A character's width, in ems (see the module docstring)."""
ROLE_EM = 0.76
"""The same for a role line: bold capitals, 0.06em apart."""


def text_width(text: str, em: float = EM) -> float:
    """A line's width in ems, conservatively (see EM)."""
    if text.isascii():
        return len(text) * em
    width = 0.0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) == "Cf":
            continue
        width += 1.0 if unicodedata.east_asian_width(char) in "WF" else em
    return width


LABEL_STEP = 16
"""Label widths are rounded up to a multiple of this: 'supports', 'opposes' and 'undercuts' take the same
room, so maps that differ only in those share a layout."""


def label_width(label: str, font: float) -> int:
    """The room an edge label takes along a line, in px: its words, and the halo drawn round them."""
    if not label:
        return 0
    return LABEL_STEP * math.ceil((text_width(label) * font + 4) / LABEL_STEP)


def wrap(text: str, em: float, room: float, max_lines: int) -> tuple[str, ...]:
    """The lines of a box: words filled greedily into `room` ems (textwrap.wrap did the same by characters
    at a tenth of the speed, and every claim is wrapped again in each map that shows it); at most `max_lines`,
    the last cut short with '…'. A word wider than a line (a long URL, a sentence in a script without
    spaces) is cut where the line is full."""
    lines: list[str] = []
    line, width = "", 0.0
    space = em if text.isascii() else text_width(" ", em)
    for word in text.split():
        size = text_width(word, em)
        while size > room:  # a word longer than a line is cut
            if line:
                lines.append(line)
                line, width = "", 0.0
            head = _fit(word, em, room)
            lines.append(head)
            word = word[len(head):]
            size = text_width(word, em)
        if not line:
            line, width = word, size
        elif width + space + size <= room:
            line, width = f"{line} {word}", width + space + size
        else:
            lines.append(line)
            line, width = word, size
    if line or not lines:
        lines.append(line)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], _shorten(" ".join(lines[max_lines - 1:]), em, room)]
    return tuple(lines)


def _fit(text: str, em: float, room: float) -> str:
    """The longest start of `text` (one character at least) that fits `room` ems."""
    if text.isascii():
        return text[:max(1, int(room / em + 1e-9))]
    width = 0.0
    for index, char in enumerate(text):
        width += text_width(char, em)
        if width > room:
            return text[:max(1, index)]
    return text


def _shorten(text: str, em: float, room: float) -> str:
    """`text` cut at a word to fit `room` ems with '…' after it."""
    words = text.split()
    kept = ""
    for word in words:
        longer = f"{kept} {word}" if kept else word
        if text_width(longer + "…", em) > room:
            break
        kept = longer
    if kept == " ".join(words):
        return kept
    return (kept or _fit(text, em, room - text_width("…", em))).rstrip(" ,;:") + "…"
