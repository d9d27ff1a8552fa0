"""Seeing saves: watchdog's inotify observer, plugged into livereload as its watcher.

livereload polls for changes every 800 ms unless given a watcher object; watchdog sees a save
within milliseconds. Changed paths are collected on the server's thread and handed on once a
burst of saves pauses, so several files saved together make one rebuild.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import Any

from livereload.watcher import Watcher
from tornado.ioloop import IOLoop
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from briefgen.paths import CONFIG_FILE
from briefgen.render.theme import THEME_STATIC

QUIET_SECONDS = 0.02
"""A burst of saves (editors write a file, a backup and a swap file) is built once it pauses this long."""
MAX_WAIT_SECONDS = 0.25
"""...or after this long, if the burst goes on."""
WATCHED = ("content", "templates", "static")
_IGNORED_EVENTS = ("opened", "closed_no_write", "attrib")
_EVENTS: list[type[FileSystemEvent]] = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent,
                                        FileClosedEvent, DirCreatedEvent, DirDeletedEvent, DirMovedEvent]
"""What a save looks like. Not opens and reads: every rebuild reads every brief, and thousands of
such events would compete with the build for the interpreter (a 5,000-brief rebuild took 3x longer)."""


class ChangeKind(str, Enum):
    CONFIG = "config"
    CONTENT = "content"
    TEMPLATE = "template"
    STATIC = "static"


ALL_KINDS = frozenset(ChangeKind)
_SCRATCH_SUFFIXES = (".swp", ".swx", ".swo", ".tmp", "~")


def classify(rel: str) -> ChangeKind | None:
    """What kind of change a changed path (relative to the site folder, '/'-separated) is; None: irrelevant."""
    parts = PurePosixPath(rel).parts
    if not parts or parts[0] in ("..", "/") or _is_editor_scratch(parts[-1]):
        return None
    if rel == CONFIG_FILE:
        return ChangeKind.CONFIG
    if parts[0] == "content":
        return ChangeKind.CONTENT
    if parts[0] == "templates":
        return ChangeKind.STATIC if len(parts) > 1 and parts[1] == THEME_STATIC else ChangeKind.TEMPLATE
    if parts[0] == "static":
        return ChangeKind.STATIC
    return None


def _is_editor_scratch(name: str) -> bool:
    """Swap, backup and lock files editors write beside the file being saved (vim's 4913 probe too)."""
    return name.endswith(_SCRATCH_SUFFIXES) or name.startswith(".#") or name == "4913" or (
        name.startswith("#") and name.endswith("#"))


class EventWatcher(Watcher):
    """livereload's watcher interface on watchdog's observer: events instead of polling every 800 ms.

    Changed paths (relative to the site) are collected on the server's thread and handed to
    `on_change` once a burst of saves pauses, so several files saved together make one rebuild.
    """

    def __init__(self, root: Path, on_change: Callable[[set[str]], object]) -> None:
        super().__init__()
        self.root = root
        self.on_change = on_change
        self._observer = Observer()
        self._handler = _Events(self)
        self._watches: dict[str, Any] = {}
        self._loop: IOLoop | None = None
        self._pending: set[str] = set()
        self._first = 0.0
        self._timer: object | None = None

    def start(self, callback: Callable[[], None]) -> bool:
        """Start watching; True tells livereload not to poll. `callback` is unused: livereload's
        poll_tasks would drop any reload that comes within 3 s of the previous one."""
        self._loop = IOLoop.current()
        self._observer.schedule(self._handler, str(self.root), recursive=False, event_filter=_EVENTS)
        for name in WATCHED:
            self._watch_dir(name)
        self._observer.start()
        return True

    def stop(self) -> None:
        if self._observer.is_alive():
            self._observer.stop()
            self._observer.join(timeout=5)

    def examine(self) -> tuple[str | None, None]:
        return None, None  # nothing to poll: changes arrive as events

    def _watch_dir(self, name: str) -> None:
        folder = self.root / name
        if folder.is_dir() and name not in self._watches:
            self._watches[name] = self._observer.schedule(self._handler, str(folder), recursive=True,
                                                          event_filter=_EVENTS)

    def notify(self, path: str) -> None:
        """Called on the observer's thread."""
        try:
            rel = Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return
        if classify(rel) is None or self._loop is None:
            return
        self._loop.add_callback(self._collect, rel)

    def _collect(self, rel: str) -> None:
        loop = IOLoop.current()
        if rel in WATCHED:
            if (self.root / rel).is_dir():
                self._watch_dir(rel)
            else:
                watch = self._watches.pop(rel, None)
                if watch is not None:
                    with contextlib.suppress(KeyError):  # the observer may have dropped it with the folder
                        self._observer.unschedule(watch)
        if not self._pending:
            self._first = loop.time()
        self._pending.add(rel)
        if self._timer is not None:
            loop.remove_timeout(self._timer)
        delay = max(0.0, min(QUIET_SECONDS, self._first + MAX_WAIT_SECONDS - loop.time()))
        self._timer = loop.call_later(delay, self._flush)

    def _flush(self) -> None:
        changes, self._pending, self._timer = self._pending, set(), None
        self.on_change(changes)


class _Events(FileSystemEventHandler):
    def __init__(self, watcher: EventWatcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in _IGNORED_EVENTS or (event.is_directory and event.event_type == "modified"):
            return
        for path in (event.src_path, event.dest_path):
            if path:
                self.watcher.notify(os.fsdecode(path))
