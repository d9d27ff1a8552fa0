#!/usr/bin/env python3
"""Live-preview latency: edit one brief under `briefgen serve` (and `hugo server`) and time the update.

For each corpus size, generates briefs with shared/bench/gen_corpus.py, starts the server, opens
the edited brief in headless chromium (Playwright), then 10 times appends a marker sentence to the
brief and measures
  (a) save -> the new HTML is on disk (polling the output file), and
  (b) save -> the open page shows the marker (livereload reloads it).
Prints one table of median and max. Not a test: nothing here is asserted.

    .venv/bin/python bench/serve_bench.py                 # 1000 and 5000 briefs, with Hugo if installed
    .venv/bin/python bench/serve_bench.py --sizes 1000 --no-hugo
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def shared_dir() -> Path:
    """shared/ sits beside the repo: /work/shared here, ../shared in CI."""
    for candidate in (REPO.parent / "shared", REPO / "shared", Path("/work/shared")):
        if (candidate / "bench" / "gen_corpus.py").is_file():
            return candidate
    raise SystemExit("serve_bench: cannot find shared/bench/gen_corpus.py beside the repo")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_http(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"serve_bench: server exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"serve_bench: {url} did not answer within {timeout:.0f} s")


@contextlib.contextmanager
def running(cmd: list[str], env: dict[str, str], cwd: Path, url: str, timeout: float) -> Iterator[None]:
    process = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        wait_http(url, process, timeout)
        yield
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@dataclass
class Sample:
    disk: float
    browser: float


def measure(page_url: str, brief: Path, output_page: Path, edits: int) -> list[Sample]:
    from playwright.sync_api import sync_playwright

    original = brief.read_text(encoding="utf-8")
    samples: list[Sample] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(page_url, timeout=600_000)
            page.wait_for_timeout(1500)  # let the reload script connect its websocket
            for i in range(edits):
                marker = f"benchmarker{i}x{time.monotonic_ns() % 100000}"
                started: list[float] = []
                disk: list[float] = []

                def save(marker: str = marker, started: list[float] = started, disk: list[float] = disk) -> None:
                    time.sleep(0.3)
                    started.append(time.perf_counter())
                    brief.write_text(original + f"\n\nThe marker {marker} ends here.\n", encoding="utf-8")
                    deadline = time.monotonic() + 600
                    while time.monotonic() < deadline:
                        with contextlib.suppress(OSError):
                            if marker.encode() in output_page.read_bytes():
                                disk.append(time.perf_counter())
                                return
                        time.sleep(0.002)

                writer = threading.Thread(target=save)
                writer.start()
                page.wait_for_function(f"document.body && document.body.innerText.includes({marker!r})",
                                       polling="raf", timeout=600_000)
                shown = time.perf_counter()
                writer.join()
                samples.append(Sample((disk[0] - started[0]) * 1000, (shown - started[0]) * 1000))
                page.wait_for_timeout(1200)  # the reloaded page reconnects before the next save
        finally:
            browser.close()
            brief.write_text(original, encoding="utf-8")
    return samples


def bench_briefgen(site: Path, work: Path, edits: int) -> list[Sample]:
    port = free_port()
    tmp = work / "tmp"
    tmp.mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(tmp)}
    url = f"http://127.0.0.1:{port}/"
    brief = sorted((site / "content" / "briefs").glob("*.md"))[0]
    with running([sys.executable, "-m", "briefgen", "serve", str(site), "--port", str(port)], env, REPO, url,
                 timeout=3600):
        out = next(tmp.glob("briefgen-serve-*")) / "site"  # the private folder holds the output as site/
        return measure(f"{url}briefs/{brief.stem}/", brief, out / "briefs" / brief.stem / "index.html", edits)


HUGO_CONFIG = """\
baseURL: http://127.0.0.1/
title: Hugo bench
theme: hugo-theme-serve
disableKinds: [RSS, sitemap, robotsTXT]
taxonomies: {topic: topics, author: authors}
markup: {goldmark: {renderer: {unsafe: false}}}
"""


def bench_hugo(site: Path, work: Path, edits: int) -> list[Sample] | None:
    hugo = shutil.which("hugo")
    if hugo is None:
        return None
    root = work / "hugo"
    (root / "themes").mkdir(parents=True)
    shutil.copytree(REPO / "bench" / "hugo-theme-serve", root / "themes" / "hugo-theme-serve")
    shutil.copytree(site / "content" / "briefs", root / "content" / "briefs")
    (root / "hugo.yaml").write_text(HUGO_CONFIG, encoding="utf-8")
    port = free_port()
    public = root / "public"
    url = f"http://127.0.0.1:{port}/"
    brief = sorted((root / "content" / "briefs").glob("*.md"))[0]
    cmd = [hugo, "server", "--bind", "127.0.0.1", "--port", str(port), "--renderToDisk", "--destination",
           str(public), "--disableFastRender", "--quiet"]
    with running(cmd, dict(os.environ), root, url, timeout=3600):
        return measure(f"{url}briefs/{brief.stem}/", brief, public / "briefs" / brief.stem / "index.html", edits)


def row(name: str, n: int, samples: list[Sample]) -> str:
    disk = [s.disk for s in samples]
    shown = [s.browser for s in samples]
    return (f"| {name} | {n:,} | {statistics.median(disk):7.0f} | {max(disk):7.0f} | "
            f"{statistics.median(shown):7.0f} | {max(shown):7.0f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo's server even if hugo is installed")
    args = parser.parse_args()
    gen = shared_dir() / "bench" / "gen_corpus.py"
    # the table is printed row by row, so a long run shows its figures as they come
    print(f"one-brief edit, {args.edits} saves each; milliseconds")
    print("| server | briefs | save->disk median | max | save->browser median | max |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |", flush=True)
    with tempfile.TemporaryDirectory(prefix="serve-bench-") as tmp:
        for n in args.sizes:
            work = Path(tmp) / f"n{n}"
            site = work / "site"
            subprocess.run([sys.executable, str(gen), "--n", str(n), "--out", str(site / "content")], check=True,
                           stdout=subprocess.DEVNULL)
            if not args.no_hugo:
                samples = bench_hugo(site, work, args.edits)
                if samples:
                    print(row("hugo server", n, samples), flush=True)
            print(row("briefgen serve", n, bench_briefgen(site, work, args.edits)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
