"""A brief's citation as files to download: BibTeX, RIS and CSL-JSON (briefs/<slug>/cite.bib, .ris, .json).

All three come from the record the page's meta tags and cite box come from (citedata.py), so
they agree with each other and with what Zotero reads from the page. Each is made by the build
plan as a generated file that reads only that brief's entries of the graph, so an edit remakes
the downloads of the briefs it changed and no others.

- **BibTeX** is written by bibtexparser (already briefgen's reader of .bib files), which lays
  out the entry and checks that each value can be read back; briefgen does the escaping BibTeX
  needs: text stays UTF-8 (biber and BibTeX with inputenc read every script), and only the
  characters TeX gives a meaning to (\\ { } % & # $ _ ~ ^) become commands, braces included, so
  no value can unbalance the entry. Titles are braced whole: a brief's title keeps its case.
- **RIS** and **CSL-JSON** are simple enough that a library would add a dependency and nothing
  else: RIS is one `TAG  - value` line per field (values are kept to one line, since a line break
  would start a field of its own), and CSL-JSON is the record as JSON.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zlib

from briefgen import urls
from briefgen.model import BriefGraph
from briefgen.render.citedata import GENRE, CitedBrief, cited_brief, csl_item, iso_day, ymd

_TEX = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "%": r"\%", "&": r"\&",
        "#": r"\#", "$": r"\$", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_TEX_SPECIAL = re.compile(r"[\\{}%&#$_~^]")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_NOT_IN_KEY = re.compile(r"[^A-Za-z0-9_:-]+")
_VERBATIM_UNSAFE = re.compile(r"[{}\\\s]")


def cite_files(graph: BriefGraph, slug: str) -> dict[str, bytes]:
    """The three downloads of the brief at `slug`."""
    work = cited_brief(graph, slug)
    return {urls.cite_file(slug, "bib"): bibtex(work).encode("utf-8"),
            urls.cite_file(slug, "ris"): ris(work).encode("utf-8"),
            urls.cite_file(slug, "json"): csl_json(work).encode("utf-8")}


# -- BibTeX -----------------------------------------------------------------------------------------

def bibtex(work: CitedBrief) -> str:
    # Imported here: only a build that makes downloads pays for importing bibtexparser.
    from bibtexparser import model
    from bibtexparser.entrypoint import write_string
    from bibtexparser.library import Library

    year, month, _day = ymd(work.date)
    fields = [("author", " and ".join(_bib_name(a.family, a.given, a.name) for a in work.authors)),
              ("title", "{" + tex(work.title) + "}"),
              ("type", tex(GENRE)),
              ("institution", tex(work.publisher)),
              ("year", str(year)),
              ("month", _MONTHS[month - 1]),
              ("date", iso_day(work.date)),
              ("url", _verbatim(work.url)),
              ("doi", _verbatim(work.doi)),
              ("abstract", tex(work.abstract)),
              ("keywords", tex(", ".join(work.keywords)))]
    # Values go in as written here, enclosed in braces except the year and the month's macro (feb), which
    # standard styles print as the month's name: no middleware re-encloses them.
    entry = model.Entry("techreport", bibtex_key(work.slug),
                        [model.Field(name, value if name in ("year", "month") else "{" + value + "}")
                         for name, value in fields if value])
    return str(write_string(Library([entry]), unparse_stack=[]))


def tex(text: str) -> str:
    """Text as a BibTeX value: one line, TeX's special characters as commands, every other character as is."""
    return _TEX_SPECIAL.sub(lambda m: _TEX[m.group()], " ".join(text.split()))


def _bib_name(family: str, given: str, name: str) -> str:
    if family:
        return f"{tex(family)}, {tex(given)}"
    return "{" + tex(name) + "}"  # braced: kept whole, never split into first and last names


def _verbatim(text: str) -> str:
    """A URL or DOI, which BibTeX styles print verbatim: escaping would add backslashes to it, so the few
    characters that could break the entry are percent-encoded instead."""
    return _VERBATIM_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), text)


def bibtex_key(slug: str) -> str:
    """The entry's key: the slug in ASCII (classic BibTeX reads no other keys), or a checksum of it."""
    ascii_slug = unicodedata.normalize("NFKD", slug).encode("ascii", "ignore").decode("ascii")
    key = _NOT_IN_KEY.sub("-", ascii_slug).strip("-")
    return key or f"brief-{zlib.crc32(slug.encode()):08x}"


# -- RIS --------------------------------------------------------------------------------------------

def ris(work: CitedBrief) -> str:
    """The brief as an RIS record (TY RPRT), lines ending in CR LF as the format asks."""
    year, month, day = ymd(work.date)
    lines = [("TY", "RPRT"), ("TI", work.title)]
    lines += [("AU", author.inverted) for author in work.authors]
    lines += [("PY", f"{year:04d}"), ("DA", f"{year:04d}/{month:02d}/{day:02d}/"), ("PB", work.publisher),
              ("M3", GENRE), ("UR", work.url), ("DO", work.doi), ("LA", work.language), ("AB", work.abstract)]
    lines += [("KW", keyword) for keyword in work.keywords]
    lines.append(("ID", work.slug))
    out = [f"{tag}  - {' '.join(value.split())}" for tag, value in lines if value.strip()]
    out.append("ER  - ")
    return "\r\n".join(out) + "\r\n"


# -- CSL-JSON -------------------------------------------------------------------------------------

def csl_json(work: CitedBrief) -> str:
    """A CSL-JSON file: a list of one item (the form citeproc, Zotero and pandoc read)."""
    return json.dumps([csl_item(work)], ensure_ascii=False, indent=2) + "\n"
