"""Run a build stage's independent pieces on every core, when there are enough of them to pay.

Workers are forked, so they start with the parent's memory (the graph, the templates)
instead of receiving it pickled; only each piece's inputs and results cross the pipe.
Where forking is unsafe or unavailable (another thread is running, or no `fork` on this
platform) the work runs serially in the calling process, with the same result.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

ItemT = TypeVar("ItemT")
SharedT = TypeVar("SharedT")
ResultT = TypeVar("ResultT")

PARSE_THRESHOLD = 150
"""Uncached briefs below which parsing stays serial. Measured on 2 cores: 100 briefs parse in
about the same time either way (forking and sending results back cost what the second core
saves); 200 take half the time on two."""
RENDER_THRESHOLD = 400
"""Pages below which rendering stays serial: a small site renders in well under a second."""


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers_for(items: int, threshold: int, jobs: int | None) -> int:
    """How many processes to use: 1 (serial) unless there are at least `threshold` items.

    `jobs` is the user's limit (None: one per core).
    """
    limit = cores() if jobs is None else max(1, jobs)
    if items < threshold or limit < 2 or not _can_fork():
        return 1
    return min(limit, max(1, items // max(1, threshold // 2)))


def chunks(items: Sequence[ItemT], workers: int, most: int | None = None) -> list[Sequence[ItemT]]:
    """`items` cut into contiguous pieces, a few per worker so a slow piece does not hold the
    others up, and of at most `most` items each."""
    if not items:
        return []
    count = min(len(items), workers * 4)
    size = -(-len(items) // count)
    if most is not None:
        size = min(size, most)
    return [items[start:start + size] for start in range(0, len(items), size)]


def run(task: Callable[[SharedT, ItemT], ResultT], shared: SharedT, pieces: Sequence[ItemT],
        workers: int) -> Iterator[ResultT]:
    """`task(shared, piece)` for every piece, results in the order of `pieces`.

    With fork, each worker inherits `shared` (the graph, the templates) instead of unpickling it.
    """
    if workers < 2 or len(pieces) < 2:
        for piece in pieces:
            yield task(shared, piece)
        return
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(max_workers=min(workers, len(pieces)), mp_context=context, initializer=_adopt,
                               initargs=(shared,))
    try:
        yield from pool.map(functools.partial(_with_shared, task), pieces)
    finally:  # also when the caller stops early (an error): drop the pieces not yet started
        pool.shutdown(wait=True, cancel_futures=True)


_inherited: list[Any] = []
"""In a worker process only: the `shared` value it was forked with (set once by _adopt)."""


def _adopt(shared: Any) -> None:
    _inherited.append(shared)


def _with_shared(task: Callable[[Any, Any], ResultT], piece: Any) -> ResultT:
    return task(_inherited[0], piece)


def _can_fork() -> bool:
    # Forking a process that runs other threads (a preview server, a watcher) can copy a held lock.
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
