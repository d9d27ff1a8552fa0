"""Terminal manners: colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""

from __future__ import annotations

import os
from typing import TextIO

_COLOURS = {"error": "\033[1;31m", "warning": "\033[1;35m", "note": "\033[1;36m", "bold": "\033[1m"}
_RESET = "\033[0m"


def wants_colour(stream: TextIO, environ: dict[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR", "") != "":
        return False
    if env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def paint(text: str, style: str, colour: bool) -> str:
    return f"{_COLOURS[style]}{text}{_RESET}" if colour and style in _COLOURS else text


def paint_problem(line: str, colour: bool) -> str:
    """Colour the 'error:' or 'warning:' word of a formatted problem line, as GCC does."""
    if not colour:
        return line
    for word in ("error", "warning"):
        marker = f": {word}: "
        if marker in line:
            where, rest = line.split(marker, 1)
            return f"{paint(where, 'bold', True)}: {paint(word + ':', word, True)} {rest}"
    return line
