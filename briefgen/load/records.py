"""Reading reviews, positions, corrections and the rating scale into specs, by their descriptions in formats.py.

What a description cannot say is added here: where each Markdown value is (so that a
reference inside it is reported at its line), and where each id is (so that resolve can
report an unknown one there).
"""

from __future__ import annotations

from typing import Any

from briefgen.load.formats import CORRECTION, POSITION, RATING, REVIEW
from briefgen.load.reader import FieldReader, YPath
from briefgen.load.specs import CorrectionSpec, PositionSpec, Prose, Ref, ReviewSpec
from briefgen.model import DEFAULT_RATINGS, Rating


def read_review(reader: FieldReader, entry: Any, ypath: YPath) -> ReviewSpec | None:
    read = reader.read(REVIEW, entry, ypath)
    if read is None:
        return None
    reviewer = read.get("reviewer") or ""
    return ReviewSpec(
        at=reader.at(ypath), rating=read.get("rating") or "", rating_at=reader.at((*ypath, "rating")),
        date=read.get("date"), reviewer=reviewer, reviewer_at=reader.at((*ypath, "reviewer")) if reviewer else None,
        explanation=prose(reader, read.get("explanation"), (*ypath, "explanation")),
        sources=read.get("sources", ()), url=read.get("url", ""),
    )


def read_correction(reader: FieldReader, entry: Any, ypath: YPath) -> CorrectionSpec | None:
    read = reader.read(CORRECTION, entry, ypath)
    if read is None:
        return None
    text = prose(reader, read.get("text"), (*ypath, "text"))
    if text is None or read.get("date") is None:
        return None
    return CorrectionSpec(reader.at(ypath), read.get("date"), text)


def read_position(reader: FieldReader, entry: Any, ypath: YPath) -> PositionSpec | None:
    read = reader.read(POSITION, entry, ypath)
    if read is None or not read.get("actor") or not read.get("claim"):
        return None
    source = read.get("source")
    return PositionSpec(
        at=reader.at(ypath), actor=Ref(read.get("actor"), reader.at((*ypath, "actor"))),
        claim=Ref(read.get("claim"), reader.at((*ypath, "claim"))), stance=read.get("stance") or "",
        date=read.get("date") or "", source=Ref(source, reader.at((*ypath, "source"))) if source else None,
        quote=read.get("quote") or "", note=prose(reader, read.get("note"), (*ypath, "note")),
    )


def read_rating(reader: FieldReader, entry: Any, ypath: YPath) -> tuple[Rating, YPath] | None:
    """A step of the rating scale: a bare id, or an id with a label; with where it is."""
    if isinstance(entry, (str, int)) and not isinstance(entry, bool):
        ident = reader.ident(entry, ypath, RATING.name)
        return (Rating(ident, rating_label(ident)), ypath) if ident else None
    read = reader.read(RATING, entry, ypath)
    if read is None or not read.get("id"):
        return None
    return Rating(read.get("id"), read.get("label") or rating_label(read.get("id"))), (*ypath, "id")


def rating_scale(reader: FieldReader, steps: tuple[tuple[Rating, YPath], ...] | None) -> tuple[Rating, ...]:
    """briefgen.yaml's scale, checked: two steps at least, no id or label twice; the default when none is given
    (an empty list included: it says nothing, as an empty value does)."""
    if not steps:
        return DEFAULT_RATINGS
    seen: dict[str, str] = {}
    scale = []
    for rating, ypath in steps:
        for value in (rating.id, rating.label.casefold()):
            if value in seen:
                reader.error(ypath, f"rating '{rating.id}' repeats '{seen[value]}' of the scale", "duplicate-id",
                             "give each step of the scale its own id and label")
                break
        else:
            seen[rating.id] = seen[rating.label.casefold()] = rating.id
            scale.append(rating)
    if len(steps) < 2:
        reader.error(("ratings",), "a rating scale needs two ratings at least, best first", "bad-value",
                     "list the ratings from best to worst")
    return tuple(scale) if len(scale) >= 2 else DEFAULT_RATINGS


def rating_label(ident: str) -> str:
    """'mostly-false' -> 'Mostly false': how a rating with no label of its own is shown."""
    words = ident.replace("-", " ")
    return words[:1].upper() + words[1:]


def prose(reader: FieldReader, text: str | None, ypath: YPath) -> Prose | None:
    """A Markdown value and where it is; None when empty."""
    if not text:
        return None
    return Prose(text, reader.at(ypath), reader.marks.block_at(ypath))
