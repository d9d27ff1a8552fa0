"""The content format: every key of a brief's front matter and of each site-wide file, described once.

fields.py reads content by these descriptions (typed values, every mistake located) and
schemas.py writes the JSON Schemas editors use from them, so the two cannot disagree.
A key added here is read, checked and published; nothing else lists the keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from briefgen.model import ACTOR_KINDS, SOURCE_KINDS


class Kind(str, Enum):
    """What a value may be. Every optional key may also be left empty (null), which means absent."""

    TEXT = "text"
    """A string or a number, read as text."""
    DATE = "date"
    """A calendar date, 2019-02-20."""
    DATE_OR_YEAR = "date-or-year"
    """As precise as known: a date, or any text such as a year."""
    BOOLEAN = "boolean"
    ID = "id"
    """Lower-case letters, digits and '-' (a number is read as its digits)."""
    REFS = "refs"
    """An id, or a list of ids, of things defined elsewhere."""
    TEXT_LIST = "text-list"
    """A list of non-empty texts; one text alone is a list of one."""
    URL = "url"
    CHOICE = "choice"
    """One of a fixed set of words."""
    ENTRIES = "entries"
    """A list of entries, each described by another Shape."""
    DOI = "doi"
    """A DOI, 10.1234/abc, also written as doi:10.1234/abc or https://doi.org/10.1234/abc."""
    ORCID = "orcid"
    """An ORCID iD, 0000-0002-1825-0097 or its https://orcid.org/ link, with a right check digit."""


URL_SCHEMES = ("http", "https", "mailto")


@dataclass(frozen=True)
class Key:
    """One key of a mapping: its name, what its value may be, and what it means."""

    name: str
    kind: Kind
    description: str
    required: bool = False
    """Must be given, and not left empty."""
    noun: str = ""
    """ID: what the value is called in messages ('slug'); REFS: what the ids name ('claim')."""
    choices: tuple[str, ...] = ()
    """CHOICE: the allowed words."""
    schemes: tuple[str, ...] = URL_SCHEMES
    """URL: the allowed schemes."""
    entry: Shape | None = None
    """ENTRIES: the shape of each entry."""
    default: str | bool | None = None
    """What an absent key means (for editors; the reader applies it)."""


@dataclass(frozen=True)
class Shape:
    """A mapping of known keys: a brief's front matter, a claim, a source, briefgen.yaml, ..."""

    name: str
    """How messages name one: "claim has no 'id'"."""
    article: str
    """How messages name one with its article: "a claim must be a mapping ...", "unknown key 'x' in a claim"."""
    keys: tuple[Key, ...]
    description: str = ""
    bare_id: bool = False
    """An entry may be a bare id that refers to a definition made elsewhere."""
    required_unless: tuple[str, str] | None = None
    """(key, flag): the key is required unless the boolean flag is true (a draft needs no date)."""
    definition_requires: tuple[str, ...] = ()
    """Keys an entry with anything besides its id (a definition) must have; resolve checks them, where
    definitions from every file meet."""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(key.name for key in self.keys)

    def key(self, name: str) -> Key:
        return next(key for key in self.keys if key.name == name)


@dataclass(frozen=True)
class FileFormat:
    """One kind of file and the schema published for it (briefgen/schema/NAME.json)."""

    name: str
    title: str
    shape: Shape
    listed: bool
    """The file is a list of entries of `shape`, rather than one mapping."""


def _id(what: str, required: bool = True) -> Key:
    return Key("id", Kind.ID, f"The {what}'s id: lower-case letters, digits and '-', e.g. nk-will-not-disarm.",
               required=required)


def _claim(name: str, article: str, extra: tuple[Key, ...] = ()) -> Shape:
    return Shape(name, article, (
        _id(name),
        Key("text", Kind.TEXT, "The claim in one sentence (once; elsewhere write the bare id)."),
        Key("sources", Kind.REFS, "Ids of the sources behind the claim.", noun="source"),
        Key("supports", Kind.REFS, "Ids of claims this claim supports.", noun="claim"),
        Key("opposes", Kind.REFS, "Ids of claims this claim contradicts.", noun="claim"),
        Key("held_by", Kind.REFS, "Ids of actors (content/actors.yaml) who hold it.", noun="actor"),
        *extra,
    ), bare_id=True)


CLAIM = _claim("claim", "a claim")
COUNTERCLAIM = _claim("counterclaim", "a counterclaim", (
    Key("rebuttal", Kind.TEXT, "Markdown: the brief's answer to this counterclaim."),))
SOURCE = Shape("source", "a source", (
    _id("source"),
    Key("title", Kind.TEXT, "The source's title (required where the source is described)."),
    Key("publisher", Kind.TEXT, "Who published it."),
    Key("kind", Kind.CHOICE, " | ".join(SOURCE_KINDS), choices=SOURCE_KINDS),
    Key("url", Kind.URL, "An http(s) or mailto URL; omit it when unknown."),
    Key("date", Kind.DATE_OR_YEAR, "A date (2019-02-20) or a year (2019), as precise as known."),
    Key("authors", Kind.TEXT_LIST, "Author names."),
    Key("note", Kind.TEXT, "Anything else a reader should know about it."),
), bare_id=True, definition_requires=("title",))
ACTOR = Shape("actor", "an actor", (
    _id("actor"),
    Key("name", Kind.TEXT, "The person's or organisation's name.", required=True),
    Key("role", Kind.TEXT, "What they are, in a few words."),
    Key("url", Kind.URL, "An http(s) or mailto URL."),
    Key("kind", Kind.CHOICE, " | ".join(ACTOR_KINDS), choices=ACTOR_KINDS, default="person"),
))
AUTHOR = Shape("author", "an author", (
    Key("id", Kind.ID, "The author's page name (default: made from the name).", noun="id"),
    Key("name", Kind.TEXT, "The name briefs list in 'authors'.", required=True),
    Key("bio", Kind.TEXT, "A short biography."),
    Key("url", Kind.URL, "An http(s) or mailto URL."),
    Key("orcid", Kind.ORCID, "The author's ORCID iD, like 0000-0002-1825-0097 (for citations)."),
))
BRIEF = Shape("brief", "front matter", (
    Key("title", Kind.TEXT, "The brief's title.", required=True),
    Key("date", Kind.DATE, "Publication date, like 2019-02-20 (required unless draft: true)."),
    Key("slug", Kind.ID, "The page's URL name (default: the file name).", noun="slug"),
    Key("updated", Kind.DATE, "Date of the last substantial change, like 2019-02-21."),
    Key("authors", Kind.TEXT_LIST, "Author names."),
    Key("topics", Kind.TEXT_LIST, "Free-text topics; each gets a page."),
    Key("summary", Kind.TEXT, "One or two sentences for listings and the meta description."),
    Key("draft", Kind.BOOLEAN, "true keeps the brief out of the site.", default=False),
    Key("claims", Kind.ENTRIES, "What this brief asserts.", entry=CLAIM),
    Key("counterclaims", Kind.ENTRIES, "Positions this brief answers.", entry=COUNTERCLAIM),
    Key("sources", Kind.ENTRIES, "Sources, described here or by bare id.", entry=SOURCE),
    Key("doi", Kind.DOI, "The brief's DOI, like 10.1234/abcd, when it has one (for citations)."),
), "Front matter of a briefgen brief.", required_unless=("date", "draft"))
CONFIG = Shape("settings", "briefgen.yaml", (
    Key("title", Kind.TEXT, "The site's name.", default="Briefs"),
    Key("base_url", Kind.URL, "The absolute URL the site is published at; may carry a path.",
        schemes=("http", "https")),
    Key("description", Kind.TEXT, "One sentence about the site, for the home page and feeds."),
    Key("language", Kind.TEXT, "The content's language, as a code like en or fr.", default="en"),
    Key("copyright", Kind.TEXT, "The copyright line in each page's footer."),
    Key("publisher", Kind.TEXT, "Who publishes the briefs, as citations name it (default: the site's title)."),
    Key("allow_html", Kind.BOOLEAN, "Pass raw HTML in Markdown through a sanitizer.", default=False),
    Key("citation_style", Kind.TEXT, "chicago-author-date, apa, modern-language-association, "
                                     "harvard-cite-them-right, or a path to a .csl file in the site "
                                     "(default: briefgen's plain form)."),
), "briefgen.yaml: site settings.")

FILES = (
    FileFormat("brief", "briefgen brief front matter", BRIEF, listed=False),
    FileFormat("sources", "briefgen content/sources.yaml", SOURCE, listed=True),
    FileFormat("claims", "briefgen content/claims.yaml", CLAIM, listed=True),
    FileFormat("actors", "briefgen content/actors.yaml", ACTOR, listed=True),
    FileFormat("authors", "briefgen content/authors.yaml", AUTHOR, listed=True),
    FileFormat("config", "briefgen.yaml", CONFIG, listed=False),
)
"""Every file format, in the order of SCHEMA_NAMES."""
