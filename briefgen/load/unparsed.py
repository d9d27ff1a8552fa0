"""What a file that failed to load might have defined, told from its raw text alone.

When a brief or a site-wide file cannot be read into definitions (broken YAML, front matter not
closed, not UTF-8, no title...), the ids it defines are unknown, and every reference to them
elsewhere would be reported as a mistake it is not. Those references are instead said to be
not checked, naming the broken file. The parse failed, so it cannot be trusted to say what the
file defines; the test uses the raw text, and errs on the side of "might define it":

    An id might be defined by a broken file when its words appear in the file's text in the
    same order, separated by nothing that could be part of an id: that is, when the text,
    turned into a URL slug as briefgen turns names into URLs, contains the id between two
    hyphens (or at an end).

That catches `id: x`, `- x`, `[a, x]`, `"x"`, a BibTeX key `X:2019` (whose source id is
`x-2019`), a topic `North Korea` (whose page is `north-korea`) and an id broken over two lines
by YAML folding. A brief's front matter is searched when its closing '---' can be found (only
front matter defines anything), else its whole text; a brief might also define the slug of its
file name. A file that could not be read at all (unreadable, too large) might define anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen import urls

BRIEF_KINDS = ("claim", "source", "brief", "topic")
"""What a brief defines that other files refer to (its authors are never referred to by id)."""
DATA_KINDS = {"claims": ("claim",), "sources": ("source",), "actors": ("actor",), "authors": ()}
"""What each site-wide file defines that other files refer to."""


@dataclass(frozen=True)
class Unparsed:
    """A file whose definitions could not be read, and the text that tells what it might define."""

    path: str
    """Relative to the site folder, as in its problems."""
    kinds: tuple[str, ...]
    """The kinds of id such a file defines: 'claim', 'source', 'actor', 'brief', 'topic'."""
    words: str | None
    """The searched text as a slug, between hyphens ('-title-a-claims-id-x-'); None when the file could
    not be read at all, so that it might define anything."""

    mentions: str | None = None
    """The same of the whole file, body too: for what its text might cite (a source it would keep
    from being 'not cited anywhere'); None as `words`."""

    def might_define(self, kind: str, ident: str) -> bool:
        if kind not in self.kinds:
            return False
        return self.words is None or f"-{ident}-" in self.words

    def might_mention(self, ident: str) -> bool:
        """Whether the file might cite or relate to `ident` anywhere, prose included."""
        words = self.mentions if self.mentions is not None else self.words
        return words is None or f"-{ident}-" in words


def unparsed_brief(rel: str, stem: str, text: str | None) -> Unparsed:
    """A brief that could not be read into a brief: `text` is the file's text (None when unreadable)."""
    if text is None:
        return Unparsed(rel, BRIEF_KINDS, None)
    return Unparsed(rel, BRIEF_KINDS, _words(f"{front_matter_or_all(text)}\n{stem}"), _words(text))


def unparsed_data(rel: str, name: str, text: str | None) -> Unparsed:
    """A site-wide file (claims.yaml, sources.bib, ...) that could not be loaded."""
    return Unparsed(rel, DATA_KINDS.get(name, ()), None if text is None else _words(text))


def front_matter_or_all(text: str) -> str:
    """The lines between the opening '---' and the closing one, when both are there; else all of it."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].rstrip() in ("---", "..."):
                return "\n".join(lines[1:index])
    return text


def lenient_text(raw: bytes) -> str:
    """Bytes as text whatever they are: what is not UTF-8 becomes U+FFFD, which no id contains."""
    return raw.decode("utf-8", errors="replace")


def _words(text: str) -> str:
    return f"-{urls.slug_words(text)}-"
