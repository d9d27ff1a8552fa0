"""Shared fixtures: tiny sites written from strings, and parsed output pages."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import html5lib
import pytest

REPO = Path(__file__).resolve().parent.parent
XHTML = "{http://www.w3.org/1999/xhtml}"


def write_site(root: Path, files: dict[str, str]) -> Path:
    """Write `files` (relative path -> text, dedented) under `root` and return it."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def parse_html(path: Path):
    """An ElementTree of an output page, parsed as a browser would (html5lib), without namespaces."""
    tree = html5lib.parse(path.read_bytes(), treebuilder="etree", namespaceHTMLElements=False)
    return tree


@pytest.fixture
def scratch_site(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    def make(files: dict[str, str]) -> Path:
        return write_site(tmp_path / "site", files)
    return make


@pytest.fixture
def example_site(tmp_path: Path) -> Path:
    """A copy of the repo's example site (content + briefgen.yaml), built with the default theme."""
    site = tmp_path / "example"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "briefgen.yaml", site / "briefgen.yaml")
    return site


MINIMAL_BRIEF = """\
---
title: A minimal brief
date: 2020-01-02
summary: Short.
claims:
  - id: sky-is-blue
    text: The sky is blue.
    sources: [obs]
sources:
  - id: obs
    title: An observation
    kind: report
---
The sky is blue [@obs]. [It is blue]{claim=sky-is-blue}.
"""
