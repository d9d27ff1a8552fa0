"""Safe, fast YAML loading: libyaml's C parser straight to Python data, positions on demand.

Loading composes a node tree and constructs plain data from it (PyYAML's safe types only).
The tree is kept in a `NodeMarks`, which answers where a value is by walking down to it
when asked, so reading a document costs the parse alone; no table of every value is built.
The limits below are checked on the tree before any data is constructed.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import yaml  # type: ignore[import-untyped]

from briefgen.load.marks import Locator, Marks, NodeMarks, YamlPath  # Locator and Marks: importable from here too

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Locator", "Marks", "NodeMarks", "YamlError", "YamlPath",
           "load_yaml"]

# Aliases let a few bytes name an exponentially large value (the "billion laughs"); the
# expanded size is computed from the node graph, without expanding it, and refused when large.
MAX_NODES = 200_000
MAX_DEPTH = 60
MAX_BYTES = 2_000_000

try:
    _SafeLoader: Any = yaml.CSafeLoader
except AttributeError:  # libyaml not compiled in
    _SafeLoader = yaml.SafeLoader


class YamlError(Exception):
    def __init__(self, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


class _DuplicateKey(Exception):
    def __init__(self, node: Any, first: Any) -> None:
        super().__init__(node.value)
        self.node, self.first = node, first


class _Loader(_SafeLoader):  # type: ignore[misc]
    """PyYAML's safe loader, with a duplicate key refused instead of silently overriding the first."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Hashable, Any]:
        own = list(node.value)  # before '<<' merge keys are expanded into it
        mapping: dict[Hashable, Any] = super().construct_mapping(node, deep=deep)
        if len(mapping) < len(node.value):  # some key repeats: a duplicate, or an own key overriding a merged one
            seen: dict[Hashable, Any] = {}
            for key_node, _value in own:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node)  # already constructed: a look-up
                if key in seen:
                    raise _DuplicateKey(key_node, seen[key])
                seen[key] = key_node
        return mapping


def _timestamp_or_text(loader: Any, node: Any) -> Any:
    """An impossible date (2019-02-30) stays text, so the field reader reports it at its own place,
    along with every other problem of the file, instead of the whole file failing to load."""
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)  # on briefgen's subclass only


def load_yaml(text: str, line_offset: int = 0) -> tuple[Any, NodeMarks]:
    """Parse one YAML document; raise YamlError with a position on any failure."""
    if len(text) > MAX_BYTES:
        raise YamlError(f"YAML block is {len(text):,} bytes; the limit is {MAX_BYTES:,}", 1 + line_offset, 1)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, NodeMarks(text, line_offset)
        _check_limits(node, text, line_offset)
        data = loader.construct_document(node)
    except _DuplicateKey as dup:
        first = dup.first.start_mark.line + 1 + line_offset
        raise YamlError(f"duplicate key '{dup.node.value}' (first given on line {first})",
                        dup.node.start_mark.line + 1 + line_offset, dup.node.start_mark.column + 1) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        tab = _tab_at(text, line, col)
        if tab:
            raise YamlError("YAML does not allow tabs for indentation; use spaces", line + line_offset, tab) from None
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
    return data, NodeMarks(text, line_offset, node)


def _tab_at(text: str, line: int, col: int) -> int:
    """The column of the tab that made YAML fail at (line, col), or 0 when no tab is to blame.

    libyaml stops at a tab used as indentation (or between '-' and an item) with words about
    tokens and scalars; the tab is the character it stopped at, or in the indentation of that line.
    """
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return 0
    row = lines[line - 1]
    if 0 < col <= len(row) and row[col - 1] == "\t":
        return col
    indent = row[:len(row) - len(row.lstrip(" \t"))]
    return indent.index("\t") + 1 if "\t" in indent and col <= len(indent) + 1 else 0


def _check_limits(root: Any, text: str, line_offset: int) -> None:
    """Refuse a document too large once aliases are expanded, or nested too deep.

    Without an anchor ('&') no value is shared, so one plain walk counts the tree; only when
    it finds too much, or when anchors are used, does the exact sizing below run.
    """
    if "&" in text:
        _check_size(root, line_offset)
        return
    count, deepest = 1, 0
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if node.id == "mapping":
            children = [child for pair in node.value for child in pair]
        elif node.id == "sequence":
            children = node.value
        else:
            continue
        count += len(children)
        if children and depth + 1 > deepest:
            deepest = depth + 1
        stack.extend((child, depth + 1) for child in children if child.id != "scalar")
    if count > MAX_NODES or deepest > MAX_DEPTH:
        _check_size(root, line_offset)  # raises, naming the place


def _check_size(root: Any, line_offset: int) -> None:
    """Refuse a document whose aliases expand past MAX_NODES, nest past MAX_DEPTH, or contain themselves.

    Each distinct node is sized once (memoized), so this is linear in the text however many
    times the aliases would repeat it.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def fail(node: Any, message: str) -> YamlError:
        return YamlError(message, node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)

    def size(node: Any, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise fail(node, "invalid YAML: an alias refers to a value that contains it")
        if depth > MAX_DEPTH:
            raise fail(node, f"YAML is nested more than {MAX_DEPTH} levels deep; refusing it")
        open_nodes.add(key)
        if node.id == "mapping":
            children = [child for pair in node.value for child in pair]
        elif node.id == "sequence":
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

