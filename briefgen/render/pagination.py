"""Splitting long listings into numbered pages, so that no page grows with the site."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from briefgen import urls

PER_PAGE = 50

T = TypeVar("T")


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


def page_count(items: int, per_page: int = PER_PAGE) -> int:
    """Pages a listing of `items` takes; an empty listing still has its first page."""
    return max(1, -(-items // per_page))


def page_items(items: Sequence[T], number: int, per_page: int = PER_PAGE) -> tuple[T, ...]:
    return tuple(items[(number - 1) * per_page: number * per_page])


def pager(path: str, number: int, count: int) -> Pager:
    """Links between the pages of the listing whose first page is at site path `path`."""
    return Pager(number, count, path,
                 urls.paged(path, number - 1) if number > 1 else "",
                 urls.paged(path, number + 1) if number < count else "",
                 urls.paged(path, count))
