"""Fetching many URLs politely: hosts in parallel, one request at a time to each host.

A site cites dozens of pages on the same few news sites; asking one of them for its pages one
after another, with a pause between, is how a reader's browser would, and no publisher's rate
limit trips over it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")
WORKERS = 4
"""Hosts fetched from at once."""


def per_host(urls: Iterable[str], work: Callable[[str], T], delay: float, workers: int = WORKERS) -> dict[str, T]:
    """work(url) for every URL, `delay` seconds apart on each host; results by URL."""
    hosts: dict[str, list[str]] = {}
    for url in dict.fromkeys(urls):
        hosts.setdefault(_host(url), []).append(url)

    def one_host(batch: list[str]) -> list[tuple[str, T]]:
        done: list[tuple[str, T]] = []
        for index, url in enumerate(batch):
            if index and delay > 0:
                time.sleep(delay)
            done.append((url, work(url)))
        return done

    results: dict[str, T] = {}
    if len(hosts) <= 1 or workers <= 1:
        for batch in hosts.values():
            results.update(one_host(batch))
        return results
    with ThreadPoolExecutor(max_workers=min(workers, len(hosts))) as pool:
        for done in pool.map(one_host, hosts.values()):
            results.update(done)
    return results


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
