"""Live preview: build into a temporary folder, serve it, rebuild on every save, reload the browser.

livereload supplies the browser side (its script, injected into every HTML page, and the
websocket that tells pages to reload); watchdog's inotify observer, plugged in as livereload's
watcher, sees a save within milliseconds instead of livereload's 800 ms polling. Builds run on the
server's one thread, so no request is ever answered from a half-updated folder; a failed rebuild
leaves the last good site in place and every page shows an overlay listing the problems.
"""

from __future__ import annotations

import contextlib
import html
import ipaddress
import mimetypes
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from tornado import web
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

from briefgen.errors import Problem
from briefgen.incremental import Builder, Rebuild, classify
from briefgen.pipeline import BuildOptions
from briefgen.render.pages import NOT_FOUND
from briefgen.write.output import safe_relpath

QUIET_SECONDS = 0.03
"""A burst of saves (editors write a file, a backup and a swap file) is built once it pauses this long."""
MAX_WAIT_SECONDS = 0.25
"""...or after this long, if the burst goes on."""
WATCHED = ("content", "templates", "static")
_IGNORED_EVENTS = ("opened", "closed_no_write", "attrib")
_EVENTS: list[type[FileSystemEvent]] = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent,
                                        FileClosedEvent, DirCreatedEvent, DirDeletedEvent, DirMovedEvent]
"""What a save looks like. Not opens and reads: every rebuild reads every brief, and thousands of
such events would compete with the build for the interpreter (a 5,000-brief rebuild took 3x longer)."""


@dataclass
class Preview:
    """What the server shows: the output folder, and the problems of the last rebuild if it failed."""

    out: Path
    problems: tuple[Problem, ...] = ()
    overlay: bytes = b""

    def update(self, result: Rebuild) -> bool:
        """Take a rebuild's outcome; True when open pages should reload."""
        errors = () if result.ok else tuple(p for p in result.problems if p.is_error)
        if errors == self.problems:
            return result.changed
        self.problems = errors
        self.overlay = overlay_html(errors).encode("utf-8") if errors else b""
        return True


def overlay_html(problems: Sequence[Problem]) -> str:
    """The error overlay: every problem escaped; Escape or the button closes it."""
    items = "".join(
        f'<li><code>{html.escape(_where(p))}</code> {html.escape(p.message)}'
        + (f' <span class="bg-hint">({html.escape(p.hint)})</span>' if p.hint else "") + "</li>"
        for p in problems)
    count = _count(len(problems), "error")
    return (
        '<div id="briefgen-overlay" role="alertdialog" aria-labelledby="briefgen-overlay-title">'
        "<style>#briefgen-overlay{position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;z-index:2147483647;"
        "background:#2b0b0e;color:#fff;font:15px/1.5 system-ui,sans-serif;padding:1rem 1.25rem;"
        "box-shadow:0 4px 24px rgba(0,0,0,.5)}#briefgen-overlay h2{font-size:1.1rem;margin:0 0 .25rem;color:#ffb4b4}"
        "#briefgen-overlay p{margin:0 0 .5rem}#briefgen-overlay ul{margin:0;padding-left:1.25rem}"
        "#briefgen-overlay li{margin:.35rem 0;white-space:pre-wrap;overflow-wrap:anywhere}"
        "#briefgen-overlay code{font:600 14px ui-monospace,monospace;color:#ffd27f}"
        "#briefgen-overlay .bg-hint{color:#ddd}#briefgen-overlay button{float:right;font:inherit;"
        "padding:.2rem .8rem;margin-left:1rem;cursor:pointer}</style>"
        '<button type="button" id="briefgen-overlay-close">Close (Esc)</button>'
        f'<h2 id="briefgen-overlay-title">The last rebuild failed: {count}</h2>'
        "<p>This is the last good build. Fix the files and save: the page reloads by itself.</p>"
        f"<ul>{items}</ul></div>"
        "<script>(function(){var o=document.getElementById('briefgen-overlay');"
        "function close(){if(o){o.remove();o=null;document.removeEventListener('keydown',key)}}"
        "function key(e){if(e.key==='Escape'){close()}}"
        "document.getElementById('briefgen-overlay-close').addEventListener('click',close);"
        "document.addEventListener('keydown',key)})();</script>")


def _where(problem: Problem) -> str:
    if not problem.line:
        return problem.path
    return f"{problem.path}:{problem.line}" + (f":{problem.col}" if problem.col else "")


@dataclass(frozen=True)
class Target:
    """How to answer a request: a file to send, a redirect, or not found (both None)."""

    file: Path | None = None
    redirect: str | None = None


def locate(out: Path, url_path: str) -> Target:
    """The file inside `out` that serves `url_path` (already %-decoded, without its leading '/').

    Only regular files strictly inside the output folder are ever served: '..', '.', empty
    segments, backslashes, absolute paths and symlinks out of the folder all end in not found.
    """
    wanted = url_path + "index.html" if url_path == "" or url_path.endswith("/") else url_path
    rel = safe_relpath(wanted)
    if rel is None or any(part in ("", ".", "..") for part in rel.split("/")):
        return Target()
    root = out.resolve()
    candidate = root / rel
    if candidate.is_dir() and (candidate / "index.html").is_file():
        return Target(redirect="/" + rel + "/")
    try:
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return Target()
    if not real.is_file() or root not in real.parents:
        return Target()
    return Target(file=real)


class PageHandler(web.RequestHandler):
    """Serves the output folder, the site's 404 page for what is missing, and the overlay while a build is broken."""

    def initialize(self, preview: Preview) -> None:
        self.preview = preview

    def get(self, path: str) -> None:
        self._answer(path, include_body=True)

    def head(self, path: str) -> None:
        self._answer(path, include_body=False)

    def _answer(self, path: str, include_body: bool) -> None:
        target = locate(self.preview.out, path)
        if target.redirect:
            self.redirect(target.redirect, permanent=False)
            return
        file = target.file
        if file is None:
            self.set_status(404)
            not_found = locate(self.preview.out, NOT_FOUND).file
            file = not_found
            if file is None:
                self._send(b"<!doctype html><title>Not found</title><h1>Not found</h1>\n", "text/html",
                           include_body)
                return
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self._send(file.read_bytes(), kind, include_body)

    def _send(self, data: bytes, kind: str, include_body: bool) -> None:
        if kind.startswith("text/") or kind in ("application/json", "application/xml", "image/svg+xml"):
            kind += "; charset=utf-8"
        if kind.startswith("text/html") and self.preview.overlay:
            end = data.rfind(b"</body>")
            data = data[:end] + self.preview.overlay + data[end:] if end >= 0 else data + self.preview.overlay
        self.set_header("Content-Type", kind)
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")
        if include_body:
            self.finish(data)
        else:
            self.set_header("Content-Length", str(len(data)))
            self.finish()

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        # tornado's default error page is fine, but never with a traceback
        self.finish(f"{status_code}: {self._reason}\n")


class EventWatcher(Watcher):
    """livereload's watcher interface on watchdog's observer: events instead of polling every 800 ms.

    Changed paths (relative to the site) are collected on the server's thread and handed to
    `on_change` once a burst of saves pauses, so several files saved together make one rebuild.
    """

    def __init__(self, root: Path, on_change: Callable[[set[str]], None]) -> None:
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


class _PreviewServer(Server):
    """livereload's server with our handler for pages (it injects the reload script into them)."""

    def __init__(self, watcher: EventWatcher, preview: Preview) -> None:
        super().__init__(watcher=watcher)
        self.preview = preview

    def get_web_handlers(self, script: bytes) -> list[Any]:
        return [(r"/(.*)", PageHandler, {"preview": self.preview})]


@dataclass
class Session:
    """One `briefgen serve` run: the builder, what is shown, and where messages go."""

    builder: Builder
    preview: Preview
    verbose: bool = False
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    warned: frozenset[Problem] = frozenset()
    """Warnings already printed: each is printed once, not after every save."""

    def rebuild(self, changes: set[str] | None = None) -> Rebuild:
        result = self.builder.build(changes)
        reload = self.preview.update(result)
        self.report(result, changes)
        if reload and LiveReloadHandler.waiters:
            LiveReloadHandler.reload_waiters(_reload_path(result))
        return result

    def report(self, result: Rebuild, changes: set[str] | None) -> None:
        stamp = time.strftime("%H:%M:%S")
        what = "built" if changes is None else ", ".join(sorted(changes)[:3]) + (" ..." if len(changes) > 3 else "")
        for problem in result.problems:
            if problem.is_error or problem not in self.warned:
                print(problem.format(), file=self.stderr)
        if result.ok:
            self.warned = frozenset(result.problems)
        if self.verbose and result.traceback:
            print(result.traceback, file=self.stderr)
        if result.ok:
            print(f"[{stamp}] {what}: {_count(len(result.rendered), 'page')} rendered, "
                  f"{_count(len(result.written), 'file')} written, {len(result.removed)} removed "
                  f"in {result.seconds * 1000:.0f} ms", file=self.stdout)
        else:
            errors = sum(1 for p in result.problems if p.is_error)
            print(f"[{stamp}] {what}: rebuild failed: {_count(errors, 'error')}; "
                  "still serving the last good site", file=self.stderr)
        self.stdout.flush()
        self.stderr.flush()


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _reload_path(result: Rebuild) -> str:
    """livereload.js swaps stylesheets in place when the path is a .css file; anything else reloads the page."""
    changed = result.written | result.removed
    css = [p for p in changed if p.endswith(".css")]
    return css[0] if css and len(css) == len(changed) else "*"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def serve(site: Path, host: str = "127.0.0.1", port: int = 8000, drafts: bool = False, verbose: bool = False,
          stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Serve `site` until Ctrl-C (or SIGTERM); 0 on a clean stop, 2 when the address cannot be used."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    out = Path(tempfile.mkdtemp(prefix="briefgen-serve-"))
    watcher: EventWatcher | None = None
    try:
        session = Session(Builder(site, out, BuildOptions(drafts=drafts)), Preview(out), verbose, stdout, stderr)
        print(f"Building {session.builder.paths.root} ...", file=stdout, flush=True)
        session.rebuild()
        watcher = EventWatcher(session.builder.paths.root, session.rebuild)
        server = _PreviewServer(watcher, session.preview)
        try:
            server.application(port, host, live_css=True)
        except OSError as exc:
            print(f"briefgen: error: cannot listen on {host}:{port}: {exc.strerror or exc}", file=stderr)
            return 2
        if not is_loopback(host):
            print(f"briefgen: warning: serving on {host}: anyone who can reach this machine can read the preview",
                  file=stderr)
        shown = f"[{host}]" if ":" in host else host
        print(f"Serving {session.builder.paths.root} at http://{shown}:{port}/ (Ctrl-C to stop)", file=stdout)
        stdout.flush()
        signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops as cleanly as Ctrl-C
        server.watch(str(session.builder.paths.root))
        LiveReloadHandler.start_tasks()  # starts our watcher
        with contextlib.suppress(KeyboardInterrupt):
            IOLoop.current().start()
        print("Stopped.", file=stdout)
        return 0
    finally:
        if watcher is not None:
            watcher.stop()
        shutil.rmtree(out, ignore_errors=True)
