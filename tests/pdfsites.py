"""Sites for the PDF tests: briefs in several scripts with every part a PDF prints, and a long brief.

Also the PDF readers the tests share (pypdf): the text of a PDF, its link targets, its tag roles.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import pypdf

KOREAN = "북한은 핵무기를 포기하지 않을 것이다"
ARABIC = "كوريا الشمالية لن تتخلى عن أسلحتها النووية"
LONG_URL = ("https://www.example.org/reports/verification/a-path-that-goes-on-and-on/"
            "without-a-single-break-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghij")

CONFIG = """\
title: PDF test site
base_url: https://example.org/policy/
language: en
pdf: true
"""

FREEZE = f"""\
---
title: A verifiable freeze is the realistic first step
date: 2021-03-04
updated: 2021-05-06
authors: [Ann Analyst, 김민준]
topics: [North Korea, Verification]
summary: Why a verifiable freeze beats demands for rapid disarmament.
claims:
  - id: freeze-verifiable
    text: A freeze of North Korea's nuclear programme can be verified by inspectors.
    sources: [iaea-report]
  - id: korean-claim
    text: {KOREAN}.
    supports: [freeze-verifiable]
counterclaims:
  - id: rapid-disarmament
    text: Rapid disarmament is achievable within a year.
    held_by: [hawks]
    opposes: freeze-verifiable
    rebuttal: No state has given up a tested arsenal that fast [@arabic-source].
sources:
  - id: iaea-report
    title: Verification of nuclear freezes
    publisher: International Atomic Energy Agency
    kind: report
    url: {LONG_URL}
    date: 2020
  - id: arabic-source
    title: تقرير عن نزع السلاح النووي
    publisher: مركز الدراسات
    kind: report
---
The first step is that [a freeze can be verified]{{claim=freeze-verifiable}} [@iaea-report], as
[the hawks](actor:hawks) know.[^1] See also [the other brief](brief:relief).

> Inspectors verified the 1994 freeze for eight years. [@iaea-report]

A Korean reader would put it: {KOREAN}.

{ARABIC}.

| Step | Verified by |
| --- | --- |
| Freeze | Inspectors |

![A chart of warheads](http://127.0.0.1:9/chart.png)

[^1]: The footnote's text, printed with the brief.
"""

RELIEF = """\
---
title: Sanctions relief can buy a freeze
date: 2021-02-01
authors: [Bo Writer]
topics: [North Korea]
summary: The other brief.
claims:
  - id: relief-buys-freeze
    text: Phased sanctions relief can buy a freeze.
    supports: [freeze-verifiable]
---
Relief [buys a freeze]{claim=relief-buys-freeze}.
"""

ACTORS = """\
- id: hawks
  name: The hawks
  role: Advocates of maximum pressure
  kind: organization
"""

AUTHORS = """\
- id: kim-minjun
  name: 김민준
  bio: 연구원.
"""


def print_site(root: Path, config: str = CONFIG) -> Path:
    """A two-brief site that prints PDFs."""
    files = {"briefgen.yaml": config, "content/briefs/freeze.md": FREEZE, "content/briefs/relief.md": RELIEF,
             "content/actors.yaml": ACTORS, "content/authors.yaml": AUTHORS}
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def long_brief(sections: int = 12) -> str:
    """A long brief: a long title, many sections with citations, claim passages and footnotes."""
    claims = "\n".join(f"  - id: long-claim-{i}\n    text: Claim {i} of the long brief holds, for reasons "
                       f"section {i} gives at length.\n    sources: [long-src-{i % 5}]" for i in range(sections))
    sources = "\n".join(f"  - id: long-src-{i}\n    title: Long source number {i}, a report with a long title "
                        f"of its own\n    publisher: Institute {i}\n    kind: report\n    url: {LONG_URL}{i}\n"
                        f"    date: 20{10 + i}" for i in range(5))
    body = "\n\n".join(
        f"## Section {i}: what follows from it\n\n" + " ".join(
            f"Sentence {j} of section {i} makes the argument a little longer, as briefs do." for j in range(14))
        + f" [Claim {i} holds]{{claim=long-claim-{i}}} [@long-src-{i % 5}; @long-src-{(i + 1) % 5}].[^n{i}]"
        + f"\n\n[^n{i}]: Note {i}: where the evidence for section {i} comes from, and its caveats."
        for i in range(sections))
    return (f"---\ntitle: A very long brief whose title goes on well past the width of a running header "
            f"at the top of each page\ndate: 2022-01-02\nauthors: [Ann Analyst]\ntopics: [Length]\n"
            f"summary: A brief long enough to fill several pages.\nclaims:\n{claims}\nsources:\n{sources}\n"
            f"---\n{body}\n")


def pdf_reader(path: Path) -> pypdf.PdfReader:
    return pypdf.PdfReader(BytesIO(path.read_bytes()))


def pdf_text(path: Path) -> str:
    """The text of every page, with runs of whitespace made single spaces."""
    return " ".join(" ".join(page.extract_text().split()) for page in pdf_reader(path).pages)


def link_targets(reader: pypdf.PdfReader) -> tuple[set[str], set[str]]:
    """(URIs of links, named destinations of links inside the document) on every page."""
    uris: set[str] = set()
    names: set[str] = set()
    for page in reader.pages:
        for ref in page.get("/Annots") or ():
            annot = ref.get_object()
            action = annot.get("/A")
            if action is not None and action.get("/S") == "/URI":
                uris.add(str(action["/URI"]))
            elif annot.get("/Dest") is not None:
                names.add(str(annot["/Dest"]))
    return uris, names


def tag_roles(reader: pypdf.PdfReader) -> set[str]:
    """Every structure type (/H1, /P, /Link ...) in the PDF's tag tree."""
    roles: set[str] = set()
    todo: list[Any] = [reader.trailer["/Root"]["/StructTreeRoot"]]
    seen: set[int] = set()
    while todo:
        node = todo.pop()
        if hasattr(node, "get_object"):
            node = node.get_object()
        if isinstance(node, list):
            todo.extend(node)
            continue
        if not isinstance(node, dict) or id(node) in seen:
            continue
        seen.add(id(node))
        if "/S" in node:
            roles.add(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            todo.append(kids)
    return roles
