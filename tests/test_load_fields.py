"""Reading content by the descriptions of formats.py: what a description promises, the reader does."""

from __future__ import annotations

import pytest

from briefgen.errors import Problem
from briefgen.load.fields import FieldReader, read_author, read_brief, read_list, read_source
from briefgen.load.formats import FILES, Key, Kind, Shape
from briefgen.load.schemas import key_schema
from briefgen.load.yamlload import load_yaml


def _read_brief(front: str) -> tuple[object, list[str]]:
    data, marks = load_yaml(front, line_offset=1)
    problems: list[Problem] = []
    spec = read_brief(FieldReader("a.md", marks, problems), data, "a-file")
    return spec, [p.format() for p in problems]


def _shapes() -> list[Shape]:
    seen: dict[str, Shape] = {}
    todo = [f.shape for f in FILES]
    while todo:
        shape = todo.pop()
        seen[shape.name] = shape
        todo.extend(k.entry for k in shape.keys if k.entry is not None and k.entry.name not in seen)
    return list(seen.values())


def test_every_key_is_described_and_every_kind_has_a_schema() -> None:
    for shape in _shapes():
        assert shape.name and shape.article
        for key in shape.keys:
            assert key.description.strip(), f"{shape.name}.{key.name}"
            assert key_schema(key)["description"] == key.description
            assert (key.kind in (Kind.ENTRIES, Kind.ENTRY_REFS)) == (key.entry is not None)
            assert (key.kind is Kind.CHOICE) == bool(key.choices)
    used = {key.kind for shape in _shapes() for key in shape.keys}
    assert used == set(Kind)


def test_optional_keys_left_empty_are_absent() -> None:
    spec, problems = _read_brief("title: T\ndraft:\nslug:\nsummary:\ntopics:\nclaims:\n")
    assert problems == ["a.md:2:1: error: brief has no 'date' (add 'date: YYYY-MM-DD', or 'draft: true')"]
    spec, problems = _read_brief("title: T\ndraft: true\nslug:\nsummary:\ntopics:\n")
    assert problems == []
    assert spec is not None and (spec.slug, spec.draft, spec.summary, spec.topics) == ("a-file", True, "", ())  # type: ignore[attr-defined]


def test_a_required_key_left_empty_is_reported_at_its_own_line() -> None:
    _spec, problems = _read_brief("date: 2020-01-02\ntitle:\n")
    assert problems == ["a.md:3:7: error: 'title' is empty (add 'title: ...')"]
    _spec, problems = _read_brief("title: T\ndate:\n")
    assert problems == ["a.md:3:6: error: 'date' is empty (add 'date: YYYY-MM-DD', or 'draft: true')"]


def test_every_mistake_of_an_entry_is_reported_even_without_an_id() -> None:
    data, marks = load_yaml("- title: S\n  url: example.org\n  kind: blogg\n")
    problems: list[Problem] = []
    reader = FieldReader("content/sources.yaml", marks, problems)
    assert read_list(reader, data, lambda entry, path: read_source(reader, entry, path)) == ()
    assert sorted(p.format() for p in problems) == [
        "content/sources.yaml:1:3: error: source has no 'id' (add 'id: a-short-id' to name it)",
        "content/sources.yaml:2:8: error: 'url' must be an http(s) or mailto URL, not 'example.org' "
        "(write the full address, starting with https://)",
        "content/sources.yaml:3:9: error: source kind 'blogg' is not one of news, report, dataset, statement, "
        "book, other",
    ]


@pytest.mark.parametrize("text,slug", [("- name: Ann Lee\n", "ann-lee"), ("- name: Ann\n  id:\n", "ann"),
                                       ("- name: Ann\n  id: al\n", "al")])
def test_an_authors_page_name_defaults_to_their_name(text: str, slug: str) -> None:
    data, marks = load_yaml(text)
    problems: list[Problem] = []
    reader = FieldReader("content/authors.yaml", marks, problems)
    (spec,) = read_list(reader, data, lambda entry, path: read_author(reader, entry, path))
    assert spec.slug == slug and not problems


def test_a_key_of_each_kind_gets_a_reader() -> None:
    shape = Shape("thing", "a thing", tuple(
        Key(kind.value, kind, "x", choices=("a",) if kind is Kind.CHOICE else (),
            entry=Shape("item", "an item", (Key("id", Kind.ID, "x"),))
            if kind in (Kind.ENTRIES, Kind.ENTRY_REFS) else None)
        for kind in Kind))
    data, marks = load_yaml("".join(f"{kind.value}: {{a: 1}}\n" for kind in Kind))
    problems: list[Problem] = []
    values = FieldReader("t.yaml", marks, problems).read(shape, data, (), lambda _s, _e, _p: None)
    assert values is not None and values.given == frozenset(kind.value for kind in Kind)
    assert len({p.line for p in problems}) == len(Kind)  # one located mistake per key


def test_a_url_python_cannot_split_is_a_located_error_not_a_traceback() -> None:
    data, marks = load_yaml('- id: s\n  title: S\n  url: "http://[::1"\n')
    problems: list[Problem] = []
    reader = FieldReader("content/sources.yaml", marks, problems)
    (spec,) = read_list(reader, data, lambda entry, path: read_source(reader, entry, path))
    assert "url" not in dict(spec.fields)
    assert [(p.line, p.col, p.code) for p in problems] == [(3, 8, "bad-url")]
