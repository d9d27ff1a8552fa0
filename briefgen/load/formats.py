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
    """A day: any form DATE_TIME takes, its time (if any) dropped."""
    DATE_OR_YEAR = "date-or-year"
    """As precise as known: a date, or any text such as a year."""
    BOOLEAN = "boolean"
    ID = "id"
    """Lower-case letters of any script and digits, joined by single '-': what urls.slugify makes (a number is
    read as its digits)."""
    REFS = "refs"
    """An id, or a list of ids, of things defined elsewhere."""
    TEXT_LIST = "text-list"
    """A list of non-empty texts; one text alone is a list of one."""
    URL = "url"
    CHOICE = "choice"
    """One of a fixed set of words."""
    ENTRIES = "entries"
    """A list of entries, each described by another Shape."""
    ENTRY_REFS = "entry-refs"
    """An id, or a list whose items are each an id or an entry described by another Shape."""
    PARTIAL_DATE = "partial-date"
    """As precise as known, and in order: a date (2019-02-20), a month (2019-02) or a year (2019)."""
    DATE_TIME = "date-time"
    """A date, or a date and time with or without a zone: 2019-02-20, 2019-02-20T10:00:00Z,
    2019-02-20 10:00, 2015-06-29 1:00:19 -0400 (load/dates.py)."""
    LANGUAGE = "language"
    """A BCP 47 language tag: en, fr, pt-BR, zh-Hant ('_' is read as '-')."""
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
    """ENTRIES, ENTRY_REFS: the shape of each entry (of each mapping, for ENTRY_REFS)."""
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


# A linked support is written on one of its premises and names the others; the group is the set of
# all of them, so the same group written from any premise, in any brief, is one support.
LINKED_SUPPORT = Shape("linked support", "a linked support", (
    Key("claim", Kind.ID, "The claim supported.", required=True, noun="claim"),
    Key("with", Kind.REFS, "The other premises: claims that support it only together with this one.",
        noun="claim"),
))
# An undercut names the support it attacks by that support's premises and conclusion, as the
# support itself is written, so that a reader of either place sees the same two ids.
UNDERCUT = Shape("undercut", "an undercut", (
    Key("from", Kind.REFS, "The premise of the support attacked, or every premise of a linked support.",
        required=True, noun="claim"),
    Key("to", Kind.ID, "The claim that support is for.", required=True, noun="claim"),
))
STANCES = ("asserts", "denies")
CORRECTION = Shape("correction", "a correction", (
    Key("date", Kind.DATE, "When the correction was made, like 2019-02-21.", required=True),
    Key("text", Kind.TEXT, "Markdown: what was wrong and what it now says.", required=True),
))
REVIEW = Shape("review", "a review", (
    Key("rating", Kind.TEXT, "A rating of the site's scale (briefgen.yaml 'ratings'), by id or label.",
        required=True),
    Key("reviewer", Kind.TEXT, "Who reviewed it: an author (id or name) or an organisation's name; "
                               "default: the site itself."),
    Key("date", Kind.DATE, "When the review was published, like 2019-02-21.", required=True),
    Key("explanation", Kind.TEXT, "Markdown: why the claim gets this rating."),
    Key("sources", Kind.REFS, "Ids of the sources the review rests on.", noun="source"),
    Key("url", Kind.URL, "Where the review is published, when that is not this site.", schemes=("http", "https")),
))
POSITION = Shape("position", "a position", (
    Key("actor", Kind.ID, "The actor's id (content/actors.yaml).", required=True, noun="actor"),
    Key("claim", Kind.ID, "The id of the claim they spoke to.", required=True, noun="claim"),
    Key("stance", Kind.CHOICE, " | ".join(STANCES), required=True, choices=STANCES),
    Key("date", Kind.PARTIAL_DATE, "When they said it, as precise as known: 2019-02-20, 2019-02 or 2019; "
                                   "omit it when unknown."),
    Key("source", Kind.ID, "The id of the source that records it.", noun="source"),
    Key("quote", Kind.TEXT, "The words of the source that record the position, quoted exactly."),
    Key("note", Kind.TEXT, "Markdown: anything else a reader should know."),
), "What an actor said about a claim, and when.")
RATING = Shape("rating", "a rating", (
    Key("id", Kind.ID, "The rating's id, which reviews name: lower-case letters, digits and '-', e.g. mostly-false.",
        required=True),
    Key("label", Kind.TEXT, "How pages show it, e.g. Mostly false (default: the id, as words)."),
), bare_id=True)
_CLAIM_RECORDS = (
    Key("reviews", Kind.ENTRIES, "Verdicts on the claim: rating, reviewer, date, explanation, sources.",
        entry=REVIEW),
    Key("corrections", Kind.ENTRIES, "Corrections made to the claim: date and Markdown text.", entry=CORRECTION),
)


def _claim(name: str, article: str, extra: tuple[Key, ...] = ()) -> Shape:
    return Shape(name, article, (
        _id(name),
        Key("text", Kind.TEXT, "The claim in one sentence (once; elsewhere write the bare id)."),
        Key("sources", Kind.REFS, "Ids of the sources behind the claim.", noun="source"),
        Key("supports", Kind.ENTRY_REFS, "Ids of claims this claim supports; '{claim: id, with: [ids]}' for "
            "one it supports only together with other claims (linked premises).", noun="claim",
            entry=LINKED_SUPPORT),
        Key("opposes", Kind.REFS, "Ids of claims this claim contradicts.", noun="claim"),
        Key("held_by", Kind.REFS, "Ids of actors (content/actors.yaml) who hold it.", noun="actor"),
        *extra,
        Key("undercuts", Kind.ENTRIES, "Supports this claim attacks, not their conclusion but the step to it: "
            "'{from: premise-id, to: conclusion-id}' (from lists every premise of a linked support).",
            entry=UNDERCUT),
        *_CLAIM_RECORDS,
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
    Key("archived_url", Kind.URL, "An archived copy of the source (Wayback Machine, Perma.cc, archive.today): "
                                  "an http(s) URL.", schemes=("http", "https")),
    Key("accessed", Kind.DATE, "When the source was read at its URL, like 2019-02-21."),
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
    Key("date", Kind.DATE_TIME, "Publication date, like 2019-02-20, or date and time, like 2019-02-20T10:00:00Z "
                                "(required unless draft: true or the file name starts with the date)."),
    Key("slug", Kind.ID, "The page's URL name: lower-case letters, digits and '-' (default: made from the file "
                         "name, without a leading YYYY-MM-DD- date).", noun="slug"),
    Key("updated", Kind.DATE_TIME, "Date (or date and time) of the last substantial change, like 2019-02-21."),
    Key("authors", Kind.TEXT_LIST, "Author names."),
    Key("topics", Kind.TEXT_LIST, "Free-text topics; each gets a page."),
    Key("summary", Kind.TEXT, "One or two sentences for listings and the meta description."),
    Key("draft", Kind.BOOLEAN, "true keeps the brief out of the site.", default=False),
    Key("claims", Kind.ENTRIES, "What this brief asserts.", entry=CLAIM),
    Key("counterclaims", Kind.ENTRIES, "Positions this brief answers.", entry=COUNTERCLAIM),
    Key("sources", Kind.ENTRIES, "Sources, described here or by bare id.", entry=SOURCE),
    Key("positions", Kind.ENTRIES, "What actors said about claims, as this brief reports it.", entry=POSITION),
    Key("corrections", Kind.ENTRIES, "Corrections made to the brief: date and Markdown text; the latest "
                                     "moves 'updated'.", entry=CORRECTION),
    Key("aliases", Kind.TEXT_LIST, "Old addresses of this brief: paths from the site's root (/2019/02/old-name/, "
                                   "old/page.html) or URLs on this site; each gets a page that redirects here."),
    Key("lang", Kind.LANGUAGE, "The brief's language when it is not the site's, like ar or zh-Hant."),
    Key("doi", Kind.DOI, "The brief's DOI, like 10.1234/abcd, when it has one (for citations)."),
), "Front matter of a briefgen brief.", required_unless=("date", "draft"))
CONFIG = Shape("settings", "briefgen.yaml", (
    Key("title", Kind.TEXT, "The site's name.", default="Briefs"),
    Key("base_url", Kind.URL, "The absolute URL the site is published at; may carry a path.",
        schemes=("http", "https")),
    Key("description", Kind.TEXT, "One sentence about the site, for the home page and feeds."),
    Key("language", Kind.LANGUAGE, "The content's language, as a code like en, fr or ar.", default="en"),
    Key("copyright", Kind.TEXT, "The copyright line in each page's footer."),
    Key("publisher", Kind.TEXT, "Who publishes the briefs, as citations name it (default: the site's title)."),
    Key("allow_html", Kind.BOOLEAN, "Pass raw HTML in Markdown through a sanitizer.", default=False),
    Key("citation_style", Kind.TEXT, "chicago-author-date, apa, modern-language-association, "
                                     "harvard-cite-them-right, or a path to a .csl file in the site "
                                     "(default: briefgen's plain form)."),
    Key("ratings", Kind.ENTRIES, "The rating scale of reviews, best first (default: accurate, "
                                 "mostly-accurate, mixed, mostly-inaccurate, inaccurate).", entry=RATING),
    Key("date_format", Kind.TEXT, "How pages show dates: %-d %B %Y (the default: 20 February 2019), %Y-%m-%d, "
                                  "%b %-d, %Y ... (%Y %y %m %-m %d %-d %B %b %%)."),
    Key("month_names", Kind.TEXT_LIST, "Twelve month names for %B, January first, in the site's language."),
    Key("timezone", Kind.TEXT, "The IANA time zone of times written without one, like Europe/Paris "
                               "(default: UTC)."),
    Key("pdf", Kind.BOOLEAN, "true prints a PDF of every brief beside its page (needs WeasyPrint: "
                             "pip install 'briefgen[pdf]').", default=False),
), "briefgen.yaml: site settings.")

FILES = (
    FileFormat("brief", "briefgen brief front matter", BRIEF, listed=False),
    FileFormat("sources", "briefgen content/sources.yaml", SOURCE, listed=True),
    FileFormat("claims", "briefgen content/claims.yaml", CLAIM, listed=True),
    FileFormat("actors", "briefgen content/actors.yaml", ACTOR, listed=True),
    FileFormat("authors", "briefgen content/authors.yaml", AUTHOR, listed=True),
    FileFormat("config", "briefgen.yaml", CONFIG, listed=False),
    FileFormat("positions", "briefgen content/positions.yaml", POSITION, listed=True),
)
"""Every file format, in the order of SCHEMA_NAMES."""
