"""Splitting long index pages into numbered pages, so each stays small at 10,000 briefs."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from briefgen import urls

PER_PAGE = 50

V = TypeVar("V")


@dataclass(frozen=True)
class Pager:
    number: int
    """This page's number, from 1."""
    count: int
    first: str
    """Site path of page 1."""
    prev: str
    """Site path of the previous page, '' on the first."""
    next: str
    """Site path of the next page, '' on the last."""
    last: str


def paginate(view: V, field: str, path: str, per_page: int = PER_PAGE) -> Iterator[tuple[str, V]]:
    """(site path, view) for each page of `view`, whose tuple `field` is cut into pages of `per_page`.

    The first page keeps `path`; the others live at `path`page/N/. Every page gets a `pager`.
    """
    items: tuple[Any, ...] = getattr(view, field)
    count = max(1, -(-len(items) // per_page))
    for number in range(1, count + 1):
        pager = Pager(number, count, path,
                      urls.paged(path, number - 1) if number > 1 else "",
                      urls.paged(path, number + 1) if number < count else "",
                      urls.paged(path, count))
        chunk = items[(number - 1) * per_page: number * per_page]
        yield urls.paged(path, number), dataclasses.replace(view, **{field: chunk, "pager": pager})  # type: ignore[type-var]
