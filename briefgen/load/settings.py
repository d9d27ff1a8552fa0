"""Site settings from briefgen.yaml, read by its description in formats.py (CONFIG)."""

from __future__ import annotations

from pathlib import Path

from briefgen import urls
from briefgen.errors import Problem, Severity
from briefgen.load.fields import CONFIG_KEYS, read_values
from briefgen.load.formats import CONFIG
from briefgen.load.rawfiles import read_text
from briefgen.load.reader import FieldReader
from briefgen.load.yamlload import YamlError, load_yaml
from briefgen.model import SiteConfig
from briefgen.paths import CONFIG_FILE, SitePaths

__all__ = ["CONFIG_KEYS", "load_config"]

_PLAIN = ("title", "description", "language", "copyright", "base_url", "allow_html", "publisher")
"""Settings taken as read; citation_style is checked against the styles there are."""


def load_config(paths: SitePaths, base_url: str | None = None) -> tuple[SiteConfig, list[Problem]]:
    """Settings with defaults for every missing key; `base_url` from the command line wins."""
    problems: list[Problem] = []
    values: dict[str, object] = {}
    if paths.config.is_file():
        text, problem = read_text(paths.config, CONFIG_FILE)
        if problem:
            return SiteConfig(), [problem]
        try:
            data, marks = load_yaml(text or "")
        except YamlError as exc:
            return SiteConfig(), [Problem(CONFIG_FILE, exc.line, exc.col, Severity.ERROR, exc.message, "yaml")]
        reader = FieldReader(CONFIG_FILE, marks, problems)
        read = read_values(reader, CONFIG, data)
        if read is not None:
            values.update((key, read.get(key)) for key in _PLAIN if read.get(key) not in (None, ""))
            style = _citation_style(reader, read.get("citation_style") or "", paths.root)
            if style:
                values["citation_style"] = style
    if base_url is not None:
        values["base_url"] = base_url
    values["base_url"] = urls.normalize_base_url(str(values.get("base_url", "")))
    return SiteConfig(**values), problems  # type: ignore[arg-type]


def _citation_style(reader: FieldReader, name: str, root: Path) -> str:
    """A bundled style's name, or the absolute path of the site's own .csl file; '' for the default."""
    from briefgen.render.citations import bundled_styles  # citeproc is only needed once a site is rendered

    if not name:
        return ""
    if name in bundled_styles():
        return name
    path = (root / name).resolve()
    if name.endswith(".csl") and path.is_file() and path.is_relative_to(root):
        return str(path)
    reader.error(("citation_style",), f"unknown citation style '{name}'", "bad-value",
                 f"use one of {', '.join(bundled_styles())}, or a .csl file in the site folder")
    return ""
