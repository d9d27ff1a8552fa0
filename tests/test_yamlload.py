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
        assert issubclass(yamlload._Loader, yaml.CSafeLoader)


def test_marks_of_keys_values_blocks_and_missing_paths() -> None:
    text = "a: 1\nlist:\n  - x\n  - {k: v}\nblock: |\n\n  first line\n  second\nempty:\n"
    _data, marks = load_yaml(text, line_offset=1)
    assert marks.at(("list", 1, "k")) == (5, 9) and marks.key_at(("list", 1, "k")) == (5, 6)
    assert marks.at(("list", 7)) == marks.at(("list",)) == (4, 3)  # no such item: its list
    assert marks.block_at(("block",)) == (8, 3)  # the first line of text, not the '|' line
    assert marks.block_at(("a",)) is None and marks.block_at(("nope",)) is None
    assert marks.at(("empty",)) == (10, 7)  # an empty value is where it would start, on its key's line
    assert load_yaml("")[1].at(("x",)) == (1, 1)


def test_marks_are_equal_when_the_text_is() -> None:
    # live preview compares loaded site files to reuse its last resolve
    assert load_yaml("a: [1, 2]\n")[1] == load_yaml("a: [1, 2]\n")[1]
    assert load_yaml("a: [1, 2]\n")[1] != load_yaml("a: [1, 3]\n")[1]


def test_a_duplicate_key_is_refused_but_overriding_a_merged_key_is_not() -> None:
    data, marks = load_yaml("base: &b {k: 1, j: 2}\nown:\n  <<: *b\n  k: 3\n")
    assert data["own"] == {"k": 3, "j": 2}
    assert marks.at(("own", "k")) == (4, 6)  # its own key, not the merged one
    with pytest.raises(YamlError, match="duplicate key 'k' \\(first given on line 4\\)") as info:
        load_yaml("own:\n  <<: {j: 1}\n  k: 1\n  k: 2\n", line_offset=1)
    assert (info.value.line, info.value.col) == (5, 3)


def test_too_many_values_without_any_alias_are_refused_too() -> None:
    with pytest.raises(YamlError, match="more than 200,000 values"):
        load_yaml("a: [" + "x," * (yamlload.MAX_NODES + 5) + "]\n")
    data, _marks = load_yaml("a: [" + "x," * 1000 + "]\n")
    assert len(data["a"]) == 1000
