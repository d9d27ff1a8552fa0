"""One build at a time per output folder.

Two builds writing one output folder would mix their files. A build holds an exclusive lock on
a file beside the output folder (`.NAME.lock`) from before it reads the output's manifest until
it has committed; a second build waits for it, saying whose build it waits for. The operating
system releases the lock when the holder exits, even when it is killed. The holder deletes the
file when it is done, so no build leaves it behind; a build that locked a file deleted meanwhile
takes the lock again on the new one.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

try:
    import fcntl
except ImportError:  # not on a POSIX system: builds are not serialised there
    fcntl = None  # type: ignore[assignment]


class OutputLock:
    def __init__(self, out: Path, waiting: Callable[[str], None] | None = None) -> None:
        """`waiting` is told, once, who holds the lock when the build has to wait for it."""
        self.path = out.parent / f".{out.name}.lock"
        self._waiting = waiting
        self._fd: int | None = None

    def __enter__(self) -> OutputLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        told = False
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if fcntl is None:
                break
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if self._waiting is not None and not told:
                    self._waiting(holder(fd))
                    told = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            if _same_file(fd, self.path):
                break
            os.close(fd)  # the holder deleted the file as we waited for it: lock the one there now
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()} {time.strftime('%Y-%m-%d %H:%M:%S')}\n".encode())
        self._fd = fd
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._fd is not None:
            if _same_file(self._fd, self.path):
                self.path.unlink(missing_ok=True)
            os.close(self._fd)  # closing releases the lock
            self._fd = None


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.fstat(fd).st_ino == os.stat(path).st_ino
    except OSError:
        return False


def holder(fd: int) -> str:
    """Who holds the lock, as its holder wrote it: 'process 1234 (since 2026-12-01 10:00:00)'."""
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").split()
    except OSError:
        text = []
    if len(text) >= 3 and text[0].isdigit():
        return f"process {text[0]} (since {text[1]} {text[2]})"
    return "another process"
