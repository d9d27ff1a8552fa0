"""`briefgen import DIR`: a whole Hugo, Jekyll or Eleventy content folder -> briefs, in one go.

Every post is read and prepared first; slugs are made unique (against each other and the
site's briefs); old addresses (aliases) are checked against each other and briefgen's own
sections; then each post is finished, its links to other posts resolved against them all, and
written. A post already imported from the same place is not imported again. Nothing in the
site is ever overwritten. The report says what became of every file.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefgen import urls
from briefgen.authoring.convert import LinkTarget
from briefgen.authoring.discover import FLAVOURS, Found, Skipped, site_flavour, survey
from briefgen.authoring.importer import Imported, ImportFailed, Prepared, finish, prepare
from briefgen.authoring.keymap import ALIAS_KEYS
from briefgen.authoring.linkedfiles import LinkedFiles, copy_linked_files, linked_paths
from briefgen.authoring.linkindex import LinkIndex, site_briefs
from briefgen.authoring.scaffold import ScaffoldError, create_file
from briefgen.load.aliases import parse_alias
from briefgen.load.files import read_text

RESERVED_SECTIONS = frozenset({"briefs", "claims", "sources", "actors", "topics", "authors", "map", "search",
                               "assets", "schema", "feed.xml", "sitemap.xml", "robots.txt", "graph.json", "404.html",
                               "index.html"})
"""First parts of the site's own addresses: an old address there would clash with a page of briefgen's."""


@dataclass(frozen=True)
class Outcome:
    """What became of one post."""

    found: Found
    written: str = ""
    """The brief file written (relative to the site), '' when refused."""
    imported: Imported | None = None
    refused: str = ""
    line: int = 0
    """The original's line the refusal is about, 0 when none."""


@dataclass(frozen=True)
class FolderReport:
    flavour: str
    """'Hugo', 'Jekyll', 'Eleventy' or 'Markdown'."""
    outcomes: tuple[Outcome, ...]
    skipped: tuple[Skipped, ...]
    resources: int
    """Files of page bundles copied to static/."""
    static: str
    """The old site's static folder ('' when none)."""
    linked: LinkedFiles = field(default_factory=lambda: LinkedFiles(0, ()))
    """The old site's files the posts link to, copied into the new site's static/."""

    @property
    def imported(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.imported is not None]

    @property
    def refused(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.imported is None]


def import_folder(root: Path, site: Path, shown: str, *, skeleton: bool = False, write: bool = True) -> FolderReport:
    """Import every post under `root` into `site` (`shown`: how messages name `root`)."""
    found = survey(root, shown)
    existing = site_briefs(site)
    done_before = {brief.imported_from: brief.rel for brief in existing if brief.imported_from}
    outcomes: dict[str, Outcome] = {}
    prepared: list[tuple[Found, Prepared]] = []
    for post in found.found:
        already = done_before.get(post.file.origin)
        if already:
            outcomes[post.rel] = Outcome(post, refused=f"already imported, as {already}")
            continue
        text, problem = read_text(post.path, post.file.shown)
        if problem is not None or text is None:
            outcomes[post.rel] = Outcome(post, refused=problem.message if problem else "cannot read it",
                                         line=problem.line if problem else 0)
            continue
        try:
            ready = prepare(text, post.file)
        except ImportFailed as failed:
            outcomes[post.rel] = Outcome(post, refused=failed.message, line=failed.line)
            continue
        if found.flavour == "jekyll" and not ready.post.syntax:
            outcomes[post.rel] = Outcome(post, refused="it has no front matter, so Jekyll copies it as a file; "
                                                       "it is not a page")
            continue
        prepared.append((post, ready))
    prepared = _unique_slugs(prepared, {brief.slug for brief in existing})
    prepared = _checked_aliases(prepared)
    index = LinkIndex()
    for brief in existing:
        index.add(LinkTarget(brief.slug, brief.title, brief.draft), (brief.slug, Path(brief.rel).stem))
    addresses = LinkIndex()
    for post, ready in prepared:
        target = LinkTarget(ready.slug, ready.title, ready.mapped.draft or skeleton)
        index.add(target, (*post.names, ready.slug))
        addresses.add(target, ready.mapped.aliases)
    resources = 0
    for post, ready in prepared:
        try:
            imported = finish(ready, ready.slug, index.lookup(str(Path(post.rel).parent)), skeleton=skeleton,
                              addresses=addresses.lookup(exact=True))
        except ImportFailed as failed:
            outcomes[post.rel] = Outcome(post, refused=failed.message, line=failed.line)
            continue
        path = site / "content" / "briefs" / _folder_for(post) / f"{ready.slug}.md"
        written = path.relative_to(site).as_posix()
        try:
            if write and not create_file(path, imported.text, site):
                outcomes[post.rel] = Outcome(post, refused=f"{written} already exists")
                continue
        except OSError as exc:  # a full disk, a read-only folder: say so for this post, go on with the rest
            outcomes[post.rel] = Outcome(post, refused=f"cannot write {written}: {exc.strerror or exc}")
            continue
        except ScaffoldError as exc:  # content/briefs linked out of the site: refuse, as `briefgen new` does
            outcomes[post.rel] = Outcome(post, refused=str(exc))
            continue
        outcomes[post.rel] = Outcome(post, written, imported)
        if write and post.bundle is not None:
            resources += _copy_resources(post.bundle, site / "static" / "briefs" / ready.slug)
    ordered = tuple(outcomes[post.rel] for post in found.found if post.rel in outcomes)
    site_root = site_flavour(root)[1] or root
    files, pages = linked_paths(o.imported.text for o in ordered if o.imported is not None)
    linked = replace(copy_linked_files(files, (site_root / "static", site_root), site / "static", write),
                     pages=tuple(pages))
    return FolderReport(FLAVOURS[found.flavour], ordered, found.skipped, resources, found.static, linked)


def _unique_slugs(prepared: list[tuple[Found, Prepared]], taken: set[str]) -> list[tuple[Found, Prepared]]:
    """Each post's slug, made unique against the site's briefs and the posts before it ('x', 'x-2', ...)."""
    out = []
    taken = set(taken)
    for post, ready in prepared:
        slug = ready.slug
        number = 2
        while slug in taken:
            slug = f"{ready.slug}-{number}"
            number += 1
        taken.add(slug)
        if slug != ready.slug:
            note = (ready.post.key_lines.get("slug", 1), f"its slug '{ready.slug}' is taken; it is '{slug}'")
            ready = replace(ready, slug=slug, mapped=replace(ready.mapped, notes=(*ready.mapped.notes, note)))
        out.append((post, ready))
    return out


def _checked_aliases(prepared: list[tuple[Found, Prepared]]) -> list[tuple[Found, Prepared]]:
    """Keep each old address once, only where briefgen can serve it; say why any other is left out."""
    seen: dict[str, str] = {}
    out = []
    for post, ready in prepared:
        kept: list[str] = []
        notes = list(ready.mapped.notes)
        line = next((ready.post.key_lines[k] for k in ALIAS_KEYS if k in ready.post.key_lines), 1)
        for alias in ready.mapped.aliases:
            parsed = parse_alias(alias)
            if isinstance(parsed, str):
                notes.append((line, f"old address '{alias}' {parsed}; left out"))
                continue
            segments, folder, _host = parsed
            path = "/".join(segments) + ("/" if folder else "")
            key = urls.output_file(path).casefold()
            if segments[0].casefold() in RESERVED_SECTIONS:
                notes.append((line, f"old address '{alias}' is in briefgen's own /{segments[0]}/; left out"))
            elif key in seen:
                notes.append((line, f"old address '{alias}' is also given by {seen[key]}; left out here"))
            else:
                seen[key] = post.file.shown
                kept.append(alias)
        mapped = replace(ready.mapped, aliases=tuple(kept), notes=tuple(notes))
        out.append((post, replace(ready, mapped=mapped)))
    return out


def _folder_for(post: Found) -> str:
    """The sub-folder of content/briefs/ a post goes to: its section's, so the briefs keep the original's order."""
    parts = [urls.slugify(part) for part in post.file.place.section.split("/")
             if part and part not in ("_posts", "_drafts")]
    return "/".join(part for part in parts if part)


def _copy_resources(bundle: Path, to: Path) -> int:
    """A page bundle's files (images, ...) beside the brief's page, where its relative links find them.

    Links are not followed, hidden files are left, and a file already there is never replaced; the count is of
    the files copied."""
    copied = 0
    for folder, dirs, files in os.walk(bundle, followlinks=False):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(files):
            path = here / name
            if name.startswith(".") or path.is_symlink() or path.suffix.lower() in (".md", ".markdown"):
                continue
            target = to / path.relative_to(bundle)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                with path.open("rb") as source, target.open("xb") as copy:
                    shutil.copyfileobj(source, copy)
            except OSError:  # already there (never replaced), or unreadable: the brief is written all the same
                continue
            copied += 1
    return copied
