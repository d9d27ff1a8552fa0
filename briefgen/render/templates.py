"""The Jinja environment every page renders in: sandboxed, strict, and fast at links and cards.

A site's own templates are untrusted input like its content, so they run in Jinja's sandbox:
a template can read the views it is given but not reach Python's internals (no
`cycler.__init__.__globals__.os`). Every internal link is relative: `url(path)` climbs from the
page to the site's root and goes down to `path`, so a link depends only on how deep the page
is, and a card or link rendered once can be reused on every page of the same depth. The
fragment functions (`brief_card`, `claim_link`, ...) render a small template of the theme's
`fragments/` folder once per argument and depth and return that markup every later time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import secrets
from collections.abc import Callable, Iterable, MutableMapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta as jinja_meta
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from briefgen import urls
from briefgen.render import argmap, argviews, citeviews, pagination, viewrefs, views
from briefgen.render.argmap import ArgumentMap
from briefgen.render.mapmarkup import map_section
from briefgen.symlinks import is_inside

NOT_FOUND = "404.html"
FRAGMENTS = ("brief_card", "byline", "claim_link", "source_citation", "link_list", "actor_list")
"""Template globals that render `fragments/NAME.html`; the argument names are the fragment's variables."""
_FRAGMENT_ARGS: dict[str, tuple[str, ...]] = {
    "brief_card": ("b", "heading"), "byline": ("b",), "claim_link": ("c",), "source_citation": ("s",),
    "link_list": ("links", "sep"), "actor_list": ("actors",),
}
_FRAGMENT_DEFAULTS: dict[str, tuple[Any, ...]] = {"brief_card": ("h3",), "link_list": (", ",)}


class ViewSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, with a quick way to a view's fields.

    Every attribute a sandboxed template reads goes through checks meant for arbitrary objects
    (private names, function internals, mutating methods); on a brief page that is thousands of
    reads, a third of its rendering. The fields of briefgen's own frozen view dataclasses are
    plain data, so reading one is let through at once; everything else takes the full checks.
    """

    def __init__(self, view_types: Iterable[type], **options: Any) -> None:
        super().__init__(**options)
        self.view_fields = {cls: frozenset(f.name for f in dataclasses.fields(cls)) for cls in view_types}

    def getattr(self, obj: Any, attribute: str) -> Any:
        fields = self.view_fields.get(type(obj))
        if fields is not None and attribute in fields:
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        # briefgen's own url() and fragment functions are called directly: a page makes hundreds
        # of such calls, and Jinja's checks for arbitrary callables were a fifth of its rendering.
        if getattr(__obj, "direct_call", False) is True:
            kwargs.pop("_block_vars", None)  # Jinja's own, for functions that take the context
            kwargs.pop("_loop_vars", None)
            return __obj(*args, **kwargs)
        return super().call(__context, __obj, *args, **kwargs)


class ConfinedLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, which loads no template whose real path leaves the folder it belongs to.

    A site's templates/ is site/templates, so a link there may lead anywhere in the site folder
    (its parent) and nowhere else (symlinks.py); the default theme's templates stay in the theme.
    """

    def __init__(self, dirs: list[Path]) -> None:
        super().__init__([str(d) for d in dirs])
        self.roots = {str(d): (d.parent if d != dirs[-1] else d).resolve() for d in dirs}

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            filename = os.path.join(folder, *pieces)
            if os.path.isfile(filename):
                if not is_inside(os.path.realpath(filename), self.roots[folder]):
                    raise jinja2.TemplateNotFound(template, f"template '{template}' leads outside the site "
                                                            "folder; it is not read")
                break
        return super().get_source(environment, template)


def make_environment(dirs: list[Path]) -> jinja2.Environment:
    """Templates by search path; 'default/NAME' always names the default theme's file, for extending it."""
    loader = jinja2.ChoiceLoader([
        jinja2.PrefixLoader({"default": ConfinedLoader(dirs[-1:])}),
        ConfinedLoader(dirs),
    ])
    env = ViewSandbox(_view_types(), loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False)
    env.filters["jsonld_person"] = lambda name: {"@type": "Person", "name": name}
    env.filters["jsonld_work"] = lambda title: {"@type": "CreativeWork", "name": title}
    return env


VIEW_MODULES = (views, viewrefs, argviews, citeviews, argmap, pagination)
"""Every module whose dataclasses templates see (a test walks the views' fields to keep this whole)."""


def _view_types() -> list[type]:
    return [obj for module in VIEW_MODULES for obj in vars(module).values()
            if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == module.__name__]


def link_prefix(page: str, base_url: str) -> str:
    """What `url()` puts before a site path on the page at site path `page`.

    The 404 page is served at any missing address, so relative links cannot work there: it
    links absolutely, from base_url or from the host's root when there is none.
    """
    if page == NOT_FOUND:
        return base_url or "/"
    return "../" * page.count("/")  # "briefs/x/" and "topics/x/feed.xml" are both two folders down


class Links:
    """`url()` for one page: the link from that page to a site path."""

    __slots__ = ("base_url", "prefix")
    direct_call = True
    """Called from templates without the sandbox's checks (it is briefgen's own, and does no harm)."""

    def __init__(self, prefix: str, base_url: str) -> None:
        self.prefix = prefix
        self.base_url = base_url

    def __call__(self, path: str) -> str:
        if not path.isascii():  # a theme's own literal path: views' paths are encoded already
            path = urls.href(path)
        return self.prefix + path or "./"

    def absolute(self, path: str) -> str:
        """`abs_url()`: an absolute URL when the site has a base_url, else the relative link."""
        return self.base_url + path if self.base_url else self(path)


class Fragments:
    """Renders each fragment once per argument, for all the pages a process renders.

    Keyed by the argument's value (views are frozen, hashable dataclasses), so a fragment is
    never stale: another value is another key. An argument that cannot be hashed is rendered
    every time. A fragment is rendered with a stand-in for the page's link prefix, a token no
    content can contain, and the prefix of each page depth is put in its place: a brief's card is
    rendered once, not once for every depth of page that shows it.
    """

    def __init__(self, env: jinja2.Environment) -> None:
        self._env = env
        self._token = f"briefgen{secrets.token_hex(8)}~"
        self._any_depth = Links(self._token, "")
        self._raw: dict[tuple[str, tuple[Any, ...]], str] = {}
        self._made: dict[tuple[str, str, tuple[Any, ...]], Markup] = {}
        self._by_identity: dict[tuple[Any, ...], tuple[tuple[Any, ...], Markup]] = {}
        """The same, by the identity of the arguments: views share their refs (a brief's card is one
        object on every page of a process), and hashing a ref's fields on every call cost more than
        looking it up by value. The arguments are kept with the markup, so that an id is never reused."""
        self._templates: dict[str, jinja2.Template] = {}

    def functions(self, links: Links) -> dict[str, Callable[..., Markup]]:
        """The fragment globals for one page, and `argument_map`, which draws a map's section."""
        functions = {name: self._function(name, links) for name in FRAGMENTS}

        def argument_map(m: ArgumentMap, heading: str = "Argument map", level: str = "h2") -> Markup:
            return map_section(m, links, heading, level)

        functions["argument_map"] = _direct(argument_map)
        return functions

    def _function(self, name: str, links: Links) -> Callable[..., Markup]:
        names = _FRAGMENT_ARGS[name]
        defaults = _FRAGMENT_DEFAULTS.get(name, ())
        token, prefix = self._token, links.prefix
        if self._any_depth.base_url != links.base_url:  # one site, one base URL: set by the first page
            self._any_depth = Links(token, links.base_url)

        def fragment(*args: Any) -> Markup:
            if len(args) < len(names):
                args = (*args, *defaults[len(args) - len(names):])
            identity = (name, prefix, *map(id, args))
            hit = self._by_identity.get(identity)
            if hit is not None and all(a is b for a, b in zip(hit[0], args, strict=True)):
                return hit[1]
            key = (name, prefix, args)
            try:
                made = self._made.get(key)
                if made is None:
                    raw = self._raw.get((name, args))
                    if raw is None:
                        raw = self._raw[(name, args)] = self._render(name, names, args)
                    made = self._made[key] = Markup(raw.replace(token, prefix) if prefix != token else raw)
            except TypeError:  # an unhashable argument from a site's own template
                return Markup(self._render(name, names, args).replace(token, prefix))
            self._by_identity[identity] = (args, made)
            return made

        fragment.__name__ = name
        return _direct(fragment)

    def _render(self, name: str, names: tuple[str, ...], args: tuple[Any, ...]) -> str:
        """The fragment, its links starting with the token (nested fragments' too)."""
        template = self._templates.get(name)
        if template is None:
            template = self._templates[name] = self._env.get_template(f"fragments/{name}.html")
        context = dict(zip(names, args, strict=False))
        context["url"] = self._any_depth
        context["abs_url"] = self._any_depth.absolute
        context.update(self.functions(self._any_depth))
        return template.render(context).strip()


def _direct(function: Callable[..., Markup]) -> Callable[..., Markup]:
    function.direct_call = True  # type: ignore[attr-defined]  # see ViewSandbox.call
    return function


def template_digests(env: jinja2.Environment, names: Iterable[str],
                     known: MutableMapping[str, tuple[str | None, ...]]) -> dict[str, str]:
    """For each page template: a digest of its source and of every template it may load.

    A page is rendered again when its digest changes. Fragments can be called from any
    template, so every template's digest covers all of them. A template that names another
    by an expression (which cannot be followed) covers every template the loader knows.
    `known` remembers, by a digest of a template's source, the templates it names, so that only a
    new or changed template is parsed (parsing them all took a tenth of a second every build).
    """
    sources: dict[str, str | None] = {}

    def source(name: str) -> str | None:
        if name not in sources:
            try:
                sources[name] = env.loader.get_source(env, name)[0] if env.loader else None
            except jinja2.TemplateNotFound:
                sources[name] = None
        return sources[name]

    def closure(name: str) -> set[str] | None:
        seen: set[str] = set()
        todo = [name, *(f"fragments/{f}.html" for f in FRAGMENTS)]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            text = source(current)
            if text is None:
                continue
            key = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
            if key not in known:
                try:
                    known[key] = tuple(jinja_meta.find_referenced_templates(env.parse(text)))
                except jinja2.TemplateSyntaxError:
                    known[key] = ()  # rendering it reports the error, at its line
            referenced = known[key]
            if any(ref is None for ref in referenced):
                return None
            todo.extend(ref for ref in referenced if ref is not None)
        return seen

    every: list[str] | None = None
    out: dict[str, str] = {}
    for name in sorted(set(names)):
        members = closure(name)
        if members is None:
            every = every if every is not None else (env.list_templates() if env.loader else [])
            members = set(every)
        digest = hashlib.blake2b(digest_size=16)
        for member in sorted(members):
            digest.update(f"{member}\0{source(member)}\0".encode())
        out[name] = digest.hexdigest()
    return out
