"""Where a site's folders and files are."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONFIG_FILE = "briefgen.yaml"
PACKAGE_DIR = Path(__file__).resolve().parent
"""The installed package: its schema/, styles and starter files live below it."""


@dataclass(frozen=True)
class SitePaths:
    root: Path
    content: Path
    templates: Path
    static: Path
    output: Path
    config: Path

    @classmethod
    def of(cls, root: Path, output: Path | None = None) -> SitePaths:
        root = root.resolve()
        return cls(root, root / "content", root / "templates", root / "static",
                   (output or root / "output").resolve(), root / CONFIG_FILE)
