"""A digest of what a template sees, so a page whose view did not change is not rendered again.

A page is a pure function of its template (and the templates it uses), the site view, its
meta and its view. The views are frozen dataclasses of strings, numbers, dates and tuples;
refs to a brief, claim or source appear on hundreds of pages, so each ref's digest is
computed once and reused (pickling each view instead costs more than half a render).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import pickle
from typing import Any

from briefgen.views import ActorRef, BriefRef, ClaimRef, Link, SiteView, SourceRef

SHARED = (ActorRef, BriefRef, ClaimRef, Link, SiteView, SourceRef)
"""Types whose instances recur across pages: digested once per instance."""


class ViewDigester:
    def __init__(self, salt: str) -> None:
        self._salt = salt.encode()
        self._shared: dict[int, tuple[object, bytes]] = {}
        """id -> (the object, kept alive so its id is not reused; its digest)."""
        self._fields: dict[type, tuple[str, ...]] = {}

    def page(self, template: str, *parts: Any) -> str:
        digest = hashlib.blake2b(self._salt, digest_size=20)
        self._feed(digest, template)
        for part in parts:
            self._feed(digest, part)
        return digest.hexdigest()

    def _feed(self, digest: Any, value: Any) -> None:
        kind = type(value)
        if kind is str:
            data = value.encode()
            digest.update(b"s%d:" % len(data))
            digest.update(data)
        elif kind is tuple or kind is list:
            digest.update(b"(%d" % len(value))
            for item in value:
                self._feed(digest, item)
            digest.update(b")")
        elif kind in SHARED:
            known = self._shared.get(id(value))
            if known is None:
                inner = hashlib.blake2b(digest_size=16)
                self._feed_fields(inner, value)
                known = self._shared[id(value)] = (value, inner.digest())
            digest.update(known[1])
        elif kind is int or kind is bool or kind is float or value is None:
            digest.update(b"%s%r;" % (kind.__name__.encode(), value))
        elif kind is dt.date:
            digest.update(b"d" + value.isoformat().encode())
        elif dataclasses.is_dataclass(value):
            self._feed_fields(digest, value)
        else:  # anything else a custom view might hold
            digest.update(b"p")
            digest.update(pickle.dumps(value, protocol=5))

    def _feed_fields(self, digest: Any, value: Any) -> None:
        kind = type(value)
        names = self._fields.get(kind)
        if names is None:
            names = self._fields[kind] = tuple(f.name for f in dataclasses.fields(value))
        digest.update(kind.__qualname__.encode() + b"{")
        for name in names:
            self._feed(digest, getattr(value, name))
        digest.update(b"}")
