"""What the engine keeps between builds: parsed briefs, map layouts, and the record of the last build.

`briefgen serve` keeps it in memory; `briefgen build` saves it in SITE/.briefgen-cache/, one
file per output folder, and restores it on the next run. The folder is inside the site, which
may come from anyone, and unpickling runs code: only a file signed with this user's own key
(kept outside every site) is ever unpickled. A file from other code (another briefgen version,
an edited checkout) is ignored, since what it holds may not mean the same.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import pickle
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from briefgen import __version__
from briefgen.errors import Problem
from briefgen.load.cache import ParseCache
from briefgen.load.files import DataDoc
from briefgen.model import BriefGraph
from briefgen.paths import PACKAGE_DIR
from briefgen.render.deps import KeyTable
from briefgen.render.layoutcache import LayoutCache
from briefgen.render.outputs import Record
from briefgen.render.views import SiteView

_FORMAT = 3
_MAC_SIZE = 32
_KEY_SIZE = 32


@dataclass(frozen=True)
class LastBuild:
    """The inputs and outputs of the last successful build."""

    settings: str
    """Everything besides the files that shaped the build (drafts, strict, base URL...)."""
    data: tuple[DataDoc, ...]
    site_problems: tuple[Problem, ...]
    """Of the settings and site-wide files, as load reported them."""
    parsed: tuple[str, ...]
    """The parse cache's key of each brief, in path order."""
    graph: BriefGraph
    problems: tuple[Problem, ...]
    site: SiteView
    templates: Mapping[str, str]
    """Page template -> digest of it and everything it may load (render/templates.py)."""
    records: Mapping[str, Record]
    """What each page and generated file read and wrote, by its name."""
    statics: Mapping[str, tuple[str, tuple[int, int, int], str]]
    """Output path -> (source file, its stat, digest) of each file copied as it is."""
    files: Mapping[str, str]
    """The output's manifest: path -> digest of every file the build left there."""


@dataclass
class State:
    cache: ParseCache
    layouts: LayoutCache = field(default_factory=LayoutCache)
    """Argument-map layouts by the shape of the map (render/layoutcache.py)."""
    keys: KeyTable = field(default_factory=KeyTable)
    """Numbers for the graph keys that records of outputs read (render/deps.py)."""
    template_refs: dict[str, tuple[str | None, ...]] = field(default_factory=dict)
    """The templates each template names, by a digest of its source (render/templates.py)."""
    last: LastBuild | None = None
    settings: str = ""
    """The build options the state belongs to (BuildOptions.settings())."""


def state_path(cache_dir: Path, output: Path) -> Path:
    name = hashlib.blake2b(str(output).encode(), digest_size=8).hexdigest()
    return cache_dir / f"state-{name}.pickle"


def load_state(path: Path | None, settings: str) -> State:
    """The saved state, or a new one when there is none, it is damaged, from other code, or not ours."""
    fresh = State(ParseCache(), settings=settings)
    if path is None:
        return fresh
    secret = _secret()
    try:
        data = path.read_bytes()
    except OSError:
        return fresh
    mac, payload = data[:_MAC_SIZE], data[_MAC_SIZE:]
    if secret is None or not hmac.compare_digest(mac, hmac.digest(secret, payload, "sha256")):
        return fresh
    try:
        stamp, state = pickle.loads(payload)
    except (EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        return fresh
    if stamp != code_fingerprint() or not isinstance(state, State):
        return fresh  # layouts too: how a map is laid out is code, not part of a layout's key (argmap.py)
    if state.settings != settings:
        return State(ParseCache(), state.layouts, settings=settings)
    return state


def save_state(path: Path, state: State) -> None:
    secret = _secret()
    if secret is None:
        return
    payload = pickle.dumps((code_fingerprint(), state), protocol=pickle.HIGHEST_PROTOCOL)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(hmac.digest(secret, payload, "sha256"))
        handle.write(payload)
    os.replace(tmp, path)


def _secret() -> bytes | None:
    """This user's key for signing saved state, made on first use; None when it cannot be kept."""
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

    State made by other code is useless, and in a checkout the version alone does not change
    when the code does.
    """
    parts = [__version__, str(_FORMAT)]
    for library in ("jinja2", "markdown-it-py", "mdit-py-plugins", "pyyaml", "nh3"):
        try:
            parts.append(f"{library}={metadata.version(library)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{library}=?")
    for module in sorted(PACKAGE_DIR.rglob("*.py")):
        stat = module.stat()
        parts.append(f"{module.relative_to(PACKAGE_DIR)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.blake2b("|".join(parts).encode(), digest_size=16).hexdigest()
