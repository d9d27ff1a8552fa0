"""How a build is asked for: the command line's options, and what else a build depends on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuildOptions:
    output: Path | None = None
    drafts: bool = False
    base_url: str | None = None
    strict: bool = False
    """Treat warnings as errors."""
    jobs: int | None = None
    """Most processes to parse and render with (None: one per core; 1: never fork)."""
    keep: bool = True
    """Keep the engine's state in SITE/.briefgen-cache/ between runs (the command line does)."""
    pdf: bool | None = None
    """Print a PDF of every brief (--pdf / --no-pdf); None: as briefgen.yaml's `pdf` says."""

    def settings(self) -> str:
        return f"drafts={self.drafts}|strict={self.strict}|base_url={self.base_url}|pdf={self.pdf}"
