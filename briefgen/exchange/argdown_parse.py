"""A parser for the part of Argdown (argdown.org) that describes claims and their relations.

No maintained Python library parses Argdown (its own parser is JavaScript; PyPI's 'pyargdown' is an
empty placeholder), so this one is written for the subset briefgen can import, by the rules of
Argdown's syntax guide and lexer: blocks separated by empty lines; statements (`[Title]: text`,
`[Title]`, untitled text, list items), arguments (`<Title>: description`, `<Title>`), relation trees
(`+ <+ +> - <- -> _ <_ _> ><`, nested by indentation), premise-conclusion structures (`(1) ...`,
`----`, expanded `-- rules --`), front matter (`===`), headings, comments and backslash escapes.
What it reads but briefgen cannot keep (tags, YAML data, inference rules, headings after the first)
is a warning at its line, never dropped in silence; what is malformed is an error at its line and
column. docs/exchange.md lists it all.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from briefgen.exchange.argdown_doc import Argument, Document, Member, Relation, Statement, Step
from briefgen.load.yamlload import YamlError, load_yaml

MARK = "\uf8ff"
"""Stands where an escaping backslash was, so that columns stay where the author wrote them."""
_ESCAPED = 0xE000
"""Escaped ASCII characters are kept as private-use characters until text is read out (unescape)."""
RELATION = re.compile(r"^([ \t]*)(<\+|\+>|<-|->|<_|_>|><|\+|-|_)(?=[\s\[<]|$)[ \t]*(.*)$")
INFERENCE = re.compile(r"^[ \t]*--")
PCS_ITEM = re.compile(r"^([ \t]*)\((\d+)\)[ \t]*(.*)$")
LIST_ITEM = re.compile(r"^([ \t]*)(?:\*|\d+\.)[ \t]+(.*)$")
HEADING = re.compile(r"^(#+)[ \t]+(.*)$")
STATEMENT_DEF = re.compile(r"^\[([^\]]+?)\]:[ \t]*(.*)$")
STATEMENT_REF = re.compile(r"^\[([^\]]+?)\](?!\()[ \t]*(.*)$")
ARGUMENT_DEF = re.compile(r"^<([^>]+?)>:[ \t]*(.*)$")
ARGUMENT_REF = re.compile(r"^<([^>]+?)>[ \t]*(.*)$")
TAG = re.compile(r"(?<![\w@])#(?:\([^)]*\)|[\w-]+)")
DATA = re.compile(r"\{[^{}]*\}\s*$")
SYMBOLS = {"+": ("support", False), "<+": ("support", False), "+>": ("support", True),
           "-": ("attack", False), "<-": ("attack", False), "->": ("attack", True),
           "_": ("undercut", False), "<_": ("undercut", False), "_>": ("undercut", True),
           "><": ("contradiction", False)}
"""symbol -> (relation, whether the parent is its source; otherwise the child, on the symbol's line, is)."""


def unescape(text: str) -> str:
    """Text as the author meant it: escaped characters back, escaping backslashes gone."""
    return "".join("" if ch == MARK else chr(ord(ch) - _ESCAPED) if _ESCAPED <= ord(ch) < _ESCAPED + 128 else ch
                   for ch in text)


def parse(text: str, path: str) -> Document:
    doc = Document(path)
    lines = _strip_comments(text.replace("\r\n", "\n").replace("\r", "\n"), doc).split("\n")
    start = _front_matter(lines, doc)
    _Blocks(doc, lines).read(start)
    return doc


def _strip_comments(text: str, doc: Document) -> str:
    """Comments blanked to spaces (line breaks kept, so every position stays) and escapes made placeholders."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] != "\n":
            nxt = text[i + 1]
            out += [MARK, chr(_ESCAPED + ord(nxt)) if ord(nxt) < 128 else nxt]
            i += 2
            continue
        for opening, closing in (("<!--", "-->"), ("/*", "*/")):
            if text.startswith(opening, i):
                end = text.find(closing, i + len(opening))
                if end < 0:
                    line = text.count("\n", 0, i) + 1
                    doc.error(line, i - text.rfind("\n", 0, i), f"comment opened with '{opening}' is never closed",
                              hint=f"close it with '{closing}'")
                    end = n
                else:
                    end += len(closing)
                out.append(re.sub(r"[^\n]", " ", text[i:end]))
                i = end
                break
        else:
            # '//' starts a comment, except in a URL ('https://...'), which Argdown's lexer would cut too
            if text.startswith("//", i) and not (i and text[i - 1] == ":" and text[i + 2:i + 3].strip()):
                end = text.find("\n", i)
                end = n if end < 0 else end
                out.append(" " * (end - i))
                i = end
                continue
            out.append(ch)
            i += 1
    return "".join(out)


def _front_matter(lines: list[str], doc: Document) -> int:
    """The index of the first line after the front matter (0 when there is none)."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not lines[first].strip().startswith("==="):
        return 0
    end = next((i for i in range(first + 1, len(lines)) if lines[i].strip().startswith("===")), None)
    if end is None:
        doc.error(first + 1, 1, "front matter opened with '===' is never closed", hint="end it with a line '==='")
        return len(lines)
    try:
        data, _marks = load_yaml(unescape("\n".join(lines[first + 1:end])), line_offset=first + 1)
    except YamlError as exc:
        doc.error(exc.line, exc.col, f"front matter is not valid YAML: {exc.message}")
        return end + 1
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("title", "date", "author") and value is not None and not isinstance(value, (list, dict)):
                setattr(doc, str(key), clean_text(str(value)))
            else:
                doc.warn(first + 2, 1, f"front matter key '{key}' is not imported", hint="briefgen reads title, "
                                                                                        "date and author")
    return end + 1


class _Blocks:
    """Reads the document block by block (blocks are separated by empty lines)."""

    def __init__(self, doc: Document, lines: list[str]) -> None:
        self.doc, self.lines = doc, lines
        self.last_argument: str | None = None
        """The argument defined or referred to by the block just read, which a pcs block belongs to."""

    def read(self, start: int) -> None:
        block: list[tuple[int, str]] = []
        for index in range(start, len(self.lines) + 1):
            line = self.lines[index] if index < len(self.lines) else ""
            if line.strip():
                block.append((index + 1, line.rstrip()))
            elif block:
                self.block(self._without_data(block))
                block = []

    def _without_data(self, block: list[tuple[int, str]]) -> list[tuple[int, str]]:
        out = []
        skipping = False
        for number, line in block:
            if skipping:
                skipping = not line.rstrip().endswith("}")
                continue
            if line.rstrip().endswith("{") and "}" not in line:
                self.doc.warn(number, line.rindex("{") + 1, "YAML data is not imported")
                line, skipping = line.rstrip()[:-1], True
            elif match := DATA.search(line):
                self.doc.warn(number, match.start() + 1, "YAML data is not imported")
                line = line[:match.start()]
            if line.strip():
                out.append((number, line.rstrip()))
        return out

    def block(self, block: list[tuple[int, str]]) -> None:
        if not block:
            return
        number, first = block[0]
        after_argument, self.last_argument = self.last_argument, None
        if heading := HEADING.match(first):
            if not self.doc.title and len(heading.group(1)) == 1:
                self.doc.title = clean_text(heading.group(2))
            else:
                self.doc.warn(number, 1, "heading is not imported", hint="briefgen takes the brief's title from the "
                                                                         "front matter or the first '# ' heading")
            self.block(block[1:])
        elif PCS_ITEM.match(first):
            title = after_argument
            if title is None:
                title = f"argument at line {number}"
                self.doc.arguments[title] = Argument(title, number, 1)
            self.pcs(title, block)
        elif INFERENCE.match(first):
            self.doc.error(number, 1, "an inference line ('--') belongs in a premise-conclusion structure",
                           hint="number the statements above it '(1) ...'")
        elif (relation := RELATION.match(first)) and not LIST_ITEM.match(first):
            self.doc.error(number, _width(relation.group(1)) + 1, "a relation must follow the statement or argument "
                           "it belongs to, in the same block", hint="remove the empty line above it")
        else:
            self.tree(block, list_items=bool(LIST_ITEM.match(first)))

    def tree(self, block: list[tuple[int, str]], list_items: bool = False) -> None:
        """A statement or argument with a tree of relations below it (or a list of statements)."""
        stack: list[tuple[int, Member | None]] = []
        for number, line in _logical(block, lambda text: bool(RELATION.match(text) or
                                                              (list_items and LIST_ITEM.match(text)))):
            item = LIST_ITEM.match(line) if list_items else None
            relation = RELATION.match(line) if stack and not item else None
            if relation:
                indent = _width(relation.group(1))
                while stack and stack[-1][0] >= indent:
                    stack.pop()
                parent = stack[-1][1] if stack else None
                child = self.member(relation.group(3), number, len(line) - len(relation.group(3)) + 1)
                if not stack:
                    self.doc.error(number, indent + 1, "this relation is not indented under a statement or argument",
                                   hint="indent it more than the line it relates to")
                elif parent is not None and child is not None:
                    self.relate(relation.group(2), parent, child, number, indent + 1)
                stack.append((indent, child))
            else:
                indent = _width(item.group(1) if item else line[:len(line) - len(line.lstrip())])
                text = item.group(2) if item else line.strip()
                top = self.member(text, number, len(line) - len(text) + 1)
                if not item and top is not None and top.kind == "argument":
                    self.last_argument = top.key
                stack = [(indent, top)]

    def pcs(self, title: str, block: list[tuple[int, str]]) -> None:
        """A premise-conclusion structure: numbered statements, inference lines, and relations under either."""
        argument = self.doc.arguments[title]
        if argument.steps:
            self.doc.error(block[0][0], 1, f"argument <{title}> already has a premise-conclusion structure",
                           hint=f"it was given at line {argument.steps[0].line}")
            return
        items: list[tuple[str, int, int]] = []
        """(statement key, line, inferences before it)."""
        inferences, parent, indent_of = 0, None, -1
        in_rules: int | None = None
        for number, line in _logical(block, lambda text: bool(RELATION.match(text) or PCS_ITEM.match(text)
                                                              or INFERENCE.match(text))):
            if in_rules is not None:
                if line.strip().endswith("--"):
                    in_rules = None
                continue
            if item := PCS_ITEM.match(line):
                if int(item.group(2)) != len(items) + 1:
                    self.doc.error(number, len(item.group(1)) + 1, f"statement ({item.group(2)}) should be "
                                   f"({len(items) + 1}): a premise-conclusion structure is numbered 1, 2, 3...")
                member = self.member(item.group(3), number, len(line) - len(item.group(3)) + 1)
                if member is None or member.kind != "statement":
                    self.doc.error(number, len(line) - len(item.group(3)) + 1, "a premise-conclusion structure "
                                   "lists statements, not arguments")
                    return
                items.append((member.key, number, inferences))
                parent, indent_of = member, _width(item.group(1))
            elif INFERENCE.match(line):
                rule = line.strip().strip("-").strip()
                if not items or items[-1][2] != inferences:  # nothing, or only an inference line, above it
                    self.doc.error(number, 1, "an inference line must follow the premises it draws on")
                    return
                inferences += 1
                if rule:
                    self.doc.warn(number, 1, "inference rules are not imported")
                if len(line.strip()) < 4 and not rule:  # '--' opens an expanded inference, closed by '--'
                    in_rules = number
                parent, indent_of = Member("inference", title, inferences - 1), _width(line[:len(line)
                                                                                     - len(line.lstrip())])
            elif (relation := RELATION.match(line)) and parent is not None and _width(relation.group(1)) > indent_of:
                child = self.member(relation.group(3), number, len(line) - len(relation.group(3)) + 1)
                if child is not None:
                    self.relate(relation.group(2), parent, child, number, _width(relation.group(1)) + 1)
            else:
                self.doc.error(number, 1, "expected a numbered statement '(n) ...', an inference line '----' or an "
                               "indented relation")
                return
        if in_rules is not None:
            self.doc.error(in_rules, 1, "inference opened with '--' is never closed", hint="close it with '--'")
            return
        if len(items) < 2 or items[-1][2] == 0 or (len(items) > 1 and items[-1][2] == items[-2][2]):
            number = items[-1][1] if items else block[0][0]
            self.doc.error(number, 1, "the conclusion of a premise-conclusion structure must follow an inference "
                           "line ('----')", hint="put '----' on the line before the last statement")
            return
        start = 0
        for index in range(1, len(items)):
            if items[index][2] != items[index - 1][2]:  # an inference line stands before this item
                argument.steps.append(Step(tuple(key for key, _, _ in items[start:index]), items[index][0],
                                           items[index][1]))
                start = index

    def member(self, text: str, line: int, col: int) -> Member | None:
        text, tags = TAG.subn("", text)
        if tags:
            self.doc.warn(line, col, "tags are not imported")
        text = text.strip()
        if match := STATEMENT_DEF.match(text):
            return self.statement(match.group(1), match.group(2), line, col)
        if match := ARGUMENT_DEF.match(text):
            return self.argument(match.group(1), match.group(2), line, col)
        for pattern, make in ((STATEMENT_REF, self.statement), (ARGUMENT_REF, self.argument)):
            if match := pattern.match(text):
                if match.group(2):
                    self.doc.warn(line, col + match.start(2), "text after a reference is not imported",
                                  hint="give the text where the title is defined: '[Title]: text'")
                return make(match.group(1), "", line, col)
        if not text:
            self.doc.error(line, col, "a relation needs a statement or argument after its symbol")
            return None
        return self.statement(None, text, line, col)

    def statement(self, title: str | None, text: str, line: int, col: int) -> Member:
        key = " ".join(unescape(title).split()) if title is not None else f"@{line}:{col}"
        known = self.doc.statements.setdefault(key, Statement(key if title is not None else None, line, col))
        text = clean_text(text)
        if text and not known.text:
            known.text = text
        elif text and text != known.text:
            self.doc.warn(line, col, f"statement [{key}] is given another text here; the first is kept",
                          "argdown-equivalent", f"first given at line {known.line}")
        return Member("statement", key)

    def argument(self, title: str, description: str, line: int, col: int) -> Member:
        key = " ".join(unescape(title).split())
        known = self.doc.arguments.setdefault(key, Argument(key, line, col))
        if description := clean_text(description):
            known.descriptions.append(description)
        return Member("argument", key)

    def relate(self, symbol: str, parent: Member, child: Member, line: int, col: int) -> None:
        kind, parent_first = SYMBOLS[symbol]
        source, target = (parent, child) if parent_first else (child, parent)
        self.doc.relations.append(Relation(kind, source, target, line, col))


def _logical(block: list[tuple[int, str]], starts: Callable[[str], bool]) -> list[tuple[int, str]]:
    """The block's lines with each continuation line joined to the line it continues (the first line of
    a block, and every line for which `starts` is true, begins a new one)."""
    out: list[tuple[int, str]] = []
    for number, line in block:
        if out and not starts(line):
            out[-1] = (out[-1][0], f"{out[-1][1]} {line.strip()}")
        else:
            out.append((number, line))
    return out


def _width(indent: str) -> int:
    return len(indent.expandtabs(4))


_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\3(?![\w*])")
_MENTION = re.compile(r"@(?:\[([^\]]+)\]|<([^>]+)>)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Control characters and the like: never meant in a claim, and YAML cannot hold them."""


def clean_text(text: str) -> str:
    """Statement text as a claim's plain text: emphasis marks dropped, mentions and links kept as words."""
    text = _MENTION.sub(lambda m: m.group(1) or m.group(2), text)
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)
    text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(4), text)
    return " ".join(_UNPRINTABLE.sub("", unescape(text)).split())
