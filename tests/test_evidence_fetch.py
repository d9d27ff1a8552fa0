"""Fetching cited pages: only http(s), never a private address unless allowed, bounded in time and size."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import pytest

from briefgen.evidence.fetch import FetchError, FetchPolicy, fetch, is_public
from briefgen.evidence.pool import per_host
from tests.pageserver import Page, PageServer, serving_pages


@pytest.fixture
def page_server() -> Iterator[PageServer]:
    with serving_pages() as server:
        yield server


LOCAL = FetchPolicy(timeout=5, deadline=10, allow_hosts=frozenset({"127.0.0.1"}))


@pytest.mark.parametrize("address,public", [
    ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False),
    ("::1", False), ("fe80::1%eth0", False), ("fc00::1", False), ("::ffff:127.0.0.1", False),
    ("::ffff:10.0.0.1", False), ("not an address", False),
    ("93.184.216.34", True), ("2606:4700:4700::1111", True), ("::ffff:93.184.216.34", True),
])
def test_only_public_addresses_are_public(address: str, public: bool) -> None:
    assert is_public(address) is public


def test_a_page_is_fetched_with_a_user_agent_that_says_who_asks(page_server: PageServer) -> None:
    page_server.pages["/a"] = Page(b"<p>Hello</p>")
    got = fetch(page_server.url("/a"), LOCAL.with_site("https://briefs.example.org/"))
    assert (got.status, got.body, got.content_type) == (200, b"<p>Hello</p>", "text/html; charset=utf-8")
    agent = page_server.requests[0][1]["user-agent"]
    assert agent.startswith("briefgen/") and "https://briefs.example.org/" in agent


def test_loopback_is_refused_unless_allowed(page_server: PageServer) -> None:
    page_server.pages["/a"] = Page(b"x")
    with pytest.raises(FetchError, match=r"private or local address.*--allow-host 127\.0\.0\.1"):
        fetch(page_server.url("/a"), FetchPolicy())
    with pytest.raises(FetchError, match="private or local"):
        fetch(f"http://localhost:{page_server.port}/a", FetchPolicy())
    assert page_server.requests == []  # refused before any connection
    assert fetch(f"http://localhost:{page_server.port}/a", LOCAL).body == b"x"  # its address is the allowed one
    assert fetch(page_server.url("/a"), FetchPolicy(allow_hosts=frozenset({"127.0.0.1"}))).ok


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a", "javascript:alert(1)",
                                 "gopher://127.0.0.1/", "data:text/html,hi", "http:///no-host", "example.org/a"])
def test_other_schemes_are_never_fetched(url: str) -> None:
    with pytest.raises(FetchError):
        fetch(url, LOCAL)


@pytest.mark.parametrize("target,message", [
    ("file:///etc/passwd", "file: URLs are never fetched"),
    ("ftp://127.0.0.1/x", "ftp: URLs are never fetched"),
    ("http://10.0.0.1/admin", "private or local"),
    ("http://169.254.169.254/latest/meta-data/", "private or local"),
    ("http://[::1]:9/", "private or local"),
])
def test_redirects_go_to_public_http_only(page_server: PageServer, target: str, message: str) -> None:
    page_server.pages["/jump"] = Page(b"", 302, (("Location", target),))
    with pytest.raises(FetchError, match=message):
        fetch(page_server.url("/jump"), LOCAL)
    assert page_server.paths() == ["/jump"]


def test_redirects_are_followed_a_few_times(page_server: PageServer) -> None:
    page_server.pages["/old"] = Page(b"", 301, (("Location", "/new"),))
    page_server.pages["/new"] = Page(b"moved here")
    got = fetch(page_server.url("/old"), LOCAL)
    assert (got.body, got.final_url, got.url) == (b"moved here", page_server.url("/new"), page_server.url("/old"))
    page_server.pages["/loop"] = Page(b"", 302, (("Location", "/loop"),))
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(page_server.url("/loop"), LOCAL)
    not_followed = fetch(page_server.url("/old"), LOCAL, follow=False)
    assert (not_followed.status, not_followed.location) == (301, page_server.url("/new"))


def test_large_pages_are_refused_with_or_without_a_length(page_server: PageServer) -> None:
    small = FetchPolicy(timeout=5, max_bytes=1000, allow_hosts=frozenset({"127.0.0.1"}))
    page_server.pages["/big"] = Page(b"x" * 5000)
    page_server.pages["/big-chunked"] = Page(b"x" * 200_000, declare_length=False)
    page_server.pages["/fits"] = Page(b"x" * 1000)
    for path in ("/big", "/big-chunked"):
        with pytest.raises(FetchError, match="larger than the limit"):
            fetch(page_server.url(path), small)
    assert len(fetch(page_server.url("/fits"), small).body) == 1000


def test_compressed_bodies_are_read_and_bombs_stopped(page_server: PageServer) -> None:
    zipped = (("Content-Type", "text/html"), ("Content-Encoding", "gzip"))
    page_server.pages["/gz"] = Page(gzip.compress("<p>Größe</p>".encode()), headers=zipped)
    page_server.pages["/bomb"] = Page(gzip.compress(b"\0" * 50_000_000), headers=zipped)
    assert fetch(page_server.url("/gz"), LOCAL).body == "<p>Größe</p>".encode()
    with pytest.raises(FetchError, match="larger than the limit"):
        fetch(page_server.url("/bomb"), FetchPolicy(timeout=5, max_bytes=100_000, allow_hosts=LOCAL.allow_hosts))


def test_a_slow_server_times_out(page_server: PageServer) -> None:
    page_server.pages["/slow"] = Page(b"late", delay=3.0)
    with pytest.raises(FetchError, match=r"no answer .* within 0\.5 s"):
        fetch(page_server.url("/slow"), FetchPolicy(timeout=0.5, allow_hosts=LOCAL.allow_hosts))


def test_errors_are_answers_not_bodies(page_server: PageServer) -> None:
    got = fetch(page_server.url("/missing"), LOCAL)
    assert (got.status, got.ok, got.body) == (404, False, b"")


def test_a_closed_port_is_a_reason_not_a_traceback(page_server: PageServer) -> None:
    import socket

    with socket.socket() as sock:  # a port that was free a moment ago and has nothing listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="refused"):
        fetch(f"http://127.0.0.1:{port}/", LOCAL)


def test_per_host_keeps_every_result_and_the_order_within_a_host(page_server: PageServer) -> None:
    for name in "abc":
        page_server.pages[f"/{name}"] = Page(name.encode())
    urls = [page_server.url(f"/{n}") for n in "abc"] + ["http://203.0.113.9/x"]  # TEST-NET-3: refused, never sent

    def get(url: str) -> bytes | str:
        try:
            return fetch(url, LOCAL).body
        except FetchError as exc:
            return str(exc)
    results = per_host(urls, get, delay=0.0)
    assert [results[u] for u in urls[:3]] == [b"a", b"b", b"c"]
    assert page_server.paths() == ["/a", "/b", "/c"]
    assert isinstance(results[urls[3]], str)
