from __future__ import annotations

import datetime as dt

import pytest
import yaml

from briefgen.load import yamlload
from briefgen.load.yamlload import YamlError, load_yaml


def test_values_and_marks() -> None:
    data, marks = load_yaml("title: Hello\nclaims:\n  - id: a\n    opposes: b\n", line_offset=1)
    assert data == {"title": "Hello", "claims": [{"id": "a", "opposes": "b"}]}
    assert marks.at(("title",)) == (2, 8)
    assert marks.at(("claims", 0, "opposes")) == (5, 14)
    assert marks.key_at(("claims", 0, "opposes")) == (5, 5)
    assert marks.at(("claims", 0, "missing")) == marks.at(("claims", 0))


def test_dates_are_dates() -> None:
    data, _ = load_yaml("date: 2019-02-20\n")
    assert data["date"] == dt.date(2019, 2, 20)


def test_syntax_error_has_line_and_column() -> None:
    with pytest.raises(YamlError) as info:
        load_yaml("title: ok\nclaims: [a, b\nsummary: x\n", line_offset=1)
    assert info.value.line >= 3 and info.value.col >= 1
    assert info.value.message.startswith("invalid YAML")


def test_impossible_date_stays_text_for_the_field_check_to_report() -> None:
    data, marks = load_yaml("date: 2019-02-30\n")
    assert data == {"date": "2019-02-30"} and marks.at(("date",)) == (1, 7)


def test_billion_laughs_is_refused() -> None:
    doc = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        doc += f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]\n"
    with pytest.raises(YamlError, match="too many aliases"):
        load_yaml(doc)


def test_unsafe_tags_are_refused() -> None:
    with pytest.raises(YamlError):
        load_yaml("x: !!python/object/apply:os.system ['true']\n")


def test_uses_the_c_loader_when_available() -> None:
    if hasattr(yaml, "CSafeLoader"):
        assert yamlload._Loader is yaml.CSafeLoader
