"""Reading a content file's bytes and text: a problem instead of an exception when that fails."""

from __future__ import annotations

from pathlib import Path

from briefgen.errors import Problem, Severity

MAX_FILE_BYTES = 5_000_000


def read_text(path: Path, rel: str) -> tuple[str | None, Problem | None]:
    """File text without BOM and with \\n line endings, or a problem saying why not."""
    raw, problem = read_bytes(path, rel)
    if raw is None:
        return None, problem
    return decode(raw, rel)


def read_bytes(path: Path, rel: str) -> tuple[bytes | None, Problem | None]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, Problem(rel, 0, 0, Severity.ERROR, f"file is {size:,} bytes; the limit is "
                                 f"{MAX_FILE_BYTES:,}", "too-large")
        return path.read_bytes(), None
    except OSError as exc:
        return None, Problem(rel, 0, 0, Severity.ERROR, f"cannot read file: {exc.strerror}", "unreadable")


def decode(raw: bytes, rel: str) -> tuple[str | None, Problem | None]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, Problem(rel, line, col, Severity.ERROR,
                             f"file is not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}",
                             "encoding", "save the file as UTF-8")
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def rel_path(path: Path, site: Path) -> str:
    try:
        return path.relative_to(site).as_posix()
    except ValueError:
        return path.as_posix()
