"""Argument-map layouts kept between builds, by the shape of the map, in shards read on demand.

A site of thousands of briefs has thousands of maps. Saved whole, their layouts took as long to
unpickle as an edit takes to build, and an edit redraws a handful of maps. So the layouts are
saved in shards by a digest of their key, and a shard is unpickled the first time a map of its
shapes is drawn; a shard nobody opened is saved again as the bytes it was read as.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator, MutableMapping
from typing import Any

from briefgen.render.argmap import ShapeKey
from briefgen.render.layout import Layout

SHARDS = 64


class LayoutCache(MutableMapping[ShapeKey, Layout]):
    def __init__(self) -> None:
        self._shards: list[dict[ShapeKey, Layout] | bytes] = [{} for _ in range(SHARDS)]
        self._added: dict[ShapeKey, Layout] = {}
        """Layouts added since take_added() last ran: a worker process sends these back."""

    def _shard(self, key: ShapeKey) -> dict[ShapeKey, Layout]:
        index = hashlib.blake2b(repr(key).encode(), digest_size=2).digest()[0] % SHARDS
        shard = self._shards[index]
        if isinstance(shard, bytes):
            shard = self._shards[index] = pickle.loads(shard)  # only from a signed state file (state.py)
        return shard

    def __getitem__(self, key: ShapeKey) -> Layout:
        return self._shard(key)[key]

    def __setitem__(self, key: ShapeKey, layout: Layout) -> None:
        self._shard(key)[key] = layout
        self._added[key] = layout

    def __delitem__(self, key: ShapeKey) -> None:
        del self._shard(key)[key]

    def __iter__(self) -> Iterator[ShapeKey]:
        for index in range(SHARDS):
            shard = self._shards[index]
            if isinstance(shard, bytes):
                shard = self._shards[index] = pickle.loads(shard)
            yield from list(shard)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def take_added(self) -> dict[ShapeKey, Layout]:
        added, self._added = self._added, {}
        return added

    def __getstate__(self) -> list[bytes]:
        return [shard if isinstance(shard, bytes) else pickle.dumps(shard, protocol=pickle.HIGHEST_PROTOCOL)
                for shard in self._shards]

    def __setstate__(self, shards: list[Any]) -> None:
        self._shards = list(shards) if len(shards) == SHARDS else [{} for _ in range(SHARDS)]
        self._added = {}
