"""Run `briefgen serve` in a child process on a free loopback port, and always stop it."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Served:
    process: subprocess.Popen[str]
    port: int
    tmpdir: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def stop(self) -> tuple[int, str, str]:
        """Ctrl-C, as a user would; (exit code, stdout, stderr)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            out, err = self.process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, err = self.process.communicate(timeout=5)
        return self.process.returncode, out, err


@contextlib.contextmanager
def serving(site: Path, tmpdir: Path, *extra: str, timeout: float = 60) -> Iterator[Served]:
    """`briefgen serve SITE` with TMPDIR=tmpdir (so a test can check it is left empty)."""
    tmpdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(tmpdir), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "briefgen", "serve", str(site), "--port", str(port), *extra],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    served = Served(process, port, tmpdir)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise AssertionError(f"serve exited early: {served.stop()}")
            try:
                urllib.request.urlopen(served.url, timeout=2).close()
                break
            except urllib.error.HTTPError:
                break  # answering, even if with an error status
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("serve did not start in time") from None
                time.sleep(0.1)
        yield served
    finally:
        served.stop()


class _QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def static_server(directory: Path) -> Iterator[str]:
    """Serve the files under `directory` as a static host does, on a free loopback port, from a thread
    stopped on exit; yields the root URL ('http://127.0.0.1:PORT/')."""
    handler = functools.partial(_QuietFiles, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
