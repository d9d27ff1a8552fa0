"""The only place URL rules live.

Pages are addressed by a site path without a leading slash and with a trailing slash
for directories ("claims/nk-will-not-disarm/", "" for the home page, "feed.xml").
Links between pages are always relative, so a site works from any sub-path and with no
base_url at all; absolute URLs (canonical, feeds, sitemap) exist only when base_url is set.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
import re
import unicodedata
from urllib.parse import quote, unquote

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""An id in ASCII: what is_valid_id checks quickly before looking at other scripts."""
MAX_SLUG_BYTES = 200
"""A slug is a folder name, and file systems allow 255 bytes: a longer slug is cut, with a digest of the
whole kept so that two long names that begin alike stay apart."""
_SECTION = {"brief": "briefs", "claim": "claims", "source": "sources", "actor": "actors",
            "topic": "topics", "author": "authors"}
_LATIN_FOLD = {"æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ħ": "h", "ı": "i",
               "ŧ": "t", "ß": "ss", "ĸ": "k"}
"""Latin letters that do not decompose into an ASCII letter and a mark."""
_INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f\u3164\uffa0"
                       + "".join(map(chr, range(0xFE00, 0xFE10))) + "".join(map(chr, range(0xE0100, 0xE01F0))))
"""Default-ignorable letters and marks (fillers, variation selectors) that would make a URL's words invisible."""
_LATIN_BLOCKS = re.compile("[\u00c0-\u02af\u1d00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff\uab30-\uab6f]")
"""The Unicode blocks that hold Latin letters beyond ASCII."""
_DOT_LIKE = frozenset("\ua4f8\ua4f9\ua4fa\ua4fb\u318d\u1427")
"""Letters drawn as a dot or a comma: a slug of them alone would look like '.' or '..'."""
_HREF_SAFE = "/#?&=;:@!$'()*+,~%-._"
"""Characters href() leaves alone: everything of a URL's syntax, and '%' of what is encoded already."""


@functools.lru_cache(maxsize=8192)  # a pure function, called for every topic and author of every brief
def slugify(text: str) -> str:
    """A name in any script -> the URL name of its page: 'Nuclear diplomacy' -> 'nuclear-diplomacy',
    '북한 비핵화' -> '북한-비핵화', 'Hà Nội' -> 'ha-noi'; never ''.

    Unicode slugs as Hugo and WordPress make them: NFKC, case-folded; the letters, marks and digits of
    every script kept, and everything else a single '-'. Like WordPress, Latin letters lose their
    accents ('é' -> 'e'), which is also what every earlier briefgen did. A name with no letter or digit
    at all ('🎉', '???') gets a short digest of itself. The same name gives the same slug everywhere,
    and so do names that differ only in case, width or composition (NFC or NFD).
    """
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") if text.isascii() else _settled(text)
    if not slug:
        return _digest(_folded(text))[:10]
    if len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        slug = _cut(slug)
    return slug


def slug_words(text: str) -> str:
    """slugify() of a whole text, never cut short nor digested ('' without letters or digits): every id
    the text spells is in it between hyphens (load/unparsed.py searches broken files so)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") if text.isascii() else _settled(text)


def shortened(slug: str, limit: int) -> str:
    """The slug's first `limit` characters, still a slug: a cut can end a word with a letter that is
    written otherwise there (Greek 'σ' becomes 'ς')."""
    return slug if len(slug) <= limit else slugify(slug[:limit].strip("-"))


def is_valid_id(value: str) -> bool:
    """An id an author may write: lower-case letters of any script and digits, joined by single '-' —
    exactly what slugify keeps of it, so it names a safe folder and never one of another name."""
    if value.isascii():  # not match: '$' would also accept a trailing newline
        return len(value) <= MAX_SLUG_BYTES and bool(ID_PATTERN.fullmatch(value))
    return len(value.encode("utf-8", "surrogatepass")) <= MAX_SLUG_BYTES and _settled(value) == value


def id_hint(text: str) -> str:
    """The hint for an id that is not one: the id it could be, when it has letters or digits to make one of."""
    return f"try '{slugify(text)}'" if any(char.isalnum() for char in text) else ""


def href(path: str) -> str:
    """A site path as it is written in a link: UTF-8 percent-encoded past ASCII ('topics/북한/' ->
    'topics/%EB%B6%81%ED%95%9C/'), which every static host and feed reader understands."""
    return path if path.isascii() else quote(path, safe=_HREF_SAFE)


def _folded(text: str) -> str:
    """NFKC, case-folded, and NFKC again (folding can undo the normalization)."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def _settled(text: str) -> str:
    """The slug of text outside ASCII; applying it again changes nothing (normalizing can join what
    dropping a character brought together, so it runs until the text settles)."""
    slug = text
    for _ in range(4):  # an id that is a slug already takes one pass
        again = _slug_once(slug)
        if again == slug:
            break
        slug = again
    return slug


def _slug_once(text: str) -> str:
    out: list[str] = []
    dash = False
    marks_fit = False  # a mark stays only on a letter or digit kept as itself (not on ASCII, nor alone)
    for char in _folded(text):
        category = unicodedata.category(char)
        if category == "Cf" or char in _INVISIBLE:
            continue  # joiners, soft hyphens, direction marks: invisible, so not a break between words
        if category[0] == "M":
            if marks_fit and not dash:
                out.append(char)
            continue
        if category[0] not in "LN" or char in _DOT_LIKE:
            dash = True
            continue
        kept = char if char.isascii() else _latin_fold(char)
        if dash and out:
            out.append("-")
        dash = False
        out.append(kept)
        marks_fit = not kept.isascii()
    slug = unicodedata.normalize("NFKC", "".join(out))
    return _final_sigma(slug) if "σ" in slug else slug


def _latin_fold(char: str) -> str:
    """A Latin letter without its accents, as ASCII where there is a plain form; any other letter as it is."""
    if not _LATIN_BLOCKS.match(char) or not unicodedata.name(char, "").startswith("LATIN "):
        return char  # the block test first: looking up a character's name is slow
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if base.isascii() and base.isalnum():
        return base
    return _LATIN_FOLD.get(char, char)


def _final_sigma(slug: str) -> str:
    """Case folding turns Greek's word-final 'ς' into 'σ'; a reader expects it back at the end of a word."""
    return re.sub(r"(?<=\w)σ(?!\w)", "ς", slug)


def _cut(slug: str) -> str:
    suffix = "-" + _digest(slug)[:8]
    room = MAX_SLUG_BYTES - len(suffix)
    cut = slug.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip("-")
    return unicodedata.normalize("NFKC", cut).rstrip("-") + suffix


def _digest(text: str) -> str:
    visible = "".join(c for c in " ".join(text.split()) if unicodedata.category(c) != "Cf" and c not in _INVISIBLE)
    return hashlib.sha256(visible.encode("utf-8", "surrogatepass")).hexdigest()


def page_path(kind: str, ident: str = "") -> str:
    """Site path of a page: page_path('claim', 'x') == 'claims/x/'; page_path('claim') is the index.

    An id outside ASCII is percent-encoded (href), so that every link, feed, sitemap and JSON file made
    from a site path is a URL as it is; the file on disk has the id's own UTF-8 name (output_file).
    """
    section = _SECTION[kind]
    return f"{section}/{href(ident)}/" if ident else f"{section}/"


def paged(path: str, number: int) -> str:
    """Site path of page `number` (from 1) of a paginated index: paged('claims/', 2) == 'claims/page/2/'."""
    return path if number <= 1 else f"{path}page/{number}/"


def map_part(name: str) -> str:
    """Site path of a part of the site's argument map: map_part('x') == 'map/x/'.

    Its name is its hub claim's id, percent-encoded as page_path encodes ids."""
    return f"{MAP}{href(name)}/"


def topic_feed(slug: str) -> str:
    return f"{page_path('topic', slug)}feed.xml"


def brief_pdf(slug: str) -> str:
    """Site path of a brief's PDF: beside its page, so the page's relative links work in it too."""
    return f"{page_path('brief', slug)}{slug}.pdf"


SITE_FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
GRAPH_JSON = "graph.json"
AIF_JSON = "graph.aif.json"
ARGDOWN = "graph.argdown"
GRAPHML = "graph.graphml"
DOT = "graph.gv"
"""The argument graph in the formats of other tools (docs/exchange.md); beside graph.json, and as stable."""
MAP = "map/"
SEARCH = "search/"
SEARCH_INDEX = "search/data/"
"""Folder of the search index (Pagefind's files)."""


def output_file(path: str) -> str:
    """The file that serves a site path: directories get index.html; a percent-encoded name is decoded."""
    if "%" in path:
        path = unquote(path, errors="strict")
    return path + "index.html" if path == "" or path.endswith("/") else path


def relative(from_page: str, to_path: str) -> str:
    """A relative href from the page at `from_page` to `to_path` (both site paths).

    Called for every link on every page, so it works on path parts directly: the same
    result as posixpath.relpath, without its abspath calls.
    """
    base = _folder_parts(from_page)
    if base and not to_path.startswith((base[0] + "/", "/")) and to_path != base[0] and "//" not in to_path:
        return "../" * len(base) + to_path  # nothing in common: the usual case, made quick
    target = to_path.rstrip("/")
    parts = target.split("/") if target else []
    common = 0
    for mine, theirs in zip(base, parts, strict=False):
        if mine != theirs:
            break
        common += 1
    steps = [".."] * (len(base) - common) + parts[common:]
    is_folder = to_path.endswith("/") or to_path == ""
    if not steps:
        return "./" if is_folder else posixpath.basename(to_path)
    return "/".join(steps) + "/" if is_folder else "/".join(steps)


@functools.lru_cache(maxsize=1024)
def _folder_parts(page: str) -> tuple[str, ...]:
    """The folder a page's links are relative to, as parts ('claims/x/' -> ('claims', 'x'))."""
    folder = page if page.endswith("/") or page == "" else posixpath.dirname(page)
    return tuple(part for part in folder.split("/") if part)


def absolute(base_url: str, path: str) -> str:
    """Absolute URL for a site path, or '' when the site has no base_url."""
    return base_url + path if base_url else ""


def normalize_base_url(value: str) -> str:
    value = value.strip()
    if value and not value.endswith("/"):
        value += "/"
    return value


CITE_FILES = {"bib": ("BibTeX", "application/x-bibtex"), "ris": ("RIS", "application/x-research-info-systems"),
              "json": ("CSL-JSON", "application/vnd.citationstyles.csl+json")}
"""A brief's citation downloads by file extension (briefs/<slug>/cite.bib, cite.ris, cite.json): name, media type."""


def cite_file(slug: str, extension: str) -> str:
    """Site path of a brief's citation in one format: cite_file('x', 'bib') == 'briefs/x/cite.bib'."""
    return f"{page_path('brief', slug)}cite.{extension}"
