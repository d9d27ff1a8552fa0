"""Run a build stage's independent pieces on every core, when there are enough of them to pay.

Workers are forked, so they start with the parent's memory (the graph, the compiled templates)
instead of receiving it pickled; only each piece's number and result cross a pipe. Where forking
is unsafe or unavailable (another thread is running, or no `fork` on this platform) the work
runs serially in the calling process, with the same result.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

ItemT = TypeVar("ItemT")
SharedT = TypeVar("SharedT")
ResultT = TypeVar("ResultT")

PARSE_THRESHOLD = 150
"""Uncached briefs below which parsing stays serial. Measured on 2 cores: 100 briefs parse in
about the same time either way (forking and sending results back cost what the second core
saves); 200 take half the time on two."""
RENDER_THRESHOLD = 300
"""Outputs below which rendering stays serial: a small site renders in well under a second."""
_POLL_SECONDS = 0.5


class WorkerFailed(RuntimeError):
    """A worker process raised (its traceback is the message) or died."""


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
    if items < threshold or limit < 2 or not can_fork():
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

    Each forked worker inherits `shared` and `pieces`, takes piece numbers from a queue and sends
    results back. A worker that raises or dies fails the whole run (WorkerFailed); the other
    workers are stopped, also when the caller stops reading early.
    """
    if workers < 2 or len(pieces) < 2 or not can_fork():
        for piece in pieces:
            yield task(shared, piece)
        return
    context = multiprocessing.get_context("fork")
    todo: Any = context.SimpleQueue()
    done: Any = context.Queue()
    count = min(workers, len(pieces))
    processes = [context.Process(target=_work, args=(task, shared, pieces, todo, done), daemon=True)
                 for _ in range(count)]
    for process in processes:
        process.start()
    try:
        # After the start: a pipe holds some 64 KB, and workers must be reading before it fills.
        for index in range(len(pieces)):
            todo.put(index)
        for _ in range(count):
            todo.put(None)
        results: dict[int, ResultT] = {}
        wanted = 0
        while wanted < len(pieces):
            try:
                index, ok, value = done.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                if any(p.exitcode not in (None, 0) for p in processes):
                    raise WorkerFailed("a worker process died (killed, or out of memory)") from None
                continue
            if not ok:
                raise WorkerFailed(value)
            results[index] = value
            while wanted in results:
                yield results.pop(wanted)
                wanted += 1
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join()


def _work(task: Callable[[Any, Any], Any], shared: Any, pieces: Sequence[Any], todo: Any, done: Any) -> None:
    while (index := todo.get()) is not None:
        try:
            done.put((index, True, task(shared, pieces[index])))
        except BaseException:
            done.put((index, False, traceback.format_exc()))
            return


def can_fork() -> bool:
    # Forking a process that runs other threads (a preview server, a watcher) can copy a held lock.
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
