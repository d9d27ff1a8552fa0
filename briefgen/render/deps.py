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


class Reads:
    """The keys read while one output was built; the engine starts a fresh set per output."""

    def __init__(self) -> None:
        self.keys: set[Key] = set()
        self._interned: dict[Key, Key] = {}

    def take(self) -> frozenset[Key]:
        """The keys read since the last take(), each key one shared tuple (a small pickle)."""
        interned = self._interned
        taken = frozenset(interned.setdefault(key, key) for key in self.keys)
        self.keys = set()
        return taken


class RecordingMapping(Mapping[str, V]):
    """A read-only view of one graph mapping that notes what is read through it."""

    __slots__ = ("_data", "_keys", "_name", "_reads")

    def __init__(self, name: str, data: Mapping[str, V], reads: Reads) -> None:
        self._name, self._data, self._reads = name, data, reads
        self._keys = (name, KEYS)

    def __getitem__(self, key: str) -> V:
        try:
            value = self._data[key]
        except KeyError:
            self._reads.keys.add(self._keys)
            raise
        self._reads.keys.add((self._name, key))
        return value

    def __contains__(self, key: object) -> bool:
        found = key in self._data
        self._reads.keys.add((self._name, key) if found else self._keys)  # type: ignore[arg-type]
        return found

    def __iter__(self) -> Iterator[str]:
        self._reads.keys.add(self._keys)
        return iter(self._data)

    def __len__(self) -> int:
        self._reads.keys.add(self._keys)
        return len(self._data)

    def keys(self) -> Any:
        self._reads.keys.add(self._keys)
        return self._data.keys()

    def items(self) -> Any:
        self._reads.keys.update((self._keys, (self._name, ALL)))
        return self._data.items()

    def values(self) -> Any:
        self._reads.keys.update((self._keys, (self._name, ALL)))
        return self._data.values()


class KeyTable:
    """A number for every key, so that what an output read is kept as a few bytes.

    Numbers are never reused or reordered: the records of outputs kept from earlier builds
    stay valid. A build adds every key of its graph before its workers start, so that each
    worker can number what it read on its own and all agree.
    """

    def __init__(self) -> None:
        self.keys: list[Key] = []
        self._ids: dict[Key, int] = {}

    def add_graph(self, graph: BriefGraph) -> None:
        for name in mapping_names(graph):
            self._add((name, KEYS))
            self._add((name, ALL))
            for key in getattr(graph, name):
                self._add((name, key))

    def _add(self, key: Key) -> None:
        if key not in self._ids:
            self._ids[key] = len(self.keys)
            self.keys.append(key)

    def encode(self, keys: frozenset[Key]) -> bytes:
        """The numbers of `keys`, packed; a key the table lacks counts as the whole mapping's keys."""
        ids = self._ids
        return array("I", sorted({ids.get(key, ids.get((key[0], KEYS), 0)) for key in keys})).tobytes()

    def numbers(self, keys: set[Key]) -> set[int]:
        """The numbers of those of `keys` the table has (a key it lacks was never read)."""
        return {self._ids[key] for key in keys if key in self._ids}

    def __getstate__(self) -> list[Key]:
        return self.keys

    def __setstate__(self, keys: list[Key]) -> None:
        self.keys = keys
        self._ids = {key: index for index, key in enumerate(keys)}


def read_any(numbers: set[int], reads: bytes) -> bool:
    """Whether packed `reads` (KeyTable.encode) include any of `numbers`."""
    return not numbers.isdisjoint(memoryview(reads).cast("I"))


def recording(graph: BriefGraph, reads: Reads) -> BriefGraph:
    """The same graph, noting into `reads` every entry looked up in it."""
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
