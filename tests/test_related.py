"""Related briefs and claims: weighted by what briefs share in the graph, deterministic, and linear.

Small sites written from strings show the weights and the tie-breaks; a generated graph of
thousands of briefs, one claim argued by most of them, shows that the work stays bounded
(counted, never timed) and that the popular claim does not drown what briefs really share.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.engine import BuildOptions, check
from briefgen.model import (
    Brief,
    BriefGraph,
    Claim,
    ClaimLinks,
    Counterclaim,
    Location,
    RelatedBrief,
    SiteConfig,
    Topic,
)
from briefgen.render.relatedview import brief_reason, claim_reason
from briefgen.resolve import related
from tests.conftest import parse_html, write_site


def brief(slug: str, day: int, claims: str = "", counters: str = "", sources: str = "", topics: str = "",
          body: str = "Body.") -> str:
    lines = ["---", f"title: Brief {slug}", f"date: 2020-01-{day:02d}", "summary: S."]
    if topics:
        lines.append(f"topics: [{topics}]")
    if claims:
        lines.append("claims:")
        lines += [f"  - id: {c}\n    text: Claim {c}." for c in claims.split()]
    if counters:
        lines.append("counterclaims:")
        lines += [f"  - id: {c}\n    text: Claim {c}.\n    rebuttal: No." for c in counters.split()]
    if sources:
        lines.append("sources:")
        lines += [f"  - id: {s}\n    title: Source {s}" for s in sources.split()]
    return "\n".join([*lines, "---", body, ""])


def graph_of(tmp_path: Path, briefs: dict[str, str], extra: dict[str, str] | None = None) -> BriefGraph:
    files = {f"content/briefs/{slug}.md": text for slug, text in briefs.items()}
    site = write_site(tmp_path / "site", {**files, **(extra or {})})
    graph, problems = check(site, BuildOptions())
    assert graph is not None, [p.format() for p in problems if p.is_error]
    return graph


def shown(graph: BriefGraph, slug: str) -> list[str]:
    return [r.slug for r in graph.related_briefs[slug]]


def test_one_shared_claim_outweighs_two_shared_sources(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, {
        "a": brief("a", 10, claims="c1 c2", sources="s1 s2 s3"),
        "claim": brief("claim", 11, claims="c1"),
        "sources": brief("sources", 9, sources="s1 s2"),
        "source": brief("source", 12, sources="s3"),
        "nothing": brief("nothing", 10, claims="c9"),
    })
    assert shown(graph, "a") == ["claim", "sources", "source"]
    first = graph.related_briefs["a"][0]
    assert first == RelatedBrief("claim", related.CLAIM_WEIGHT, claims=1)
    assert brief_reason(graph.related_briefs["a"][1]) == "2 shared sources"


def test_answering_a_claim_relates_as_much_as_asserting_it(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, {"pro": brief("pro", 1, claims="c1"), "con": brief("con", 2, counters="c1")})
    assert shown(graph, "pro") == ["con"] and shown(graph, "con") == ["pro"]
    assert graph.related_briefs["pro"][0].claims == 1


def test_topics_alone_never_relate_but_break_ties(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, {
        "a": brief("a", 10, sources="s1", topics="Trade, Tariffs"),
        "near": brief("near", 11, sources="s1"),
        "topical": brief("topical", 20, sources="s1", topics="Trade"),
        "only-topics": brief("only-topics", 10, topics="Trade, Tariffs"),
    })
    assert shown(graph, "a") == ["topical", "near"]  # equal sources: the shared topic first
    assert shown(graph, "only-topics") == []
    assert brief_reason(graph.related_briefs["a"][0]) == "1 shared source, 1 shared topic"


def test_ties_go_to_the_brief_nearest_in_date_and_results_are_stable(tmp_path: Path) -> None:
    briefs = {f"b{i}": brief(f"b{i}", 1 + i, sources="s1") for i in range(9)}
    graph = graph_of(tmp_path, briefs)
    assert shown(graph, "b4") == ["b5", "b3", "b6", "b2", "b7"]  # newer first at equal distance
    again = graph_of(tmp_path / "again", dict(reversed(briefs.items())))
    assert again.related_briefs == graph.related_briefs


def test_actors_count_from_claims_and_from_the_text(tmp_path: Path) -> None:
    actors = "- id: kim\n  name: Kim\n- id: moon\n  name: Moon\n"
    held = brief("held", 3).replace("summary: S.", "summary: S.\nclaims:\n  - id: c1\n    text: C.\n"
                                    "    held_by: [kim]")
    graph = graph_of(tmp_path, {
        "held": held,
        "mentions": brief("mentions", 4, body="As [Kim](actor:kim) said."),
        "other": brief("other", 5, body="As [Moon](actor:moon) said."),
    }, {"content/actors.yaml": actors})
    assert shown(graph, "mentions") == ["held"]
    assert graph.related_briefs["mentions"][0].actors == 1


def test_claims_argued_alongside(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, {
        "one": brief("one", 1, claims="c1 c2 c3"),
        "two": brief("two", 2, claims="c1 c2"),
        "three": brief("three", 3, counters="c1 c4"),
    }, {"content/claims.yaml": "- id: c5\n  text: Claim c5.\n  supports: [c1]\n"})
    rows = {r.id: r for r in graph.related_claims["c1"]}
    assert list(rows) == ["c2", "c5", "c3", "c4"]  # together twice; a relation (2); then once, by site order
    assert (rows["c2"].together, rows["c5"].relation) == (2, "supported by")
    assert claim_reason(rows["c2"]) == "argued together in 2 briefs"
    assert claim_reason(rows["c5"]) == "supports this claim"
    assert claim_reason(rows["c4"]) == "argued together in 1 brief"  # answered together


def test_pages_list_related_briefs_and_claims_with_reasons(example_site: Path) -> None:
    assert main(["build", str(example_site), "-q"]) == 0
    page = parse_html(example_site / "output/briefs/hanoi-summit/index.html")
    section = next(s for s in page.iter("section") if s.get("aria-labelledby") == "related-heading")
    items = [("".join(li.find("a").itertext()), li.find("span").text) for li in section.iter("li")]
    assert items == [
        ("Example: hold maximum pressure until Pyongyang disarms", "4 shared claims, 2 shared actors, 3 shared topics"),
        ("Example: a step-by-step deal is still on the table in Hanoi",
         "2 shared claims, 1 shared source, 2 shared actors, 3 shared topics")]
    claim = parse_html(example_site / "output/claims/nk-will-not-disarm/index.html")
    section = next(s for s in claim.iter("section") if s.get("aria-labelledby") == "alongside-heading")
    first = next(section.iter("li"))
    assert first.find("a").get("href") == "../../claims/max-pressure-failed/"
    assert first.find("span").text == "argued together in 2 briefs"


# -- at scale ---------------------------------------------------------------------------------------

def synthetic_graph(count: int, popular_share: float = 0.9) -> BriefGraph:
    """`count` briefs: most argue one popular claim; each also argues a claim and cites a source that a
    handful of neighbours share, and answers a claim shared by a few."""
    briefs: dict[str, Brief] = {}
    claims: dict[str, Claim] = {}
    asserted: dict[str, list[str]] = {}
    answered: dict[str, list[str]] = {}
    at = Location("x.md")
    for i in range(count):
        slug = f"b{i:05d}"
        own = [f"group-{i // 4}"] + (["popular"] if (i * 7919) % 100 < popular_share * 100 else [])
        counter = f"rival-{i // 10}"
        for cid in own:
            asserted.setdefault(cid, []).append(slug)
        answered.setdefault(counter, []).append(slug)
        briefs[slug] = Brief(slug, f"Brief {i}", dt.date(2000, 1, 1) + dt.timedelta(days=count - i), at,
                             claims=tuple(own), counterclaims=(Counterclaim(counter),),
                             sources=(f"src-{i // 3}",), topics=("topic",))
    for cid in {*asserted, *answered}:
        claims[cid] = Claim(cid, cid, at)
    links = {cid: ClaimLinks(asserted_in=tuple(asserted.get(cid, ())), answered_in=tuple(answered.get(cid, ())))
             for cid in claims}
    return BriefGraph(SiteConfig(), briefs, {}, claims, {}, {}, {}, {"topic": Topic("topic", "Topic")}, links, {},
                      {}, {}, {})


class CountingCounter(Counter):  # type: ignore[type-arg]
    """Counter that adds up how many elements all its instances were asked to count."""

    counted = 0

    def update(self, iterable=None, /, **kwds):  # type: ignore[no-untyped-def,override]
        if iterable is not None:
            CountingCounter.counted += len(iterable)
        super().update(iterable, **kwds)


@pytest.mark.parametrize("count", [1500, 3000])
def test_work_stays_linear_with_a_claim_most_briefs_share(count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    graph = synthetic_graph(count)
    monkeypatch.setattr(related, "Counter", CountingCounter)
    CountingCounter.counted = 0
    result = related.related_briefs(graph)
    briefs_work = CountingCounter.counted
    CountingCounter.counted = 0
    claims = related.related_claims(graph)
    claims_work = CountingCounter.counted
    mentions = sum(len(b.claims) + len(b.counterclaims) + len(b.sources) for b in graph.briefs.values())
    # Each brief reads each rarer list it is on, at most POSTING_CAP long, once per unit of weight; the
    # popular claim's list of ~0.9 * count briefs is never read: all pairs would be count².
    assert briefs_work <= mentions * related.POSTING_CAP * related.CLAIM_WEIGHT
    assert briefs_work <= count * 80  # 4 * 5 for its group claim, 10 * 5 for the rival it answers, 3 * 2 for its source
    assert claims_work <= sum(len(b.claims) + len(b.counterclaims) for b in graph.briefs.values()) * 2 \
        + len(graph.claims) * related.POSTING_CAP * 2
    first = result["b00100"]
    assert len(first) == related.SHOWN
    # Its group (a shared claim) and its sources come before briefs that share only the popular claim.
    assert {r.slug for r in first[:3]} == {"b00101", "b00102", "b00103"}
    assert all(r.claims >= 1 for r in first)
    assert len(claims["popular"]) == related.SHOWN


def test_the_work_per_brief_does_not_grow_with_the_site(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(related, "Counter", CountingCounter)
    per_brief = []
    for count in (1000, 4000):
        CountingCounter.counted = 0
        related.related_briefs(synthetic_graph(count))
        per_brief.append(CountingCounter.counted / count)
    assert per_brief[1] <= per_brief[0] * 1.1
