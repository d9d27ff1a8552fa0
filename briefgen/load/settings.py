"""Site settings from briefgen.yaml."""

from __future__ import annotations

from pathlib import Path

from briefgen import urls
from briefgen.errors import Problem, Severity
from briefgen.load.fields import FieldReader
from briefgen.load.files import read_text
from briefgen.load.yamlload import YamlError, load_yaml
from briefgen.model import SiteConfig
from briefgen.paths import CONFIG_FILE, SitePaths

CONFIG_KEYS = ("title", "base_url", "description", "language", "copyright", "allow_html", "citation_style")



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
        mapping = reader.mapping(data if data is not None else {}, (), CONFIG_FILE)
        if mapping is not None:
            reader.check_keys(mapping, (), CONFIG_KEYS, CONFIG_FILE)
            for key in ("title", "description", "language", "copyright"):
                value = reader.text(mapping, key, ())
                if value:
                    values[key] = value
            url = reader.url(mapping, "base_url", (), schemes=("http", "https"))
            if url:
                values["base_url"] = url
            values["allow_html"] = reader.boolean(mapping, "allow_html", ())
            style = _citation_style(reader, mapping, paths.root)
            if style:
                values["citation_style"] = style
    if base_url is not None:
        values["base_url"] = base_url
    values["base_url"] = urls.normalize_base_url(str(values.get("base_url", "")))
    return SiteConfig(**values), problems  # type: ignore[arg-type]


def _citation_style(reader: FieldReader, mapping: dict[str, object], root: Path) -> str:
    """A bundled style's name, or the absolute path of the site's own .csl file; '' for the default."""
    from briefgen.render.citations import bundled_styles  # citeproc is only needed once a site is rendered

    name = reader.text(mapping, "citation_style", ())
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
