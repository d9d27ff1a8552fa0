"""Starting things: a new site (`briefgen init`) and a new brief (`briefgen new`).

Neither ever overwrites a file: every write uses exclusive creation, so a file that
appears between the check and the write is still left alone.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import string
from dataclasses import dataclass
from pathlib import Path

from briefgen import urls
from briefgen.load.schemas import SCHEMA_NAMES, schema_dir
from briefgen.paths import CONFIG_FILE
from briefgen.symlinks import is_inside

STARTER = Path(__file__).resolve().parent / "starter"
SCHEMA_COPY = ".briefgen/schema"
"""Where `init` puts a copy of the JSON Schemas, for editors that read them from disk."""
MAX_SLUG = 60
DATA_FILE_SCHEMAS = {"content/sources.yaml": "sources", "content/claims.yaml": "claims",
                     "content/actors.yaml": "actors", "content/authors.yaml": "authors",
                     CONFIG_FILE: "config", "content/positions.yaml": "positions"}


class ScaffoldError(Exception):
    """A request we refuse (a non-empty folder, an existing file); the message says why."""


@dataclass(frozen=True)
class Written:
    created: tuple[str, ...]
    kept: tuple[str, ...]
    """Files that already existed and were left as they were (init --force)."""


def init_site(root: Path, force: bool = False, today: dt.date | None = None) -> Written:
    """Write a working site into `root`; refuse a non-empty folder unless `force`, never overwrite."""
    if root.exists() and not root.is_dir():
        raise ScaffoldError(f"'{root}' exists and is not a folder")
    if root.is_dir() and any(root.iterdir()) and not force:
        raise ScaffoldError(f"'{root}' is not empty; pass --force to add the missing starter files "
                            "(existing files are never overwritten)")
    files = _starter_files(today or dt.date.today())
    created: list[str] = []
    kept: list[str] = []
    for rel, text in files.items():
        (created if create_file(root / rel, text, root) else kept).append(rel)
    return Written(tuple(created), tuple(kept))


def _starter_files(today: dt.date) -> dict[str, str]:
    files: dict[str, str] = {}
    for path in sorted(STARTER.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(STARTER).as_posix()
        text = path.read_text(encoding="utf-8")
        if rel == "gitignore":
            rel = ".gitignore"
        if rel.endswith(".md"):
            text = string.Template(text).safe_substitute(date=today.isoformat())
        files[rel] = text
    for name in SCHEMA_NAMES:
        files[f"{SCHEMA_COPY}/{name}.json"] = (schema_dir() / f"{name}.json").read_text(encoding="utf-8")
    files[".vscode/settings.json"] = json.dumps(vscode_settings(), indent=2) + "\n"
    return files


def vscode_settings() -> dict[str, object]:
    """Settings for VS Code's YAML extension (redhat.vscode-yaml): which schema checks which file."""
    schemas: dict[str, object] = {f"./{SCHEMA_COPY}/{name}.json": rel for rel, name in DATA_FILE_SCHEMAS.items()}
    # The YAML extension reads .yaml files only; front matter in briefs is checked by `briefgen check`.
    return {"yaml.schemas": schemas}


def new_brief(site: Path, title: str, slug: str | None = None, today: dt.date | None = None) -> Path:
    """Write content/briefs/<slug>.md from the brief template; refuse to overwrite."""
    if not (site / "content").is_dir() and not (site / CONFIG_FILE).is_file():
        raise ScaffoldError(f"'{site}' is not a briefgen site (no {CONFIG_FILE} or content/ folder); "
                            "create one with 'briefgen init DIR'")
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("the title is empty")
    slug = slug if slug is not None else slug_from_title(title)
    if not urls.is_valid_id(slug):
        raise ScaffoldError(f"cannot make a file name from '{slug or title}'; pass --slug some-words "
                            "(lower-case letters, digits and '-')")
    path = site / "content" / "briefs" / f"{slug}.md"
    text = BRIEF_TEMPLATE.substitute(title=yaml_string(title), date=(today or dt.date.today()).isoformat())
    if not create_file(path, text, site):
        raise ScaffoldError(f"'{path}' already exists; choose another title or pass --slug")
    return path


def slug_from_title(title: str) -> str:
    """A file name from a title, cut at a word boundary so URLs stay readable; '' for a title without
    a letter or digit (its stand-in slug, a digest, would make an unreadable file name)."""
    if not any(char.isalnum() for char in title):
        return ""
    slug = urls.slugify(re.sub(r"['’]", "", title))  # "isn't" -> "isnt", not "isn-t"
    if len(slug) > MAX_SLUG:
        slug = urls.slugify(slug[:MAX_SLUG].rsplit("-", 1)[0])  # a cut Greek word must end in "ς"
    return slug


_NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
"""What JSON leaves as it is but YAML refuses even quoted (DEL, C1 controls, lone surrogates) or folds
as a line break (NEL, the Unicode line and paragraph separators)."""


def yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted scalar: a JSON string is one, once YAML's unprintables are escaped."""
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def create_file(path: Path, text: str, site: Path | None = None) -> bool:
    """Create `path` with `text`; False (and no change) when it already exists.

    With `site`, refuse (ScaffoldError) to write where a symbolic link would take the file out of
    that site folder (a `content/briefs` linked elsewhere); the file itself is never written
    through a link, as 'x' mode creates it or fails."""
    if site is not None:
        _refuse_links_out(path.parent, site)
    path.parent.mkdir(parents=True, exist_ok=True)
    if site is not None:
        _refuse_links_out(path.parent, site)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        return False
    return True


def _refuse_links_out(folder: Path, site: Path) -> None:
    """Raise when an existing part of `folder` below `site` is a link that leaves the site folder."""
    root = site.resolve()
    try:
        parts = folder.absolute().relative_to(site.absolute()).parts
    except ValueError:
        raise ScaffoldError(f"'{folder}' is outside the site folder; nothing was written") from None
    current = site.absolute()
    for part in parts:
        current = current / part
        if not os.path.lexists(current):
            return
        if not is_inside(os.path.realpath(current), root):
            raise ScaffoldError(f"'{current}' leads outside the site folder (a symbolic link); nothing was written")


BRIEF_TEMPLATE = string.Template("""\
---
title: $title
date: $date
# slug: a-short-name           # the page's URL, /briefs/<slug>/ (default: the file name)
authors: []                    # names, e.g. [Jane Doe]; content/authors.yaml may add a bio and a link
topics: []                     # free text, e.g. [North Korea, sanctions]
summary: ""                    # one or two sentences for listings, feeds and the meta description
draft: true                    # remove this line (or write false) to publish; build --drafts previews
claims: []                     # what this brief asserts, for example:
#  - id: a-short-claim-id
#    text: The claim in one sentence.
#    sources: [a-source-id]
#    supports: [another-claim-id]
#  - an-existing-claim-id      # a bare id: a claim defined in another brief or content/claims.yaml
counterclaims: []              # positions this brief answers, for example:
#  - id: the-other-side
#    text: The position you answer, in one sentence.
#    held_by: [an-actor-id]    # ids from content/actors.yaml
#    opposes: a-short-claim-id
#    rebuttal: Your answer, in Markdown.
sources: []                    # what the brief cites, for example:
#  - id: a-source-id
#    title: The document's title
#    publisher: Who published it
#    kind: news                # news | report | dataset | statement | book | other
#    url: https://example.org/the-document
#    date: 2025-01-31
---
Write the brief here, in Markdown.

Cite a source with `[@a-source-id]` (several: `[@a; @b]`). Mark the words that make a claim
with `[the words]{claim=a-short-claim-id}`. Link to other pages with `[text](brief:slug)`,
`(claim:id)`, `(source:id)`, `(actor:id)` or `(topic:Name)`.
""")
