"""Parsed briefs kept between builds, so that an unchanged file is neither read nor parsed again.

Saved between runs of the command line, each parse is pickled on its own and unpickled only
when something asks for it: an edit to one brief's prose needs the parse of that brief alone,
and unpickling five thousand parses to resolve a graph that has not changed cost more than the
rest of the build. A parse that was never unpickled is saved again as the bytes it was read as.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

from briefgen.load.documents import ParsedBrief


class ParseCache:
    """Parsed briefs by the bytes of their file (and the settings a parse depends on), and the stat of
    each file when it was last read."""

    def __init__(self, settings: str = "") -> None:
        self.settings = settings
        """What else a parse depends on (the Markdown settings)."""
        self._entries: dict[str, ParsedBrief | bytes] = {}
        """Key -> the parse, or its pickle while nothing has asked for it."""
        self._pickles: dict[str, bytes] = {}
        """The pickle a parse arrived as (from a file or a worker), kept so that saving it again
        costs nothing."""
        self.stats: dict[str, tuple[tuple[int, int, int], str]] = {}
        """rel -> (mtime_ns, size, inode) when read, and the key of its bytes."""

    def use(self, settings: str) -> None:
        """Parse with these settings from now on: parses made with others are forgotten."""
        if settings != self.settings:
            self.settings, self._entries, self.stats = settings, {}, {}

    def key(self, rel: str, raw: bytes) -> str:
        digest = hashlib.blake2b(self.settings.encode(), digest_size=20)
        digest.update(rel.encode() + b"\0" + raw)
        return digest.hexdigest()

    def known_key(self, rel: str, stat: tuple[int, int, int]) -> str | None:
        """The key of the file at `rel` when it has the stat it had when read and its parse is kept."""
        known = self.stats.get(rel)
        if known is None or known[0] != stat or known[1] not in self._entries:
            return None
        return known[1]

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def get(self, key: str) -> ParsedBrief:
        entry = self._entries[key]
        if isinstance(entry, bytes):
            self._pickles[key] = entry
            entry = self._entries[key] = pickle.loads(entry)  # from a signed state file or our own worker
        return entry

    def put(self, key: str, parsed: ParsedBrief | bytes) -> None:
        """A parse, or its pickle (unpickled when first asked for)."""
        self._entries[key] = parsed
        self._pickles.pop(key, None)

    def keep_only(self, keys: Iterable[str]) -> None:
        """Forget the parses not in `keys` (files deleted or edited)."""
        wanted = set(keys)
        self._entries = {k: v for k, v in self._entries.items() if k in wanted}
        self._pickles = {k: v for k, v in self._pickles.items() if k in wanted}
        self.stats = {rel: known for rel, known in self.stats.items() if known[1] in wanted}

    def __getstate__(self) -> dict[str, Any]:
        entries = {k: v if isinstance(v, bytes) else self._pickles.get(k) or pickle.dumps(v, protocol=5)
                   for k, v in self._entries.items()}
        return {"settings": self.settings, "entries": entries, "stats": self.stats}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.settings = state["settings"]
        self._entries = dict(state["entries"])
        self._pickles = {}
        self.stats = state["stats"]


class ParsedBriefs(Sequence[ParsedBrief]):
    """The briefs of one build in path order, read from the cache as they are asked for."""

    def __init__(self, keys: tuple[str, ...], cache: ParseCache) -> None:
        self.keys = keys
        """The cache key of each brief: equal keys, equal parses."""
        self._cache = cache

    def __len__(self) -> int:
        return len(self.keys)

    @overload
    def __getitem__(self, index: int) -> ParsedBrief: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[ParsedBrief]: ...

    def __getitem__(self, index: int | slice) -> ParsedBrief | Sequence[ParsedBrief]:
        if isinstance(index, slice):
            return [self._cache.get(key) for key in self.keys[index]]
        return self._cache.get(self.keys[index])

    def __iter__(self) -> Iterator[ParsedBrief]:
        return (self._cache.get(key) for key in self.keys)
