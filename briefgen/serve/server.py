"""Live preview: build into a temporary folder, serve it, rebuild on every save, reload the browser.

livereload supplies the browser side (its script, injected into every HTML page, and the
websocket that tells pages to reload); watchdog's observer (watcher.py) sees each save. Every
build, the first and each after a save, is the engine's (engine.py), kept in memory between
saves so that a save re-reads only the files it changed and renders only what they touch.
Builds run on the server's one thread, so no request is ever answered from a half-updated
folder; a failed rebuild leaves the last good site in place and every page shows an overlay
listing the problems.
"""

from __future__ import annotations

import contextlib
import ipaddress
import shutil
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from livereload import Server
from livereload.handlers import LiveReloadHandler
from tornado.ioloop import IOLoop

from briefgen.engine import Engine
from briefgen.errors import BuildFailed, Problem, Severity, has_errors
from briefgen.options import BuildOptions
from briefgen.serve.pages import PageHandler, Preview
from briefgen.serve.watcher import EventWatcher


@dataclass(frozen=True)
class Rebuild:
    """What one rebuild did; paths are output files relative to the output folder."""

    problems: tuple[Problem, ...]
    """Errors when the rebuild failed (nothing was written), else warnings."""
    rendered: int = 0
    changed: tuple[str, ...] = ()
    """Files written or removed."""
    seconds: float = 0.0
    traceback: str = ""
    """Set when briefgen itself failed: the bug's traceback, for --verbose."""

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)


def rebuild(engine: Engine) -> Rebuild:
    """Build again; never raises for bad input or a bug in briefgen: the preview must go on."""
    started = time.perf_counter()
    try:
        result = engine.build()
        outcome = Rebuild(result.problems, len(result.made), result.stats.changed)
    except BuildFailed as failed:
        outcome = Rebuild(tuple(failed.problems))
    except Exception as exc:
        problem = Problem("briefgen", 0, 0, Severity.ERROR, f"internal error: {type(exc).__name__}: {exc}",
                          "internal", "this is a bug in briefgen; --verbose prints the traceback")
        outcome = Rebuild((problem,), traceback=traceback.format_exc())
    return Rebuild(outcome.problems, outcome.rendered, outcome.changed, time.perf_counter() - started,
                   outcome.traceback)


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

    engine: Engine
    preview: Preview
    verbose: bool = False
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    warned: frozenset[Problem] = frozenset()
    """Warnings already printed: each is printed once, not after every save."""

    def rebuild(self, changes: set[str] | None = None) -> Rebuild:
        result = rebuild(self.engine)
        errors = () if result.ok else tuple(p for p in result.problems if p.is_error)
        reload = self.preview.update(errors, bool(result.changed))
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
            print(f"[{stamp}] {what}: {_count(result.rendered, 'output')} rendered, "
                  f"{_count(len(result.changed), 'file')} written or removed in {result.seconds * 1000:.0f} ms",
                  file=self.stdout)
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
    css = [p for p in result.changed if p.endswith(".css")]
    return css[0] if css and len(css) == len(result.changed) else "*"


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
          stdout: TextIO | None = None, stderr: TextIO | None = None, pdf: bool | None = None) -> int:
    """Serve `site` until Ctrl-C (or SIGTERM); 0 on a clean stop, 2 when the address cannot be used."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    # The output, its staging folders and its lock all live in one private folder, removed at the end.
    private = Path(tempfile.mkdtemp(prefix="briefgen-serve-"))
    out = private / "site"
    watcher: EventWatcher | None = None
    try:
        engine = Engine(site, BuildOptions(output=out, drafts=drafts, keep=False, pdf=pdf))
        session = Session(engine, Preview(out), verbose, stdout, stderr)
        print(f"Building {engine.paths.root} ...", file=stdout, flush=True)
        session.rebuild()  # before any thread starts, so that the first build can fork workers on every core
        watcher = EventWatcher(engine.paths.root, session.rebuild)
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
        print(f"Serving {engine.paths.root} at http://{shown}:{port}/ (Ctrl-C to stop)", file=stdout)
        stdout.flush()
        signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops as cleanly as Ctrl-C
        server.watch(str(engine.paths.root))
        LiveReloadHandler.start_tasks()  # starts our watcher
        with contextlib.suppress(KeyboardInterrupt):
            IOLoop.current().start()
        print("Stopped.", file=stdout)
        return 0
    finally:
        if watcher is not None:
            watcher.stop()
        shutil.rmtree(private, ignore_errors=True)
