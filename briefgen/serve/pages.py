"""Answering the browser: files of the built site only, the site's 404 page, and the error overlay."""

from __future__ import annotations

import html
import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tornado import web

from briefgen import urls
from briefgen.errors import Problem
from briefgen.render.templates import NOT_FOUND
from briefgen.write.output import safe_relpath


@dataclass
class Preview:
    """What the server shows: the output folder, and the problems of the last rebuild if it failed."""

    out: Path
    problems: tuple[Problem, ...] = ()
    overlay: bytes = b""

    def update(self, errors: tuple[Problem, ...], changed: bool) -> bool:
        """Take a rebuild's errors (none when it succeeded) and whether it changed files; True when
        open pages should reload."""
        if errors == self.problems:
            return changed
        self.problems = errors
        self.overlay = overlay_html(errors).encode("utf-8") if errors else b""
        return True


def overlay_html(problems: Sequence[Problem]) -> str:
    """The error overlay: every problem escaped; Escape or the button closes it."""
    items = "".join(
        f'<li><code>{html.escape(_where(p))}</code> {html.escape(p.message)}'
        + (f' <span class="bg-hint">({html.escape(p.hint)})</span>' if p.hint else "") + "</li>"
        for p in problems)
    count = f"{len(problems)} error{'s' * (len(problems) != 1)}"
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
        return Target(redirect="/" + urls.href(rel) + "/")  # a header carries ASCII: 북한 as %EB%B6%81...
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
