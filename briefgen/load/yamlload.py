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


def _timestamp_or_text(loader: yaml.constructor.SafeConstructor, node: yaml.ScalarNode) -> Any:
    """An impossible date (2019-02-30) stays text, so the field reader reports it at its own place,
    along with every other problem of the file, instead of the whole file failing to load."""
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_CONSTRUCTORS = {**_Loader.yaml_constructors, "tag:yaml.org,2002:timestamp": _timestamp_or_text}
"""Set on each loader instance: registering on the class would change PyYAML's loader for everyone."""

# Aliases let a few bytes name an exponentially large value (the "billion laughs"); the
# expanded size is computed from the node graph, without expanding it, and refused when large.
MAX_NODES = 200_000
MAX_DEPTH = 60
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
    blocks: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    """Where the text of a block scalar (`key: |` or `key: >`) starts: the line after its indicator."""

    def at(self, path: YamlPath) -> tuple[int, int]:
        """The mark of `path`, or of its nearest ancestor that has one."""
        while True:
            if path in self.table:
                line, col = self.table[path]
                return line + self.line_offset, col
            if not path:
                return 1 + self.line_offset, 1
            path = path[:-1]

    def block_at(self, path: YamlPath) -> tuple[int, int] | None:
        """The first line and column of the text of a block scalar, or None when `path` is not one."""
        if path in self.blocks:
            line, col = self.blocks[path]
            return line + self.line_offset, col
        return None

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
    loader.yaml_constructors = _CONSTRUCTORS
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Marks(line_offset)
        _check_size(node, line_offset)
        marks = Marks(line_offset)
        _record(node, (), marks, line_offset, text.split("\n"))
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        start = exc.context_mark
        if start and mark and exc.problem and (start.line, start.column) != (mark.line, mark.column):
            message += f"; it started at line {start.line + 1 + line_offset}, column {start.column + 1}"
        raise YamlError(f"invalid YAML: {message}", line + line_offset, col) from None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids; it carries an offset, not a mark
        before = text[:exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        raise YamlError(f"invalid YAML: the character U+{exc.character:04X} is not allowed here",
                        line + line_offset, col) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}", 1 + line_offset, 1) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise YamlError(f"invalid YAML value: {exc}", 1 + line_offset, 1) from None
    finally:
        loader.dispose()
    return data, marks


def _check_size(root: yaml.Node, line_offset: int) -> None:
    """Refuse a document whose aliases expand past MAX_NODES, nest past MAX_DEPTH, or contain themselves.

    Each distinct node is sized once (memoized), so this is linear in the text however many
    times the aliases would repeat it.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def fail(node: yaml.Node, message: str) -> YamlError:
        return YamlError(message, node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)

    def size(node: yaml.Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise fail(node, "invalid YAML: an alias refers to a value that contains it")
        if depth > MAX_DEPTH:
            raise fail(node, f"YAML is nested more than {MAX_DEPTH} levels deep; refusing it")
        open_nodes.add(key)
        if isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            children = []
        total = 1 + sum(size(child, depth + 1) for child in children)
        open_nodes.discard(key)
        sizes[key] = total
        if total > MAX_NODES:
            raise fail(node, f"YAML has more than {MAX_NODES:,} values once aliases are expanded "
                             "(too many aliases?); refusing it")
        return total

    size(root, 0)


def _record(node: yaml.Node, path: YamlPath, marks: Marks, line_offset: int, lines: list[str]) -> None:
    marks.table[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        for index in range(node.start_mark.line + 1, min(node.end_mark.line + 1, len(lines))):
            if lines[index].strip():
                marks.blocks[path] = (index + 1, len(lines[index]) - len(lines[index].lstrip()) + 1)
                break
    elif isinstance(node, yaml.MappingNode):
        seen: dict[Hashable, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = _scalar_key(key_node)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise YamlError(f"duplicate key '{key_node.value}' (first given on line {seen[key] + line_offset})",
                                line + line_offset, key_node.start_mark.column + 1)
            seen[key] = line
            marks.keys[(*path, key)] = (line, key_node.start_mark.column + 1)
            _record(value_node, (*path, key), marks, line_offset, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record(item, (*path, index), marks, line_offset, lines)


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
