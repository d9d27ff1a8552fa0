"""A progress bar for long builds, on a terminal only.

Builds of thousands of briefs take seconds; a bar with counts says what is happening.
It is drawn on one line of stderr with carriage returns, at most ten times a second, and
stays silent when stderr is not a terminal (a pipe, a log file) or in CI.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

BAR_WIDTH = 30
MIN_INTERVAL = 0.1


class Progress:
    """Counts through the stages of one build; every method is a no-op when disabled."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self.enabled = wants_progress(self._stream) if enabled is None else enabled
        self._stage = ""
        self._total = 0
        self._done = 0
        self._drawn_at = 0.0
        self._width = 0

    def start(self, stage: str, total: int) -> None:
        """Begin a stage of `total` steps ('parsing', 5000)."""
        self._stage, self._total, self._done = stage, total, 0
        self._draw(force=True)

    def advance(self, steps: int = 1) -> None:
        self._done = min(self._total, self._done + steps)
        self._draw(force=self._done == self._total)

    def finish(self) -> None:
        """Erase the bar, leaving the line free for the summary."""
        if self.enabled and self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()
            self._width = 0

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._drawn_at < MIN_INTERVAL:
            return
        self._drawn_at = now
        line = render_bar(self._stage, self._done, self._total)
        self._stream.write("\r" + line.ljust(self._width))
        self._stream.flush()
        self._width = max(self._width, len(line))


def render_bar(stage: str, done: int, total: int, width: int = BAR_WIDTH) -> str:
    """'parsing   [#########.....................]  1500/5000'"""
    filled = width * done // total if total else width
    digits = len(str(total))
    return f"{stage:<10}[{'#' * filled}{'.' * (width - filled)}] {done:>{digits}}/{total}"


def wants_progress(stream: TextIO) -> bool:
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False
