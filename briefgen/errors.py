"""Problems are data: every stage returns them, the command line prints them all at once."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    path: str
    """The file, relative to the site folder where possible."""
    line: int
    """1-based; 0 when the problem concerns the whole file."""
    col: int
    """1-based; 0 when unknown."""
    severity: Severity
    message: str
    code: str = "content"
    """A short stable name for the kind of problem (for tools reading JSON)."""
    hint: str = ""
    """What to do about it, when that is not obvious from the message."""

    def format(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        text = f"{where}: {self.severity.value}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return _one_line(text)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_row(self) -> tuple[str, int, int, str, str, str, str]:
        """The problem as plain values, to keep in a JSON file."""
        return (self.path, self.line, self.col, self.severity.value, self.message, self.code, self.hint)

    @classmethod
    def from_row(cls, row: tuple[str, int, int, str, str, str, str]) -> Problem:
        return cls(row[0], row[1], row[2], Severity(row[3]), row[4], row[5], row[6])

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of `briefgen check --format json`: 0 for an unknown line or column."""
        return {"path": self.path, "line": self.line, "column": self.col, "severity": self.severity.value,
                "code": self.code, "message": self.message, "hint": self.hint}


class BuildFailed(Exception):
    """Raised when a stage found errors; carries every problem found so far."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


def strict(problems: Iterable[Problem]) -> list[Problem]:
    """`--strict`: every warning becomes an error, keeping its message and place."""
    return [replace(p, severity=Severity.ERROR) for p in problems]


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """A hint naming the closest known id, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _one_line(text: str) -> str:
    """Escape control characters that content put into a message: one problem stays one line, and a
    terminal escape sequence in a file cannot drive the user's terminal."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() or char == " " else char.encode("unicode_escape").decode("ascii")
                   for char in text)
