"""What a build can skip: parsed briefs cached by content hash, and the fingerprint of the last build.

A parse key covers everything a parse depends on: the file's bytes and path, the Markdown
settings, and briefgen's code. The cache lives in memory for one process (a `serve`
session keeps it across rebuilds) and can be saved to a folder between runs.

`LastBuild` remembers a digest of every input of the last successful build (content,
settings, templates, static files, code) and of the output it wrote; when both match,
nothing needs rendering or writing.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import pickle
import tempfile
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path

from briefgen import __version__
from briefgen.errors import Problem, Severity
from briefgen.load.documents import ParsedBrief
from briefgen.write.output import MANIFEST

CACHE_FILE = "parsed.pickle"
_FORMAT = 2
_MAC_SIZE = 32
_KEY_SIZE = 32


class ParseCache:
    def __init__(self, settings: str, folder: Path | None = None) -> None:
        """`settings` names whatever else a parse depends on (e.g. 'allow_html=False')."""
        self._salt = f"{code_fingerprint()}|{_FORMAT}|{settings}".encode()
        self._folder = folder
        self._loaded: dict[str, ParsedBrief] | None = None if folder is not None else {}
        self._used: set[str] = set()
        self._dirty = False
        self._stat_keys: dict[str, tuple[tuple[int, int, int], str]] = {}
        """rel -> (stat, key) of files read by this process: a long-lived preview re-reads only what changed."""

    @property
    def _entries(self) -> dict[str, ParsedBrief]:
        """Read from the folder on first use: a build that needs no parsing never unpickles it."""
        if self._loaded is None:
            self._loaded = _read(self._folder / CACHE_FILE, self._salt) if self._folder is not None else {}
        return self._loaded

    @_entries.setter
    def _entries(self, entries: dict[str, ParsedBrief]) -> None:
        self._loaded = entries

    def key(self, rel: str, raw: bytes) -> str:
        digest = hashlib.blake2b(self._salt, digest_size=20)
        digest.update(rel.encode())
        digest.update(b"\0")
        digest.update(raw)
        return digest.hexdigest()

    def known_key(self, rel: str, stat: tuple[int, int, int]) -> str | None:
        """The key of a file read before with the same stat, when its parse is still cached."""
        known = self._stat_keys.get(rel)
        if known is None or known[0] != stat or known[1] not in self._entries:
            return None
        return known[1]

    def remember_key(self, rel: str, stat: tuple[int, int, int], key: str) -> None:
        self._stat_keys[rel] = (stat, key)

    def get(self, key: str) -> ParsedBrief | None:
        hit = self._entries.get(key)
        if hit is not None:
            self._used.add(key)
        return hit

    def put(self, key: str, parsed: ParsedBrief) -> None:
        self._entries[key] = parsed
        self._used.add(key)
        self._dirty = True

    def forget_unused(self) -> None:
        """Drop entries no build since the last call used (deleted or edited files)."""
        if self._loaded is None:
            return
        if len(self._used) != len(self._entries):
            self._entries = {k: v for k, v in self._entries.items() if k in self._used}
            self._dirty = True
        self._used = set()

    def save(self) -> None:
        if self._folder is None or not self._dirty or self._loaded is None:
            return
        secret = _secret()
        if secret is None:
            return
        payload = pickle.dumps((self._salt, self._entries), protocol=pickle.HIGHEST_PROTOCOL)
        self._folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self._folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(hmac.digest(secret, payload, "sha256"))
            handle.write(payload)
        os.replace(tmp, self._folder / CACHE_FILE)
        self._dirty = False


def _read(path: Path, salt: bytes) -> dict[str, ParsedBrief]:
    """A saved cache, or {} when it is missing, from another version, damaged, or not signed by this user.

    The folder is inside the site, which may come from anyone, and unpickling runs code: only
    a file signed with this user's own key (kept outside every site) is unpickled.
    """
    secret = _secret()
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    mac, payload = data[:_MAC_SIZE], data[_MAC_SIZE:]
    if secret is None or not hmac.compare_digest(mac, hmac.digest(secret, payload, "sha256")):
        return {}
    try:
        stored_salt, entries = pickle.loads(payload)
    except (EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        return {}
    return entries if stored_salt == salt and isinstance(entries, dict) else {}


def _secret() -> bytes | None:
    """This user's key for signing caches, made on first use; None when it cannot be kept."""
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(home) / "briefgen" / "cache-key"
    try:
        key = path.read_bytes()
        if len(key) >= _KEY_SIZE:
            return key
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # made by another build just now
        key = path.read_bytes() if path.is_file() else b""
        return key if len(key) >= _KEY_SIZE else None
    except OSError:
        return None
    key = os.urandom(_KEY_SIZE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


@functools.cache
def code_fingerprint() -> str:
    """briefgen's version, its libraries' versions and the size and time of its own modules.

    A cache made by other code is useless, and in a checkout the version alone does not change
    when the code does.
    """
    parts = [__version__]
    for library in ("jinja2", "markdown-it-py", "mdit-py-plugins", "pyyaml", "nh3"):
        try:
            parts.append(f"{library}={metadata.version(library)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{library}=?")
    package = Path(__file__).resolve().parent
    for module in sorted(package.rglob("*.py")):
        stat = module.stat()
        parts.append(f"{module.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.blake2b("|".join(parts).encode(), digest_size=16).hexdigest()


class LastBuild:
    """The record of the last successful build into one output folder, kept in the cache folder."""

    def __init__(self, folder: Path | None, output: Path) -> None:
        self._output = output
        name = hashlib.blake2b(str(output).encode(), digest_size=8).hexdigest()
        self._path = folder / f"last-build-{name}.json" if folder is not None else None
        self._record = _read_record(self._path) if self._path is not None else {}
        self.briefs = int(self._record.get("briefs", 0))  # type: ignore[call-overload]
        self.pages = int(self._record.get("pages", 0))  # type: ignore[call-overload]
        self.files = int(self._record.get("files", 0))  # type: ignore[call-overload]
        self.problems = tuple(Problem(p[0], p[1], p[2], Severity(p[3]), *p[4:])
                              for p in self._record.get("problems", ()))  # type: ignore[attr-defined]
        """The warnings of that build, to print again."""

    def theme(self, template_dirs: list[Path]) -> str:
        """A digest of briefgen's code and every template file, by name and bytes."""
        digest = hashlib.blake2b(code_fingerprint().encode(), digest_size=20)
        for folder in template_dirs:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    digest.update(f"|{path}|".encode())
                    digest.update(path.read_bytes())
        return digest.hexdigest()

    def fingerprint(self, inputs: hashlib.blake2b, theme: str, copies: Mapping[str, Path]) -> str:
        """`inputs` (content and settings), the theme, and every static file, by name and bytes."""
        digest = inputs.copy()
        digest.update(f"|{self._output}|{theme}".encode())
        for name, path in sorted(copies.items()):
            digest.update(f"|{name}|".encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()

    def unchanged(self, fingerprint: str) -> bool:
        """True when the inputs are those of the last build and its output is still there as it wrote it."""
        if self._path is None or self._record.get("fingerprint") != fingerprint:
            return False
        return _manifest_digest(self._output) == self._record.get("manifest")

    def known_pages(self) -> dict[str, str]:
        """Output file -> view digest of the last build's pages that are still in the output as it wrote them."""
        if self._path is None or _manifest_digest(self._output) != self._record.get("manifest"):
            return {}
        views: dict[str, str] = self._record.get("views", {})  # type: ignore[assignment]
        return {path: digest for path, digest in views.items() if (self._output / path).is_file()}

    def record(self, fingerprint: str, problems: Iterable[Problem], briefs: int, pages: int, files: int,
               views: Mapping[str, str]) -> None:
        if self._path is None:
            return
        data = {"fingerprint": fingerprint, "manifest": _manifest_digest(self._output), "briefs": briefs,
                "pages": pages, "files": files,
                "problems": [[p.path, p.line, p.col, p.severity.value, p.message, p.code, p.hint] for p in problems],
                "views": dict(views)}
        self._path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self._path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        os.replace(tmp, self._path)


def _read_record(path: Path) -> dict[str, object]:
    """The saved record, or {} when it is missing or damaged."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    types = {"fingerprint": str, "manifest": str, "briefs": int, "pages": int, "files": int, "problems": list,
             "views": dict}
    if not isinstance(data, dict) or any(not isinstance(data.get(k), t) for k, t in types.items()):
        return {}
    problem_types = (str, int, int, str, str, str, str)
    for item in data["problems"]:
        if (not isinstance(item, list) or len(item) != len(problem_types) or item[3] not in ("error", "warning")
                or any(not isinstance(v, t) for v, t in zip(item, problem_types, strict=True))):
            return {}
    if any(not isinstance(k, str) or not isinstance(v, str) for k, v in data["views"].items()):
        return {}
    return data


def _manifest_digest(output: Path) -> str | None:
    try:
        return hashlib.blake2b((output / MANIFEST).read_bytes(), digest_size=20).hexdigest()
    except OSError:
        return None
