"""Briefs' old addresses (`aliases`) -> the site paths of their redirect pages.

An alias given as a full URL must be on the site's own host and under base_url's path, which
is then taken off; without base_url its path is read from the site's root, as every alias path
is. Two aliases that would write one file (compared without case, as macOS and Windows file
systems compare names) are an error naming both places; clashes with the site's own pages are
checked once the pages are known (render/addresses.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from briefgen import urls
from briefgen.load.specs import AliasSpec, BriefSpec
from briefgen.model import Location, Redirect
from briefgen.resolve.registry import Registry


def redirect_map(reg: Registry, specs: Iterable[BriefSpec], base_url: str) -> dict[str, Redirect]:
    """Site path -> Redirect for every good alias of the briefs in the site, in path order."""
    out: dict[str, Redirect] = {}
    taken: dict[str, tuple[str, Location]] = {}
    """The output file of each alias, case-folded -> (its site path, where it is given)."""
    for spec in sorted(specs, key=lambda s: s.path):
        for alias in spec.aliases:
            path, problem = site_path(alias, base_url)
            if problem:
                reg.error(alias.at, problem, "bad-alias", "give the brief's old address on this site")
                continue
            key = urls.output_file(path).casefold()
            first = taken.get(key)
            if first is not None:
                same = "this brief" if first[1].path == spec.path else first[1].path
                reg.error(alias.at, f"alias '/{path}' is already an alias of {same} (at {first[1]})",
                          "alias-collision", "give each old address once")
                continue
            taken[key] = (path, alias.at)
            out[path] = Redirect(spec.slug, alias.at)
    return dict(sorted(out.items()))


def site_path(alias: AliasSpec, base_url: str) -> tuple[str, str]:
    """(the alias's site path, '') as in 'old/name/' or 'old/page.html'; or ('', what is wrong with it)."""
    segments = alias.segments
    if alias.host and base_url:
        given = f"{alias.host}/" + "/".join(segments) + ("/" if alias.folder else "")
        base = urlsplit(base_url)
        if alias.host != (base.hostname or "").lower():
            return "", f"alias '{given}' is on another site than base_url ({base_url})"
        prefix = tuple(unquote(part) for part in base.path.split("/") if part)
        if segments[:len(prefix)] != prefix:
            return "", f"alias '{given}' is not under base_url ({base_url})"
        segments = segments[len(prefix):]
        if not segments:
            return "", f"alias '{given}' is the site's home page, which cannot redirect"
    return "/".join(segments) + ("/" if alias.folder else ""), ""
