"""markdown-it plugin for briefgen's inline syntax.

- citations `[@id]`, `[@a; @b]`, `[@a, p. 4]` (Pandoc's syntax) become numbered marks
  linking to the brief's source list;
- claim passages `[words]{claim=id}` (spans parsed by mdit-py-plugins' attrs plugin)
  become highlighted passages with a link to the claim page; `.quote` among the attributes
  (`[words]{claim=id .quote}`, or `[words]{.quote}` on any span) marks the words as a
  quotation of their source, which `briefgen check --quotes` checks (the flag is kept in the
  token's meta; no class ever reaches the HTML);
- cross-links `[text](brief:slug)`, `claim:`, `source:`, `actor:`, `topic:` become
  relative links to those pages.

Every reference is also recorded, with its line, in `env["refs"]`, so that the resolve
stage can report unknown ids at their line without parsing the body again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

from briefgen import urls

CROSS_LINK_KINDS = ("brief", "claim", "source", "actor", "topic")
_CROSS_LINK = re.compile(r"^(brief|claim|source|actor|topic):(.*)$", re.DOTALL)
_CITE_ITEM = re.compile(r"^\s*@([^\s,;\]]+)\s*(?:,\s*(.*?))?\s*$", re.DOTALL)


@dataclass(frozen=True)
class BodyRef:
    """A reference made in a body: its kind, the id it names, and where (within the body)."""

    kind: str
    """'cite', 'claim-passage', or one of CROSS_LINK_KINDS."""
    target: str
    line: int
    """0-based line within the Markdown text."""
    col: int
    """1-based column, or 0 when unknown."""


def refs_plugin(md: MarkdownIt) -> None:
    md.core.ruler.before("inline", "briefgen_claim_ids", _quote_claim_ids)
    md.inline.ruler.before("link", "citation", _citation_rule)
    md.core.ruler.push("briefgen_refs", _collect_refs)
    md.add_render_rule("citation", _render_citation)
    md.add_render_rule("claim_open", _render_claim_open)
    md.add_render_rule("claim_close", _render_claim_close)


_CLAIM_ATTR = re.compile(r"(`+)[\s\S]*?\1|\{claim=([^\s\"{}]+)\}")
"""A code span (left alone), or a claim span's attribute."""
_BARE_VALUE = re.compile(r"[A-Za-z0-9_:-]+")
"""What the attrs plugin takes unquoted (djot's rule; Pandoc's is anything but spaces and '}')."""


def _quote_claim_ids(state: StateCore) -> None:
    """Quote `{claim=북한-핵}`, which the attrs plugin would leave as text: ids may be in any script."""
    for token in state.tokens:
        if token.type == "inline" and "{claim=" in token.content:
            token.content = _CLAIM_ATTR.sub(_quoted, token.content)


def _quoted(match: re.Match[str]) -> str:
    ident = match[2]
    if ident is None or _BARE_VALUE.fullmatch(ident):
        return match[0]
    return f'{{claim="{ident}"}}'


def _citation_rule(state: StateInline, silent: bool) -> bool:
    src, start = state.src, state.pos
    if not src.startswith("[@", start):
        return False
    end = src.find("]", start)
    if end < 0 or "[" in src[start + 1:end]:
        return False
    if end + 1 < len(src) and src[end + 1] in "([{":
        return False  # a link or span whose text happens to start with @
    items = []
    for part in src[start + 1:end].split(";"):
        match = _CITE_ITEM.match(part)
        if not match:
            return False
        items.append((match.group(1), (match.group(2) or "").strip()))
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"items": items, "raw": src[start:end + 1],
                      "offset": src.count("\n", 0, start)}
    state.pos = end + 1
    return True


def _collect_refs(state: StateCore) -> None:
    """Number citations, turn claim spans into passages, rewrite cross-links; record every ref."""
    env = state.env
    refs: list[BodyRef] = env.setdefault("refs", [])
    numbers: dict[str, int] = env.setdefault("numbers", {})
    occurrences: dict[str, int] = env.setdefault("occurrences", {})
    lines: Sequence[str] = env.get("lines", ())
    page = env.get("page", "briefs/x/")
    prefix = env.get("anchor_prefix", "")
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        first = block.map[0] if block.map else 0
        last = block.map[1] if block.map else first + 1
        open_spans: list[Token] = []
        for token in block.children:
            quote = "quote" in str(token.attrs.pop("class", "")).split() if token.attrs else False
            if token.type == "citation":
                line = first + token.meta["offset"]
                col = _column(lines, line, token.meta["raw"])
                marks = []
                for source, locator in token.meta["items"]:
                    numbers.setdefault(source, len(numbers) + 1)
                    occurrences[source] = occurrences.get(source, 0) + 1
                    marks.append((source, numbers[source], f"cite-{prefix}{source}-{occurrences[source]}", locator))
                    refs.append(BodyRef("cite", source, line, col))
                token.meta["marks"] = marks
            elif token.type == "span_open":
                claim = token.attrs.pop("claim", None)
                if claim is None:
                    token.meta = {**(token.meta or {}), "quote": quote}
                    open_spans.append(token)
                    continue
                claim = str(claim)
                line, col = _find(lines, first, last, "claim=" + claim)
                col += len("claim=") if col else 0  # point at the id itself
                count = env.setdefault("passage_count", {})
                count[claim] = count.get(claim, 0) + 1
                token.type = "claim_open"
                token.meta = {"claim": claim, "anchor": f"passage-{prefix}{claim}-{count[claim]}", "text": [],
                              "quote": quote}
                open_spans.append(token)
                refs.append(BodyRef("claim-passage", claim, line, col))
            elif token.type == "span_close" and open_spans:
                opener = open_spans.pop()
                if opener.type == "claim_open":
                    token.type = "claim_close"
                    token.meta = opener.meta
                    env.setdefault("passages", []).append(
                        (opener.meta["claim"], opener.meta["anchor"], " ".join("".join(opener.meta["text"]).split())))
            elif token.type in ("text", "code_inline"):
                for opener in open_spans:
                    if opener.type == "claim_open":
                        opener.meta["text"].append(token.content)
            elif token.type == "softbreak":
                for opener in open_spans:
                    if opener.type == "claim_open":
                        opener.meta["text"].append(" ")
            elif token.type == "link_open":
                _rewrite_cross_link(token, page, lines, first, last, refs)


def _rewrite_cross_link(token: Token, page: str, lines: Sequence[str], first: int, last: int,
                        refs: list[BodyRef]) -> None:
    href = str(token.attrs.get("href", ""))
    match = _CROSS_LINK.match(href)
    if not match:
        return
    kind, target = match.group(1), unquote(match.group(2)).strip()
    target, _, fragment = target.partition("#")
    line, col = _find(lines, first, last, f"{kind}:{match.group(2).split('#')[0]}")
    if kind == "topic":
        slug = urls.slugify(target)
        refs.append(BodyRef("topic", slug, line, col))
        target = slug
    else:
        refs.append(BodyRef(kind, target, line, col))
    path = urls.page_path(kind, target)
    token.attrs["href"] = urls.relative(page, path) + (f"#{urls.href(urls.slugify(fragment))}" if fragment else "")
    token.attrs["class"] = f"xref xref-{kind}"


def _find(lines: Sequence[str], first: int, last: int, needle: str) -> tuple[int, int]:
    for number in range(first, min(last, len(lines))):
        col = lines[number].find(needle)
        if col >= 0:
            return number, col + 1
    return first, 0


def _column(lines: Sequence[str], line: int, raw: str) -> int:
    if line < len(lines):
        col = lines[line].find(raw.split("\n")[0])
        if col >= 0:
            return col + 1
    return 0


def _render_citation(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                     env: dict[str, Any]) -> str:
    parts = []
    for source, number, anchor, locator in tokens[idx].meta["marks"]:
        label = f"{number}, {locator}" if locator else str(number)
        parts.append(f'<a class="cite" id="{anchor}" href="#source-{_attr(urls.href(source))}" '
                     f'aria-label="Source {_attr(label)}">{_text(label)}</a>')
    return '<sup class="cites">[' + ", ".join(parts) + "]</sup>"


def _render_claim_open(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                       env: dict[str, Any]) -> str:
    meta = tokens[idx].meta
    return f'<mark class="claim-passage" id="{_attr(meta["anchor"])}" data-claim="{_attr(meta["claim"])}">'


def _render_claim_close(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                        env: dict[str, Any]) -> str:
    claim = tokens[idx].meta["claim"]
    href = urls.relative(env.get("page", "briefs/x/"), urls.page_path("claim", claim))
    # The claim's text is not known while one file is parsed alone; its id is made of words.
    label = f"The claim: {claim.replace('-', ' ')}"
    return (f'</mark><a class="claim-ref" href="{_attr(href)}" '
            f'aria-label="{_attr(label)}" title="{_attr(label)}">&#8599;</a>')


def _attr(value: str) -> str:
    return (value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;"))


_text = _attr
