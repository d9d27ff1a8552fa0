"""`briefgen import debate.argdown`: an Argdown document as one brief whose claims are its statements.

Statements become claims (ids from their titles, or from their text when untitled, made valid and
unique). A relation between statements becomes `supports` (+) or `opposes` (-, and both ways for
><). Each inference of a reconstructed argument becomes a support from its premises to its
conclusion, linked when it has several premises; an argument's own relations act through its main
conclusion. An undercut (_) becomes `undercuts` on the attacking claim, of the inference it targets.
A sketched argument (a title and a description, no premise-conclusion structure) is a reason in the
debate and becomes a claim, as Argdown's loose mode treats it. Whatever cannot be said in briefgen
is a warning at its line. Writing a brief rather than claims.yaml keeps an import self-contained:
one new file, never a rewrite of a file an author keeps by hand, and a page with the debate's map.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from briefgen import urls
from briefgen.authoring.scaffold import yaml_string
from briefgen.errors import Problem
from briefgen.exchange.argdown_doc import Document, Member, Step
from briefgen.exchange.argdown_parse import parse

ID_WORDS = 8
"""Words of an untitled statement's text its id is made from."""
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>#@|!])")


@dataclass(frozen=True)
class ImportedDebate:
    text: str
    """The brief, front matter and body; '' when the document has errors."""
    slug: str
    claims: int
    relations: int
    problems: tuple[Problem, ...]


@dataclass
class _Graph:
    """What the document says in briefgen's terms: claim ids, their texts, and every relation."""

    texts: dict[str, str]
    supports: dict[str, dict[str, None]]
    linked: dict[tuple[tuple[str, ...], str], None]
    opposes: dict[str, dict[str, None]]
    undercuts: dict[str, dict[tuple[tuple[str, ...], str], None]]


def import_argdown(text: str, path: str, title: str = "", today: dt.date | None = None,
                   existing: Mapping[str, str] | None = None) -> ImportedDebate:
    """`existing`: the site's claims (id -> text); a statement of the same id and text refers to the site's
    claim, and one of the same id but another text gets another id."""
    doc = parse(text, path)
    graph = _Graph({}, {}, {}, {}, {})
    ids = _claim_ids(doc, existing or {})
    for key, statement in doc.statements.items():
        if not statement.text:
            doc.warn(statement.line, statement.col, f"statement [{key}] is never given a text; its title is used",
                     "argdown-no-text", f"define it somewhere: '[{key}]: ...'")
        graph.texts[ids[("statement", key)]] = statement.text or key
    for name, argument in doc.arguments.items():
        if not argument.steps:
            if not argument.descriptions:
                doc.warn(argument.line, argument.col, f"argument <{name}> has no description; its title is used")
            graph.texts[ids[("argument", name)]] = " ".join(argument.descriptions) or name
        for step in argument.steps:
            _support(graph, tuple(ids[("statement", p)] for p in step.premises), ids[("statement", step.conclusion)])
    # Undercuts last: one of a sketched argument attacks the support the argument gives, wherever that is written.
    for relation in sorted(doc.relations, key=lambda r: r.kind == "undercut"):
        _relate(doc, graph, ids, relation.kind, relation.source, relation.target, relation.line, relation.col)
    count = sum(map(len, graph.supports.values())) + len(graph.linked) + sum(map(len, graph.opposes.values())) \
        + sum(map(len, graph.undercuts.values()))
    problems = tuple(sorted(doc.problems, key=lambda p: (p.line, p.col)))
    title = title or doc.title or path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    slug = urls.slugify(title) or "imported-debate"
    if any(p.is_error for p in problems):
        return ImportedDebate("", slug, len(graph.texts), count, problems)
    brief = _brief(doc, graph, title, path, today or dt.date.today(), existing or {})
    return ImportedDebate(brief, slug, len(graph.texts), count, problems)


def _claim_ids(doc: Document, existing: Mapping[str, str]) -> dict[tuple[str, str], str]:
    """A valid, unique claim id for each statement class and each sketched argument."""
    out: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    named = [(("statement", key), s.title or " ".join(s.text.split()[:ID_WORDS]), s.text)
             for key, s in doc.statements.items()]
    named += [(("argument", title), title, " ".join(a.descriptions) or title)
              for title, a in doc.arguments.items() if not a.steps]
    for key, name, text in named:
        base = urls.shortened(urls.slugify(name), 60)
        ident, number = base, 1
        while ident in taken or (ident in existing and existing[ident] != text):
            number += 1
            ident = f"{base}-{number}"
        taken.add(ident)
        out[key] = ident
    return out


def _support(graph: _Graph, premises: tuple[str, ...], conclusion: str) -> None:
    premises = tuple(sorted(set(premises) - {conclusion}))
    if len(premises) == 1:
        graph.supports.setdefault(premises[0], {})[conclusion] = None
    elif premises:
        graph.linked[(premises, conclusion)] = None


def _relate(doc: Document, graph: _Graph, ids: dict[tuple[str, str], str], kind: str, source: Member,
            target: Member, line: int, col: int) -> None:
    def claim(member: Member) -> str | None:
        """The claim a member stands for: a statement, a sketched argument, or a reconstructed one's conclusion."""
        if member.kind == "statement" or (member.kind == "argument" and not doc.arguments[member.key].steps):
            return ids[(member.kind, member.key)]
        if member.kind == "argument":
            return ids[("statement", doc.arguments[member.key].steps[-1].conclusion)]
        return None

    def step(member: Member) -> Step | tuple[tuple[str, ...], str] | None:
        """The inference an undercut of `member` attacks."""
        if member.kind == "inference":
            steps = doc.arguments[member.key].steps
            return steps[member.step] if member.step < len(steps) else None
        if member.kind == "argument" and doc.arguments[member.key].steps:
            return doc.arguments[member.key].steps[-1]
        if member.kind == "argument":  # a sketched argument's support, when it gives exactly one
            own = ids[("argument", member.key)]
            given = list(graph.supports.get(own, {}))
            return ((own,), given[0]) if len(given) == 1 else None
        return None

    src = claim(source)
    if kind == "undercut":
        attacked = step(target)
        if src is None or attacked is None:
            doc.warn(line, col, "this undercut is not imported: briefgen undercuts the support one claim gives "
                                "another", hint="undercut a reconstructed argument, its inference, or a sketched "
                                                "argument that supports exactly one statement")
            return
        if isinstance(attacked, Step):
            premises = tuple(ids[("statement", p)] for p in attacked.premises)
            attacked = (premises, ids[("statement", attacked.conclusion)])
        graph.undercuts.setdefault(src, {})[(tuple(sorted(set(attacked[0]))), attacked[1])] = None
        return
    dst = claim(target) if not (target.kind == "argument" and doc.arguments[target.key].steps) else None
    if src is None or dst is None:
        what = "an inference" if target.kind == "inference" else "a reconstructed argument"
        doc.warn(line, col, f"this {kind} of {what} is not imported", hint="relate it to one of the argument's "
                 "statements, or undercut its inference with '_'")
        return
    if src == dst:
        doc.warn(line, col, f"a statement in relation to itself is not imported ({kind})")
    elif kind == "support":
        _support(graph, (src,), dst)
    else:
        graph.opposes.setdefault(src, {})[dst] = None
        if kind == "contradiction":
            graph.opposes.setdefault(dst, {})[src] = None


def _brief(doc: Document, graph: _Graph, title: str, path: str, today: dt.date, existing: Mapping[str, str]) -> str:
    date = doc.date if re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.date) else today.isoformat()
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    lines = ["---", f"title: {yaml_string(title)}", f"date: {date}"]
    if doc.author:
        lines.append(f"authors: [{yaml_string(doc.author)}]")
    lines += [f"summary: {yaml_string(f'Imported from {name}: {len(graph.texts)} claims and how they relate.')}",
              "claims:"]
    linked_on: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for premises, conclusion in graph.linked:
        linked_on.setdefault(premises[0], []).append((premises, conclusion))
    for cid, text in graph.texts.items():
        lines.append(f"  - id: {cid}")
        if existing.get(cid) != text:
            lines.append(f"    text: {yaml_string(text)}")
        supports = [f"{other}" for other in graph.supports.get(cid, ())]
        supports += [f"{{claim: {c}, with: [{', '.join(p[1:])}]}}" for p, c in linked_on.get(cid, ())]
        if supports:
            lines.append(f"    supports: [{', '.join(supports)}]")
        if graph.opposes.get(cid):
            lines.append(f"    opposes: [{', '.join(graph.opposes[cid])}]")
        if graph.undercuts.get(cid):
            lines.append("    undercuts:")
            for premises, conclusion in graph.undercuts[cid]:
                lead = premises[0] if len(premises) == 1 else f"[{', '.join(premises)}]"
                lines.append(f"      - {{from: {lead}, to: {conclusion}}}")
    lines += ["---", f"*Imported from `{name}` by briefgen.* Its statements are the claims of this brief, and "
              "their relations its argument map.", ""]
    described = [(t, a.descriptions) for t, a in doc.arguments.items() if a.steps and a.descriptions]
    if described:
        lines += ["## The arguments", ""]
        lines += [f"- **{_markdown(t)}**: {_markdown(' '.join(d))}" for t, d in described]
    return "\n".join(lines).rstrip("\n") + "\n"


def _markdown(text: str) -> str:
    """Plain text as Markdown that says exactly it (no emphasis, links or briefgen's own [..]{claim=..})."""
    return _MARKDOWN.sub(r"\\\1", text)
