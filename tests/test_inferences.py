"""Linked premises and undercuts: read from front matter, resolved into inferences, checked at their lines."""

from __future__ import annotations

from pathlib import Path

from conftest import write_site

from briefgen.argmodel import inference_id
from briefgen.engine import BuildOptions, check
from briefgen.errors import Severity

HEAD = "---\ntitle: {title}\ndate: 2020-01-0{day}\nsummary: S.\n"


def brief(title: str, day: int, front: str) -> str:
    return HEAD.format(title=title, day=day) + front + "---\nBody.\n"


def resolve(tmp_path: Path, files: dict[str, str]):  # type: ignore[no-untyped-def]
    graph, problems = check(write_site(tmp_path / "site", files), BuildOptions())
    return graph, [p for p in problems if p.severity is Severity.ERROR]


CLAIMS = """\
- id: sanctions-bite
  text: Sanctions hurt the economy.
- id: china-enforces
  text: China enforces the sanctions.
- id: regime-negotiates
  text: The regime will negotiate.
- id: smuggling-grows
  text: Smuggling grows whenever sanctions bite.
"""


def test_the_same_linked_group_written_from_two_premises_in_two_briefs_is_one_inference(tmp_path: Path) -> None:
    graph, errors = resolve(tmp_path, {
        "content/claims.yaml": CLAIMS,
        "content/briefs/one.md": brief("One", 1, "claims:\n  - id: sanctions-bite\n    supports:\n"
                                                  "      - claim: regime-negotiates\n        with: [china-enforces]\n"),
        "content/briefs/two.md": brief("Two", 2, "claims:\n  - id: china-enforces\n    supports:\n"
                                                  "      - {claim: regime-negotiates, with: sanctions-bite}\n"),
    })
    assert errors == []
    iid = inference_id(["sanctions-bite", "china-enforces"], "regime-negotiates")
    assert list(graph.inferences) == [iid]
    inference = graph.inferences[iid]
    assert inference.linked and inference.premises == ("china-enforces", "sanctions-bite")
    assert graph.claim_inferences["sanctions-bite"].premise_of == (iid,)
    assert graph.claim_inferences["regime-negotiates"].concludes == (iid,)
    # A linked support is not a plain one: neither premise supports the conclusion alone.
    assert graph.claim_links["sanctions-bite"].supports == ()
    assert graph.claim_links["regime-negotiates"].supported_by == ()


def test_plain_supports_are_inferences_too_and_undercuts_attach_to_them(tmp_path: Path) -> None:
    graph, errors = resolve(tmp_path, {
        "content/claims.yaml": CLAIMS,
        "content/briefs/one.md": brief("One", 1, "claims:\n  - id: sanctions-bite\n    supports: regime-negotiates\n"
                                                  "  - id: smuggling-grows\n    undercuts:\n"
                                                  "      - from: sanctions-bite\n        to: regime-negotiates\n"),
    })
    assert errors == []
    iid = "sanctions-bite->regime-negotiates"
    assert graph.inferences[iid].undercut_by == ("smuggling-grows",)
    assert not graph.inferences[iid].linked
    assert graph.claim_inferences["smuggling-grows"].undercuts == (iid,)
    assert graph.claim_links["sanctions-bite"].supports == ("regime-negotiates",)  # as before


def test_an_undercut_of_a_support_nobody_gives_is_an_error_at_the_undercut_with_a_hint(tmp_path: Path) -> None:
    front = ("claims:\n  - id: sanctions-bite\n    supports:\n      - claim: regime-negotiates\n"
             "        with: [china-enforces]\n  - id: smuggling-grows\n    undercuts:\n"
             "      - from: sanctions-bite\n        to: regime-negotiates\n")
    _graph, errors = resolve(tmp_path, {"content/claims.yaml": CLAIMS,
                                        "content/briefs/one.md": brief("One", 1, front)})
    assert [(e.path, e.line, e.col, e.code) for e in errors] == [("content/briefs/one.md", 12, 9, "unknown-support")]
    assert "undercuts the support from 'sanctions-bite' to 'regime-negotiates'" in errors[0].message
    assert errors[0].hint == "did you mean {from: [china-enforces, sanctions-bite], to: regime-negotiates}?"


def test_unknown_ids_and_self_relations_are_refused_at_their_lines(tmp_path: Path) -> None:
    front = ("claims:\n  - id: sanctions-bite\n    supports:\n      - claim: regime-negotiates\n"
             "        with: [sanctions-bite]\n      - claim: regime-negotiatez\n        with: [china-enforces]\n"
             "  - id: smuggling-grows\n    undercuts:\n      - {from: smuggling-grows, to: regime-negotiates}\n"
             "      - {from: [china-enforces, sanction-bite], to: regime-negotiates}\n")
    _graph, errors = resolve(tmp_path, {"content/claims.yaml": CLAIMS,
                                        "content/briefs/one.md": brief("One", 1, front)})
    found = sorted((e.line, e.code) for e in errors)
    assert found == [(8, "self-relation"), (10, "unknown-id"), (14, "self-relation"), (15, "unknown-id")]
    unknown = {e.message for e in errors if e.code == "unknown-id"}
    assert unknown == {"unknown claim 'regime-negotiatez'", "unknown claim 'sanction-bite'"}
    assert all(e.hint for e in errors if e.code == "unknown-id")  # did you mean ...


def test_an_undercut_in_claims_yaml_of_a_support_given_in_a_brief(tmp_path: Path) -> None:
    graph, errors = resolve(tmp_path, {
        "content/claims.yaml": CLAIMS + "  undercuts: [{from: sanctions-bite, to: regime-negotiates}]\n",
        "content/briefs/one.md": brief("One", 1, "claims:\n  - id: sanctions-bite\n"
                                                  "    supports: [regime-negotiates]\n"),
    })
    assert errors == []
    assert graph.inferences["sanctions-bite->regime-negotiates"].undercut_by == ("smuggling-grows",)
