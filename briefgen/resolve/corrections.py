"""Corrections: dated notices on briefs and claims, and the `updated` dates they move.

A brief's `updated` is the later of the date its front matter gives and its latest
correction, so the page, the sitemap, the feeds and the JSON-LD all say it changed.
Corrections of one claim given in several places add up; the same correction twice is one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from briefgen.argmodel import Correction
from briefgen.load.specs import CorrectionSpec
from briefgen.model import Brief
from briefgen.resolve.prose import SHALLOW, ProseRenderer
from briefgen.resolve.registry import Registry
from briefgen.sanitize import plain_text


def build_corrections(specs: Iterable[tuple[str, CorrectionSpec]],
                      prose: ProseRenderer) -> dict[str, tuple[Correction, ...]]:
    """Key (a brief's slug or a claim's id) -> its corrections, newest first, from (key, correction as written)."""
    out: dict[str, dict[tuple[object, ...], Correction]] = {}
    for key, spec in specs:
        html = prose.render(spec.text, "a correction")
        made = out.setdefault(key, {})
        if (spec.date, spec.text.text) not in made:
            made[(spec.date, spec.text.text)] = Correction(spec.date, html, prose.render(spec.text, "a correction",
                                                                                        SHALLOW), plain_text(html))
    return {key: tuple(sorted(made.values(), key=lambda c: (c.date, c.text), reverse=True))
            for key, made in out.items()}


def warn_early(reg: Registry, briefs: Mapping[str, Brief], specs: Iterable[tuple[str, CorrectionSpec]]) -> None:
    """A correction dated before its brief was published is most likely a mistyped date."""
    for slug, spec in specs:
        brief = briefs.get(slug)
        if brief is not None and not brief.draft and spec.date < brief.date:
            reg.warn(spec.at, f"correction dated {spec.date.isoformat()}, before the brief's date "
                              f"({brief.date.isoformat()})", "correction-before-brief")


def corrected_briefs(briefs: Mapping[str, Brief],
                     corrections: Mapping[str, tuple[Correction, ...]]) -> dict[str, Brief]:
    """The briefs, each `updated` by its latest correction when that is later."""
    out = dict(briefs)
    for slug, notices in corrections.items():
        brief = briefs.get(slug)
        if brief is None or not notices:
            continue
        newest = notices[0].date
        if brief.updated is None or newest > brief.updated:
            out[slug] = dataclasses.replace(brief, updated=newest, modified=None)  # the written time was the old date's
    return out
