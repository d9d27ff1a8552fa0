"""A digest of what a template sees, so a page whose view did not change is not rendered again.

A page is a pure function of its template (and the templates it uses), the site view, its
meta and its view. Views are frozen dataclasses, so the digest hashes their pickle. Refs
to a brief, claim or source appear on hundreds of pages; each ref is pickled once per
build and stands for itself by its digest afterwards. The pickler runs without its memo,
so the bytes depend on the values alone, never on which objects happen to be shared.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from typing import Any

from briefgen.render.views import ActorRef, BriefRef, ClaimRef, Link, SharedRefs, SiteView, SourceRef

SHARED = frozenset({ActorRef, BriefRef, ClaimRef, Link, SharedRefs, SiteView, SourceRef})
"""Types whose instances recur across pages: pickled once per instance."""


class ViewDigester:
    def __init__(self, salt: str) -> None:
        self._salt = salt.encode()
        self._shared: dict[int, tuple[object, bytes]] = {}
        """id -> (the object, kept alive so its id is not reused; its digest)."""

    def page(self, template: str, *parts: Any) -> str:
        digest = hashlib.blake2b(self._salt, digest_size=20)
        digest.update(template.encode() + b"\0")
        digest.update(self._pickle(parts))
        return digest.hexdigest()

    def shared(self, value: object) -> bytes:
        known = self._shared.get(id(value))
        if known is None:
            data = type(value).__qualname__.encode() + self._pickle(value, top=value)
            known = self._shared[id(value)] = (value, hashlib.blake2b(data, digest_size=16).digest())
        return known[1]

    def _pickle(self, value: object, top: object = None) -> bytes:
        buffer = io.BytesIO()
        _DigestPickler(buffer, self, top).dump(value)
        return buffer.getvalue()


class _DigestPickler(pickle.Pickler):
    def __init__(self, buffer: io.BytesIO, digester: ViewDigester, top: object) -> None:
        super().__init__(buffer, protocol=5)
        self.fast = True  # no memo: equal values give equal bytes whatever their identity
        self._digester = digester
        self._top = top

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) in SHARED and obj is not self._top:
            return _shared_ref, (self._digester.shared(obj),)
        return NotImplemented


def _shared_ref(digest: bytes) -> None:
    """Stands in a digest's pickle for a shared ref; never called (digests are never unpickled)."""
