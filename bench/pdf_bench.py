#!/usr/bin/env python3
"""What PDFs cost a build: the same corpus built with and without them, each in its own process.

    .venv/bin/python bench/pdf_bench.py                  # 1,000 briefs
    .venv/bin/python bench/pdf_bench.py --briefs 200 -j 2

For each of "no PDFs" and "PDFs" it times a cold build (no output, no cache) and an edit of one
brief's prose; it prints wall-clock seconds and the CPU seconds of the build and its workers,
and, from the difference, the CPU milliseconds one PDF costs. Needs the briefgen[pdf] extra and
../shared/bench/gen_corpus.py (the corpus of bench/run.py).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def corpus_script() -> Path:
    for candidate in (REPO.parent / "shared" / "bench" / "gen_corpus.py", Path("/work/shared/bench/gen_corpus.py")):
        if candidate.is_file():
            return candidate
    sys.exit("pdf_bench: cannot find shared/bench/gen_corpus.py next to the repository")


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children) of one build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("-j", "--jobs", type=int, default=None, help="passed to briefgen build")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="briefgen-pdf-bench-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "user-cache")}
    try:
        site = work / "site"
        subprocess.run([sys.executable, str(corpus_script()), "--n", str(args.briefs), "--out",
                        str(site / "content")], check=True, stdout=subprocess.DEVNULL)
        (site / "briefgen.yaml").write_text("title: PDF bench\nbase_url: https://example.org/\n", encoding="utf-8")
        edited = sorted((site / "content" / "briefs").glob("*.md"))[0]
        original = edited.read_text(encoding="utf-8")
        jobs = ["-j", str(args.jobs)] if args.jobs else []
        cpu_cold: dict[str, float] = {}
        print(f"{args.briefs} briefs, {os.cpu_count()} cores{f', -j {args.jobs}' if args.jobs else ''}")
        print("| build | cold: wall s | cold: CPU s | one edit: wall s | one edit: CPU s |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for name, flag in (("no PDFs", "--no-pdf"), ("PDFs", "--pdf")):
            shutil.rmtree(site / "output", ignore_errors=True)
            shutil.rmtree(site / ".briefgen-cache", ignore_errors=True)
            command = [sys.executable, "-m", "briefgen", "build", str(site), "-q", flag, *jobs]
            cold = timed(command, env)
            edited.write_text(original + "\nOne more sentence.\n", encoding="utf-8")
            edit = timed(command, env)
            edited.write_text(original, encoding="utf-8")
            cpu_cold[name] = cold[1]
            print(f"| {name} | {cold[0]:.1f} | {cold[1]:.1f} | {edit[0]:.2f} | {edit[1]:.2f} |")
        per_pdf = (cpu_cold["PDFs"] - cpu_cold["no PDFs"]) / args.briefs * 1000
        print(f"\nCPU per PDF: {per_pdf:.0f} ms (the difference of the cold builds, over {args.briefs} PDFs)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
