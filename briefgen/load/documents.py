"""Per-file work: a brief document -> its spec and rendered Markdown.

Everything here depends on one file alone (and the site's Markdown settings), so its
result can be cached by the file's content hash.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from markdown_it import MarkdownIt

from briefgen import urls
from briefgen.errors import Problem
from briefgen.load.fields import BriefSpec, FieldReader, read_brief
from briefgen.load.files import SourceDoc, brief_from_bytes
from briefgen.load.markdown import render_body
from briefgen.load.refs_plugin import BodyRef
from briefgen.load.todo import brief_todo_problems
from briefgen.load.unparsed import Unparsed, lenient_text, unparsed_brief
from briefgen.model import Location


@dataclass(frozen=True)
class LocatedRef:
    ref: BodyRef
    at: Location


@dataclass(frozen=True)
class ParsedBrief:
    spec: BriefSpec | None
    """None when the front matter is too broken to make a brief of."""
    body_html: str = ""
    rebuttals: tuple[tuple[str, str], ...] = ()
    """(counterclaim id, rebuttal HTML)."""
    refs: tuple[LocatedRef, ...] = ()
    citation_order: tuple[str, ...] = ()
    citations: tuple[tuple[str, str], ...] = ()
    passages: tuple[tuple[str, str, str], ...] = ()
    words: int = 0
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    unparsed: Unparsed | None = None
    """When the file could not be read into a brief: what its text might define (load/unparsed.py)."""


def parse_file(raw: bytes, rel: str, stem: str, md: MarkdownIt) -> ParsedBrief:
    """A brief file's bytes -> its parse, with every problem that depends on this file alone.

    The one entry point of the load stage for briefs: its result can be cached by the file's bytes.
    """
    doc = brief_from_bytes(raw, rel, stem)
    if isinstance(doc, Problem):
        return ParsedBrief(None, problems=(doc,), unparsed=unparsed_brief(rel, stem, lenient_text(raw)))
    parsed = parse_brief(doc, md)
    unparsed = unparsed_brief(rel, stem, lenient_text(raw)) if parsed.spec is None else None
    return replace(parsed, problems=(*parsed.problems, *brief_todo_problems(doc)), unparsed=unparsed)


def parse_brief(doc: SourceDoc, md: MarkdownIt) -> ParsedBrief:
    problems: list[Problem] = []
    reader = FieldReader(doc.path, doc.marks, problems)
    spec = read_brief(reader, doc.front, doc.stem)
    if spec is None:
        return ParsedBrief(None, problems=tuple(problems))
    page = urls.page_path("brief", spec.slug)
    body = render_body(md, doc.body, page)
    refs = [LocatedRef(r, Location(doc.path, doc.body_line + r.line, r.col)) for r in body.refs]
    numbers = {source: index + 1 for index, source in enumerate(body.citation_order)}
    citations = list(body.citations)
    passages = list(body.passages)
    rebuttals = []
    for index, counter in enumerate(spec.counterclaims):
        if not counter.rebuttal:
            continue
        line, _col = doc.marks.at(("counterclaims", index, "rebuttal"))
        block = doc.marks.block_at(("counterclaims", index, "rebuttal"))
        rendered = render_body(md, counter.rebuttal, page, numbers=numbers,
                               anchor_prefix=f"r{index + 1}-")
        rebuttals.append((counter.id, rendered.html))
        refs.extend(LocatedRef(r, _rebuttal_location(doc.path, line, block, r)) for r in rendered.refs)
        numbers = {source: number + 1 for number, source in enumerate(rendered.citation_order)}
        citations.extend(rendered.citations)
        passages.extend(rendered.passages)
    return ParsedBrief(
        spec=spec, body_html=body.html, rebuttals=tuple(rebuttals), refs=tuple(refs),
        citation_order=tuple(sorted(numbers, key=numbers.__getitem__)), citations=tuple(citations),
        passages=tuple(passages), words=body.words, problems=tuple(problems),
    )


def _rebuttal_location(path: str, line: int, block: tuple[int, int] | None, ref: BodyRef) -> Location:
    """Where a reference in a rebuttal is in the file: exact in a `rebuttal: |` block, else the rebuttal's line."""
    if block is not None:
        return Location(path, block[0] + ref.line, block[1] + ref.col - 1 if ref.col else 0)
    return Location(path, line + ref.line, 0)
