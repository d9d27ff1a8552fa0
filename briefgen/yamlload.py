"""Safe YAML loading that keeps the line and column of every key and value.

The C loader (libyaml) is used when present: it is about 9x faster on front matter and
still gives marks. Values come back as plain Python data plus a `Marks` table that maps
a path such as ("claims", 0, "opposes") to where that value starts in the file.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # libyaml not compiled in
    _Loader = yaml.SafeLoader

# A billion-laughs document expands aliases exponentially when walked; refuse long before.
MAX_NODES = 200_000
MAX_BYTES = 2_000_000

YamlPath = tuple[Hashable, ...]


@dataclass(frozen=True)
class Marks:
    """Where each value of a loaded document starts (1-based line and column)."""

    line_offset: int = 0
    """Added to every line: front matter starts a few lines into its file."""
    table: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    """Where the key of a mapping entry starts, for 'unknown key' messages."""

    def at(self, path: YamlPath) -> tuple[int, int]:
        """The mark of `path`, or of its nearest ancestor that has one."""
        while True:
            if path in self.table:
                line, col = self.table[path]
                return line + self.line_offset, col
            if not path:
                return 1 + self.line_offset, 1
            path = path[:-1]

    def key_at(self, path: YamlPath) -> tuple[int, int]:
        if path in self.keys:
            line, col = self.keys[path]
            return line + self.line_offset, col
        return self.at(path)


class YamlError(Exception):
    def __init__(self, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


def load_yaml(text: str, line_offset: int = 0) -> tuple[Any, Marks]:
    """Parse one YAML document; raise YamlError with a position on any failure."""
    if len(text) > MAX_BYTES:
        raise YamlError(f"YAML block is {len(text):,} bytes; the limit is {MAX_BYTES:,}", 1 + line_offset, 1)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Marks(line_offset)
        marks = Marks(line_offset)
        _record(node, (), marks, [0])
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        raise YamlError(f"invalid YAML: {message}", line + line_offset, col) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}", 1 + line_offset, 1) from None
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. a timestamp like 2019-02-30
        raise YamlError(f"invalid YAML value: {exc}", 1 + line_offset, 1) from None
    finally:
        loader.dispose()
    return data, marks


def _record(node: yaml.Node, path: YamlPath, marks: Marks, count: list[int]) -> None:
    count[0] += 1
    if count[0] > MAX_NODES:
        raise YamlError(
            f"YAML has more than {MAX_NODES:,} values (too many aliases?); refusing to expand it",
            node.start_mark.line + 1, node.start_mark.column + 1)
    marks.table[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key = _scalar_key(key_node)
            marks.keys[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _record(value_node, (*path, key), marks, count)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record(item, (*path, index), marks, count)


def _scalar_key(node: yaml.ScalarNode) -> Hashable:
    # Keys are matched against the constructed dict, so resolve the common scalar types the same way.
    if node.tag == "tag:yaml.org,2002:int":
        try:
            return int(node.value)
        except ValueError:
            return node.value
    if node.tag == "tag:yaml.org,2002:bool":
        return node.value.lower() in ("true", "yes", "on")
    return node.value
