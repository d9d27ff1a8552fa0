"""References to ids nobody defines: a mistake at the reference, or a knock-on of a file that failed to load.

One mistake should give one error. When a file cannot be loaded, the ids it defines are
unknown to every other file; reporting each reference to them as an unknown id buried the one
real error under a dozen false ones. A reference to an id that a broken file might define
(load/unparsed.py says when) is instead gathered here, and each file that has such references
gets one warning naming the broken file and the ids it could not check.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from briefgen.errors import Problem, Severity
from briefgen.hints import unknown_id_hint, unknown_id_message
from briefgen.load.unparsed import Unparsed
from briefgen.model import Location

SHOWN = 5
"""Ids named in one 'not checked' warning; the rest are counted."""


@dataclass
class Unknowns:
    """Mutable scratch space of one resolve: the broken files, and the references they leave unchecked."""

    unparsed: list[Unparsed] = field(default_factory=list)
    unchecked: dict[tuple[str, tuple[str, ...]], list[tuple[Location, str, str]]] = field(default_factory=dict)
    """(referring file, the broken files that might define the ids) -> [(where, kind, id)]."""

    def broken_for(self, kind: str, ident: str) -> tuple[str, ...]:
        """The broken files that might define `ident` as a `kind` ('claim', 'source', ...)."""
        return tuple(u.path for u in self.unparsed if u.might_define(kind, ident))

    def might_mention(self, ident: str) -> bool:
        """Whether a broken file might cite or relate to `ident` (and so keep it from a warning of neglect)."""
        return any(u.might_mention(ident) for u in self.unparsed)

    def unknown(self, problems: list[Problem], kind: str, ident: str, at: Location, known: Iterable[str]) -> None:
        """Report a reference at `at` to the unknown `ident`: an error, unless a broken file might define it."""
        broken = self.broken_for(kind, ident) if self.unparsed else ()
        if broken:
            self.unchecked.setdefault((at.path, broken), []).append((at, kind, ident))
            return
        problems.append(Problem(at.path, at.line, at.col, Severity.ERROR, unknown_id_message(kind, ident),
                                "unknown-id", unknown_id_hint(kind, ident, known)))

    def warnings(self) -> list[Problem]:
        """One warning per referring file and set of broken files, at its first unchecked reference."""
        out = []
        for (_path, broken), refs in self.unchecked.items():
            refs = sorted(refs, key=lambda r: (r[0].line, r[0].col))
            first = refs[0][0]
            names = list(dict.fromkeys(f"{kind} '{ident}'" for _at, kind, ident in refs))
            listed = ", ".join(names[:SHOWN]) + (f" and {len(names) - SHOWN} more" if len(names) > SHOWN else "")
            files = " and ".join(broken) if len(broken) <= 2 else f"{', '.join(broken[:-1])} and {broken[-1]}"
            verb = "has" if len(broken) == 1 else "have"
            out.append(Problem(first.path, first.line, first.col, Severity.WARNING,
                               f"not checked because {files} {verb} errors: {listed}", "unchecked",
                               "they may be defined there; fix that first"))
        return out
