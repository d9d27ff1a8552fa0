"""Files copied into the site as they are: the theme's assets, the JSON Schemas and a site's static/."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from briefgen.write.output import Stage

Copied = tuple[str, tuple[int, int, int], str]
"""(source file, its (mtime_ns, size, inode) when copied, digest of its bytes)."""


def stage_copies(copies: Mapping[str, Path], last: Mapping[str, Copied],
                 stage: Stage) -> tuple[dict[str, Copied], set[str]]:
    """Stage every copy whose source is new or changed since `last`; what is known of each, and
    the paths staged."""
    known: dict[str, Copied] = {}
    staged: set[str] = set()
    for out, source in copies.items():
        info = source.stat()
        stat = (info.st_mtime_ns, info.st_size, info.st_ino)
        before = last.get(out)
        if before is not None and before[0] == str(source) and before[1] == stat:
            known[out] = before
            continue
        known[out] = (str(source), stat, stage.write(out, source.read_bytes()))
        staged.add(out)
    return known, staged
