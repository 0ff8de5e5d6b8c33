"""`a11y check` on many pages: wall time, pages/s, peak memory of all its processes, and the
speed-up of a re-run served by the result cache.

Usage::

    uv run python benchmarks/cli_scale.py /work/shared/corpus --pages 1548
    uv run python benchmarks/cli_scale.py /work/shared/corpus --pages 1548 --formats json,text,earl
    uv run python benchmarks/cli_scale.py CORPUS --pages 300 --jobs 2 --command "a11y check"

The corpus is copied as many times as needed into a temporary folder (each copy a site with
its stylesheets; hard links where possible) to reach ``--pages`` pages. For each format, one
run without the cache measures wall time, pages/s and the peak memory of the command and all
its worker processes together, sampled every 20 ms from ``/proc`` (RSS summed, and PSS, which
counts pages shared by the forked workers once). Then a cold run fills a fresh cache and a
second run reads it: the speed-up of the re-run is printed. Output goes to a file in the
temporary folder, whose size is printed. Targets: peak memory under 400 MB for 1,548 pages in
any format; a cached re-run at least 10 times faster. The figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PAGE_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass
class RunFigures:
    """What one run of the command measured."""

    wall: float
    exit_code: int
    peak_rss: int
    peak_pss: int
    output_bytes: int


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid:
            found.append(int(entry.name))
    return found


def _tree(pid: int) -> list[int]:
    pids = [pid]
    index = 0
    while index < len(pids):
        pids.extend(_children(pids[index]))
        index += 1
    return pids


def _memory(pid: int) -> tuple[int, int]:
    """RSS and PSS in bytes of one process (0, 0 once it is gone)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    values = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] in ("Rss:", "Pss:"):
            values[parts[0]] = int(parts[1]) * 1024
    return values.get("Rss:", 0), values.get("Pss:", 0)


def run_measured(command: list[str], cwd: Path, output: Path) -> RunFigures:
    """Run ``command`` writing to ``output``; sample its process tree's memory meanwhile."""
    started = time.perf_counter()
    with output.open("wb") as sink:
        process = subprocess.Popen(command, cwd=cwd, stdout=sink, stderr=subprocess.DEVNULL)
        peak_rss = peak_pss = 0
        tree: list[int] = [process.pid]
        samples = 0
        while process.poll() is None:
            if samples % 10 == 0:  # new workers appear rarely: look for them every 0.2 s
                tree = _tree(process.pid)
            rss = pss = 0
            for pid in tree:
                one_rss, one_pss = _memory(pid)
                rss += one_rss
                pss += one_pss
            peak_rss = max(peak_rss, rss)
            peak_pss = max(peak_pss, pss)
            samples += 1
            time.sleep(0.02)
    wall = time.perf_counter() - started
    return RunFigures(wall, process.returncode, peak_rss, peak_pss, output.stat().st_size)


def build_pages(corpus: Path, pages: int, into: Path) -> int:
    """Copy ``corpus`` into ``into`` (copy0, copy1, ...) until it holds ``pages`` pages."""
    originals = sorted(p for p in corpus.rglob("*") if p.suffix.lower() in PAGE_SUFFIXES)
    others = sorted(p for p in corpus.rglob("*") if p.is_file() and p not in set(originals))
    if not originals:
        raise SystemExit(f"no pages under {corpus}")
    made = 0
    copy = 0
    while made < pages:
        root = into / f"copy{copy}"
        for file in [*originals[: pages - made], *others]:
            target = root / file.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(file, target)
            except OSError:
                shutil.copyfile(file, target)
        made += min(len(originals), pages - made)
        copy += 1
    return made


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--pages", type=int, default=1548)
    parser.add_argument("--formats", default="json", help="comma-separated (default json)")
    parser.add_argument("--jobs", type=int, help="--jobs for a11y check (default: its own)")
    parser.add_argument("--command", default=f"{shlex.quote(sys.executable)} -m "
                        "accessibility_analyzer check", help="the check command")  # fmt: skip
    parser.add_argument("--no-cache-run", action="store_true", help="skip the cache figures")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        site = work / "pages"
        count = build_pages(args.corpus.resolve(), args.pages, site)
        base = [*shlex.split(args.command), str(site), "--no-progress"]
        if args.jobs:
            base += ["--jobs", str(args.jobs)]
        print(f"{count} pages ({args.corpus}), command: {' '.join(base[:-1])} ...")
        for fmt in args.formats.split(","):
            figures = run_measured([*base, "--format", fmt, "--no-cache"], work, work / "out")
            print(
                f"{fmt:<6} {figures.wall:6.1f} s  {count / figures.wall:6.1f} pages/s  "
                f"peak RSS {figures.peak_rss / 2**20:6.0f} MB (PSS {figures.peak_pss / 2**20:.0f}"
                f" MB) all processes; output {figures.output_bytes / 2**20:.1f} MB, "
                f"exit {figures.exit_code}"
            )
        if not args.no_cache_run:
            cache = ["--format", "jsonl", "--cache-dir", str(work / "cache")]
            cold = run_measured([*base, *cache], work, work / "cold")
            warm = run_measured([*base, *cache], work, work / "warm")
            same = (work / "cold").read_bytes() == (work / "warm").read_bytes()
            print(
                f"cache  first run {cold.wall:.2f} s, re-run {warm.wall:.2f} s: "
                f"{cold.wall / warm.wall:.1f}x faster (peak RSS {warm.peak_rss / 2**20:.0f} MB); "
                f"same output: {same}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
