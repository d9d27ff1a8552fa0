"""A web server on 127.0.0.1 for the evidence tests: pages given as data, every request recorded.

No test of archiving or quote checks reaches the network: they fetch from this server, which
binds a free loopback port and is shut down by the fixture that starts it.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Page:
    body: bytes = b""
    status: int = 200
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html; charset=utf-8"),)
    delay: float = 0.0
    """Seconds to wait before answering (a slow server)."""
    declare_length: bool = True


@dataclass
class PageServer:
    pages: dict[str, Page] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    """(path, headers) of every request, in order."""
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        return [path for path, _headers in self.requests]


def _handler(server: PageServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            page = server.pages.get(self.path) or next(
                (p for prefix, p in server.pages.items() if prefix.endswith("*") and self.path.startswith(prefix[:-1])),
                Page(b"not here", 404, (("Content-Type", "text/plain"),)))
            if page.delay:
                time.sleep(page.delay)
            self.send_response(page.status)
            for name, value in page.headers:
                self.send_header(name, value)
            if page.declare_length:
                self.send_header("Content-Length", str(len(page.body)))
            self.send_header("Connection", "close")
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up, as it may
                self.wfile.write(page.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextlib.contextmanager
def serving_pages() -> Iterator[PageServer]:
    """A PageServer, running until the block ends (each test module makes a fixture of it)."""
    server = PageServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    httpd.daemon_threads = True
    server.port = int(httpd.server_address[1])
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
