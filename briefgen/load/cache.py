"""Parsed briefs kept between builds, so that an unchanged file is neither read nor parsed again."""

from __future__ import annotations

import hashlib

from briefgen.load.documents import ParsedBrief


class ParseCache:
    """Parsed briefs by the bytes of their file (and the settings a parse depends on), and the stat of
    each file when it was last read, so that an unchanged file is neither read nor parsed again."""

    def __init__(self, settings: str = "") -> None:
        self.settings = settings
        """What else a parse depends on (the Markdown settings)."""
        self.entries: dict[str, ParsedBrief] = {}
        self.stats: dict[str, tuple[tuple[int, int, int], str]] = {}
        """rel -> (mtime_ns, size, inode) when read, and the key of its bytes."""

    def use(self, settings: str) -> None:
        """Parse with these settings from now on: parses made with others are forgotten."""
        if settings != self.settings:
            self.settings, self.entries, self.stats = settings, {}, {}

    def key(self, rel: str, raw: bytes) -> str:
        digest = hashlib.blake2b(self.settings.encode(), digest_size=20)
        digest.update(rel.encode() + b"\0" + raw)
        return digest.hexdigest()

    def known_key(self, rel: str, stat: tuple[int, int, int]) -> str | None:
        known = self.stats.get(rel)
        if known is None or known[0] != stat or known[1] not in self.entries:
            return None
        return known[1]

    def keep_only(self, keys: set[str]) -> None:
        """Forget the parses this build did not use (files deleted or edited)."""
        self.entries = {k: v for k, v in self.entries.items() if k in keys}
        self.stats = {rel: known for rel, known in self.stats.items() if known[1] in keys}
