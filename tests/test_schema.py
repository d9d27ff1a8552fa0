"""The JSON Schemas editors use and briefgen's own checks never disagree."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.engine import BuildOptions, check
from briefgen.errors import Problem
from briefgen.load.fields import BRIEF_KEYS, CLAIM_KEYS, COUNTERCLAIM_KEYS, SOURCE_KEYS
from briefgen.load.schemas import SCHEMA_NAMES, build_schemas, load_schema, render_schema, schema_dir
from briefgen.load.validate import validate_site
from briefgen.paths import SitePaths

HEAD = "---\ntitle: T\ndate: 2020-01-02\nsummary: S.\n"
OK_SOURCES = "sources:\n  - id: s\n    title: S\n"

# (file, text, the line both must flag); every case is one mistake in otherwise valid content.
INVALID = {
    "title-missing": ("content/briefs/a.md", "---\ndate: 2020-01-02\n---\nBody.\n", 2),
    "title-empty": ("content/briefs/a.md", "---\ntitle: '  '\ndate: 2020-01-02\n---\nBody.\n", 2),
    "title-list": ("content/briefs/a.md", "---\ntitle: [a, b]\ndate: 2020-01-02\n---\nBody.\n", 2),
    "date-missing": ("content/briefs/a.md", "---\ntitle: T\n---\nBody.\n", 2),
    "date-bad": ("content/briefs/a.md", "---\ntitle: T\ndate: next week\n---\nBody.\n", 3),
    "date-impossible": ("content/briefs/a.md", "---\ntitle: T\ndate: '2019-02-30'\n---\nBody.\n", 3),
    "draft-not-bool": ("content/briefs/a.md", HEAD + "draft: maybe\n---\nBody.\n", 5),
    "slug-bad": ("content/briefs/a.md", HEAD + "slug: Not OK\n---\nBody.\n", 5),
    "claims-not-list": ("content/briefs/a.md", HEAD + "claims: nope\n---\nBody.\n", 5),
    "claim-bad-id": ("content/briefs/a.md", HEAD + "claims:\n  - id: Bad Id\n    text: x\n---\nB.\n", 6),
    "claim-no-id": ("content/briefs/a.md", HEAD + "claims:\n  - text: x\n---\nB.\n", 6),
    "claim-sources-mapping": ("content/briefs/a.md",
                              HEAD + "claims:\n  - id: c\n    text: x\n    sources: {a: b}\n---\nB.\n", 8),
    "topics-mapping": ("content/briefs/a.md", HEAD + "topics: {a: b}\n---\nBody.\n", 5),
    "authors-empty-item": ("content/briefs/a.md", HEAD + "authors: ['']\n---\nBody.\n", 5),
    "source-bad-kind": ("content/briefs/a.md", HEAD + "sources:\n  - id: s\n    title: S\n    kind: blog\n---\n"
                        "[@s]\n", 8),
    "source-bad-url": ("content/briefs/a.md", HEAD + OK_SOURCES + "    url: ftp://x.org/a\n---\n[@s]\n", 8),
    "source-no-title": ("content/briefs/a.md", HEAD + "sources:\n  - id: s\n    publisher: P\n---\n[@s]\n", 6),
    "front-matter-list": ("content/briefs/a.md", "---\n- a\n---\nBody.\n", 2),
    "sources-not-list": ("content/sources.yaml", "id: s\ntitle: S\n", 1),
    "actor-no-name": ("content/actors.yaml", "- id: a\n  role: R\n", 1),
    "actor-bad-kind": ("content/actors.yaml", "- id: a\n  name: A\n  kind: robot\n", 3),
    "author-bad-url": ("content/authors.yaml", "- name: A\n  url: example.org\n", 2),
    "config-allow-html": ("briefgen.yaml", "title: T\nallow_html: yes please\n", 2),
    "config-base-url": ("briefgen.yaml", "base_url: example.org\n", 1),
}
VALID_BRIEF = HEAD + OK_SOURCES + "---\n[@s]\n"


def _site(tmp_path: Path, rel: str, text: str) -> Path:
    site = tmp_path / "site"
    files = {"content/briefs/a.md": VALID_BRIEF, rel: text}
    for name, body in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(body, encoding="utf-8")
    return site


def _error_lines(problems: list[Problem], path: str) -> set[int]:
    return {p.line for p in problems if p.is_error and p.path == path}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_schema_and_hand_written_checks_agree_on_invalid_content(case: str, tmp_path: Path) -> None:
    rel, text, line = INVALID[case]
    site = _site(tmp_path, rel, text)
    paths = SitePaths.of(site)
    schema = validate_site(paths)
    _graph, problems = check(paths, BuildOptions())
    hand = [p for p in problems if p.code != "schema"]
    assert line in _error_lines(hand, rel), [p.format() for p in hand]
    assert line in _error_lines(schema, rel), [p.format() for p in schema]
    assert _error_lines(schema, rel) <= _error_lines(hand, rel) | {line}
    # check prints each mistake once: the schema's report of a line the hand-written checks
    # already named is dropped.
    assert not [p for p in problems if p.code == "schema" and p.line in _error_lines(hand, rel)]


@pytest.mark.parametrize("rel,text", [
    ("content/briefs/a.md", VALID_BRIEF),
    ("content/briefs/a.md", "---\ntitle: T\ndraft: true\n---\nNo date is fine in a draft.\n"),
    ("content/briefs/a.md", HEAD + "topics: North Korea\nclaims:\n  - id: c\n    text: X\n"
     "    sources: s\n  - c\n" + OK_SOURCES + "    date: 2019\n---\n[@s]\n"),
    ("content/sources.yaml", ""),
    ("briefgen.yaml", "title: T\nbase_url: https://example.org/briefs/\ncitation_style: apa\n"),
])
def test_schema_and_hand_written_checks_agree_on_valid_content(rel: str, text: str, tmp_path: Path) -> None:
    site = _site(tmp_path, rel, text)
    paths = SitePaths.of(site)
    assert not validate_site(paths)
    _graph, problems = check(paths, BuildOptions())
    assert not [p for p in problems if p.is_error]


def test_unknown_keys_are_warnings_in_both(tmp_path: Path) -> None:
    site = _site(tmp_path, "content/briefs/a.md", HEAD + "tittle: x\n---\nBody.\n")
    paths = SitePaths.of(site)
    schema = validate_site(paths)
    assert [(p.line, p.severity.value) for p in schema] == [(5, "warning")]
    _graph, problems = check(paths, BuildOptions())
    assert [(p.line, p.code) for p in problems if p.line == 5] == [(5, "unknown-key")]


def test_example_and_starter_sites_are_valid(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parent.parent
    shutil.copytree(repo / "content", tmp_path / "example" / "content")
    shutil.copy(repo / "briefgen.yaml", tmp_path / "example" / "briefgen.yaml")
    main(["init", str(tmp_path / "starter"), "-q"])
    for name in ("example", "starter"):
        paths = SitePaths.of(tmp_path / name)
        assert validate_site(paths) == []


def test_schema_files_are_up_to_date_and_cover_fields_keys() -> None:
    built = build_schemas()
    for name in SCHEMA_NAMES:
        assert (schema_dir() / f"{name}.json").read_text(encoding="utf-8") == render_schema(built[name]), \
            "run: python -m briefgen.schemas"
    brief = load_schema("brief")
    assert set(brief["properties"]) == set(BRIEF_KEYS)
    claim = brief["properties"]["claims"]["items"]["then"]
    counter = brief["properties"]["counterclaims"]["items"]["then"]
    source = brief["properties"]["sources"]["items"]["then"]
    assert set(claim["properties"]) == set(CLAIM_KEYS)
    assert set(counter["properties"]) == set(COUNTERCLAIM_KEYS)
    assert set(source["properties"]) == set(SOURCE_KEYS)
    json.dumps(brief)  # plain JSON, nothing Python-only


def test_schemas_are_published_with_the_site(scratch_site) -> None:
    site = scratch_site({"content/briefs/a.md": VALID_BRIEF})
    assert main(["build", str(site), "-q"]) == 0
    for name in SCHEMA_NAMES:
        published = site / "output" / "schema" / f"{name}.json"
        assert json.loads(published.read_text()) == load_schema(name)
