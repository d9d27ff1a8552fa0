"""Where templates and theme assets come from: the site's own folder first, then the default theme."""

from __future__ import annotations

from pathlib import Path

from briefgen.paths import PACKAGE_DIR
from briefgen.symlinks import walk_files

THEME_STATIC = "static"
ASSETS_PREFIX = "assets/"
"""Output folder of the theme's static files."""
SCHEMA_PREFIX = "schema/"
"""Output folder of the content format's JSON Schemas (briefgen/schema/*.json)."""


def default_theme_dir() -> Path:
    """The default theme: inside the installed wheel, or the repo's top-level templates/ in a checkout."""
    for candidate in (PACKAGE_DIR / "templates", PACKAGE_DIR.parent / "templates"):
        if (candidate / "base.html").is_file():
            return candidate
    raise FileNotFoundError("briefgen's default theme is missing; reinstall briefgen")


def theme_dirs(site_templates: Path) -> list[Path]:
    default = default_theme_dir()
    dirs = [site_templates] if site_templates.is_dir() and site_templates.resolve() != default else []
    return [*dirs, default]


def static_files(dirs: list[Path], site_static: Path) -> dict[str, Path]:
    """Output path -> file to copy: theme assets (site templates/static overrides the default) and static/.

    A link out of the site is never copied (symlinks.py; the load stage reports it). The site's
    folders are site/templates and site/static, so the site folder is their parent.
    """
    out: dict[str, Path] = {}
    for folder in reversed(dirs):
        assets = folder / THEME_STATIC
        for path in walk_files(assets, folder.parent.resolve())[0]:
            out[ASSETS_PREFIX + path.relative_to(assets).as_posix()] = path
    # The JSON Schemas of the content format, so editors can point at the published site.
    for path in sorted((PACKAGE_DIR / "schema").glob("*.json")):
        out[SCHEMA_PREFIX + path.name] = path
    for path in walk_files(site_static, site_static.parent.resolve())[0]:
        out[path.relative_to(site_static).as_posix()] = path
    return out
