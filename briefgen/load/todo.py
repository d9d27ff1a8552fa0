"""TODOs left in a brief's front matter: what `briefgen import` writes where the author has work to do."""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Any

from briefgen.errors import Problem, Severity
from briefgen.load.docs import SourceDoc

TODO_MARK = "TODO:"
"""What `briefgen import` writes where the author has something to fill in."""


def brief_todo_problems(brief: SourceDoc) -> list[Problem]:
    """A TODO left in a brief's front matter: a warning in a draft, an error in a brief to publish."""
    problems: list[Problem] = []
    if brief.front_text and TODO_MARK not in brief.front_text and "\\" not in brief.front_text:
        return problems  # no string can start with one (only an escape in quotes could spell it otherwise)
    front = brief.front if isinstance(brief.front, dict) else {}
    severity = Severity.WARNING if front.get("draft") is True else Severity.ERROR
    for ypath, text in _strings(front, ()):
        if text.lstrip().startswith(TODO_MARK):
            line, col = brief.marks.at(ypath)
            problems.append(Problem(brief.path, line, col, severity, f"left to do: {_short(text)}", "todo",
                                    "replace the TODO" + ("" if severity is Severity.WARNING else
                                                          ", or set 'draft: true' until it is done")))
    return problems


def _strings(value: Any, ypath: tuple[Hashable, ...]) -> Iterator[tuple[tuple[Hashable, ...], str]]:
    if isinstance(value, str):
        yield ypath, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*ypath, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*ypath, index))


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
