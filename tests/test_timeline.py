"""Positions over time on the built site: an actor's timeline, a reversal shown as such, who said what on a claim."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen.engine import BuildOptions, build
from tests.conftest import parse_html, write_site

SITE = {
    "content/actors.yaml": """\
        - id: envoy
          name: Special Envoy
        - id: senator
          name: A Senator
        """,
    "content/sources.yaml": """\
        - id: interview
          title: Radio interview
          kind: statement
        - id: speech
          title: Speech at the forum
          kind: statement
        """,
    "content/positions.yaml": """\
        - actor: envoy
          claim: deal-possible
          stance: denies
          date: 2019-06-30
          source: speech
          quote: No deal is possible this year.
        - actor: envoy
          claim: deal-possible
          stance: asserts
          date: 2018-05
          source: interview
          quote: A deal is within reach.
        - actor: senator
          claim: deal-possible
          stance: denies
          date: 2019
          source: speech
        """,
    "content/briefs/talks.md": """\
        ---
        title: The talks
        date: 2019-08-01
        summary: S.
        claims:
          - id: deal-possible
            text: A deal with the North is possible.
            sources: [interview]
          - id: sanctions-work
            text: Sanctions work.
            sources: [speech]
        positions:
          - actor: envoy
            claim: sanctions-work
            stance: asserts
            note: Said in passing, as the [speech](source:speech) shows.
          - actor: envoy
            claim: deal-possible
            stance: asserts
            date: 2019-07-15
            source: interview
            quote: Talks can resume.
        ---
        Text.
        """,
}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = write_site(tmp_path_factory.mktemp("timeline") / "site", SITE)
    build(site, BuildOptions())
    return site / "output"


def _text(element) -> str:  # type: ignore[no-untyped-def]
    return " ".join("".join(element.itertext()).split())


def _positions(page: Path) -> list:  # type: ignore[type-arg]
    return parse_html(page).findall(".//section[@class='panel positions']//ol[@class='timeline']/li")


def test_actor_page_shows_positions_in_the_order_they_were_taken(out: Path) -> None:
    items = _positions(out / "actors/envoy/index.html")
    when = [(li.find(".//p[@class='position-when']/time").get("datetime")
             if li.find(".//p[@class='position-when']/time") is not None else None,
             _text(li.find(".//p[@class='position-when']"))) for li in items]
    assert when == [("2018-05", "May 2018"), ("2019-06-30", "30 June 2019"), ("2019-07-15", "15 July 2019"),
                    (None, "by 1 August 2019")]  # undated: by the date of the brief that reports it
    first = items[0]
    assert _text(first.find(".//p[@class='position-what']")) == "asserts: A deal with the North is possible."
    assert first.find(".//p[@class='position-what']/a").get("href") == "../../claims/deal-possible/"
    assert _text(first.find(".//blockquote")) == "A deal is within reach."
    source = first.find(".//p[@class='position-source']/a")
    assert (source.text, source.get("href")) == ("Radio interview", "../../sources/interview/")
    last = items[-1]
    assert last.find(".//div[@class='position-note']//a").get("href") == "../../sources/speech/"
    assert "Reported in The talks" in _text(last.find(".//p[@class='position-source']"))


def test_a_change_of_stance_is_shown_as_a_reversal_each_time(out: Path) -> None:
    items = _positions(out / "actors/envoy/index.html")
    reversed_ = ["is-reversal" in li.get("class") for li in items]
    assert reversed_ == [False, True, True, False]
    assert _text(items[1].find(".//p[@class='position-what']")).startswith("Reversed now denies:")
    assert _text(items[2].find(".//p[@class='position-what']")).startswith("Reversed now asserts:")
    assert items[1].find(".//strong[@class='badge badge-reversal']").text == "Reversed"


def test_claim_page_shows_who_said_what_and_when(out: Path) -> None:
    items = _positions(out / "claims/deal-possible/index.html")
    said = [(_text(li.find(".//p[@class='position-when']")), _text(li.find(".//p[@class='position-what']")))
            for li in items]
    assert said == [("May 2018", "Special Envoy asserts"), ("2019", "A Senator denies"),
                    ("30 June 2019", "Special Envoy Reversed now denies"),
                    ("15 July 2019", "Special Envoy Reversed now asserts")]
    assert items[1].find(".//p[@class='position-what']/a").get("href") == "../../actors/senator/"
    assert parse_html(out / "claims/sanctions-work/index.html").find(".//ol[@class='timeline']") is not None


def test_an_actor_or_claim_without_positions_has_no_timeline(out: Path, tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {**SITE, "content/positions.yaml": "[]\n", "content/briefs/talks.md":
                                          SITE["content/briefs/talks.md"].split("        positions:")[0] +
                                          "        ---\n        Text.\n"})
    build(site, BuildOptions())
    assert parse_html(site / "output/actors/envoy/index.html").find(".//ol[@class='timeline']") is None
    assert parse_html(site / "output/claims/deal-possible/index.html").find(".//ol[@class='timeline']") is None


def test_graph_json_lists_every_position(out: Path) -> None:
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert [(p["actor"], p["date"], p["stance"], p["brief"]) for p in data["positions"]] == [
        ("envoy", "2018-05", "asserts", None), ("envoy", "2019-06-30", "denies", None),
        ("envoy", "2019-07-15", "asserts", "talks"), ("envoy", None, "asserts", "talks"),
        ("senator", "2019", "denies", None)]
    assert data["positions"][3]["reported"] == "2019-08-01"
