"""Reviews, positions and corrections in the graph: merged across places, ordered, and dating their briefs.

The located mistakes of each are golden cases in tests/invalid_sites/ (review-errors,
position-errors, correction-errors, rating-scale-errors); here is what a good site resolves to.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from briefgen.engine import BuildOptions, check
from briefgen.model import DEFAULT_RATINGS, BriefGraph

ACTORS = """\
- id: bolton
  name: John Bolton
- id: fact-desk
  name: The Fact Desk
  kind: organization
"""
BRIEF_A = """\
---
title: First
date: 2019-02-20
updated: 2019-02-22
summary: S.
claims:
  - id: talks-fail
    text: The talks will fail.
    sources: [obs]
    reviews:
      - rating: mostly-inaccurate
        reviewer: Ann Checker
        date: 2019-03-01
        explanation: Too *early* to say.
        sources: [obs]
    corrections:
      - date: 2019-02-25
        text: First correction of the claim.
positions:
  - actor: bolton
    claim: talks-fail
    stance: asserts
    quote: They will fail.
  - actor: bolton
    claim: talks-fail
    stance: denies
    date: 2019-01
    source: obs
corrections:
  - date: 2019-02-21
    text: An early fix.
  - date: 2019-03-02
    text: A later fix.
sources:
  - id: obs
    title: An observation
---
Text [@obs].
"""
BRIEF_B = """\
---
title: Second
date: 2019-02-24
summary: S.
counterclaims:
  - id: talks-fail
    rebuttal: They may not.
    reviews:
      - rating: Mostly inaccurate
        reviewer: ann-checker
        date: 2019-03-01
        explanation: Too *early* to say.
        sources: [obs]
      - rating: accurate
        reviewer: The Fact Desk
        date: 2019-04-01
    corrections:
      - date: 2019-02-25
        text: First correction of the claim.
      - date: 2019-02-26
        text: Second correction of the claim.
positions:
  - actor: bolton
    claim: talks-fail
    stance: asserts
    date: 2018
    source: obs
---
Text.
"""
POSITIONS = """\
- actor: bolton
  claim: talks-fail
  stance: asserts
  date: 2019-02-10
  source: obs
- actor: bolton
  claim: talks-fail
  stance: denies
  date: 2019-01
  source: obs
- actor: fact-desk
  claim: talks-fail
  stance: denies
  source: obs
"""


def _graph(scratch_site: Callable[[dict[str, str]], Path], **files: str) -> BriefGraph:
    site = scratch_site({"content/actors.yaml": ACTORS, "content/authors.yaml": "- name: Ann Checker\n",
                         "content/briefs/a.md": BRIEF_A, "content/briefs/b.md": BRIEF_B,
                         "content/positions.yaml": POSITIONS, **files})
    graph, problems = check(site, BuildOptions())
    assert graph is not None and not [p.format() for p in problems if p.is_error]
    return graph


def test_the_same_review_in_two_places_is_one_and_reviews_run_oldest_first(scratch_site) -> None:  # type: ignore[no-untyped-def]
    reviews = _graph(scratch_site).reviews["talks-fail"]
    assert [(r.rating, r.reviewer, r.reviewer_author, r.date) for r in reviews] == [
        ("mostly-inaccurate", "Ann Checker", "ann-checker", dt.date(2019, 3, 1)),
        ("accurate", "The Fact Desk", "", dt.date(2019, 4, 1)),  # no author of the site: an organisation
    ]
    assert reviews[0].explanation_html == "<p>Too <em>early</em> to say.</p>\n"
    assert (reviews[0].sources, reviews[0].brief, reviews[1].brief) == (("obs",), "a", "b")


def test_a_site_without_a_scale_rates_on_the_default_one(scratch_site) -> None:  # type: ignore[no-untyped-def]
    graph = _graph(scratch_site)
    assert graph.config.ratings == DEFAULT_RATINGS
    assert [r.id for r in DEFAULT_RATINGS] == ["accurate", "mostly-accurate", "mixed", "mostly-inaccurate",
                                               "inaccurate"]


def test_a_reviewer_left_out_is_the_site(scratch_site) -> None:  # type: ignore[no-untyped-def]
    brief = BRIEF_B.replace("        reviewer: The Fact Desk\n", "")
    graph = _graph(scratch_site, **{"content/briefs/b.md": brief, "briefgen.yaml": "title: Desk of Facts\n"})
    assert [(r.reviewer, r.reviewer_author) for r in graph.reviews["talks-fail"]][-1] == ("Desk of Facts", "")


def test_positions_add_up_once_each_in_the_order_they_were_taken(scratch_site) -> None:  # type: ignore[no-untyped-def]
    graph = _graph(scratch_site)
    timeline = [(p.date, p.stance, p.brief) for p in graph.actor_positions["bolton"]]
    assert timeline == [
        ("2018", "asserts", "b"),
        ("2019-01", "denies", "a"),  # given in a.md and in positions.yaml: one position, where first given
        ("2019-02-10", "asserts", ""),
        ("", "asserts", "a"),  # undated: placed at the date of the brief that reports it
    ]
    assert graph.actor_positions["bolton"][-1].reported == dt.date(2019, 2, 20)
    assert [p.actor for p in graph.claim_positions["talks-fail"]] == ["bolton"] * 4 + ["fact-desk"]
    assert graph.actor_positions["fact-desk"][0].reported is None  # undated and in no brief: last


def test_corrections_add_up_newest_first_and_move_the_briefs_updated_date(scratch_site) -> None:  # type: ignore[no-untyped-def]
    graph = _graph(scratch_site)
    assert [c.date.isoformat() for c in graph.brief_corrections["a"]] == ["2019-03-02", "2019-02-21"]
    assert [c.text for c in graph.claim_corrections["talks-fail"]] == ["Second correction of the claim.",
                                                                       "First correction of the claim."]
    assert graph.briefs["a"].updated == dt.date(2019, 3, 2)  # later than its own 'updated'
    assert graph.briefs["b"].updated is None and graph.brief_corrections["b"] == ()


def test_an_updated_date_later_than_every_correction_stays(scratch_site) -> None:  # type: ignore[no-untyped-def]
    graph = _graph(scratch_site, **{"content/briefs/a.md": BRIEF_A.replace("updated: 2019-02-22",
                                                                           "updated: 2019-05-01")})
    assert graph.briefs["a"].updated == dt.date(2019, 5, 1)


def test_a_drafts_records_stay_out_of_the_site(scratch_site) -> None:  # type: ignore[no-untyped-def]
    draft = BRIEF_B.replace("title: Second", "title: Second\ndraft: true")
    graph = _graph(scratch_site, **{"content/briefs/b.md": draft})
    assert [r.rating for r in graph.reviews["talks-fail"]] == ["mostly-inaccurate"]
    assert "2018" not in [p.date for p in graph.actor_positions["bolton"]]


def test_links_in_a_correction_work_from_the_page_and_from_the_corrections_page(scratch_site) -> None:  # type: ignore[no-untyped-def]
    brief = BRIEF_A.replace("text: A later fix.", "text: See [the claim](claim:talks-fail).")
    correction = _graph(scratch_site, **{"content/briefs/a.md": brief}).brief_corrections["a"][0]
    assert 'href="../../claims/talks-fail/"' in correction.html  # shown on pages two folders down
    assert 'href="../claims/talks-fail/"' in correction.listed_html  # shown on /corrections/
    assert correction.text == "See the claim."


def test_an_empty_scale_is_the_default_and_a_scale_of_one_is_an_error(scratch_site) -> None:  # type: ignore[no-untyped-def]
    graph = _graph(scratch_site, **{"briefgen.yaml": "ratings: []\n"})
    assert graph.config.ratings == DEFAULT_RATINGS
    site = scratch_site({"briefgen.yaml": "title: T\nratings:\n  - only-one\n"})
    _graph_none, problems = check(site, BuildOptions())
    assert [(p.path, p.line, p.code) for p in problems if p.is_error] == [("briefgen.yaml", 3, "bad-value")]


def test_a_reference_managers_source_that_only_a_review_or_a_position_cites_is_published(scratch_site) -> None:  # type: ignore[no-untyped-def]
    library = json.dumps([{"id": "Poll2019", "type": "dataset", "title": "A poll"},
                          {"id": "Memo2019", "type": "report", "title": "A memo"},
                          {"id": "Unused2019", "type": "report", "title": "Never cited"}])
    brief = BRIEF_A.replace("        sources: [obs]\n    corrections:", "        sources: [poll2019]\n    corrections:")
    other = BRIEF_B.replace("        sources: [obs]\n", "        sources: [poll2019]\n")
    graph = _graph(scratch_site, **{"content/sources.json": library, "content/briefs/a.md": brief,
                                    "content/briefs/b.md": other,
                                    "content/positions.yaml": POSITIONS.replace("source: obs", "source: memo2019")})
    assert {"poll2019", "memo2019"} <= set(graph.sources) and "unused2019" not in graph.sources
    assert graph.reviews["talks-fail"][0].sources == ("poll2019",)
    assert "memo2019" in {p.source for p in graph.actor_positions["bolton"]}


def test_a_source_only_a_position_cites_is_not_called_uncited(scratch_site) -> None:  # type: ignore[no-untyped-def]
    site = scratch_site({"content/actors.yaml": ACTORS, "content/briefs/a.md": BRIEF_A,
                         "content/sources.yaml": "- id: memo\n  title: A memo\n",
                         "content/positions.yaml": "- actor: bolton\n  claim: talks-fail\n  stance: denies\n"
                                                   "  source: memo\n"})
    _, problems = check(site, BuildOptions())
    assert [p.code for p in problems if p.is_error] == []
    assert "uncited-source" not in {p.code for p in problems}
