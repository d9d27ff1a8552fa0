"""Claim pages say each relation in words, once; maps draw linked premises and undercuts, keying only what they
draw."""

from __future__ import annotations

from pathlib import Path

from conftest import parse_html

from briefgen.cli import main

SVG = "{http://www.w3.org/2000/svg}"
BRIEF = """\
---
title: Congestion charge
date: 2020-01-02
summary: An example.
claims:
  - id: cuts-traffic
    text: A charge cuts traffic.
    supports:
      - claim: should-charge
        with: [funds-transit]
  - id: funds-transit
    text: The revenue funds transit.
  - id: should-charge
    text: The city should charge.
  - id: drivers-switch
    text: Drivers switch to buses.
    supports: [cuts-traffic]
  - id: buses-full
    text: Buses are full.
    undercuts: [{from: drivers-switch, to: cuts-traffic}]
  - id: hurts-poor
    text: A flat charge hurts the poor.
    opposes: [should-charge, exemptions-fix]
  - id: exemptions-fix
    text: Exemptions fix it.
    opposes: [hurts-poor]
---
Body.
"""
PLAIN = """\
---
title: Plain
date: 2020-01-03
summary: Only supports.
claims:
  - id: a
    text: Claim A.
    supports: [b]
  - id: b
    text: Claim B.
---
Body.
"""


def built(scratch_site, files: dict[str, str]) -> Path:  # type: ignore[no-untyped-def]
    site = scratch_site(files)
    assert main(["build", str(site), "-q", "-j", "1"]) == 0
    return site / "output"


def relations(out: Path, cid: str) -> dict[str, list[str]]:
    dl = parse_html(out / "claims" / cid / "index.html").find(".//dl[@class='relations-list']")
    assert dl is not None
    found: dict[str, list[str]] = {}
    heading = ""
    for element in dl:
        text = " ".join("".join(element.itertext()).split())
        if element.tag == "dt":
            heading = text
            found[heading] = []
        else:
            found[heading].append(text)
    return found


def test_claim_pages_say_each_relation_in_words_and_list_a_claim_once(scratch_site) -> None:  # type: ignore[no-untyped-def]
    out = built(scratch_site, {"content/briefs/c.md": BRIEF})
    assert relations(out, "hurts-poor") == {"Opposes": ["The city should charge."],
                                            "Oppose each other": ["This claim and Exemptions fix it."]}
    assert relations(out, "exemptions-fix") == {"Oppose each other": ["This claim and A flat charge hurts the poor."]}
    assert relations(out, "should-charge") == {
        "Is supported by": ["“A charge cuts traffic.” and “The revenue funds transit.” together"],
        "Is opposed by": ["A flat charge hurts the poor."]}
    assert relations(out, "funds-transit") == {
        "Supports": ["“The city should charge.” together with “A charge cuts traffic.”"]}
    assert relations(out, "buses-full") == {
        "Undercuts": ["the support that “Drivers switch to buses.” gives “A charge cuts traffic.”"]}
    assert relations(out, "drivers-switch") == {
        "Supports": ["A charge cuts traffic."],
        "Undercut support": ["Its support of “A charge cuts traffic.” is undercut by “Buses are full.”"]}
    assert relations(out, "cuts-traffic")["Undercut support"] == [
        "The support that “Drivers switch to buses.” gives it is undercut by “Buses are full.”"]


def _map(out: Path, path: str):  # type: ignore[no-untyped-def]
    tree = parse_html(out / path / "index.html")
    svg = tree.find(f".//{SVG}svg")
    legend = tree.find(".//ul[@class='argmap-legend']")
    outline = tree.find(".//details[@class='argmap-outline']")
    return svg, ["".join(li.itertext()).strip() for li in legend.iter("li")], outline


def test_maps_draw_linked_premises_and_undercuts_with_text_labels(scratch_site) -> None:  # type: ignore[no-untyped-def]
    out = built(scratch_site, {"content/briefs/c.md": BRIEF, "content/briefs/p.md": PLAIN})
    svg, legend, outline = _map(out, "briefs/c")
    groups = {g.get("class"): g for g in svg.iter(f"{SVG}g")}
    labels = {" ".join(t.itertext()) for g in svg.iter(f"{SVG}g") if "argmap-edge" in (g.get("class") or "")
              for t in g.iter(f"{SVG}text")}
    assert {"together support", "undercuts", "supports", "opposes", "oppose each other"} <= labels
    linked = groups["argmap-join argmap-join-linked"]
    assert "together support" in linked.find(f"{SVG}title").text
    ring = groups["argmap-join argmap-join-undercut"]
    assert "undercut by “Buses are full.”" in ring.find(f"{SVG}title").text
    assert any(text.startswith("linked premises") for text in legend)
    assert any(text.startswith("undercuts") for text in legend)
    said = [" ".join("".join(li.itertext()).split()) for li in outline.iter("li") if not li.find("ul")]
    assert "undercuts the support that: Drivers switch to buses. gives A charge cuts traffic." in said
    assert "supported by: A charge cuts traffic. together with The revenue funds transit." in said
    assert said.count("oppose each other: Exemptions fix it.") == 1
    assert not [s for s in said if s.startswith(("opposed by: Exemptions", "opposes: Exemptions"))]
    # A map with supports only keys supports only.
    _svg, plain_legend, _outline = _map(out, "briefs/p")
    assert [text.split(" (")[0] for text in plain_legend] == ["supports"]
