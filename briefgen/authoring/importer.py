"""One article or post -> the brief file `briefgen import` writes for it.

An import is two steps, so that a folder's posts can link to each other: `prepare` reads a
file's front matter and decides its title and wanted slug; once every post of a folder is
prepared (and slugs made unique), `finish` converts its template code, with links resolved
against them all, and writes the brief. `import_article` does both for one file.

Whatever `finish` writes is read back by briefgen's own loader first: a brief that would not
load without errors is refused with the reason, never written to break the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from urllib.parse import unquote

from briefgen import urls
from briefgen.authoring import quotes
from briefgen.authoring.briefwriter import BriefDraft, brief_file
from briefgen.authoring.convert import Converted, Finding, LinkLookup, LinkTarget, convert
from briefgen.authoring.keymap import AUTHOR_KEYS, TOPIC_KEYS, Leftover, Mapped, Place, map_front_matter
from briefgen.authoring.origin import ImportFailed, Post, read_post
from briefgen.authoring.scaffold import slug_from_title
from briefgen.authoring.sitelinks import rewrite_site_links
from briefgen.authoring.stamps import date_from_file_name
from briefgen.authoring.titles import MORE, first_heading, first_sentence, id_prefix, summary_of, title_from_name
from briefgen.errors import Severity
from briefgen.load.documents import parse_file
from briefgen.load.markdown import make_markdown

__all__ = ["ArticleFile", "ImportFailed", "Imported", "Prepared", "finish", "import_article", "prepare"]

_KRAMDOWN_TOC = re.compile(r"^[ \t]*(?:[*+-]|1\.)[ \t]+.*\n[ \t]*\{:\s*toc\s*\}[ \t]*$", re.MULTILINE)
_KRAMDOWN_ATTRIBUTES = re.compile(r"^[ \t]*\{:[^}\n]*\}[ \t]*$|(?<=[)*_`])\{:[^}\n]*\}", re.MULTILINE)
_TEMPLATE_CODE = re.compile(r"\{\{[<%].*?[>%]\}\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
"""Template code kept as text: not what a summary should show."""
_MARKDOWN = make_markdown(allow_html=False)
_HTML_MARKDOWN = make_markdown(allow_html=True)


@dataclass(frozen=True)
class ArticleFile:
    """One file to import, and what is known about it besides its text."""

    shown: str
    """How messages name it (the path as the user would type it)."""
    name: str
    """Its own name: the file name without extension, or a page bundle's folder name."""
    markdown: bool
    """Markdown (else plain text, whose Markdown characters are escaped)."""
    place: Place = field(default_factory=lambda: Place(""))
    file_date: str = ""
    """The day the file was last changed: the date of a published post that gives none."""
    kind: str = ""
    """What it was ('a Hugo post'), for the brief's first comment."""
    origin: str = ""
    """Where it came from, for the brief's first comment: the same file gives the same origin however its
    folder was named on the command line ('old-site/content/posts/x.md'); '' for `shown`."""


@dataclass(frozen=True)
class Prepared:
    file: ArticleFile
    post: Post
    mapped: Mapped
    title: str
    title_guessed_from: str
    """'the file name' or 'its first sentence' when the file gave no title."""
    body: str
    """The body, without a heading that was taken as the title."""
    slug: str
    """The slug it wants (a folder import may have to change it to keep slugs unique)."""


@dataclass(frozen=True)
class Imported:
    title: str
    slug: str
    text: str
    """The whole brief file: front matter and body."""
    quotes: tuple[quotes.QuoteNote, ...] = ()
    findings: tuple[Finding, ...] = ()
    """Template code kept as text, at the original file's lines."""
    notes: tuple[tuple[int, str], ...] = ()
    """(line, message): values the brief could not take as they were."""
    leftovers: tuple[Leftover, ...] = ()
    counts: tuple[tuple[str, int], ...] = ()
    """What was converted, by kind."""
    html_lines: tuple[int, ...] = ()
    """Lines of the original holding raw HTML, which the brief keeps."""
    draft: bool = False
    todos: int = 0


def import_article(text: str, file: ArticleFile, title: str | None = None, *, skeleton: bool = True,
                   lookup: LinkLookup | None = None, slug: str | None = None) -> Imported:
    """The brief for one article (by default a draft skeleton); raise ImportFailed when it cannot be one."""
    prepared = prepare(text, file, title, prefer_name=False)
    return finish(prepared, slug or prepared.slug, lookup or (lambda _path: None), skeleton=skeleton)


def prepare(text: str, file: ArticleFile, title: str | None = None, prefer_name: bool = True) -> Prepared:
    """Read a file's front matter; decide its title and the slug it wants."""
    post = read_post(text)
    mapped = map_front_matter(post.meta, post.key_lines, file.place, first_line=1)
    if mapped.not_a_post:
        raise ImportFailed(f"not a post: {mapped.not_a_post}")
    body = post.body
    title = " ".join((title or mapped.title).split())
    heading, without = first_heading(body) if file.markdown else _plain_heading(body)
    if heading and (not title or " ".join(heading.split()) == title):
        title, body = title or " ".join(heading.split()), without  # a heading that repeats the title goes
    guessed = ""
    if not title:
        title, guessed = title_from_name(file.name), "the file name"
        if not title:
            title, guessed = first_sentence(body if file.markdown else quotes.escape_plain(body)), "its first sentence"
    if not title:
        raise ImportFailed("it has no title, no usable file name and no text to take one from")
    return Prepared(file, post, mapped, title, guessed, body, _wanted_slug(mapped, file.name, title, prefer_name))


def finish(prepared: Prepared, slug: str, lookup: LinkLookup, *, skeleton: bool,
           addresses: LinkLookup | None = None) -> Imported:
    """The brief file, with the template code converted and links resolved by `lookup` (and links to the old
    site's addresses by `addresses`: the imported posts' aliases)."""
    file, mapped, post = prepared.file, prepared.mapped, prepared.post
    body, counts = prepared.body, dict[str, int]()
    converted = Converted(body, (), (), original=body)
    if file.markdown:
        flavour = file.place.flavour
        converted = convert(body, post.body_line, hugo=flavour in ("hugo", ""), liquid=flavour != "hugo",
                            lookup=lookup, draft=mapped.draft or skeleton)
        body, counts = _markdown_only(converted.text, flavour, dict(converted.counts))
        body, rewritten = rewrite_site_links(body, _published_only(addresses, mapped.draft or skeleton))
        counts.update(rewritten)
    summary = mapped.summary or ("" if skeleton else summary_of(_TEMPLATE_CODE.sub("", body)))
    body = MORE.sub("", body)
    if file.markdown:
        body, hidden = _without_html_comments(body)
        if hidden:
            counts["HTML comment dropped (it never showed)"] = hidden
    notes = list(mapped.notes)
    if prepared.title_guessed_from:
        notes.append((1, f"it has no title; the brief's is made from {prepared.title_guessed_from}: "
                         f"'{prepared.title}'"))
    body, defused = _defuse_citations(body) if file.markdown else (body, 0)  # plain text is escaped whole
    if defused:
        counts["'[@...]' escaped (briefgen would read it as a citation)"] = defused
    draft = BriefDraft(prepared.title, slug, body, skeleton, prepared.title_guessed_from, mapped.date,
                       updated=mapped.updated, authors=mapped.authors, topics=mapped.topics, summary=summary,
                       draft=mapped.draft or skeleton, aliases=mapped.aliases, lang=mapped.lang,
                       origin=(file.origin or file.shown) + (f" ({file.kind})" if file.kind else ""),
                       leftovers=mapped.leftovers, id_prefix=id_prefix(slug))
    draft = _without_unusable_names(draft, notes, post.key_lines)
    if not draft.date and not draft.draft and file.file_date:
        draft = replace(draft, date=file.file_date,
                        date_comment="TODO: check it: the original gives no date; this is the file's last change")
        notes.append((1, "it gives no date; the brief takes the day the file was last changed"))
    found: tuple[quotes.QuoteNote, ...] = ()
    if skeleton:
        draft, found = _skeleton_body(draft, file, converted, post.body_line)
    text, todos = brief_file(draft)
    _check_loads(text, slug, skeleton)
    html_lines = _raw_html_lines(body, converted, post.body_line) if file.markdown else ()
    return Imported(draft.title, slug, text, found, converted.findings, tuple(notes), mapped.leftovers,
                    tuple(sorted(counts.items())), html_lines, draft.draft, todos)


# -- steps ---------------------------------------------------------------------------------------------


def _published_only(addresses: LinkLookup | None, draft: bool) -> LinkLookup:
    """`addresses`, except that a published brief may not link to a draft (a build without --drafts lacks it)."""
    def find(path: str) -> LinkTarget | None:
        found = addresses(path) if addresses is not None else None
        return None if found is None or (found.draft and not draft) else found
    return find


def _wanted_slug(mapped: Mapped, name: str, title: str, prefer_name: bool) -> str:
    """The front matter's slug, else the file's name (a folder's posts) or the title (one article)."""
    from_name = date_from_file_name(unquote(name))[1] if name else ""
    order: list[str | None] = [mapped.slug, from_name, None] if prefer_name else [mapped.slug, None, from_name]
    for candidate in order:
        if candidate is None:  # the title's place
            slug = slug_from_title(title)
        elif candidate:
            slug = candidate if urls.is_valid_id(candidate) else urls.slugify(candidate)
        else:
            continue
        if slug:
            return slug
    return ""


def _plain_heading(body: str) -> tuple[str, str]:
    """A plain-text article's title line (short, no full stop, more text after it) and the text without it."""
    blocks = quotes.split_blocks(body, 0)
    title, rest = quotes.take_title(blocks, markdown=False)
    if not title:
        return "", body
    lines = body.split("\n")
    cut = rest[0].line if rest else len(lines)
    return title, "\n" * cut + "\n".join(lines[cut:])  # blank lines where the title was: lines stay put


def _markdown_only(text: str, flavour: str, counts: dict[str, int]) -> tuple[str, dict[str, int]]:
    """Without kramdown's attribute lines ({: .class}, {:toc}): styling of Jekyll's Markdown, which briefgen's lacks."""
    if flavour not in ("jekyll", ""):
        return text, counts
    text, tocs = _KRAMDOWN_TOC.subn("\n", text)  # lines stay where they were, for messages
    text, attributes = _KRAMDOWN_ATTRIBUTES.subn("", text)
    if tocs:
        counts["kramdown table of contents ({:toc}) dropped"] = tocs
    if attributes:
        counts["kramdown attribute list ({: ...}) dropped (styling only)"] = attributes
    return text, counts


def _defuse_citations(body: str) -> tuple[str, int]:
    """Escape text briefgen would read as a citation (`[@someone]`), which the original meant as text."""
    if "[@" not in body:
        return body, 0  # the common case, without parsing
    lines = body.split("\n")
    count = 0
    for line, col in sorted(_citation_places(body), reverse=True):
        if 0 <= line < len(lines) and col > 0 and lines[line][col - 1:col + 1] == "[@":
            lines[line] = lines[line][:col - 1] + "\\" + lines[line][col - 1:]
            count += 1
    return "\n".join(lines), count


def _citation_places(body: str) -> list[tuple[int, int]]:
    """(0-based line, column) of every citation briefgen reads in the body."""
    env: dict[str, object] = {"lines": body.split("\n"), "page": "briefs/x/"}
    _MARKDOWN.renderer.render(_MARKDOWN.parse(body, env), _MARKDOWN.options, env)
    refs = env.get("refs", [])
    return [(ref.line, ref.col) for ref in refs if getattr(ref, "kind", "") == "cite"] \
        if isinstance(refs, list) else []


def _without_unusable_names(draft: BriefDraft, notes: list[tuple[int, str]],
                            key_lines: dict[str, int]) -> BriefDraft:
    """Topics and authors briefgen cannot make a page address of (yet) are kept as comments, not errors."""
    held: list[str] = []
    kept: dict[str, tuple[str, ...]] = {}
    for key, names, keys in (("topics", draft.topics, TOPIC_KEYS), ("authors", draft.authors, AUTHOR_KEYS)):
        usable = tuple(name for name in names if urls.slugify(name))
        line = next((key_lines[k] for k in keys if k in key_lines), 1)
        for name in names:
            if name not in usable:
                held.append(f"# TODO: {key[:-1]} {name!r} left out: briefgen cannot make an address of it yet")
                notes.append((line, f"{key[:-1]} '{name}' is left out (as a comment): briefgen cannot make a "
                                    "page address of it yet"))
        kept[key] = usable
    return replace(draft, topics=kept["topics"], authors=kept["authors"], held_back=(*draft.held_back, *held))


def _skeleton_body(draft: BriefDraft, file: ArticleFile, converted: Converted,
                   body_line: int) -> tuple[BriefDraft, tuple[quotes.QuoteNote, ...]]:
    """A skeleton's body: a byline and date line taken into the front matter, quotations cited by placeholders."""
    blocks = quotes.split_blocks(draft.body, body_line)
    byline, date, blocks = quotes.take_byline_and_date(blocks)
    if not file.markdown:
        for block in blocks:
            block.text = quotes.escape_plain(block.text)
    found = quotes.mark_quotations(blocks, file.markdown, draft.id_prefix)
    found = [replace(note, line=_original_line(converted, note.line, body_line)) for note in found]
    return replace(draft, body=quotes.render_blocks(blocks), authors=draft.authors or ((byline,) if byline else ()),
                   date=draft.date or date, quotes=tuple(found)), tuple(found)


def _original_line(converted: Converted, line: int, body_line: int) -> int:
    """The original file's line for a line of the converted body."""
    lines = converted.text.split("\n")
    index = min(max(line - body_line, 0), len(lines))
    offset = sum(len(text) + 1 for text in lines[:index])
    original = converted.original_offset(offset)
    return body_line + converted.original.count("\n", 0, original)


def _raw_html_lines(body: str, converted: Converted, body_line: int) -> tuple[int, ...]:
    """Lines of the original where the brief keeps raw HTML (shown as text unless the site allows it)."""
    if "<" not in body:
        return ()
    lines: list[int] = []
    for token in _HTML_MARKDOWN.parse(body):
        inline_html = token.type == "inline" and any(c.type == "html_inline" for c in token.children or ())
        if token.map and (token.type == "html_block" or inline_html):
            lines.append(token.map[0])
    return tuple(sorted({_original_line(converted, body_line + line, body_line) for line in lines}))


def _without_html_comments(body: str) -> tuple[str, int]:
    """The body without its HTML comments, which the old site never showed (briefgen would print them
    as text unless the site allows HTML), and how many. Code is left alone: only what Markdown reads as
    a comment goes, each line kept so that later lines keep their numbers."""
    if "<!--" not in body:
        return body, 0
    lines, count = body.split("\n"), 0
    for token in _HTML_MARKDOWN.parse(body):
        if token.type == "html_block" and token.map and token.content.lstrip().startswith("<!--") \
                and token.content.rstrip().endswith("-->") and token.content.count("<!--") == 1:
            for index in range(*token.map):
                lines[index] = ""
            count += 1
        elif token.type == "inline" and token.map:
            for child in token.children or ():
                if child.type != "html_inline" or not child.content.startswith("<!--"):
                    continue
                at = next((i for i in range(*token.map) if child.content in lines[i]), None)
                if at is not None:
                    lines[at] = lines[at].replace(child.content, "", 1)
                    count += 1
    return "\n".join(lines), count


def _check_loads(text: str, slug: str, skeleton: bool) -> None:
    """Refuse a brief briefgen's loader would report errors in (a bug here, or something unforeseen)."""
    parsed = parse_file(text.encode("utf-8"), f"{slug}.md", slug, _MARKDOWN)
    for problem in parsed.problems:
        if problem.severity is Severity.ERROR and not (skeleton and problem.code == "todo"):
            raise ImportFailed(f"the brief it would make has an error ({problem.message}) on its line {problem.line}")
