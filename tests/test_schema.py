"""The published JSON Schemas and briefgen's own reading of content never disagree.

Both come from one description (briefgen/load/formats.py). briefgen never runs the schemas;
here jsonschema does, on the same documents: each mistake below is rejected by both, at the
same line, and real content (the example site, the starter site, a generated corpus) is
accepted by both.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from briefgen.cli import main
from briefgen.engine import BuildOptions, check
from briefgen.errors import Problem
from briefgen.load.fields import BRIEF_KEYS, CLAIM_KEYS, CONFIG_KEYS, COUNTERCLAIM_KEYS, SOURCE_KEYS
from briefgen.load.files import SITE_FILES, brief_from_bytes
from briefgen.load.formats import LINKED_SUPPORT, UNDERCUT
from briefgen.load.marks import Locator
from briefgen.load.schemas import SCHEMA_NAMES, build_schemas, load_schema, render_schema, schema_dir
from briefgen.load.yamlload import load_yaml
from briefgen.paths import SitePaths

REPO = Path(__file__).resolve().parent.parent
GEN_CORPUS = REPO.parent / "shared" / "bench" / "gen_corpus.py"
HEAD = "---\ntitle: T\ndate: 2020-01-02\nsummary: S.\n"
OK_SOURCES = "sources:\n  - id: s\n    title: S\n"
CLAIM = "claims:\n  - id: c\n    text: x\n"
COUNTER = "counterclaims:\n  - id: k\n    text: x\n"
BRIEF = "content/briefs/a.md"
REVIEWS = "    sources: [s]\n    reviews:\n"
REVIEW = REVIEWS + "      - rating: mixed\n        date: 2020-01-03\n"
POSITION = "positions:\n  - actor: a\n    claim: c\n"

# (file, text, the line both must flag); every case is one mistake in otherwise valid content.
INVALID: dict[str, tuple[str, str, int]] = {
    # brief front matter
    "front-matter-list": (BRIEF, "---\n- a\n---\nBody.\n", 2),
    "front-matter-empty": (BRIEF, "---\n---\nBody.\n", 2),
    "title-missing": (BRIEF, "---\ndate: 2020-01-02\n---\nBody.\n", 2),
    "title-empty": (BRIEF, "---\ntitle: '  '\ndate: 2020-01-02\n---\nBody.\n", 2),
    "title-null": (BRIEF, "---\ntitle:\ndate: 2020-01-02\n---\nBody.\n", 2),
    "title-list": (BRIEF, "---\ntitle: [a, b]\ndate: 2020-01-02\n---\nBody.\n", 2),
    "date-missing": (BRIEF, "---\ntitle: T\n---\nBody.\n", 2),
    "date-missing-draft-not-bool": (BRIEF, "---\ntitle: T\ndraft: 'yes'\n---\nBody.\n", 2),
    "date-null": (BRIEF, "---\ntitle: T\ndate:\n---\nBody.\n", 3),
    "date-bad": (BRIEF, "---\ntitle: T\ndate: next week\n---\nBody.\n", 3),
    "date-impossible": (BRIEF, "---\ntitle: T\ndate: '2019-02-30'\n---\nBody.\n", 3),
    "date-not-iso": (BRIEF, "---\ntitle: T\ndate: '20190220'\n---\nBody.\n", 3),
    "date-number": (BRIEF, "---\ntitle: T\ndate: 2019\n---\nBody.\n", 3),
    "date-time-no-minutes": (BRIEF, "---\ntitle: T\ndate: '2019-02-20 10'\n---\nBody.\n", 3),
    "date-time-bad-zone": (BRIEF, "---\ntitle: T\ndate: '2019-02-20 10:00 EST'\n---\nBody.\n", 3),
    "date-time-slashes": (BRIEF, "---\ntitle: T\ndate: 2019/02/20 10:00\n---\nBody.\n", 3),
    "updated-bad": (BRIEF, HEAD + "updated: soon\n---\nBody.\n", 5),
    "draft-not-bool": (BRIEF, HEAD + "draft: maybe\n---\nBody.\n", 5),
    "slug-bad": (BRIEF, HEAD + "slug: Not OK\n---\nBody.\n", 5),
    "slug-list": (BRIEF, HEAD + "slug: [a]\n---\nBody.\n", 5),
    "slug-unicode-with-space": (BRIEF, HEAD + "slug: 북한 비핵화\n---\nBody.\n", 5),
    "slug-unicode-with-slash": (BRIEF, HEAD + "slug: 북한/비핵화\n---\nBody.\n", 5),
    "lang-not-a-tag": (BRIEF, HEAD + "lang: Arabic script\n---\nBody.\n", 5),
    "lang-list": (BRIEF, HEAD + "lang: [ar]\n---\nBody.\n", 5),
    "authors-number": (BRIEF, HEAD + "authors: 5\n---\nBody.\n", 5),
    "authors-empty-item": (BRIEF, HEAD + "authors: ['']\n---\nBody.\n", 5),
    "topics-mapping": (BRIEF, HEAD + "topics: {a: b}\n---\nBody.\n", 5),
    "topics-nested": (BRIEF, HEAD + "topics: [[x]]\n---\nBody.\n", 5),
    "aliases-mapping": (BRIEF, HEAD + "aliases: {a: b}\n---\nBody.\n", 5),
    "aliases-empty-item": (BRIEF, HEAD + "aliases: ['/old/', '']\n---\nBody.\n", 5),
    "summary-mapping": (BRIEF, "---\ntitle: T\ndate: 2020-01-02\nsummary: {a: b}\n---\nBody.\n", 4),
    "claims-not-list": (BRIEF, HEAD + "claims: nope\n---\nBody.\n", 5),
    "claim-entry-boolean": (BRIEF, HEAD + "claims:\n  - true\n---\nBody.\n", 6),
    "claim-bad-id": (BRIEF, HEAD + "claims:\n  - id: Bad Id\n    text: x\n---\nB.\n", 6),
    "claim-bare-bad-id": (BRIEF, HEAD + "claims:\n  - Bad Id\n---\nB.\n", 6),
    "claim-no-id": (BRIEF, HEAD + "claims:\n  - text: x\n---\nB.\n", 6),
    "claim-text-list": (BRIEF, HEAD + "claims:\n  - id: c\n    text: [x]\n---\nB.\n", 7),
    "claim-sources-mapping": (BRIEF, HEAD + CLAIM + "    sources: {a: b}\n---\nB.\n", 8),
    "claim-supports-bad-id": (BRIEF, HEAD + CLAIM + "    supports: [Not OK]\n---\nB.\n", 8),
    "claim-opposes-boolean": (BRIEF, HEAD + CLAIM + "    opposes: true\n---\nB.\n", 8),
    "claim-held-by-bad-id": (BRIEF, HEAD + CLAIM + "    held_by: [a, B C]\n---\nB.\n", 8),
    "supports-mapping-not-list": (BRIEF, HEAD + CLAIM + "    supports: {claim: d, with: [e]}\n---\nB.\n", 8),
    "supports-item-list": (BRIEF, HEAD + CLAIM + "    supports: [d, [e]]\n---\nB.\n", 8),
    "linked-support-no-claim": (BRIEF, HEAD + CLAIM + "    supports:\n      - with: [e]\n---\nB.\n", 9),
    "linked-support-bad-claim": (BRIEF, HEAD + CLAIM + "    supports:\n      - claim: D E\n        with: [e]\n"
                                 "---\nB.\n", 9),
    "linked-support-with-mapping": (BRIEF, HEAD + CLAIM + "    supports:\n      - claim: d\n        with: {e: f}\n"
                                    "---\nB.\n", 10),
    "linked-support-with-bad-id": (BRIEF, HEAD + CLAIM + "    supports: [{claim: d, with: [e, F_1]}]\n---\nB.\n", 8),
    "undercuts-not-list": (BRIEF, HEAD + CLAIM + "    undercuts: {from: a, to: b}\n---\nB.\n", 8),
    "undercuts-bare-id": (BRIEF, HEAD + CLAIM + "    undercuts: [a]\n---\nB.\n", 8),
    "undercut-no-to": (BRIEF, HEAD + CLAIM + "    undercuts:\n      - from: a\n---\nB.\n", 9),
    "undercut-no-from": (BRIEF, HEAD + CLAIM + "    undercuts:\n      - to: b\n---\nB.\n", 9),
    "undercut-to-list": (BRIEF, HEAD + CLAIM + "    undercuts:\n      - from: a\n        to: [b]\n---\nB.\n", 10),
    "undercut-from-bad-id": (BRIEF, HEAD + CLAIM + "    undercuts:\n      - from: [a, Not OK]\n        to: b\n"
                             "---\nB.\n", 9),
    "counterclaims-not-list": (BRIEF, HEAD + "counterclaims: x y\n---\nBody.\n", 5),
    "counterclaim-bad-id": (BRIEF, HEAD + "counterclaims:\n  - id: K_1\n    text: x\n---\nB.\n", 6),
    "counterclaim-rebuttal-list": (BRIEF, HEAD + COUNTER + "    rebuttal: [a]\n---\nB.\n", 8),
    "sources-not-list": (BRIEF, HEAD + "sources: {id: s}\n---\nBody.\n", 5),
    "source-entry-number": (BRIEF, HEAD + "sources:\n  - 1.5\n---\nBody.\n", 6),
    "source-bad-id": (BRIEF, HEAD + "sources:\n  - id: Bad S\n    title: S\n---\nBody.\n", 6),
    "source-no-id": (BRIEF, HEAD + "sources:\n  - title: S\n---\nBody.\n", 6),
    "source-no-title": (BRIEF, HEAD + "sources:\n  - id: s\n    publisher: P\n---\n[@s]\n", 6),
    "source-title-mapping": (BRIEF, HEAD + "sources:\n  - id: s\n    title: {a: b}\n---\n[@s]\n", 7),
    "source-bad-kind": (BRIEF, HEAD + OK_SOURCES + "    kind: blog\n---\n[@s]\n", 8),
    "source-bad-url": (BRIEF, HEAD + OK_SOURCES + "    url: ftp://x.org/a\n---\n[@s]\n", 8),
    "source-url-with-space": (BRIEF, HEAD + OK_SOURCES + "    url: https://x.org/a b\n---\n[@s]\n", 8),
    "source-url-no-host": (BRIEF, HEAD + OK_SOURCES + "    url: https:///a\n---\n[@s]\n", 8),
    "source-date-list": (BRIEF, HEAD + OK_SOURCES + "    date: [2019]\n---\n[@s]\n", 8),
    "source-authors-mapping": (BRIEF, HEAD + OK_SOURCES + "    authors: {a: b}\n---\n[@s]\n", 8),
    "source-publisher-list": (BRIEF, HEAD + OK_SOURCES + "    publisher: [a]\n---\n[@s]\n", 8),
    "source-note-mapping": (BRIEF, HEAD + OK_SOURCES + "    note: {a: b}\n---\n[@s]\n", 8),
    "source-archived-url-mailto": (BRIEF, HEAD + OK_SOURCES + "    archived_url: mailto:a@b.org\n---\n[@s]\n", 8),
    "source-archived-url-relative": (BRIEF, HEAD + OK_SOURCES + "    archived_url: web/2019/x\n---\n[@s]\n", 8),
    "source-archived-url-list": (BRIEF, HEAD + OK_SOURCES + "    archived_url: [https://a.org]\n---\n[@s]\n", 8),
    "source-accessed-year": (BRIEF, HEAD + OK_SOURCES + "    accessed: 2019\n---\n[@s]\n", 8),
    "source-accessed-impossible": (BRIEF, HEAD + OK_SOURCES + "    accessed: '2019-02-30'\n---\n[@s]\n", 8),
    "sources-file-bad-accessed": ("content/sources.yaml", "- id: t\n  title: T\n  accessed: yesterday\n", 3),
    "doi-not-a-doi": (BRIEF, HEAD + "doi: not-a-doi\n---\nBody.\n", 5),
    "doi-short-registrant": (BRIEF, HEAD + "doi: 10.12/abc\n---\nBody.\n", 5),
    "doi-no-suffix": (BRIEF, HEAD + "doi: 10.1234/\n---\nBody.\n", 5),
    "doi-other-host": (BRIEF, HEAD + "doi: https://example.org/10.1234/abc\n---\nBody.\n", 5),
    "doi-list": (BRIEF, HEAD + "doi: [10.1234/abc]\n---\nBody.\n", 5),
    # content/sources.yaml, claims.yaml, actors.yaml, authors.yaml
    "sources-file-not-list": ("content/sources.yaml", "id: s\ntitle: S\n", 1),
    "sources-file-no-id": ("content/sources.yaml", "- title: S\n", 1),
    "sources-file-bad-url": ("content/sources.yaml", "- id: t\n  title: T\n  url: example.org\n", 3),
    "claims-file-not-list": ("content/claims.yaml", "id: c\ntext: X\n", 1),
    "claims-file-bad-id": ("content/claims.yaml", "- id: Bad\n  text: X\n", 1),
    "claims-file-opposes-mapping": ("content/claims.yaml", "- id: c\n  text: X\n  opposes: {a: b}\n", 3),
    "claims-file-undercut-to-empty": ("content/claims.yaml", "- id: c\n  text: X\n  undercuts:\n"
                                      "    - from: a\n      to:\n", 5),
    "actor-entry-text": ("content/actors.yaml", "- just text\n", 1),
    "actor-no-id": ("content/actors.yaml", "- name: A\n", 1),
    "actor-bad-id": ("content/actors.yaml", "- id: A B\n  name: A\n", 1),
    "actor-no-name": ("content/actors.yaml", "- id: a\n  role: R\n", 1),
    "actor-name-empty": ("content/actors.yaml", "- id: a\n  name: ''\n", 2),
    "actor-role-list": ("content/actors.yaml", "- id: a\n  name: A\n  role: [r]\n", 3),
    "actor-bad-kind": ("content/actors.yaml", "- id: a\n  name: A\n  kind: robot\n", 3),
    "actor-bad-url": ("content/actors.yaml", "- id: a\n  name: A\n  url: javascript:x\n", 3),
    "author-no-name": ("content/authors.yaml", "- bio: B\n", 1),
    "author-bad-id": ("content/authors.yaml", "- name: A\n  id: Not OK\n", 2),
    "author-bio-list": ("content/authors.yaml", "- name: A\n  bio: [x]\n", 2),
    "author-bad-url": ("content/authors.yaml", "- name: A\n  url: example.org\n", 2),
    "orcid-short": ("content/authors.yaml", "- name: A\n  orcid: 0000-0002-1825\n", 2),
    "orcid-letters": ("content/authors.yaml", "- name: A\n  orcid: abcd-0002-1825-0097\n", 2),
    "orcid-other-host": ("content/authors.yaml", "- name: A\n  orcid: https://example.org/0000-0002-1825-0097\n", 2),
    # briefgen.yaml
    "config-not-mapping": ("briefgen.yaml", "- a\n", 1),
    "config-title-list": ("briefgen.yaml", "title: [a]\n", 1),
    "config-description-mapping": ("briefgen.yaml", "description: {a: b}\n", 1),
    "config-language-list": ("briefgen.yaml", "language: [en]\n", 1),
    "config-copyright-list": ("briefgen.yaml", "copyright: [me]\n", 1),
    "config-publisher-mapping": ("briefgen.yaml", "publisher: {a: b}\n", 1),
    "config-allow-html": ("briefgen.yaml", "title: T\nallow_html: yes please\n", 2),
    "config-base-url": ("briefgen.yaml", "base_url: example.org\n", 1),
    "config-base-url-mailto": ("briefgen.yaml", "base_url: mailto:me@example.org\n", 1),
    "config-citation-style-list": ("briefgen.yaml", "citation_style: [apa]\n", 1),
    # reviews, positions, corrections and the rating scale
    "claim-reviews-not-list": (BRIEF, HEAD + CLAIM + "    reviews: good\n---\nB.\n", 8),
    "review-no-rating": (BRIEF, HEAD + CLAIM + REVIEWS + "      - date: 2020-01-03\n---\nB.\n", 10),
    "review-no-date": (BRIEF, HEAD + CLAIM + REVIEWS + "      - rating: mixed\n---\nB.\n", 10),
    "review-bad-date": (BRIEF, HEAD + CLAIM + REVIEWS + "      - rating: mixed\n        date: soon\n---\nB.\n", 11),
    "review-rating-list": (BRIEF, HEAD + CLAIM + REVIEWS + "      - rating: [mixed]\n        date: 2020-01-03\n"
                           "---\nB.\n", 10),
    "review-reviewer-mapping": (BRIEF, HEAD + CLAIM + REVIEW + "        reviewer: {a: b}\n---\nB.\n", 12),
    "review-explanation-list": (BRIEF, HEAD + CLAIM + REVIEW + "        explanation: [a]\n---\nB.\n", 12),
    "review-sources-bad-id": (BRIEF, HEAD + CLAIM + REVIEW + "        sources: [Not OK]\n---\nB.\n", 12),
    "review-url-mailto": (BRIEF, HEAD + CLAIM + REVIEW + "        url: mailto:desk@example.org\n---\nB.\n", 12),
    "counterclaim-review-entry-text": (BRIEF, HEAD + COUNTER + "    reviews:\n      - mixed\n---\nB.\n", 9),
    "claim-corrections-mapping": (BRIEF, HEAD + CLAIM + "    corrections: {date: 2020-01-03}\n---\nB.\n", 8),
    "claim-correction-no-text": (BRIEF, HEAD + CLAIM + "    corrections:\n      - date: 2020-01-03\n---\nB.\n", 9),
    "corrections-not-list": (BRIEF, HEAD + "corrections: fixed\n---\nBody.\n", 5),
    "correction-no-date": (BRIEF, HEAD + "corrections:\n  - text: Fixed.\n---\nBody.\n", 6),
    "correction-bad-date": (BRIEF, HEAD + "corrections:\n  - date: today\n    text: Fixed.\n---\nBody.\n", 6),
    "correction-text-mapping": (BRIEF, HEAD + "corrections:\n  - date: 2020-01-03\n    text: {a: b}\n---\nB.\n", 7),
    "positions-not-list": (BRIEF, HEAD + "positions: said\n---\nBody.\n", 5),
    "position-entry-text": (BRIEF, HEAD + "positions:\n  - a said c\n---\nBody.\n", 6),
    "position-no-actor": (BRIEF, HEAD + "positions:\n  - claim: c\n    stance: asserts\n---\nB.\n", 6),
    "position-bad-stance": (BRIEF, HEAD + POSITION + "    stance: maybe\n---\nB.\n", 8),
    "position-actor-bad-id": (BRIEF, HEAD + "positions:\n  - actor: A B\n    claim: c\n    stance: asserts\n"
                              "---\nB.\n", 6),
    "position-date-words": (BRIEF, HEAD + POSITION + "    stance: denies\n    date: spring\n---\nB.\n", 9),
    "position-month-13": (BRIEF, HEAD + POSITION + "    stance: denies\n    date: 2019-13\n---\nB.\n", 9),
    "position-year-short": (BRIEF, HEAD + POSITION + "    stance: denies\n    date: 219\n---\nB.\n", 9),
    "position-source-list": (BRIEF, HEAD + POSITION + "    stance: denies\n    source: [s]\n---\nB.\n", 9),
    "position-quote-mapping": (BRIEF, HEAD + POSITION + "    stance: denies\n    quote: {a: b}\n---\nB.\n", 9),
    "position-note-list": (BRIEF, HEAD + POSITION + "    stance: denies\n    note: [a]\n---\nB.\n", 9),
    "positions-file-not-list": ("content/positions.yaml", "actor: a\nclaim: c\nstance: asserts\n", 1),
    "positions-file-no-stance": ("content/positions.yaml", "- actor: a\n  claim: c\n", 1),
    "positions-file-bad-date": ("content/positions.yaml", "- actor: a\n  claim: c\n  stance: asserts\n"
                                "  date: 2019-02-32\n", 4),
    "config-ratings-not-list": ("briefgen.yaml", "ratings: true, false\n", 1),
    "config-rating-bad-id": ("briefgen.yaml", "ratings:\n  - Mostly False\n  - wrong\n", 2),
    "config-rating-no-id": ("briefgen.yaml", "ratings:\n  - label: Right\n  - wrong\n", 2),
    "config-rating-label-list": ("briefgen.yaml", "ratings:\n  - id: right\n    label: [R]\n  - wrong\n", 3),
    "config-language-not-a-tag": ("briefgen.yaml", "language: English\n", 1),
    "config-date-format-list": ("briefgen.yaml", "date_format: ['%Y']\n", 1),
    "config-month-names-mapping": ("briefgen.yaml", "month_names: {a: b}\n", 1),
    "config-timezone-list": ("briefgen.yaml", "timezone: [UTC]\n", 1),
    "config-pdf": ("briefgen.yaml", "title: T\npdf: on paper\n", 2),
}
VALID_BRIEF = HEAD + OK_SOURCES + "---\n[@s]\n"
SCHEMA_OF = {"briefgen.yaml": "config", **{f"content/{name}.yaml": name for name in SITE_FILES}}


@cache
def _validator(name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(load_schema(name), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def to_json(value: Any) -> Any:
    """YAML data as the JSON an editor checks: dates and date-times as ISO text."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    return value


def _document(rel: str, raw: bytes) -> tuple[str, Any, Locator]:
    """(schema name, data, marks) of one content file, read the way briefgen reads it."""
    if rel.endswith(".md"):
        doc = brief_from_bytes(raw, rel, Path(rel).stem)
        assert not isinstance(doc, Problem), doc.format()
        return "brief", doc.front, doc.marks
    data, marks = load_yaml(raw.decode("utf-8"))
    return SCHEMA_OF[rel], data, marks


def schema_error_lines(rel: str, raw: bytes) -> set[int]:
    """The lines jsonschema finds errors on (an unknown key counts: the schema forbids them)."""
    name, data, marks = _document(rel, raw)
    return {marks.at(tuple(error.absolute_path))[0] for error in _validator(name).iter_errors(to_json(data))}


def _site(tmp_path: Path, rel: str, text: str) -> Path:
    site = tmp_path / "site"
    for name, body in {BRIEF: VALID_BRIEF, rel: text}.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(body, encoding="utf-8")
    return site


def _error_lines(problems: list[Problem], path: str) -> set[int]:
    return {p.line for p in problems if p.is_error and p.path == path}


def test_the_invalid_table_covers_every_key_of_every_file() -> None:
    assert len(INVALID) >= 40
    texts = {rel: "".join(text for r, text, _line in INVALID.values() if r == rel) for rel in (BRIEF, *SCHEMA_OF)}
    relation_keys = LINKED_SUPPORT.names + UNDERCUT.names
    for rel, keys in ((BRIEF, BRIEF_KEYS + CLAIM_KEYS + COUNTERCLAIM_KEYS + SOURCE_KEYS + relation_keys),
                      ("briefgen.yaml", CONFIG_KEYS)):
        assert not [key for key in keys if f"{key}:" not in texts[rel] and f"- {key}" not in texts[rel]]
    assert all(texts[f"content/{name}.yaml"] for name in SITE_FILES)


@pytest.mark.parametrize("case", sorted(INVALID))
def test_schema_and_briefgen_reject_each_mistake_at_the_same_line(case: str, tmp_path: Path) -> None:
    rel, text, line = INVALID[case]
    schema_lines = schema_error_lines(rel, text.encode("utf-8"))
    assert line in schema_lines, f"jsonschema: {schema_lines}"
    _graph, problems = check(_site(tmp_path, rel, text), BuildOptions())
    briefgen_lines = _error_lines(problems, rel)
    assert line in briefgen_lines, [p.format() for p in problems]
    assert schema_lines <= briefgen_lines, [p.format() for p in problems]


@pytest.mark.parametrize("rel,text", [
    (BRIEF, VALID_BRIEF),
    (BRIEF, "---\ntitle: T\ndraft: true\n---\nNo date is fine in a draft.\n"),
    (BRIEF, HEAD + "aliases: [/2019/02/old-name/, old/page.html, /%EB%B6%81%ED%95%9C/]\n---\nOld addresses.\n"),
    (BRIEF, HEAD + "topics: North Korea\nclaims:\n  - id: c\n    text: X\n"
     "    sources: s\n  - c\n" + OK_SOURCES + "    date: 2019\n---\n[@s]\n"),
    (BRIEF, HEAD + "slug:\nupdated:\nauthors:\ntopics:\ndraft:\nclaims:\ncounterclaims:\n" + OK_SOURCES +
     "    kind:\n    url: ''\n    date:\n    note:\n---\nEmpty keys mean absent [@s].\n"),
    (BRIEF, HEAD + "updated: 2020-01-03 10:00:00\n" + OK_SOURCES + "    url: mailto:desk@example.org\n"
     "    kind: report\n    authors: [A. Writer, 2]\n---\n[@s]\n"),
    *((BRIEF, f"---\ntitle: T\ndate: {date}\nsummary: S.\n" + OK_SOURCES + "---\n[@s]\n") for date in (
        "2019-02-20T10:00:00Z", "2019-02-20t10:00:00.5+02:00", "'2015-06-29 1:00:19 -0400'",
        "'2010-10-22 11:33:15 -0400'", "'2019-02-20 10:00'", "2019-02-20 10:00:00", "'2019-02-20T10:00+05:30'",
        "'2019-02-20 10:00 UTC'")),
    (BRIEF, HEAD + "updated: '2019-02-21 09:30 +0900'\nlang: zh-Hant\ntopics: [북한, 中国, Россия, Ελλάδα, 🎉]\n"
     "authors: [محمد علي]\nslug: 북한-비핵화\nclaims:\n  - id: 북한-핵-보유\n    text: X\n    sources: [연합뉴스]\n"
     "sources:\n  - id: 연합뉴스\n    title: S\n---\n[x]{claim=북한-핵-보유} [@연합뉴스]\n"),
    (BRIEF, HEAD + "claims:\n  - id: a\n    text: A\n    supports: [c, {claim: c, with: b}]\n  - id: b\n"
     "    text: B\n    supports:\n      - claim: c\n        with: [a]\n      - {claim: c}\n  - id: c\n    text: C\n"
     "counterclaims:\n  - id: u\n    text: U\n    undercuts:\n      - {from: [b, a], to: c}\n"
     "      - from: a\n        to: c\n    supports: 7\n  - id: '7'\n    text: Seven\n---\nB.\n"),
    (BRIEF, HEAD + OK_SOURCES + "    url: https://example.org/a\n    archived_url: https://web.archive.org/web/"
     "20190221000000/https://example.org/a\n    accessed: 2019-02-21\n---\n[@s]\n"),
    (BRIEF, HEAD + OK_SOURCES + "    archived_url:\n    accessed:\n---\nEmpty keys mean absent [@s].\n"),
    ("content/sources.yaml", "- id: t\n  title: T\n  archived_url: http://perma.cc/ABCD-1234\n"
     "  accessed: 2020-01-02\n"),
    ("content/sources.yaml", ""),
    ("content/actors.yaml", "- id: a\n  name: A\n  kind: organization\n  url: https://example.org\n"),
    ("content/authors.yaml", "- name: A Writer\n- name: B\n  id: b\n  bio: B.\n"),
    ("briefgen.yaml", "title: T\nbase_url: https://example.org/briefs/\ncitation_style: apa\n"),
    ("briefgen.yaml", "language: ar\ndate_format: '%-d %B %Y'\ntimezone: Asia/Riyadh\nmonth_names: [يناير, فبراير, "
     "مارس, أبريل, مايو, يونيو, يوليو, أغسطس, سبتمبر, أكتوبر, نوفمبر, ديسمبر]\n"),
    ("briefgen.yaml", "language: pt_BR\ndate_format: '%d/%m/%Y'\n"),
    ("briefgen.yaml", "title: T\npublisher: Example Institute\n"),
    (BRIEF, HEAD + "doi: 10.1234/abc.def-1\n---\nBody.\n"),
    (BRIEF, HEAD + "doi: 'doi:10.1000.10/x(1);2'\n---\nBody.\n"),
    (BRIEF, HEAD + "doi: https://doi.org/10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0\n---\nB.\n"),
    (BRIEF, HEAD + "doi:\n---\nAn empty DOI is no DOI.\n"),
    ("content/authors.yaml", "- name: A\n  orcid: 0000-0002-1825-0097\n- name: B\n  orcid: https://orcid.org/0000-0002-1694-233x\n"),
    ("briefgen.yaml", ""),
])
def test_schema_and_briefgen_accept_valid_content(rel: str, text: str, tmp_path: Path) -> None:
    assert not schema_error_lines(rel, text.encode("utf-8"))
    _graph, problems = check(_site(tmp_path, rel, text), BuildOptions())
    assert not [p.format() for p in problems if p.is_error]


def _assert_site_valid_for_both(site: Path) -> int:
    paths = SitePaths.of(site)
    files = [*sorted(paths.content.glob("briefs/**/*.md")),
             *(p for p in (site / "briefgen.yaml", *(paths.content / f"{n}.yaml" for n in SITE_FILES)) if p.is_file())]
    for path in files:
        rel = path.relative_to(site).as_posix()
        assert not schema_error_lines(rel, path.read_bytes()), rel
    _graph, problems = check(site, BuildOptions(drafts=True))
    assert not [p.format() for p in problems if p.is_error]
    return len(files)


RECORDS_SITE = {
    BRIEF: HEAD + "claims:\n  - id: c\n    text: X\n" + REVIEW + "        reviewer: The Desk\n"
    "        explanation: |\n          Not *so*.\n        url: https://example.org/r\n"
    "      - rating: Mostly accurate\n        date: 2020-02-01\n"
    "    corrections:\n      - date: 2020-01-04 10:00:00\n        text: Reworded.\n"
    "positions:\n  - actor: a\n    claim: c\n    stance: asserts\n    date: 2019\n    source: s\n"
    "    quote: Yes.\n    note: Said twice.\n  - actor: a\n    claim: c\n    stance: denies\n    date: 2019-06\n"
    "  - actor: a\n    claim: c\n    stance: asserts\n    date: 2019-07-02\n"
    "corrections:\n  - date: 2020-01-05\n    text: Fixed a date.\n" + OK_SOURCES + "---\n[@s]\n",
    "content/positions.yaml": "- actor: a\n  claim: c\n  stance: denies\n  date: '2019-02'\n  source: s\n"
                              "- actor: a\n  claim: c\n  stance: asserts\n  date: 2018\n",
    "content/actors.yaml": "- id: a\n  name: A\n",
    "briefgen.yaml": "ratings:\n  - id: 'true'\n    label: 'True'\n  - mostly-accurate\n  - mixed\n"
                     "  - id: pants-on-fire\n",
}


def test_reviews_positions_corrections_and_a_rating_scale_are_valid_for_both(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for rel, text in RECORDS_SITE.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    assert _assert_site_valid_for_both(site) == 4


def test_the_example_and_starter_sites_are_valid_for_both(tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "example" / "content")
    shutil.copy(REPO / "briefgen.yaml", tmp_path / "example" / "briefgen.yaml")
    main(["init", str(tmp_path / "starter"), "-q"])
    assert _assert_site_valid_for_both(tmp_path / "example") >= 5
    assert _assert_site_valid_for_both(tmp_path / "starter") >= 3


@pytest.mark.skipif(not GEN_CORPUS.is_file(), reason="needs shared/bench/gen_corpus.py beside the repo")
def test_a_generated_corpus_is_valid_for_both(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(GEN_CORPUS), "--n", "50", "--out", str(tmp_path / "content")],
                   check=True, capture_output=True)
    assert _assert_site_valid_for_both(tmp_path) > 50


def test_unknown_keys_are_warnings_to_briefgen_and_forbidden_by_the_schema(tmp_path: Path) -> None:
    text = HEAD + "tittle: x\n---\nBody.\n"
    assert schema_error_lines(BRIEF, text.encode("utf-8")) == {2}  # the mapping that holds it
    _graph, problems = check(_site(tmp_path, BRIEF, text), BuildOptions())
    assert [(p.line, p.severity.value, p.code) for p in problems if p.line == 5] == [(5, "warning", "unknown-key")]


def test_checking_a_site_never_imports_jsonschema(tmp_path: Path) -> None:
    site = _site(tmp_path, "briefgen.yaml", "title: T\n")
    code = ("import sys; from briefgen.cli import main; main(['check', sys.argv[1], '-q']); "
            "sys.exit(3 if 'jsonschema' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code, str(site)], cwd=REPO).returncode == 0


def test_schema_files_are_up_to_date_and_cover_the_keys() -> None:
    built = build_schemas()
    assert set(built) == set(SCHEMA_NAMES)
    for name in SCHEMA_NAMES:
        assert (schema_dir() / f"{name}.json").read_text(encoding="utf-8") == render_schema(built[name]), \
            "run: python -m briefgen.load.schemas"
    brief = load_schema("brief")
    assert set(brief["properties"]) == set(BRIEF_KEYS)
    claim = brief["properties"]["claims"]["items"]["then"]
    counter = brief["properties"]["counterclaims"]["items"]["then"]
    source = brief["properties"]["sources"]["items"]["then"]
    assert set(claim["properties"]) == set(CLAIM_KEYS)
    assert set(counter["properties"]) == set(COUNTERCLAIM_KEYS)
    assert set(source["properties"]) == set(SOURCE_KEYS)
    assert set(load_schema("config")["properties"]) == set(CONFIG_KEYS)
    json.dumps(brief)  # plain JSON, nothing Python-only


def test_schemas_are_published_with_the_site(scratch_site) -> None:  # type: ignore[no-untyped-def]
    site = scratch_site({BRIEF: VALID_BRIEF})
    assert main(["build", str(site), "-q"]) == 0
    for name in SCHEMA_NAMES:
        published = site / "output" / "schema" / f"{name}.json"
        assert json.loads(published.read_text()) == load_schema(name)
