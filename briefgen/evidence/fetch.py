"""Fetching a cited page: one guarded GET, the standard library only.

A site's sources are written by its authors, and a repository may come from anyone: a source's
URL must not be able to make briefgen read the user's own network (a router's admin page, a
cloud metadata service at 169.254.169.254) or a local file. So:

- only http and https, and a redirect is followed only to http(s) again (at most MAX_REDIRECTS);
- the host name is resolved here, every address is checked, and the connection goes to the
  address that was checked (no second lookup a DNS server could answer differently);
- loopback, private, link-local and other non-public addresses are refused unless the host (or
  the address) was allowed explicitly (`--allow-host`);
- a timeout on every read, a deadline for the whole fetch and a limit on its size;
- a User-Agent that says what is asking and for which site.

Proxies from the environment are not used: a proxy would hide the address from the check.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin, urlsplit

from briefgen import __version__

MAX_REDIRECTS = 5
REDIRECTS = frozenset({301, 302, 303, 307, 308})
ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5"
_CHUNK = 64 * 1024
_NOT_ASCII_PRINTABLE = re.compile(r"[^\x21-\x7e]")


class FetchError(Exception):
    """A page that could not be fetched; the message says why, for a person."""


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and how safely to fetch."""

    timeout: float = 20.0
    """Seconds to wait for a connection or for the next bytes."""
    deadline: float = 90.0
    """Seconds for a whole fetch, redirects included."""
    max_bytes: int = 25 * 1024 * 1024
    """A larger page is not kept (and not read past this size)."""
    user_agent: str = f"briefgen/{__version__} (keeps copies of the sources a site cites)"
    allow_hosts: frozenset[str] = frozenset()
    """Host names or addresses that may be private or loopback (lower-case)."""
    max_redirects: int = MAX_REDIRECTS

    def with_site(self, base_url: str) -> FetchPolicy:
        """The policy with a User-Agent naming the site, so a publisher can see who is asking."""
        if not base_url:
            return self
        return FetchPolicy(self.timeout, self.deadline, self.max_bytes,
                           f"briefgen/{__version__} (keeps copies of the sources {base_url} cites)",
                           self.allow_hosts, self.max_redirects)


@dataclass(frozen=True)
class Fetched:
    url: str
    """As asked for."""
    final_url: str
    """After redirects."""
    status: int
    reason: str
    content_type: str
    """The Content-Type header as sent, '' when there was none."""
    body: bytes = b""
    """Empty unless the status was 2xx."""
    location: str = ""
    """Location (or Content-Location) of the last response, made absolute; '' when none."""
    headers: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    """Date, Last-Modified, ETag and Memento-Datetime of the last response, where sent."""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


def fetch(url: str, policy: FetchPolicy, *, follow: bool = True) -> Fetched:
    """GET `url` under `policy`; with follow=False a redirect is returned rather than followed."""
    started = time.monotonic()
    current = url
    for _hop in range(policy.max_redirects + 1):
        response = _get(current, policy, started)
        if follow and response.status in REDIRECTS and response.location:
            current = response.location
            continue
        return Fetched(url, current, response.status, response.reason, response.content_type, response.body,
                       response.location, response.headers)
    raise FetchError(f"more than {policy.max_redirects} redirects")


def _get(url: str, policy: FetchPolicy, started: float) -> Fetched:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"not an http(s) URL: '{url}'" if not parts.scheme
                         else f"{scheme}: URLs are never fetched")
    try:
        hostname, port = parts.hostname, parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"bad address in '{url}': {exc}") from None
    if not hostname:
        raise FetchError(f"no host in '{url}'")
    try:
        host = hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchError(f"cannot encode the host name '{hostname}'") from None
    address = resolve(host, port, policy)
    target = _NOT_ASCII_PRINTABLE.sub(lambda m: quote(m.group(), safe=""), (parts.path or "/")
                                      + (f"?{parts.query}" if parts.query else ""))
    timeout = min(policy.timeout, _left(policy, started))
    connection: http.client.HTTPConnection = (
        _PinnedHTTPS(host, port, address, timeout, ssl.create_default_context()) if scheme == "https"
        else _PinnedHTTP(host, port, address, timeout))
    try:
        connection.request("GET", target, headers={"User-Agent": policy.user_agent, "Accept": ACCEPT,
                                                    "Connection": "close"})
        response = connection.getresponse()
        location = response.getheader("Location") or response.getheader("Content-Location") or ""
        kept = tuple((name, value) for name in ("Date", "Last-Modified", "ETag", "Memento-Datetime")
                     if (value := response.getheader(name)))
        content_type = response.getheader("Content-Type") or ""
        body = _read(response, policy, started) if 200 <= response.status < 300 else b""
        return Fetched(url, url, response.status, response.reason, content_type, body,
                       urljoin(url, location) if location else "", kept)
    except FetchError:
        raise
    except ssl.SSLCertVerificationError as exc:
        raise FetchError(f"the TLS certificate of {hostname} is not valid: {exc.verify_message}") from None
    except TimeoutError:
        raise FetchError(f"no answer from {hostname} within {policy.timeout:g} s") from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise FetchError(f"{hostname}: {_describe(exc)}") from None
    finally:
        connection.close()


def resolve(host: str, port: int, policy: FetchPolicy) -> str:
    """The first address of `host` that may be fetched; FetchError when none may."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise FetchError(f"cannot find the host '{host}'") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    allowed_host = host.lower().rstrip(".") in policy.allow_hosts
    for address in addresses:
        if allowed_host or is_public(address) or address in policy.allow_hosts:
            return address
    shown = addresses[0] if addresses else host
    raise FetchError(f"'{host}' is a private or local address ({shown}), not fetched "
                     f"(allow it with --allow-host {host})")


def is_public(address: str) -> bool:
    """True for an address on the public internet (not loopback, private, link-local, reserved...)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _read(response: http.client.HTTPResponse, policy: FetchPolicy, started: float) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > policy.max_bytes:
        raise FetchError(f"larger than the limit of {_size(policy.max_bytes)} ({_size(int(declared))})")
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise FetchError(f"sent in an encoding briefgen cannot read ({encoding})")
    # wbits 47: zlib or gzip, told apart by their header; max_length stops a small bomb expanding
    inflate = zlib.decompressobj(47) if encoding != "identity" else None
    parts: list[bytes] = []
    size = 0
    while True:
        if _left(policy, started) <= 0:
            raise FetchError(f"took longer than {policy.deadline:g} s")
        chunk = response.read(_CHUNK)
        if not chunk:
            break
        if inflate is not None:
            chunk = inflate.decompress(chunk, policy.max_bytes - size + 1)
        size += len(chunk)
        if size > policy.max_bytes:
            raise FetchError(f"larger than the limit of {_size(policy.max_bytes)}")
        parts.append(chunk)
    if inflate is not None:
        parts.append(inflate.flush())
        if size + len(parts[-1]) > policy.max_bytes:
            raise FetchError(f"larger than the limit of {_size(policy.max_bytes)}")
    return b"".join(parts)


def _left(policy: FetchPolicy, started: float) -> float:
    return policy.deadline - (time.monotonic() - started)


def _size(count: int) -> str:
    return f"{count / 1_048_576:.1f} MB" if count >= 1_048_576 else f"{count / 1024:.0f} kB"


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error ({exc.reason or exc})"
    return str(exc) or type(exc).__name__


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to an address resolved and checked beforehand; Host still names the host."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """As _PinnedHTTP, over TLS checked against the host name."""

    def __init__(self, host: str, port: int, address: str, timeout: float, context: ssl.SSLContext) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self._address, self._tls = address, context

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        try:
            self.sock = self._tls.wrap_socket(raw, server_hostname=self.host)
        except BaseException:
            raw.close()
            raise
