"""Site settings from briefgen.yaml, read by its description in formats.py (CONFIG)."""

from __future__ import annotations

import os
from pathlib import Path

from briefgen import urls
from briefgen.errors import Problem, Severity
from briefgen.load.date_settings import read_date_settings
from briefgen.load.fields import CONFIG_KEYS, read_values
from briefgen.load.formats import CONFIG
from briefgen.load.rawfiles import read_text
from briefgen.load.reader import FieldReader
from briefgen.load.records import rating_scale
from briefgen.load.yamlload import YamlError, load_yaml
from briefgen.model import SiteConfig
from briefgen.paths import CONFIG_FILE, SitePaths
from briefgen.symlinks import file_problem

__all__ = ["CONFIG_KEYS", "load_config"]

_PLAIN = ("title", "description", "language", "copyright", "base_url", "allow_html", "pdf", "publisher")
"""Settings taken as read; citation_style is checked against the styles there are."""


def load_config(paths: SitePaths, base_url: str | None = None,
                pdf: bool | None = None) -> tuple[SiteConfig, list[Problem]]:
    """Settings with defaults for every missing key; `base_url` and `pdf` from the command line win."""
    problems: list[Problem] = []
    values: dict[str, object] = {}
    reader: FieldReader | None = None
    if os.path.lexists(paths.config):
        problem = file_problem(paths.config, paths.root, CONFIG_FILE)
        if problem:
            return SiteConfig(), [problem]
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
            values["ratings"] = rating_scale(reader, read.get("ratings") if "ratings" in read.given else None)
            values.update(read_date_settings(reader, read))
    if base_url is not None:
        values["base_url"] = base_url
    values["base_url"] = urls.normalize_base_url(str(values.get("base_url", "")))
    if pdf is not None:
        values["pdf"] = pdf
    if values.get("pdf"):
        _check_pdf_extra(reader if pdf is None else None, problems)
    return SiteConfig(**values), sorted(problems)  # type: ignore[arg-type]  # in file order, as check prints them


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
    if name.endswith(".csl") and os.path.lexists(root / name):  # there, but it leads out of the site
        reader.error(("citation_style",), f"citation style '{name}' leads outside the site folder; it is not read",
                     "outside-site", "copy the .csl file into the site folder")
        return ""
    reader.error(("citation_style",), f"unknown citation style '{name}'", "bad-value",
                 f"use one of {', '.join(bundled_styles())}, or a .csl file in the site folder")
    return ""


def _check_pdf_extra(reader: FieldReader | None, problems: list[Problem]) -> None:
    """PDFs need WeasyPrint, an optional extra: say how to install it, where PDFs were asked for.

    Only whether it is installed is checked here (importing it takes a third of a second); a
    WeasyPrint that is installed but cannot load its system libraries is reported when a PDF is made.
    """
    from briefgen.render.pdf import INSTALL_HINT, weasyprint_installed

    if weasyprint_installed():
        return
    if reader is not None:
        reader.error(("pdf",), "'pdf: true' needs WeasyPrint, which is not installed", "pdf",
                     f"{INSTALL_HINT}, or set pdf: false")
    else:
        problems.append(Problem("--pdf", 0, 0, Severity.ERROR, "PDFs need WeasyPrint, which is not installed", "pdf",
                                f"{INSTALL_HINT}, or build without --pdf"))
