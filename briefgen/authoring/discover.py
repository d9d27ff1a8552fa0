"""Which files of a Hugo, Jekyll or Eleventy folder are posts, and what each one's place tells.

Given a site's root, its content folder is read (Hugo's `content/`; Jekyll's and Eleventy's
root, without their build folders, layouts, includes and data). Every Markdown file there is
a post, except a Hugo section page (`_index.md`), the home page, a repository's README-like
files, and the Markdown resources of a page bundle. A page bundle (`post/x/index.md`) is named
by its folder, and its other files are resources to copy along. Symbolic links are never
followed. Files skipped are listed with the reason; files that are plainly not pages (images,
stylesheets, templates without front matter) are passed over.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from briefgen.authoring.importer import ArticleFile
from briefgen.authoring.keymap import Place
from briefgen.authoring.stamps import date_from_file_name

MARKDOWN = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
OTHER_PAGES = (".html", ".htm", ".adoc", ".asciidoc", ".org", ".rst", ".pandoc", ".textile", ".njk", ".liquid",
               ".hbs", ".mustache", ".ejs", ".haml", ".pug")
"""Page formats a generator may publish that briefgen does not import: named when they have front matter."""
NEVER_CONTENT = frozenset({"node_modules", "_site", "_includes", "_layouts", "_data", "_sass", "_plugins",
                           "vendor", "public", "resources"})
SITE_FOLDERS = frozenset({"layouts", "themes", "archetypes", "static", "assets", "data", "i18n", "config",
                          "_includes", "_layouts"})
"""Folders of a site's root that hold its machinery, not its pages."""
REPOSITORY_FILES = frozenset({"readme", "license", "licence", "changelog", "contributing", "code_of_conduct",
                              "security", "authors"})
FLAVOURS = {"hugo": "Hugo", "jekyll": "Jekyll", "eleventy": "Eleventy", "": "Markdown"}
CONTENT_FOLDERS = {"hugo": ("content",), "eleventy": ("content", "src")}
"""Where a site keeps its pages, when not at its root (Eleventy's input folder, as its starters name it)."""


@dataclass(frozen=True)
class Found:
    """A post to import."""

    path: Path
    rel: str
    """Relative to the folder given, with '/'."""
    file: ArticleFile
    names: tuple[str, ...]
    """Every path a link of the original may name it by."""
    bundle: Path | None = None
    """The page bundle's folder, whose other files go along."""


@dataclass(frozen=True)
class Skipped:
    rel: str
    reason: str


@dataclass(frozen=True)
class Survey:
    root: Path
    flavour: str
    """'hugo', 'jekyll', 'eleventy', or '' when the folder does not say."""
    content: Path
    found: tuple[Found, ...]
    skipped: tuple[Skipped, ...]
    static: str = ""
    """The old site's folder of static files (images, ...), relative to root, when it has one."""


def survey(root: Path, shown: str) -> Survey:
    """The posts under `root`; `shown` is how messages name `root` (as the user typed it)."""
    flavour, site_root = site_flavour(root)
    content = next((root / name for name in CONTENT_FOLDERS.get(flavour, ()) if (root / name).is_dir()), root) \
        if site_root == root else root
    found: list[Found] = []
    skipped: list[Skipped] = []
    at_root = content == root == site_root
    for folder, dirs, files in os.walk(content, followlinks=False):
        here = Path(folder)
        rel_dir = here.relative_to(content).as_posix()
        dirs[:] = sorted(d for d in dirs if not _passed_over(d, here == content and at_root))
        for skipped_dir in (d for d in dirs if (here / d).is_symlink()):
            skipped.append(Skipped(_rel(root, here / skipped_dir), "a symbolic link; not followed"))
        dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
        bundle = any(_is_index(f, "index") for f in files) and rel_dir != "."
        for name in sorted(files):
            path = here / name
            rel = _rel(root, path)
            suffix = path.suffix.lower()
            if path.is_symlink():
                if suffix in MARKDOWN:
                    skipped.append(Skipped(rel, "a symbolic link; not followed"))
                continue
            if suffix not in MARKDOWN:
                if suffix in OTHER_PAGES and _has_front_matter(path):
                    skipped.append(Skipped(rel, f"not Markdown ({suffix}); copy what it says into a brief by hand"))
                continue
            reason = _not_a_post(name, rel_dir, bundle, here == content)
            if reason:
                skipped.append(Skipped(rel, reason))
                continue
            found.append(_found(root, content, path, flavour, shown, bundle and _is_index(name, "index")))
    static = next((name for name in ("static", "assets", "images", "img") if (root / name).is_dir()), "")
    return Survey(root, flavour, content, tuple(found), tuple(skipped), static)


def site_flavour(root: Path) -> tuple[str, Path | None]:
    """Which generator the folder (or the site it is the content folder of) belongs to, and that site's root."""
    for folder in (root, root.parent):
        if any((folder / name).is_file() for name in ("hugo.toml", "hugo.yaml", "hugo.json")) or \
                ((folder / "content").is_dir() and any((folder / f"config.{ext}").is_file()
                                                      for ext in ("toml", "yaml", "json"))) or \
                (folder / "archetypes").is_dir():
            return "hugo", folder
        if (folder / "_config.yml").is_file() or (folder / "_config.yaml").is_file() or (folder / "_posts").is_dir():
            return "jekyll", folder
        if any((folder / name).is_file() for name in (".eleventy.js", "eleventy.config.js", "eleventy.config.mjs",
                                                       "eleventy.config.cjs")):
            return "eleventy", folder
        if root.name not in ("content", "src", "posts", "blog", "_posts"):
            break  # only a content folder's parent says what the content folder is
    return "", None


def _passed_over(name: str, site_root: bool) -> bool:
    return name.startswith(".") or name in NEVER_CONTENT or (site_root and name in SITE_FOLDERS)


_LANGUAGE_SUFFIX = re.compile(r"\.[a-z]{2,3}(?:-[a-z0-9]{2,8})?$")
"""Hugo's translation suffix: `index.en.md`, `post.pt-br.md` are the English and Portuguese pages."""


def _is_index(name: str, index: str) -> bool:
    """Whether `name` is Hugo's `index.md` (or `_index.md`), in any of the site's languages (`index.en.md`)."""
    stem, _, suffix = name.lower().rpartition(".")
    return f".{suffix}" in MARKDOWN and _LANGUAGE_SUFFIX.sub("", stem) == index


def _not_a_post(name: str, rel_dir: str, bundle: bool, top: bool) -> str:
    stem = _LANGUAGE_SUFFIX.sub("", name.rsplit(".", 1)[0].lower())
    if stem == "_index":
        return "a Hugo section page (_index.md): it lists posts, it is not one"
    if top and stem == "index":
        return "the site's home page"
    if top and stem in REPOSITORY_FILES:
        return "a file of the repository, not a page"
    if bundle and stem != "index":
        return f"a resource of the page bundle {rel_dir}/index.md, not a page of its own"
    return ""


def _found(root: Path, content: Path, path: Path, flavour: str, shown: str, is_bundle: bool) -> Found:
    rel_content = path.relative_to(content).as_posix()
    parts = rel_content.split("/")
    # Hugo names a page by its folder (a bundle) or its file, without the language (`post.fr.md`)
    name = parts[-2] if is_bundle else _LANGUAGE_SUFFIX.sub("", path.stem) if flavour == "hugo" else path.stem
    folders = parts[:-2] if is_bundle else parts[:-1]
    in_posts = "_posts" in folders or "_drafts" in folders
    cut = next((i for i, part in enumerate(folders) if part in ("_posts", "_drafts")), len(folders))
    place = Place(flavour, section="/".join(folders), name_date=date_from_file_name(name)[0],
                  in_drafts="_drafts" in folders,
                  folder_topics=tuple(folders[:cut]) if flavour == "jekyll" and in_posts else ())
    rel = _rel(root, path)
    names = [rel_content, rel, "/".join(parts[:-1]) if is_bundle else rel_content, name]
    if in_posts:
        names.append("/".join([*folders[cut + 1:], path.name]))
    changed = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc).date().isoformat()
    kind = f"{'an' if flavour == 'eleventy' else 'a'} {FLAVOURS[flavour]} post" if flavour else "a Markdown file"
    file = ArticleFile(f"{shown.rstrip('/')}/{rel}", name, True, place, changed, kind,
                       origin=f"{root.resolve().name}/{rel}")
    return Found(path, rel, file, tuple(names), path.parent if is_bundle else None)


def _has_front_matter(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            start = handle.read(512).lstrip()
    except OSError:
        return False
    return start.startswith((b"---", b"+++"))


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()
