"""The lists on a claim's, brief's, source's or actor's page that can grow without bound.

A popular claim is asserted in thousands of briefs; a brief may list ten thousand claims. Its
own page shows the first items of each such list (PER_KIND), with the count and a link to the whole
list, which has pages of its own: `claims/<id>/briefs/`, `claims/<id>/briefs/page/2/`,
`briefs/<slug>/claims/`, `sources/<id>/briefs/` ... (LISTS names them all). Those pages exist only
for the lists too long for their entity's page, so that no page grows with the site.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefgen import urls
from briefgen.model import BriefGraph, Counterclaim
from briefgen.render.pagination import PER_PAGE, page_count, page_items, pager
from briefgen.render.viewrefs import Link
from briefgen.render.views import CounterItem, More, PassageView, SubListPage

if TYPE_CHECKING:
    from briefgen.render.viewbuilder import ViewBuilder

PER_KIND = {"briefs": PER_PAGE * 2, "links": PER_PAGE * 10, "claims": PER_PAGE * 6, "sources": PER_PAGE * 4,
            "actors": PER_PAGE * 6, "passages": PER_PAGE * 4, "counterclaims": PER_PAGE}
"""Items of a list of each kind on its entity's page, and on each page of the whole list: about 200 KB of
markup (a brief's card is some 1.5 KB, a link 150 bytes), so that a page showing several lists stays
well under a megabyte, and an ordinary site never needs the extra pages. A counterclaim carries its
rebuttal, as long as its author made it."""


@dataclass(frozen=True)
class SubList:
    """One list of an entity's page."""

    name: str
    """Its URL segment (`claims/<id>/<name>/`) and its key in the entity view's `more`."""
    heading: str
    kind: str
    """How each item shows: 'briefs' (cards), 'links' (brief links), 'claims', 'sources', 'actors',
    'passages' or 'counterclaims'."""
    items: Callable[[BriefGraph, str], Sequence[Any]]
    """The whole list, read from the graph the page is given."""

    limit: int = 0
    """Items on the entity's page when its items there are larger than the kind's (else PER_KIND's)."""
    bound: Callable[[BriefGraph, str], int] | None = None
    """A quick upper bound of the list's length, when computing the list costs (the plan asks of every
    entity, every build, whether its lists need pages)."""

    @property
    def shown(self) -> int:
        """Items on the entity's page, and on each page of the whole list."""
        return self.limit or PER_KIND[self.kind]


def disputed(graph: BriefGraph, cid: str) -> tuple[str, ...]:
    links = graph.claim_links[cid]
    if not links.answered_in:
        return links.contested_by
    answered = set(links.answered_in)
    return tuple(b for b in links.contested_by if b not in answered)


LISTS: dict[str, tuple[SubList, ...]] = {
    "claim": (
        SubList("briefs", "Briefs asserting this claim", "briefs", lambda g, i: g.claim_links[i].asserted_in),
        SubList("answers", "Briefs answering this claim", "briefs", lambda g, i: g.claim_links[i].answered_in),
        SubList("disputed", "Briefs arguing against this claim", "links", disputed,
                bound=lambda g, i: len(g.claim_links[i].contested_by)),
        SubList("passages", "This claim in the briefs’ own words", "passages", lambda g, i: g.claim_links[i].passages),
        SubList("supports", "Claims this claim supports", "claims", lambda g, i: g.claim_links[i].supports),
        SubList("supported-by", "Claims supporting this claim", "claims", lambda g, i: g.claim_links[i].supported_by),
        SubList("opposes", "Claims this claim opposes", "claims", lambda g, i: g.claim_links[i].opposes),
        SubList("opposed-by", "Claims opposing this claim", "claims", lambda g, i: g.claim_links[i].opposed_by),
        SubList("held-by", "Who holds this claim", "actors", lambda g, i: g.claim_links[i].held_by),
        SubList("sources", "Sources of this claim", "sources", lambda g, i: g.claim_links[i].sources),
    ),
    "brief": (
        # On the brief's page each claim is a panel with its sources and who disputes it.
        SubList("claims", "What this brief claims", "claims", lambda g, i: g.briefs[i].claims, PER_PAGE * 2),
        SubList("counterclaims", "Positions this brief answers", "counterclaims",
                lambda g, i: g.briefs[i].counterclaims),
    ),
    "source": (
        SubList("briefs", "Briefs citing this source", "briefs", lambda g, i: g.source_links[i].briefs),
        SubList("claims", "Claims resting on this source", "claims", lambda g, i: g.source_links[i].claims),
    ),
    "actor": (
        SubList("claims", "Positions held", "claims", lambda g, i: g.actor_claims.get(i, ())),
        SubList("mentions", "Briefs mentioning them", "briefs", lambda g, i: g.actor_mentions.get(i, ())),
    ),
}


def sublist_path(kind: str, ident: str, name: str) -> str:
    """Site path of the first page of an entity's whole list: ('claim', 'x', 'briefs') -> 'claims/x/briefs/'."""
    return f"{urls.page_path(kind, ident)}{name}/"


def long_lists(graph: BriefGraph, kind: str, ident: str) -> list[tuple[SubList, int]]:
    """The lists of an entity too long for its page, with their lengths: each has pages of its own."""
    out = []
    for sub in LISTS[kind]:
        if sub.bound is not None and sub.bound(graph, ident) <= sub.shown:
            continue
        items = sub.items(graph, ident)
        if len(items) > sub.shown:
            out.append((sub, len(items)))
    return out


def more(graph: BriefGraph, kind: str, ident: str) -> dict[str, More | None]:
    """For the entity's page: each list's name -> where the whole of it is, or None when all of it is shown."""
    out: dict[str, More | None] = {}
    for sub in LISTS[kind]:
        count = len(sub.items(graph, ident))
        out[sub.name] = More(count, sublist_path(kind, ident, sub.name)) if count > sub.shown else None
    return out


def shown(kind: str, name: str) -> int:
    """How many items of the list `name` of an entity of `kind` its page shows."""
    return _sub(kind, name).shown


def owner(v: ViewBuilder, kind: str, ident: str) -> Link:
    """The entity whose list it is, as a link to its page."""
    g = v.graph
    title = {"claim": lambda: g.claims[ident].text, "brief": lambda: g.briefs[ident].title,
             "source": lambda: g.sources[ident].title, "actor": lambda: g.actors[ident].name}[kind]()
    return Link(title, urls.page_path(kind, ident))


def heading(v: ViewBuilder, kind: str, ident: str, name: str) -> tuple[str, str]:
    """The page title and meta description of an entity's whole list."""
    sub = _sub(kind, name)
    of = owner(v, kind, ident).title
    short = of if len(of) <= 70 else of[:70].rsplit(" ", 1)[0] + "…"
    return f"{sub.heading}: {short}", f"{sub.heading}: {of}"


def sublist_page(v: ViewBuilder, number: int, kind: str, ident: str, name: str) -> SubListPage:
    """Page `number` of an entity's whole list."""
    sub = _sub(kind, name)
    items = sub.items(v.graph, ident)
    path = sublist_path(kind, ident, name)
    on_page = page_items(items, number, sub.shown)
    return SubListPage(sub.heading, owner(v, kind, ident), sub.kind, len(items),
                       tuple(_item(v, sub.kind, item, urls.paged(path, number), ident) for item in on_page),
                       pager(path, number, page_count(len(items), sub.shown)))


def _sub(kind: str, name: str) -> SubList:
    return next(sub for sub in LISTS[kind] if sub.name == name)


def _item(v: ViewBuilder, kind: str, item: Any, page: str, ident: str) -> Any:
    if kind == "briefs":
        return v.brief_ref(item)
    if kind == "links":
        return v.brief_link(item)
    if kind == "claims":
        return v.claim_ref(item)
    if kind == "sources":
        return v.source_ref(item)
    if kind == "actors":
        return v.actor_ref(item)
    if kind == "passages":  # of the claim `ident`
        return PassageView(item.text, v.brief_link(item.brief), anchor_path(item.brief, item.anchor, ident))
    return _counter(v, item, page, ident)


def _counter(v: ViewBuilder, counter: Counterclaim, page: str, slug: str) -> CounterItem:
    """A counterclaim of the brief `slug`, with its answer, shown on the list page at `page`."""
    links = v.graph.claim_links[counter.claim]
    others = [b for b in links.asserted_in if b != slug]
    return CounterItem(v.claim_ref(counter.claim), tuple(v.actor_ref(a) for a in links.held_by),
                       tuple(v.claim_ref(c) for c in links.opposes),
                       tuple(v.brief_link(b) for b in others[:5]), len(others),
                       rebase_links(counter.rebuttal_html, urls.relative(page, urls.page_path("brief", slug))))


_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/)")


def rebase_links(html: str, prefix: str) -> str:
    """A brief's rendered HTML, its relative links made to work from another page.

    The HTML was rendered for the brief's own page; `prefix` leads from the other page to it
    ('../../' or '../../#'-ready). A '#fragment' then names the element on the brief's page.
    """
    def rebase(match: re.Match[str]) -> str:
        value = match.group(2)
        if _ABSOLUTE.match(value):
            return match.group(0)
        return f"{match.group(1)}{prefix}{value}{match.group(3)}"
    return _LINK.sub(rebase, html)


def rebuttal_number(anchor: str, ident: str) -> int:
    """Which counterclaim's rebuttal (from 1) holds the citation or passage `anchor` of `ident`; 0 for the body.

    Anchors are 'cite-<source>-<k>' and 'passage-<claim>-<k>' in the body, with 'r<n>-' before the id
    in the n-th rebuttal (load/refs_plugin.py); knowing the id tells a prefix from an id that looks like one.
    """
    _kind, _, rest = anchor.partition("-")
    match = re.fullmatch(rf"r(\d+)-{re.escape(ident)}-\d+", rest)
    return int(match.group(1)) if match else 0


def anchor_path(slug: str, anchor: str, ident: str) -> str:
    """Site path, with the fragment, of a citation or passage of the brief `slug`: on the brief's page, or
    on the page of its counterclaims that shows the rebuttal holding it."""
    number = rebuttal_number(anchor, ident)
    page = urls.page_path("brief", slug)
    per_page = PER_KIND["counterclaims"]
    if number > per_page:
        page = urls.paged(sublist_path("brief", slug, "counterclaims"), (number - 1) // per_page + 1)
    return f"{page}#{urls.href(anchor)}"
