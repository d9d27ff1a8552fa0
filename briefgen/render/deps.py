"""What each output read from the graph, and what changed between two graphs.

This is the one mechanism that decides what a build makes again. While an output's view is
built, the graph it sees records every entry it looks up: ("claims", "nk-will-not-disarm"),
or a whole mapping read in bulk (ALL) or its set and order of keys (KEYS). After an edit the
engine compares the last graph with the new one entry by entry; an output is made again when it
read an entry that changed. The model is frozen dataclasses, so "changed" is plain `!=`; the
prose of a brief lives in its own mapping (`bodies`), so an edit to it reaches only the pages
that show the prose.
"""

from __future__ import annotations

import dataclasses
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from briefgen.model import BriefGraph

Key = tuple[str, str]
"""(graph mapping, entry key), or an entry key of ALL or KEYS."""
ALL = "\0all"
"""Every value of the mapping, read in bulk (items(), values())."""
KEYS = "\0keys"
"""The set and order of the mapping's keys (iteration, len(), a lookup of a missing key)."""

V = TypeVar("V")


def mapping_names(graph: BriefGraph) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(graph) if isinstance(getattr(graph, f.name), Mapping))


class KeyTable:
    """A number for every key, so that what an output read is a few bytes.

    Numbers are never reused or reordered: the records of outputs kept from earlier builds
    stay valid. A build adds every key of its graph before its workers start, so that each
    worker numbers what it read on its own and all agree.
    """

    def __init__(self) -> None:
        self.keys: list[Key] = []
        self._ids: dict[Key, int] = {}
        self._by_mapping: dict[str, dict[str, int]] = {}

    def add_graph(self, graph: BriefGraph) -> None:
        for name in mapping_names(graph):
            self._add((name, KEYS))
            self._add((name, ALL))
            for key in getattr(graph, name):
                self._add((name, key))

    def _add(self, key: Key) -> None:
        if key not in self._ids:
            self._ids[key] = len(self.keys)
            self._by_mapping.setdefault(key[0], {})[key[1]] = len(self.keys)
            self.keys.append(key)

    def of_mapping(self, name: str) -> dict[str, int]:
        """The numbers of the keys of one mapping (KEYS and ALL among them)."""
        return self._by_mapping.setdefault(name, {})

    def numbers(self, keys: set[Key]) -> set[int]:
        """The numbers of those of `keys` the table has (a key it lacks was never read)."""
        return {self._ids[key] for key in keys if key in self._ids}

    def decode(self, packed: bytes) -> set[Key]:
        return {self.keys[number] for number in memoryview(packed).cast("I")}

    def __getstate__(self) -> list[Key]:
        return self.keys

    def __setstate__(self, keys: list[Key]) -> None:
        self.keys = []
        self._ids = {}
        self._by_mapping = {}
        for key in keys:
            self._add(key)


class Reads:
    """The numbers of the keys read while one output is built; the engine takes them per output."""

    def __init__(self, table: KeyTable | None = None) -> None:
        self.table = table or KeyTable()
        self.ids: set[int] = set()

    def take(self) -> bytes:
        """What was read since the last take(), packed (sorted 32-bit numbers)."""
        taken = array("I", sorted(self.ids)).tobytes()
        self.ids = set()
        return taken


class RecordingMapping(Mapping[str, V]):
    """A read-only view of one graph mapping that notes what is read through it.

    A key the table does not number counts as a read of the mapping's set of keys: it is a key the
    graph did not have when the build began, which only a change to that set can bring.
    """

    __slots__ = ("_all", "_data", "_ids", "_keys", "_reads")

    def __init__(self, name: str, data: Mapping[str, V], reads: Reads) -> None:
        self._data, self._reads = data, reads
        self._ids = reads.table.of_mapping(name)
        self._keys, self._all = self._ids[KEYS], self._ids[ALL]  # recording() numbered the graph

    def __getitem__(self, key: str) -> V:
        try:
            value = self._data[key]
        except KeyError:
            self._reads.ids.add(self._keys)
            raise
        self._reads.ids.add(self._ids.get(key, self._keys))
        return value

    def __contains__(self, key: object) -> bool:
        found = key in self._data
        self._reads.ids.add(self._ids.get(key, self._keys) if found and isinstance(key, str) else self._keys)
        return found

    def __iter__(self) -> Iterator[str]:
        self._reads.ids.add(self._keys)
        return iter(self._data)

    def __len__(self) -> int:
        self._reads.ids.add(self._keys)
        return len(self._data)

    def keys(self) -> Any:
        self._reads.ids.add(self._keys)
        return self._data.keys()

    def items(self) -> Any:
        self._reads.ids.update((self._keys, self._all))
        return self._data.items()

    def values(self) -> Any:
        self._reads.ids.update((self._keys, self._all))
        return self._data.values()


def read_any(numbers: set[int], reads: bytes) -> bool:
    """Whether packed `reads` (Reads.take, sorted) include any of `numbers`."""
    packed = memoryview(reads).cast("I")
    if len(numbers) > 8:
        return not numbers.isdisjoint(packed)
    # An edit changes a few keys: a binary search for each beats walking every page's reads.
    for number in numbers:
        at = bisect_left(packed, number)
        if at < len(packed) and packed[at] == number:
            return True
    return False


def recording(graph: BriefGraph, reads: Reads) -> BriefGraph:
    """The same graph, noting into `reads` every entry looked up in it (numbered by reads.table, to
    which the graph's keys are added)."""
    reads.table.add_graph(graph)
    recorded: dict[str, Any] = {name: RecordingMapping(name, getattr(graph, name), reads)
                                for name in mapping_names(graph)}
    return dataclasses.replace(graph, **recorded)


def changes(old: BriefGraph | None, new: BriefGraph) -> set[Key] | None:
    """Every key whose value differs between two graphs; None when anything may have changed
    (no last graph, or other settings, which every page shows)."""
    if old is None or old.config != new.config:
        return None
    changed: set[Key] = set()
    for name in mapping_names(new):
        before: Mapping[str, Any] = getattr(old, name)
        after: Mapping[str, Any] = getattr(new, name)
        if before is after:
            continue
        differs = False
        for key, value in after.items():
            if key not in before:
                changed.add((name, key))
                differs = True
                continue
            was = before[key]
            if was is not value and was != value:
                changed.add((name, key))
                differs = True
        gone = before.keys() - after.keys()
        changed.update((name, key) for key in gone)
        if gone or len(before) != len(after) or list(before) != list(after):
            changed.add((name, KEYS))
            differs = True
        if differs:
            changed.add((name, ALL))
    return changed
