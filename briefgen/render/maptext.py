"""Measuring and wrapping the words of an argument map, by character counts, on the safe side.

The drawing is made at build time, without the fonts the reader's browser will use, so every width is
an estimate, taken wide enough for the common sans-serifs (DejaVu Sans, the widest of them on Linux;
Noto Sans, Segoe UI, Roboto, San Francisco): a lower-case letter 0.6 em, a capital 0.74, 'm', 'w', 'M'
and 'W' up to a whole em, a space or a full stop a third; any other letter (Greek, Cyrillic, Arabic...)
0.66 em; a wide (CJK) character a whole em; a combining mark nothing. Boxes are filled to that measure
and labels given that much room, so that no word spills out of its box or under another label.
"""

from __future__ import annotations

import math
import unicodedata

EM = 1.0
"""Widths scale by this: the words of a box and of a label."""
ROLE_EM = 1.0
"""A role line's scale: its bold capitals are within the capitals' 0.74 em (DejaVu Sans Bold's average 0.75
among them, with its narrow I)."""
ROLE_SPACING = 0.06
"""A role line's letter-spacing, in ems: the map CSS sets it."""
OTHER = 0.66
"""A narrow character outside ASCII, in ems."""


def _ascii_widths() -> bytes:
    """Hundredths of an em for each ASCII character (a table for bytes.translate: 256 long)."""
    widths = [60] * 256
    for chars, width in ((" .,:;'!|`", 33), ("ijlft()[]{}", 45), ("mw", 98), ("MW", 100), ("@%", 100), ("&", 80),
                         ("ABCDEFGHIJKLNOPQRSTUVXYZ", 74), ("0123456789", 64)):
        for char in chars:
            widths[ord(char)] = width
    return bytes(widths)


_WIDTHS = _ascii_widths()


def text_width(text: str, em: float = EM, spacing: float = 0.0) -> float:
    """A line's width in ems, conservatively (see the module docstring), scaled by `em`, with `spacing` ems
    between letters."""
    if spacing:
        return text_width(text, em) + spacing * len(text)
    if text.isascii():
        return sum(text.encode("ascii").translate(_WIDTHS)) / 100 * em
    width = 0.0
    for char in text:
        if char.isascii():
            width += _WIDTHS[ord(char)] / 100
        elif unicodedata.combining(char) or unicodedata.category(char) == "Cf":
            continue
        else:
            width += 1.0 if unicodedata.east_asian_width(char) in "WF" else OTHER
    return width * em


LABEL_STEP = 16
"""Label widths are rounded up to a multiple of this: 'supports', 'opposes' and 'undercuts' take the same
room, so maps that differ only in those share a layout."""


def label_width(label: str, font: float) -> int:
    """The room an edge label takes along a line, in px: its words, and the halo drawn round them."""
    if not label:
        return 0
    return LABEL_STEP * math.ceil((text_width(label) * font + 4) / LABEL_STEP)


def wrap(text: str, em: float, room: float, max_lines: int, spacing: float = 0.0) -> tuple[str, ...]:
    """The lines of a box: words filled greedily into `room` ems (textwrap.wrap did the same by characters
    at a tenth of the speed, and every claim is wrapped again in each map that shows it); at most `max_lines`,
    the last cut short with '…'. A word wider than a line (a long URL, a sentence in a script without
    spaces) is cut where the line is full."""
    lines: list[str] = []
    line, width = "", 0.0
    space = text_width(" ", em, spacing)
    for word in text.split():
        size = text_width(word, em, spacing)
        while size > room:  # a word longer than a line is cut
            if line:
                lines.append(line)
                line, width = "", 0.0
            head = _fit(word, em, room, spacing)
            lines.append(head)
            word = word[len(head):]
            size = text_width(word, em, spacing)
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
        lines = [*lines[: max_lines - 1], _shorten(" ".join(lines[max_lines - 1:]), em, room, spacing)]
    return tuple(lines)


def _fit(text: str, em: float, room: float, spacing: float = 0.0) -> str:
    """The longest start of `text` (one character at least) that fits `room` ems."""
    width = 0.0
    for index, char in enumerate(text):
        width += text_width(char, em, spacing)
        if width > room:
            return text[:max(1, index)]
    return text


def _shorten(text: str, em: float, room: float, spacing: float = 0.0) -> str:
    """`text` cut at a word to fit `room` ems with '…' after it."""
    words = text.split()
    kept = ""
    for word in words:
        longer = f"{kept} {word}" if kept else word
        if text_width(longer + "…", em, spacing) > room:
            break
        kept = longer
    if kept == " ".join(words):
        return kept
    return (kept or _fit(text, em, room - text_width("…", em, spacing), spacing)).rstrip(" ,;:") + "…"
