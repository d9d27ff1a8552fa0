"""`briefgen serve`: what it serves, what it refuses, the error overlay, and a clean stop."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import html5lib
import pytest
from conftest import MINIMAL_BRIEF, write_site
from serving import REPO, serving

from briefgen.errors import Problem, Severity
from briefgen.serve.pages import Preview, Target, locate, overlay_html
from briefgen.serve.server import is_loopback


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    write_site(folder, {"index.html": "home", "briefs/a/index.html": "a", "assets/style.css": "css",
                        "404.html": "missing", "topics/북한/index.html": "north korea"})
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (folder / "leak").symlink_to(tmp_path / "secret.txt")
    return folder


@pytest.mark.parametrize(("url_path", "expected"), [
    ("", "index.html"),
    ("briefs/a/", "briefs/a/index.html"),
    ("assets/style.css", "assets/style.css"),
    ("briefs/a", "redirect:/briefs/a/"),
    ("topics/북한/", "topics/북한/index.html"),  # tornado hands over the path decoded
    ("topics/북한", "redirect:/topics/%EB%B6%81%ED%95%9C/"),  # a Location header carries ASCII
    ("missing/", None),
    ("../secret.txt", None),
    ("briefs/../../secret.txt", None),
    ("briefs/./a/", None),
    ("/etc/passwd", None),
    ("briefs//a/", None),
    ("..\\secret.txt", None),
    ("leak", None),
    ("index.html\x00.css", None),
    ("\uff0e\uff0e/secret.txt", None),
])
def test_locate_serves_only_files_inside_the_output_folder(out: Path, url_path: str, expected: str | None) -> None:
    target = locate(out, url_path)
    if expected is None:
        assert target == Target()
    elif expected.startswith("redirect:"):
        assert target.redirect == expected.removeprefix("redirect:")
    else:
        assert target.file == (out / expected).resolve()


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.10", False), ("example.org", False),
])
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_overlay_escapes_every_problem_text() -> None:
    evil = Problem("content/briefs/<img src=x onerror=alert(1)>.md", 3, 5, Severity.ERROR,
                   "unknown claim '<script>alert(1)</script>'", hint="did you mean '&amp;'?")
    markup = overlay_html([evil])
    tree = html5lib.parse(f"<!doctype html><body>{markup}</body>", treebuilder="etree", namespaceHTMLElements=False)
    assert tree.find(".//img") is None
    scripts = [s.text or "" for s in tree.iter("script")]
    assert len(scripts) == 1 and "alert" not in scripts[0]
    text = "".join(tree.find(".//ul").itertext())
    assert "content/briefs/<img src=x onerror=alert(1)>.md:3:5" in text
    assert "unknown claim '<script>alert(1)</script>'" in text
    assert "did you mean '&amp;'?" in text
    assert tree.find(".//button").get("id") == "briefgen-overlay-close"


def test_preview_reloads_only_when_something_changed(tmp_path: Path) -> None:
    preview = Preview(tmp_path)
    error = Problem("content/briefs/a.md", 2, 1, Severity.ERROR, "bad")
    assert not preview.update((), changed=False)
    assert preview.update((), changed=True)
    assert preview.update((error,), changed=False)
    assert b"content/briefs/a.md:2:1" in preview.overlay
    assert not preview.update((error,), changed=False)  # the same failure again: nothing new to show
    assert preview.update((), changed=False)  # fixed: the overlay must go even though no file changed
    assert preview.overlay == b"" and preview.problems == ()


def raw_get(port: int, target: str) -> tuple[int, bytes]:
    """A request sent as written: http.client does not normalise '..' the way browsers and curl do."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", target)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_for(predicate, timeout: float = 20) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.read().decode("utf-8")


def test_serve_end_to_end_over_http(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"content/briefs/minimal.md": MINIMAL_BRIEF.replace(
        "summary: Short.", "summary: Short.\ntopics: [북한]")})
    (tmp_path / "secret.txt").write_text("top secret", encoding="utf-8")
    tmpdir = tmp_path / "tmp"
    with serving(site, tmpdir) as served:
        status, body = raw_get(served.port, "/briefs/minimal/")
        assert status == 200 and b"A minimal brief" in body
        assert b"livereload.js" in body
        for target in ("/../secret.txt", "/%2e%2e/secret.txt", "/briefs/%2E%2E/%2e%2e/%2e%2e/secret.txt",
                       "//etc/passwd", "/..%2fsecret.txt", "/%5c..%5csecret.txt"):
            status, body = raw_get(served.port, target)
            assert status == 404, target
            assert b"top secret" not in body and b"root:" not in body
            assert b"Page not found" in body, target  # the site's own 404 page
        status, _ = raw_get(served.port, "/briefs/minimal")
        assert status == 302
        status, body = raw_get(served.port, "/topics/%EB%B6%81%ED%95%9C/")
        assert status == 200 and "북한".encode() in body

        brief = site / "content/briefs/minimal.md"
        brief.write_text(MINIMAL_BRIEF + "\nA freshly saved sentence.\n", encoding="utf-8")
        wait_for(lambda: "freshly saved" in fetch(served.url + "briefs/minimal/"))

        broken = MINIMAL_BRIEF.replace("title: A minimal brief", "title: A minimal brief: broken")
        brief.write_text(broken, encoding="utf-8")
        wait_for(lambda: "briefgen-overlay" in fetch(served.url))
        page = fetch(served.url + "briefs/minimal/")
        assert "content/briefs/minimal.md:2" in page and "freshly saved" in page  # old content, still served
        assert "briefgen-overlay" in fetch(served.url + "no/such/page/")

        brief.write_text(MINIMAL_BRIEF, encoding="utf-8")
        wait_for(lambda: "briefgen-overlay" not in fetch(served.url + "briefs/minimal/"))
        assert served.process.poll() is None
        assert len(list(tmpdir.iterdir())) == 1  # the preview's output folder
    code, stdout, stderr = served.stop()
    assert code == 0, stderr
    assert "Serving" in stdout and "Stopped." in stdout
    assert "content/briefs/minimal.md:2" in stderr and "rebuild failed" in stderr
    assert "Traceback" not in stderr
    assert list(tmpdir.iterdir()) == []


def test_serve_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"content/briefs/minimal.md": MINIMAL_BRIEF.replace(
        "summary: Short.", "summary: Short.\ntopics: [북한]")})
    with serving(site, tmp_path / "tmp") as served:
        served.process.send_signal(signal.SIGTERM)
        served.process.wait(timeout=15)
        assert served.process.returncode == 0
    assert list((tmp_path / "tmp").iterdir()) == []


def test_serve_reports_a_busy_port(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"content/briefs/minimal.md": MINIMAL_BRIEF.replace(
        "summary: Short.", "summary: Short.\ntopics: [북한]")})
    with serving(site, tmp_path / "tmp") as served:
        env = {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(tmp_path / "tmp")}
        busy = subprocess.run([sys.executable, "-m", "briefgen", "serve", str(site), "--port", str(served.port)],
                              env=env, capture_output=True, text=True, timeout=60)
        assert busy.returncode == 2
        assert f"cannot listen on 127.0.0.1:{served.port}" in busy.stderr and "Traceback" not in busy.stderr
    assert list((tmp_path / "tmp").iterdir()) == []
