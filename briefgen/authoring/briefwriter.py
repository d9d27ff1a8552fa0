"""The brief file an import writes: front matter with comments, then the body.

Two shapes. A *skeleton* (`briefgen import FILE`, or a folder with --skeletons) is a draft to
finish by hand: every unknown is a value starting with TODO (a placeholder claim, a placeholder
source per quotation, ...), which `briefgen check` lists until it is filled. A *post* (a folder
from Hugo, Jekyll or Eleventy) is the post as it was, published or draft as it was, with
nothing invented: no placeholder that would stop it from building.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.authoring.keymap import Leftover
from briefgen.authoring.quotes import QuoteNote
from briefgen.authoring.scaffold import yaml_string
from briefgen.load.todo import TODO_MARK


@dataclass(frozen=True)
class BriefDraft:
    """Everything an import knows about the brief it writes."""

    title: str
    slug: str
    """Also the file's name, so the front matter need not say it."""
    body: str
    skeleton: bool
    """Write TODO placeholders for what is missing, and make it a draft."""
    title_guessed_from: str = ""
    """'the file name' or 'its first sentence' when the article gave no title; '' when it did."""
    date: str = ""
    """RFC 3339 or YYYY-MM-DD; '' when unknown."""
    date_comment: str = ""
    updated: str = ""
    authors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    summary: str = ""
    draft: bool = False
    aliases: tuple[str, ...] = ()
    lang: str = ""
    origin: str = ""
    """Where it came from ('content/posts/x.md, a Hugo post'), for the first comment."""
    leftovers: tuple[Leftover, ...] = ()
    held_back: tuple[str, ...] = ()
    """Comment lines for values left out because briefgen cannot use them yet."""
    id_prefix: str = ""
    """Placeholder ids start with it ('hanoi-summit-main-claim'), so that they are unique to the brief."""
    quotes: tuple[QuoteNote, ...] = ()


def brief_file(draft: BriefDraft) -> tuple[str, int]:
    """(the whole brief file, how many TODO values it holds)."""
    todo = TODO_MARK
    todos = 0
    lines = [f"# Imported by `briefgen import` from {draft.origin}." if draft.origin else
             "# Imported by `briefgen import`."]
    if draft.skeleton:
        lines.append("# Replace every TODO, then run `briefgen check`; remove 'draft: true' when it is ready.")
    if draft.title_guessed_from:
        lines.append(f"# TODO: the article has no title; this one is made from {draft.title_guessed_from}.")
        if draft.skeleton:
            lines.append(f"title: {yaml_string(f'{todo} {draft.title}')}")
            todos += 1
        else:
            lines.append(f"title: {yaml_string(draft.title)}")
    else:
        lines.append(f"title: {yaml_string(draft.title)}")
    if draft.date:
        lines.append(f"date: {draft.date}" + (f"   # {draft.date_comment}" if draft.date_comment else ""))
    else:
        lines.append("# date: YYYY-MM-DD            # TODO: the date it was published (required once not a draft)")
    if draft.updated:
        lines.append(f"updated: {draft.updated}")
    if draft.lang:
        lines.append(f"lang: {yaml_string(draft.lang)}")
    if draft.authors:
        lines.append(f"authors: [{', '.join(yaml_string(a) for a in draft.authors)}]")
    elif draft.skeleton:
        lines.append(f"authors: [{yaml_string(todo + ' the author name')}]")
        todos += 1
    if draft.topics:
        lines.append(f"topics: [{', '.join(yaml_string(t) for t in draft.topics)}]")
    elif draft.skeleton:
        lines.append("topics: []                    # e.g. [North Korea, sanctions]")
    if draft.summary:
        lines.append(f"summary: {yaml_string(draft.summary)}")
    elif draft.skeleton:
        lines.append(f"summary: {yaml_string(todo + ' one or two sentences for listings, feeds and search')}")
        todos += 1
    if draft.skeleton or draft.draft:
        lines.append("draft: true")
    if draft.aliases:
        lines.append("aliases:                        # its old addresses: each redirects here")
        lines.extend(f"  - {yaml_string(alias)}" for alias in draft.aliases)
    lines.extend(draft.held_back)
    if draft.leftovers:
        lines.append("# Not imported: briefgen has no key for these (keep what you need in the text):")
        lines.extend(f"#   {leftover.key}: {_one_line(leftover.value)}" for leftover in draft.leftovers)
    if draft.skeleton:
        claims, count = _skeleton_claims(draft)
        lines += claims
        todos += count
    else:
        lines.append("# claims:, counterclaims: and sources: make it a brief (docs/authoring.md)")
    return "---\n" + "\n".join(lines) + "\n---\n" + draft.body.strip("\n") + "\n", todos


def _skeleton_claims(draft: BriefDraft) -> tuple[list[str], int]:
    todo, prefix = TODO_MARK, draft.id_prefix
    lines = ["claims:                         # what the brief asserts; mark the words in the body with",
             f"                                # [the words]{{claim={prefix}main-claim}}",
             f"  - id: {prefix}main-claim",
             f"    text: {yaml_string(todo + ' the main claim, in one sentence')}",
             "counterclaims: []               # positions the brief answers (id, text, opposes, rebuttal)"]
    todos = 1
    if not draft.quotes:
        return [*lines, "sources: []"], todos
    lines.append(f"sources:                        # one per quotation, cited in the body as [@{prefix}quote-N];")
    lines.append("                                # rename an id here and in the body to something meaningful")
    for note in draft.quotes:
        lines.append(f"  - id: {note.source_id}")
        source_todo = f"{todo} the source of the quotation on line {note.line} ({note.opening})"
        lines.append(f"    title: {yaml_string(source_todo)}")
        lines.append("    # publisher: ...   kind: news | report | dataset | statement | book | other")
        lines.append("    # url: https://...   date: YYYY-MM-DD")
        todos += 1
    return lines, todos


def _one_line(text: str) -> str:
    return " ".join(text.split())
