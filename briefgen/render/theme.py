"""Where templates and theme assets come from: the site's own folder first, then the default theme."""

from __future__ import annotations

from pathlib import Path

from briefgen.paths import PACKAGE_DIR

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
    """Output path -> file to copy: theme assets (site templates/static overrides the default) and static/."""
    out: dict[str, Path] = {}
    for folder in reversed(dirs):
        assets = folder / THEME_STATIC
        if assets.is_dir():
            for path in sorted(assets.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    out[ASSETS_PREFIX + path.relative_to(assets).as_posix()] = path
    # The JSON Schemas of the content format, so editors can point at the published site.
    for path in sorted((PACKAGE_DIR / "schema").glob("*.json")):
        out[SCHEMA_PREFIX + path.name] = path
    if site_static.is_dir():
        for path in sorted(site_static.rglob("*")):
            if path.is_file() and not path.is_symlink():
                out[path.relative_to(site_static).as_posix()] = path
    return out
