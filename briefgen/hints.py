"""The words of every message and hint for a mistake that can be made in more than one place.

An unknown id or a malformed one reads the same whether it is in front matter, a site-wide
file or a brief's text: each such message is written here once, and load/ and resolve/ ask
for it.
"""

from __future__ import annotations

from collections.abc import Iterable

from briefgen import urls
from briefgen.errors import did_you_mean

__all__ = ["bad_id_hint", "bad_id_message", "define_hint", "did_you_mean", "unknown_id_hint", "unknown_id_message",
           "unknown_key_hint"]

_DEFINE = {
    "claim": "define it with 'id:' and 'text:' in a brief or content/claims.yaml",
    "source": "describe it in a brief's 'sources:' or in content/sources.yaml",
    "actor": "add it to content/actors.yaml",
    "brief": "check the brief's slug",
    "topic": "topics come from the briefs' 'topics:' lists",
}


def define_hint(kind: str) -> str:
    """Where a thing of `kind` ('claim', 'source', ...) is defined."""
    return _DEFINE.get(kind, "")


def unknown_id_message(kind: str, ident: str) -> str:
    return f"unknown {kind} '{ident}'"


def unknown_id_hint(kind: str, ident: str, known: Iterable[str]) -> str:
    """The closest known id of that kind, else where such a thing is defined."""
    return did_you_mean(ident, known) or define_hint(kind)


def bad_id_message(what: str, text: str) -> str:
    """`what` names the id: 'claim id', 'source id', 'actor id' ..."""
    return f"{what} '{text}' must be lower-case letters and digits joined by '-'"


def bad_id_hint(text: str) -> str:
    return urls.id_hint(text)


def unknown_key_hint(key: str, known: tuple[str, ...]) -> str:
    return did_you_mean(key, known) or f"known keys: {', '.join(known)}"
