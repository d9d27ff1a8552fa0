"""Sources in a citation style: each source formatted once per build with citeproc-py.

Templates show a source as `before` + linked title + `after`, so the title can link to the
source's page wherever the style puts it. To find it, citeproc formats a marker word in
place of the title. citeproc-py does not escape the text it is given, so every value is
HTML-escaped (as numeric entities, which case changes in a style cannot alter) before it
goes in, and the output is trusted markup.
"""

from __future__ import annotations

import json
import logging
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from briefgen.model import Source

STYLES_DIR = Path(__file__).resolve().parent / "styles"
DEFAULT_STYLE = "chicago-author-date"
_TITLE_MARK = "qqbriefgentitleqq"
_CSL_TYPE = {"news": "article-newspaper", "report": "report", "dataset": "dataset", "statement": "speech",
             "book": "book", "other": "document"}
_ENTITIES = {"&": "&#38;", "<": "&#60;", ">": "&#62;"}


@dataclass(frozen=True)
class Formatted:
    before: Markup
    """Styled text before the title (authors, year, ...)."""
    after: Markup
    """Styled text after the title (publisher, date, URL, ...)."""


def bundled_styles() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in STYLES_DIR.glob("*.csl")))


def style_path(style: str) -> Path:
    """The .csl file for a bundled style's name, or the given path for a site's own file."""
    return STYLES_DIR / f"{style}.csl" if "/" not in style and not style.endswith(".csl") else Path(style)


class CitationFormatter:
    """Sources in one citation style, each formatted once per process, when a page first shows it.

    citeproc-py takes some 3 ms a source and does not get faster in a batch, so a source is
    formatted only when a page being rendered needs it: an incremental build formats only the
    sources on the pages it makes again. The price of formatting one at a time is CSL's
    disambiguation between entries (2019a, 2019b), which a per-brief numbered list does not need.
    """

    def __init__(self, style: str, language: str = "en") -> None:
        self._path = style_path(style) if style else None
        self._locale = csl_locale(language)
        self._style: Any = None
        self._made: dict[str, Formatted | None] = {}

    def format(self, source: Source) -> Formatted | None:
        """`source` in the style; None when the site has no style or citeproc cannot format it."""
        if self._path is None:
            return None
        item = json.dumps(_csl_item(source), sort_keys=True)
        if item not in self._made:
            html = self._format_item(item)
            self._made[item] = _split(html, source.title) if html is not None else None
        return self._made[item]

    def _format_item(self, item_json: str) -> str | None:
        from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
        from citeproc.source.json import CiteProcJSON

        item = json.loads(item_json)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # citeproc-py warns about CSL features it skips
            logging.getLogger("citeproc").setLevel(logging.ERROR)
            try:
                if self._style is None:
                    self._style = CitationStylesStyle(str(self._path), locale=self._locale, validate=False)
                bibliography = CitationStylesBibliography(self._style, CiteProcJSON([item]), formatter.html)
                bibliography.register(Citation([CitationItem(item["id"])]))
                entries = bibliography.bibliography()
            except Exception:  # citeproc-py fails on some CSL it does not support: fall back to the plain look
                return None
        return str(entries[0]) if entries else None


def csl_locale(language: str) -> str:
    return {"en": "en-US", "de": "de-DE", "fr": "fr-FR", "es": "es-ES", "it": "it-IT", "pt": "pt-PT",
            "nl": "nl-NL", "ru": "ru-RU", "ja": "ja-JP", "zh": "zh-CN", "ko": "ko-KR"}.get(language, language)


def _csl_item(source: Source) -> dict[str, Any]:
    """The source as a CSL-JSON item: the reference manager's own item when there is one."""
    if source.csl:
        item: dict[str, Any] = json.loads(source.csl)
        # The entry's own line shows the access date and links the archived copy (source_citation.html):
        # styles print them unevenly (Chicago: an archive URL as text, an access date only when undated).
        item.pop("accessed", None)
        if source.archived_url and item.get("archive_location") == source.archived_url:
            del item["archive_location"]
    else:
        item = {"type": _CSL_TYPE.get(source.kind, "document")}
        if source.publisher:
            item["container-title" if source.kind == "news" else "publisher"] = source.publisher
        if source.url:
            item["URL"] = source.url
        if source.authors:
            item["author"] = [{"literal": name} for name in source.authors]
        parts = [int(p) for p in re.findall(r"\d+", source.date)[:3]] if re.match(r"^\d{4}", source.date) else []
        if parts:
            item["issued"] = {"date-parts": [parts]}
    item["id"] = source.id
    item["title"] = _TITLE_MARK
    escaped: dict[str, Any] = escape_csl(item)
    return escaped


def escape_csl(value: Any) -> Any:
    if isinstance(value, str):
        return re.sub(r"[&<>]", lambda m: _ENTITIES[m.group()], value)
    if isinstance(value, dict):
        return {k: v if k == "id" else escape_csl(v) for k, v in value.items()}
    if isinstance(value, list):
        return [escape_csl(v) for v in value]
    return value


def _split(html: str, title: str) -> Formatted:
    """Cut the formatted entry at the title marker; later copies of it (a style may repeat the
    title where an author would go) become the plain title."""
    parts = re.split(_TITLE_MARK, html, maxsplit=1, flags=re.IGNORECASE)
    if len(parts) < 2:
        return Formatted(Markup(html), Markup(""))
    before, after = parts
    after = re.sub(_TITLE_MARK, str(escape(title)), after, flags=re.IGNORECASE)
    return Formatted(Markup(before), Markup(after))
