"""What an Argdown document says, as the parser reads it (argdown_parse.py) and the importer maps it."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefgen.errors import Problem, Severity


@dataclass(frozen=True)
class Member:
    """One end of a relation: a statement (by title key), an argument (by title) or an argument's inference."""

    kind: str
    """statement, argument or inference."""
    key: str
    step: int = 0
    """inference: which inference of the argument's premise-conclusion structure, from 0."""


@dataclass(frozen=True)
class Relation:
    kind: str
    """support, attack, undercut or contradiction."""
    source: Member
    target: Member
    line: int
    col: int


@dataclass
class Statement:
    """An equivalence class of statements: its title (None when untitled) and the texts given for it."""

    title: str | None
    line: int
    col: int
    text: str = ""


@dataclass(frozen=True)
class Step:
    premises: tuple[str, ...]
    conclusion: str
    line: int


@dataclass
class Argument:
    title: str
    line: int
    col: int
    descriptions: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)


@dataclass
class Document:
    path: str
    title: str = ""
    date: str = ""
    author: str = ""
    statements: dict[str, Statement] = field(default_factory=dict)
    """By key: the title, or '@line:col' for an untitled statement; in the order first met."""
    arguments: dict[str, Argument] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def error(self, line: int, col: int, message: str, code: str = "argdown-syntax", hint: str = "") -> None:
        self.problems.append(Problem(self.path, line, col, Severity.ERROR, message, code, hint))

    def warn(self, line: int, col: int, message: str, code: str = "argdown-unsupported", hint: str = "") -> None:
        self.problems.append(Problem(self.path, line, col, Severity.WARNING, message, code, hint))
