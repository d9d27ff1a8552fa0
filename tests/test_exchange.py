"""Exchange with the argumentation world: Argdown in and out, AIF, GraphML and DOT, read back by their rules."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.cli import main
from briefgen.engine import BuildOptions, check
from briefgen.errors import Problem
from briefgen.exchange.argdown_import import import_argdown
from briefgen.exchange.argdown_parse import parse
from briefgen.load.files import brief_from_bytes
from briefgen.model import BriefGraph

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "congestion-charge.argdown"


def empty_site(root: Path) -> Path:
    (root / "content" / "briefs").mkdir(parents=True)
    return root


def imported_site(tmp_path: Path, name: str, argdown: Path) -> tuple[Path, BriefGraph]:
    site = empty_site(tmp_path / name)
    assert main(["import", str(argdown), str(site), "-q"]) == 0
    assert main(["build", str(site), "-q", "-j", "1"]) == 0
    graph, problems = check(site, BuildOptions())
    assert not [p.format() for p in problems if p.is_error]
    return site, graph


def relations(graph: BriefGraph) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for cid, links in graph.claim_links.items():
        out.update(("opposes", cid, other) for other in links.opposes)
    for inference in graph.inferences.values():
        out.add(("supports", *inference.premises, "->", inference.conclusion))
        out.update(("undercuts", cutter, inference.id) for cutter in inference.undercut_by)
    return out


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BriefGraph]:
    return imported_site(tmp_path_factory.mktemp("exchange"), "first", EXAMPLE)


def test_the_example_debate_imports_every_statement_and_relation(example: tuple[Path, BriefGraph]) -> None:
    _site, graph = example
    source = parse(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE))
    sketched = [a for a in source.arguments.values() if not a.steps]
    assert len(source.statements) + len(sketched) == len(graph.claims) >= 20
    assert {s.text for s in source.statements.values()} <= {c.text for c in graph.claims.values()}
    kinds = {r[0] for r in relations(graph)}
    assert kinds == {"supports", "opposes", "undercuts"}
    assert any(i.linked for i in graph.inferences.values())
    assert graph.inferences["alternatives+less-traffic+revenue->charge"].undercut_by == ("ring-fence",)
    assert graph.inferences["reversible->low-risk"].undercut_by == ("sunk-costs",)  # undercut of an argument
    assert {"charge", "no-charge"} <= set(graph.claim_links["charge"].opposed_by) | {"charge"}  # '><' both ways


def test_argdown_to_briefgen_to_argdown_keeps_every_statement_and_relation(example: tuple[Path, BriefGraph],
                                                                             tmp_path: Path) -> None:
    site, graph = example
    exported = site / "output" / "graph.argdown"
    again = parse(exported.read_text(encoding="utf-8"), str(exported))
    assert not [p.format() for p in again.problems]
    assert {key: s.text for key, s in again.statements.items()} == {cid: c.text for cid, c in graph.claims.items()}
    _site2, second = imported_site(tmp_path, "second", exported)
    assert {cid: c.text for cid, c in second.claims.items()} == {cid: c.text for cid, c in graph.claims.items()}
    assert relations(second) == relations(graph)


def test_aif_has_aifdb_shape(example: tuple[Path, BriefGraph]) -> None:
    site, graph = example
    data = json.loads((site / "output" / "graph.aif.json").read_text(encoding="utf-8"))
    assert set(data) == {"nodes", "edges", "locutions"} and data["locutions"] == []
    nodes = {n["nodeID"]: n for n in data["nodes"]}
    assert len(nodes) == len(data["nodes"])
    assert all(set(n) == {"nodeID", "text", "type"} and isinstance(n["nodeID"], str) for n in data["nodes"])
    assert {n["type"] for n in data["nodes"]} == {"I", "RA", "CA"}
    edge_ids = [e["edgeID"] for e in data["edges"]]
    assert len(set(edge_ids)) == len(edge_ids)
    into: dict[str, list[str]] = {}
    out_of: dict[str, list[str]] = {}
    for edge in data["edges"]:
        assert set(edge) == {"edgeID", "fromID", "toID", "formEdgeID"}
        assert edge["fromID"] in nodes and edge["toID"] in nodes
        into.setdefault(edge["toID"], []).append(edge["fromID"])
        out_of.setdefault(edge["fromID"], []).append(edge["toID"])
    by_type = {t: [n for n in data["nodes"] if n["type"] == t] for t in ("I", "RA", "CA")}
    assert sorted(n["text"] for n in by_type["I"]) == sorted(c.text for c in graph.claims.values())
    assert len(by_type["RA"]) == len(graph.inferences)
    for ra in by_type["RA"]:  # premises -> RA -> one conclusion; undercuts add CA nodes pointing at it
        premises = [s for s in into[ra["nodeID"]] if nodes[s]["type"] == "I"]
        assert premises and [nodes[t]["type"] for t in out_of[ra["nodeID"]]] == ["I"]
    linked = [ra for ra in by_type["RA"] if sum(nodes[s]["type"] == "I" for s in into[ra["nodeID"]]) == 3]
    assert len(linked) == 1
    undercut_cas = [ca for ca in by_type["CA"] if nodes[out_of[ca["nodeID"]][0]]["type"] == "RA"]
    assert len(undercut_cas) == sum(len(i.undercut_by) for i in graph.inferences.values()) == 3
    for ca in by_type["CA"]:
        assert len(into[ca["nodeID"]]) == 1 and len(out_of[ca["nodeID"]]) == 1


def test_graphml_has_a_node_per_claim_and_an_edge_per_relation(example: tuple[Path, BriefGraph]) -> None:
    site, graph = example
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(site / "output" / "graph.graphml").getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", ns)}

    def data(element: ET.Element) -> dict[str, str]:
        return {keys[d.get("key")]: d.text or "" for d in element.findall("g:data", ns)}

    nodes = {n.get("id"): data(n) for n in root.iter("{http://graphml.graphdrawing.org/xmlns}node")}
    claims = {key: d for key, d in nodes.items() if d["kind"] == "claim"}
    assert {key.removeprefix("claim:"): d["label"] for key, d in claims.items()} == \
        {cid: c.text for cid, c in graph.claims.items()}
    edges = [(e.get("source"), e.get("target"), data(e)["relation"])
             for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert all(s in nodes and t in nodes for s, t, _ in edges)
    joined = [i for i in graph.inferences.values() if i.linked or i.undercut_by]
    expected = (len(graph.inferences) - len(joined) + sum(len(i.premises) + 1 + len(i.undercut_by) for i in joined)
                + sum(len(links.opposes) for links in graph.claim_links.values()))
    assert len(edges) == expected
    assert {r for _, _, r in edges} == {"supports", "opposes", "premise", "conclusion", "undercuts"}


_DOT_STATEMENT = re.compile(r'^  ("(?:[^"\\]|\\.)*")(?: -> ("(?:[^"\\]|\\.)*"))? \[(.*)\];$')


def test_dot_is_well_formed(example: tuple[Path, BriefGraph]) -> None:
    site, graph = example
    path = site / "output" / "graph.gv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "digraph briefgen {" and lines[-1] == "}"
    declared: set[str] = set()
    edges = 0
    for line in lines[1:-1]:
        if line.startswith(("  label=", "  node [", "  edge [")):
            continue
        match = _DOT_STATEMENT.match(line)
        assert match, line
        attributes = match.group(3)
        assert attributes.count('"') % 2 == 0 or '\\"' in attributes, line
        if match.group(2):
            assert match.group(1) in declared and match.group(2) in declared, line
            edges += 1
        else:
            declared.add(match.group(1))
    assert sum(1 for d in declared if d.startswith('"claim:')) == len(graph.claims)
    assert edges > len(graph.inferences)
    if shutil.which("dot"):  # Graphviz, where installed, must read it too
        subprocess.run(["dot", "-Tsvg", str(path), "-o", str(site / "map.svg")], check=True)


BAD = {
    "relation-after-empty-line": ("[A]: a\n\n    + [B]: b\n", (3, 5, "error")),
    "relation-not-indented": ("[A]: a\n+ [B]: b\n", (2, 1, "error")),
    "pcs-misnumbered": ("<X>\n\n(1) p\n(3) q\n----\n(4) c\n", (4, 1, "error")),
    "pcs-without-inference": ("<X>\n\n(1) p\n(2) c\n", (4, 1, "error")),
    "inference-first": ("<X>\n\n(1) p\n----\n----\n(2) c\n", (5, 1, "error")),
    "unclosed-comment": ("[A]: a /* never\n\n[B]: b\n", (1, 8, "error")),
    "inference-alone": ("[A]: a\n\n----\n", (3, 1, "error")),
    "empty-relation": ("[A]: a\n    +\n", (2, 6, "error")),
    "tags": ("[A]: a #tag\n", (1, 1, "warning")),
    "data": ("[A]: a {x: 1}\n", (1, 8, "warning")),
    "attack-on-argument": ("<X>\n\n(1) p\n----\n(2) c\n\n[A]: a\n    -> <X>\n", (8, 5, "warning")),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_argdown_is_reported_at_its_line_and_column(case: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    text, (line, col, severity) = BAD[case]
    site = empty_site(tmp_path / "site")
    (tmp_path / "bad.argdown").write_text(text, encoding="utf-8")
    code = main(["import", str(tmp_path / "bad.argdown"), str(site)])
    err = capsys.readouterr().err
    assert f"bad.argdown:{line}:{col}: {severity}:" in err, err
    written = list((site / "content" / "briefs").iterdir())
    assert (code, bool(written)) == ((1, False) if severity == "error" else (0, True))


def test_titles_become_valid_unique_ids_in_any_script(tmp_path: Path) -> None:
    text = ("[Санкции]: Санкции работают.\n\n[제재]: 제재는 효과가 없다.\n    - [Санкции]\n\n"
            "[Same Title!]: One.\n\n[same-title]: Two.\n\nAn untitled statement says this much here.\n"
            "    + [Same Title!]\n")
    site = empty_site(tmp_path / "site")
    (tmp_path / "d.argdown").write_text(text, encoding="utf-8")
    assert main(["import", str(tmp_path / "d.argdown"), str(site), "--slug", "d", "-q"]) == 0
    graph, problems = check(site, BuildOptions())
    assert not [p.format() for p in problems if p.is_error]
    assert {c.text for c in graph.claims.values()} == {"Санкции работают.", "제재는 효과가 없다.", "One.", "Two.",
                                                       "An untitled statement says this much here."}
    assert len(graph.claims) == 5 and "same-title" in graph.claims and "same-title-2" in graph.claims
    statement = next(cid for cid, c in graph.claims.items() if c.text.startswith("An untitled"))
    assert graph.claim_links["same-title"].supports == (statement,)


def test_the_map_page_links_every_export(example: tuple[Path, BriefGraph]) -> None:
    from conftest import parse_html

    site, _graph = example
    tree = parse_html(site / "output" / "map" / "index.html")
    section = tree.find(".//section[@id='data']")
    assert section is not None
    hrefs = {a.get("href") for a in section.iter("a")}
    assert hrefs == {"../graph.json", "../graph.aif.json", "../graph.argdown", "../graph.graphml", "../graph.gv"}
    assert all((site / "output" / h.removeprefix("../")).is_file() for h in hrefs if h)
    footer = parse_html(site / "output" / "index.html").find(".//footer")
    assert footer is not None and "map/#data" in {a.get("href") for a in footer.iter("a")}


ARGDOWN_BITS = ["[A]: a", "[B]", "<X>: x", "<X>", "(1) p", "(2) q", "----", "--", "    + ", "    - [A]", "  <_ [B]",
                "    _> <X>", "><", "/*", "*/", "<!--", "-->", "//", "\\", "{", "}", "#t", "# H", "===", "\n", "\n\n",
                "@[A]", "**b**", "[l](u)", "é", "제재", "\t", "\r\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ARGDOWN_BITS) | st.text(max_size=6), max_size=40))
def test_any_text_is_read_or_reported_never_a_traceback(bits: list[str]) -> None:
    text = "".join(bits)
    imported = import_argdown(text, "f.argdown", today=dt.date(2020, 1, 1))
    assert all(p.line >= 1 and p.col >= 1 for p in imported.problems)
    if imported.text:  # whatever is written is a brief briefgen reads without errors in its front matter
        doc = brief_from_bytes(imported.text.encode("utf-8"), "content/briefs/f.md", "f")
        assert not isinstance(doc, Problem), doc.format()
