"""Pages per second: `a11y check --jobs N` against axe-core in headless Chromium, same pages,
same machine, one after the other in one run.

Usage::

    uv run python benchmarks/vs_axe_speed.py /work/shared/corpus              # every page
    uv run python benchmarks/vs_axe_speed.py /work/shared/corpus --pages 40 --jobs 2

The pages (every k-th page of the corpus, to reach ``--pages``) are linked into a temporary
folder with every other file of the corpus, so both tools see the same pages and stylesheets.
Each first-level folder of the corpus is one site for `a11y check` (as its pages' root-relative
URLs expect). axe-core runs through ``run_axe_chromium.js`` of the axe baseline
(``../shared/tools/axe-baseline/README.md`` says how to install it; ``--axe DIR`` or
``$AXE_BASELINE``, default ``~/.cache/axe-baseline``). Both figures are wall times from
starting the command to its end (start-up included) on the same page list; the CPU time of
each command and the processes it waited for (our workers; Node and Chromium) is printed
too, since on a machine other work shares, wall times say as much about that work as about
ours. `a11y check` is the installed console script beside this Python, with its bytecode
reused as an installed tool's is. Without the baseline installed, only our figure is
printed. Target: at least 50 times axe-core's pages/s. The figures are printed, never
asserted.
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
from collections.abc import Sequence
from pathlib import Path

PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
TARGET_RATIO = 50


def link_pages(corpus: Path, pages: int | None, into: Path) -> list[Path]:
    """Link a sample of ``corpus``'s pages and all its other files into ``into``."""
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    every = [p for p in files if p.suffix.lower() in PAGE_SUFFIXES]
    step = max(1, len(every) // pages) if pages else 1
    chosen = set(every[::step][: pages or None])
    linked: list[Path] = []
    for file in files:
        if file.suffix.lower() in PAGE_SUFFIXES and file not in chosen:
            continue
        target = into / file.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(file, target)
        except OSError:
            shutil.copyfile(file, target)
        if file in chosen:
            linked.append(target)
    return linked


def _timed(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (with waited-for children) and exit code of ``command``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        check=False,
    )  # fmt: skip
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
    return wall, cpu, done.returncode


def _a11y() -> list[str]:
    script = Path(sys.executable).with_name("a11y")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "accessibility_analyzer"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the comparison; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--pages", type=int, help="pages to compare on (default: all)")
    parser.add_argument("--jobs", type=int, default=2, help="a11y check --jobs (default 2)")
    parser.add_argument(
        "--axe",
        type=Path,
        default=Path(os.environ.get("AXE_BASELINE", Path.home() / ".cache" / "axe-baseline")),
        help="the installed axe baseline folder",
    )
    args = parser.parse_args(argv)
    corpus = args.corpus.resolve()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        root = work / "site"
        pages = link_pages(corpus, args.pages, root)
        sites = sorted(path for path in root.iterdir() if path.is_dir())
        a11y = _a11y()
        ours_command = [
            *a11y, "check", *map(str, sites),
            "--jobs", str(args.jobs), "--no-cache", "--no-progress", "--format", "json",
        ]  # fmt: skip
        _timed([*a11y, "check", str(pages[0]), "--no-cache"], work)  # writes the bytecode
        ours, ours_cpu, code = _timed(ours_command, work)
        print(
            f"a11y check --jobs {args.jobs}: {len(pages)} pages in {ours:.2f} s = "
            f"{len(pages) / ours:.1f} pages/s (exit {code}, start-up included, no cache); "
            f"CPU {ours_cpu:.2f} s = {len(pages) / ours_cpu:.1f} pages per CPU second"
        )
        runner = args.axe / "run_axe_chromium.js"
        if not runner.is_file() or shutil.which("node") is None:
            print(f"axe-core baseline not installed at {args.axe}: no comparison")
            return 0
        page_list = work / "pages.txt"
        page_list.write_text("".join(f"{page}\n" for page in pages), encoding="utf-8")
        axe_command = ["node", str(runner), "--list", str(page_list), "--out", str(work / "axe")]
        axe, axe_cpu, axe_code = _timed(axe_command, work)
        print(
            f"axe-core + Chromium: {len(pages)} pages in {axe:.2f} s = "
            f"{len(pages) / axe:.2f} pages/s (exit {axe_code}); CPU {axe_cpu:.2f} s = "
            f"{len(pages) / axe_cpu:.2f} pages per CPU second"
        )
        ratio = axe / ours
        verdict = "met" if ratio >= TARGET_RATIO else "missed"
        print(f"ratio: a11y check is {ratio:.1f}x axe-core's pages/s (target >= 50x: {verdict})")
        print(f"CPU ratio: a11y check needs {axe_cpu / ours_cpu:.1f}x less CPU per page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
