"""Two builds of one output folder never mix, and a build that loses its staging folder fails loudly.

Each test runs real `briefgen build` processes; the first one's rendering is slowed down (a
monkeypatch in its own process) so that the second starts while the first is in the middle.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import REPO, write_site

from tests.test_scale import write_corpus

SLOW_BUILD = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {repo!r})
    from briefgen.render import outputs
    real = outputs._render_page
    def slow(job, worker, page):
        time.sleep({delay})
        return real(job, worker, page)
    outputs._render_page = slow
    from briefgen.cli import main
    sys.exit(main(["build", {site!r}, "-o", {out!r}, "-j", "1"]))
""")


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def start_slow_build(site: Path, out: Path, delay: float = 0.03) -> subprocess.Popen[str]:
    script = SLOW_BUILD.format(repo=str(REPO), site=str(site), out=str(out), delay=delay)
    return subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_until(condition, timeout: float = 30) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


@pytest.fixture(autouse=True)
def own_cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


def test_a_second_build_waits_for_the_first_and_says_whose(tmp_path: Path) -> None:
    site = write_corpus(tmp_path / "site", 30)
    out = tmp_path / "out"
    first = start_slow_build(site, out)
    try:
        wait_until(lambda: any(tmp_path.glob(".out.staging-*")))  # the first build is rendering
        second = subprocess.run([sys.executable, "-m", "briefgen", "build", str(site), "-o", str(out), "-j", "1"],
                                capture_output=True, text=True, timeout=120, cwd=REPO)
    finally:
        _first_out, first_err = first.communicate(timeout=120)
    assert first.returncode == 0, first_err
    assert second.returncode == 0, second.stderr
    assert f"waiting for another build of the same output folder to finish (process {first.pid}" in second.stderr
    cold = tmp_path / "cold"
    subprocess.run([sys.executable, "-m", "briefgen", "build", str(site), "-o", str(cold), "--no-cache", "-q"],
                   check=True, timeout=120, cwd=REPO)
    assert files(out) == files(cold)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


def test_a_build_whose_staging_folder_vanishes_fails_and_keeps_the_last_site(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"content/briefs/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\nA.\n"})
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "briefgen", "build", str(site), "-o", str(out), "-q"], check=True,
                   timeout=120, cwd=REPO)
    before = files(out)
    write_corpus(site, 30)
    build = start_slow_build(site, out)
    wait_until(lambda: any(tmp_path.glob(".out.staging-*/briefs/*/index.html")))
    for stage in tmp_path.glob(".out.staging-*"):
        subprocess.run(["rm", "-rf", str(stage)], check=True)
    _stdout, stderr = build.communicate(timeout=120)
    assert build.returncode == 1, stderr
    assert "staging folder disappeared" in stderr and "Traceback" not in stderr
    assert files(out) == before
