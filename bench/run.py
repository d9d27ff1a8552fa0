#!/usr/bin/env python3
"""briefgen against Hugo and Pelican on the same generated corpus: one command, one table.

    python3 bench/run.py                       # 1,000 / 5,000 / 10,000 briefs, 3 runs each
    python3 bench/run.py --sizes 1000 --repeat 1

For each size it writes the corpus with ../shared/bench/gen_corpus.py (YAML front matter for
briefgen and Hugo, `--format pelican` for Pelican) and times, in separate processes:
a cold full build (no output, no cache), a no-change rebuild (warm cache), and a rebuild
after editing one brief; peak memory is the largest resident size of any of those runs
(GNU time's %M). Hugo has no build cache, so its rebuilds are full builds; Pelican's run with
its content cache on. Figures are medians of --repeat runs; ratios are briefgen / other.
Not a test: it takes minutes, and timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HUGO_THEME = REPO / "bench" / "hugo-theme"
PELICAN_CONF = """\
AUTHOR = "Bench"
SITENAME = "Briefs"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 10
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
"""
HUGO_CONFIG = """\
baseURL = "https://example.org/"
title = "Briefs"
languageCode = "en"
theme = "hugo-theme"
disableKinds = ["RSS"]
[taxonomies]
  topic = "topics"
  author = "authors"
"""


@dataclass
class Runs:
    """Seconds and peak KB of repeated runs of one measure."""

    seconds: list[float] = field(default_factory=list)
    peak_kb: list[int] = field(default_factory=list)

    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None


def find_corpus_script() -> Path:
    for candidate in (REPO.parent / "shared" / "bench" / "gen_corpus.py",
                      REPO / "shared" / "bench" / "gen_corpus.py", Path("/work/shared/bench/gen_corpus.py")):
        if candidate.is_file():
            return candidate
    sys.exit("bench: cannot find shared/bench/gen_corpus.py next to the repository")


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak resident KB of one run; exits on failure."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        started = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-o", report.name, "-f", "%M", *command], cwd=cwd, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            sys.exit(f"bench: {' '.join(command)} failed in {cwd}:\n{done.stderr[-3000:]}")
        peak = int(report.read().strip().splitlines()[-1])
    return seconds, peak


class Tool:
    name = ""

    def __init__(self, root: Path) -> None:
        self.root = root

    def command(self) -> list[str]:
        raise NotImplementedError

    def clean(self) -> None:
        """Forget every output and cache, for a cold build."""

    def edited_file(self) -> Path:
        return self.root / "content" / "briefs" / "00001-brief.md"

    def env(self) -> dict[str, str] | None:
        return None


class Briefgen(Tool):
    name = "briefgen"

    def command(self) -> list[str]:
        return [sys.executable, "-m", "briefgen", "build", str(self.root), "-q"]

    def clean(self) -> None:
        shutil.rmtree(self.root / "output", ignore_errors=True)
        shutil.rmtree(self.root / ".briefgen-cache", ignore_errors=True)

    def env(self) -> dict[str, str]:
        return {**os.environ, "PYTHONPATH": str(REPO)}


class Hugo(Tool):
    name = "Hugo"

    def command(self) -> list[str]:
        return ["hugo", "--quiet", "--source", str(self.root), "--themesDir", str(HUGO_THEME.parent),
                "--destination", str(self.root / "public")]

    def clean(self) -> None:
        for name in ("public", "resources"):
            shutil.rmtree(self.root / name, ignore_errors=True)


class Pelican(Tool):
    name = "Pelican"

    def __init__(self, root: Path, pelican: str) -> None:
        super().__init__(root)
        self.pelican = pelican

    def command(self) -> list[str]:
        return [self.pelican, "content", "-o", "output", "-s", "pelicanconf.py", "-q"]

    def clean(self) -> None:
        for name in ("output", "cache"):
            shutil.rmtree(self.root / name, ignore_errors=True)


def make_sites(work: Path, size: int, corpus: Path, pelican: str | None) -> list[Tool]:
    tools: list[Tool] = []
    base = work / f"n{size}"
    site = base / "briefgen"
    if not (site / "content" / "briefs").is_dir():
        subprocess.run([sys.executable, str(corpus), "--n", str(size), "--out", str(site / "content")], check=True)
    tools.append(Briefgen(site))
    if shutil.which("hugo"):
        hugo = base / "hugo"
        if not hugo.is_dir():
            hugo.mkdir(parents=True)
            (hugo / "content").mkdir()
            shutil.copytree(site / "content" / "briefs", hugo / "content" / "briefs")
            (hugo / "config.toml").write_text(HUGO_CONFIG, encoding="utf-8")
        tools.append(Hugo(hugo))
    if pelican:
        pel = base / "pelican"
        if not (pel / "content").is_dir():
            subprocess.run([sys.executable, str(corpus), "--n", str(size), "--out", str(pel / "content"),
                            "--format", "pelican"], check=True)
            (pel / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")
        tools.append(Pelican(pel, pelican))
    return tools


def measure(tool: Tool, repeat: int) -> dict[str, Runs]:
    results = {"cold": Runs(), "no change": Runs(), "one edit": Runs()}
    command = tool.command()
    for run in range(repeat):
        tool.clean()
        for measure_name in ("cold", "no change", "one edit"):
            if measure_name == "one edit":
                with tool.edited_file().open("a", encoding="utf-8") as handle:
                    handle.write(f"\nAn edit, run {run}.\n")
            seconds, peak = timed(command, tool.root, tool.env())
            results[measure_name].seconds.append(seconds)
            results[measure_name].peak_kb.append(peak)
        print(f"  {tool.name} run {run + 1}: " + ", ".join(
            f"{k} {v.seconds[-1]:.2f} s" for k, v in results.items()), file=sys.stderr, flush=True)
    return results


def ratio(mine: float | None, other: float | None) -> str:
    return f"{mine / other:.2f}" if mine and other else "–"


def seconds_cell(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def table(rows: list[tuple[int, dict[str, dict[str, Runs]]]]) -> str:
    lines = ["| briefs | measure | briefgen | Hugo | Pelican | briefgen / Hugo | briefgen / Pelican |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
    for size, by_tool in rows:
        mine = by_tool.get("briefgen", {})
        hugo = by_tool.get("Hugo", {})
        pelican = by_tool.get("Pelican", {})
        for measure_name in ("cold", "no change", "one edit"):
            cells = [m.get(measure_name, Runs()).median() for m in (mine, hugo, pelican)]
            lines.append(f"| {size:,} | {measure_name} | " + " | ".join(seconds_cell(c) for c in cells)
                         + f" | {ratio(cells[0], cells[1])} | {ratio(cells[0], cells[2])} |")
        peaks = [max((max(r.peak_kb) for r in m.values() if r.peak_kb), default=0) / 1024 for m in
                 (mine, hugo, pelican)]
        lines.append(f"| {size:,} | peak memory | " + " | ".join(f"{p:.0f} MB" if p else "–" for p in peaks)
                     + f" | {ratio(peaks[0], peaks[1])} | {ratio(peaks[0], peaks[2])} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[1000, 5000, 10000],
                        help="comma-separated corpus sizes (default: 1000,5000,10000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure; the table shows medians")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "briefgen-bench",
                        help="where corpora and outputs go (kept between runs; default: %(default)s)")
    parser.add_argument("--pelican", default=shutil.which("pelican") or "/tmp/pelican-venv/bin/pelican",
                        help="the pelican command (install Pelican 4.12 in its own venv)")
    parser.add_argument("--only", help="comma-separated tools to run (briefgen,Hugo,Pelican)")
    args = parser.parse_args()
    corpus = find_corpus_script()
    pelican = args.pelican if args.pelican and Path(args.pelican).exists() else None
    if not shutil.which("hugo"):
        print("bench: hugo not found (apt-get install hugo); skipping it", file=sys.stderr)
    if pelican is None:
        print("bench: pelican not found (--pelican PATH); skipping it", file=sys.stderr)
    only = {t.lower() for t in args.only.split(",")} if args.only else None
    rows = []
    for size in args.sizes:
        print(f"{size:,} briefs", file=sys.stderr, flush=True)
        by_tool = {}
        for tool in make_sites(args.work, size, corpus, pelican):
            if only is None or tool.name.lower() in only:
                by_tool[tool.name] = measure(tool, args.repeat)
        rows.append((size, by_tool))
    print(f"\n{os.cpu_count()} cores; medians of {args.repeat} run(s); ratios are briefgen / other "
          "(below 1.0: briefgen is faster or smaller).\n")
    print(table(rows))


if __name__ == "__main__":
    main()
