"""Where a value of a loaded YAML document is in its file: line and column, looked up by path.

A path names a value the way the loaded data is indexed, e.g. ("claims", 0, "opposes").
Two kinds of table answer the same questions (the `Locator` protocol):

- `NodeMarks` keeps the node tree libyaml composed while loading (the loader builds it
  anyway) and walks down it only for the paths asked about, so a document read without a
  problem never pays for a table of every value.
- `Marks` is a plain table, for readers that know their positions another way (BibTeX).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any, Protocol

YamlPath = tuple[Hashable, ...]
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"


class Locator(Protocol):
    """Answers where a value of one document starts (1-based line and column)."""

    def at(self, path: YamlPath) -> tuple[int, int]:
        """The value at `path`, or its nearest ancestor that is in the document."""
        ...

    def key_at(self, path: YamlPath) -> tuple[int, int]:
        """The key of the mapping entry at `path` (for 'unknown key' messages), else `at(path)`."""
        ...

    def block_at(self, path: YamlPath) -> tuple[int, int] | None:
        """The first line of text of a block scalar (`key: |`), or None when `path` is not one."""
        ...


@dataclass(frozen=True)
class Marks:
    """A table of positions filled by the reader that builds it."""

    line_offset: int = 0
    """Added to every line: front matter starts a few lines into its file."""
    table: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    blocks: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)

    def at(self, path: YamlPath) -> tuple[int, int]:
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

    def block_at(self, path: YamlPath) -> tuple[int, int] | None:
        if path in self.blocks:
            line, col = self.blocks[path]
            return line + self.line_offset, col
        return None


@dataclass(frozen=True)
class NodeMarks:
    """Positions read off the composed node tree of one document, on demand.

    Equal texts give equal marks: live preview compares loaded site files to reuse its last
    resolve, so the node tree (a by-product of loading) takes no part in equality.
    """

    text: str
    line_offset: int = 0
    root: Any = field(default=None, compare=False, repr=False)
    """The document's root yaml.Node, or None for an empty document."""
    _found: dict[YamlPath, tuple[Any, Any] | None] = field(default_factory=dict, init=False, compare=False,
                                                           repr=False)
    """Paths already walked: a reader asks for an entry's id, then for each of its references."""

    def at(self, path: YamlPath) -> tuple[int, int]:
        node, _key = self._find(path)
        if node is None:
            return 1 + self.line_offset, 1
        return node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1

    def key_at(self, path: YamlPath) -> tuple[int, int]:
        _node, key = self._find(path)
        if key is None:
            return self.at(path)
        return key.start_mark.line + 1 + self.line_offset, key.start_mark.column + 1

    def block_at(self, path: YamlPath) -> tuple[int, int] | None:
        node, _key = self._find(path, exact=True)
        if node is None or getattr(node, "style", None) not in ("|", ">"):
            return None
        lines = self.text.split("\n")
        for index in range(node.start_mark.line + 1, min(node.end_mark.line + 1, len(lines))):
            if lines[index].strip():
                indent = len(lines[index]) - len(lines[index].lstrip())
                return index + 1 + self.line_offset, indent + 1
        return None

    def _find(self, path: YamlPath, exact: bool = False) -> tuple[Any, Any]:
        """(the node at `path` or its deepest ancestor, the key node of that mapping entry or None).

        With `exact`, (None, None) unless the whole path is in the document.
        """
        found = self._walk(path)
        if found is not None:
            return found
        if exact:
            return None, None
        while path and self._walk(path) is None:
            path = path[:-1]
        return self._walk(path) or (self.root, None)

    def _walk(self, path: YamlPath) -> tuple[Any, Any] | None:
        """(node, key node) at exactly `path`, or None when the document has no such value."""
        if not path:
            return (self.root, None) if self.root is not None else None
        if path in self._found:
            return self._found[path]
        parent = self._walk(path[:-1])
        child = _child(parent[0], path[-1]) if parent is not None else None
        found = (child[1], child[0]) if child is not None else None
        self._found[path] = found
        return found


def _child(node: Any, step: Hashable) -> tuple[Any, Any] | None:
    """(key node or None, value node) of `step` under `node`; None when there is no such child."""
    kind = getattr(node, "id", "")
    if kind == "sequence":
        if isinstance(step, int) and not isinstance(step, bool) and 0 <= step < len(node.value):
            return None, node.value[step]
        return None
    if kind != "mapping":
        return None
    # The last pair wins, as in the loaded data: a mapping's own keys come after those it merges in.
    if isinstance(step, str):  # the common case, compared without converting each key
        for key_node, value_node in reversed(node.value):
            if key_node.value == step and key_node.tag == _STR_TAG:
                return key_node, value_node
        return None
    for key_node, value_node in reversed(node.value):
        if key_node.id == "scalar" and key_node.tag != _MERGE_TAG and scalar_key(key_node) == step:
            return key_node, value_node
    return None


def scalar_key(node: Any) -> Hashable:
    """A key node's value as the loaded mapping holds it, for the common scalar types."""
    value: str = node.value
    if node.tag == "tag:yaml.org,2002:int":
        try:
            return int(value)
        except ValueError:
            return value
    if node.tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("true", "yes", "on")
    return value
