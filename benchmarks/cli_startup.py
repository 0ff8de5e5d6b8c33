"""`a11y check` start-up: wall time of checking one small page, and what it imports.

Usage::

    uv run python benchmarks/cli_startup.py                      # a small generated page
    uv run python benchmarks/cli_startup.py --page PAGE --runs 20
    uv run python benchmarks/cli_startup.py --before ../main/src # compare another source tree

Each run is a new process of the installed ``a11y`` command (the console script beside this
Python, ``.venv/bin/a11y``: what a pre-commit hook or CI step runs; ``python -m
accessibility_analyzer`` when there is none) checking the page in a folder whose ``a11y.toml``
turns the result cache off. The median and the best wall time are printed with the modules of
the service (web framework, database, queue, telemetry) the command imported, which should be
none. ``uv run a11y`` is timed as well (when ``uv`` is on the PATH): uv checks that the
environment matches the lock file first, which adds its own time to every command it starts.
``--before DIR`` runs the same command with ``DIR`` (the ``src`` folder of another checkout,
for example the commit before a change) first on ``PYTHONPATH`` and prints both. CPU time
(user + system) is printed too: on a busy machine it is the steadier figure.

Bytecode is written and reused as an installed tool's is (``PYTHONDONTWRITEBYTECODE`` is
dropped for the runs; the first, untimed, run compiles): compiling every module from source
on each start would add ~0.2 s that users never see. Target: at most 0.35 s for one small
page. The figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

TARGET_SECONDS = 0.35
REPOSITORY = Path(__file__).resolve().parent.parent
HEAVY = ("sqlalchemy", "alembic", "litestar", "opentelemetry", "arq", "httpx", "uvicorn")
SMALL_PAGE = (
    '<!DOCTYPE html><html lang="en"><head><title>Small</title></head><body><main>'
    '<h1>Small page</h1><p>Text with <a href="other.html">a link</a>.</p>'
    '<img src="logo.png" alt="Logo"></main></body></html>'
)
_PROBE = (
    "import sys, runpy\n"
    "sys.argv = ['a11y', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('accessibility_analyzer', run_name='__main__')\n"
    "except SystemExit:\n"
    "    pass\n"
    "heavy = sorted({m.split('.')[0] for m in sys.modules} & set(sys.argv.pop().split(',')))\n"
    "sys.stderr.write('\\nHEAVY:' + ','.join(heavy) + '\\n')\n"
)


def a11y_command() -> list[str]:
    """The installed `a11y` console script beside this Python, else ``python -m``."""
    script = Path(sys.executable).with_name("a11y")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "accessibility_analyzer"]


def _environment(source: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if source is not None:
        env["PYTHONPATH"] = source + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _run(command: list[str], page: Path, source: str | None, cwd: Path) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one start-up."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [*command, "check", str(page)],
        cwd=cwd,
        env=_environment(source),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
    return wall, cpu


def _heavy_imports(page: Path, source: str | None, cwd: Path) -> list[str]:
    env = _environment(source)
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, "check", str(page), ",".join(HEAVY)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    marker = [line for line in done.stderr.splitlines() if line.startswith("HEAVY:")]
    return [name for name in marker[-1][len("HEAVY:") :].split(",") if name] if marker else []


def measure(
    label: str, command: list[str], page: Path, source: str | None, runs: int, cwd: Path
) -> float:
    """Print and return the median wall time of ``runs`` start-ups."""
    _run(command, page, source, cwd)  # warm the file cache and write the .pyc files
    samples = [_run(command, page, source, cwd) for _ in range(runs)]
    times = [wall for wall, _ in samples]
    median = statistics.median(times)
    cpu = statistics.median(cpu for _, cpu in samples)
    heavy = _heavy_imports(page, source, cwd)
    print(
        f"{label:<11} wall median {median:.3f} s, best {min(times):.3f} s; CPU median "
        f"{cpu:.3f} s (over {runs} runs); service modules imported: {', '.join(heavy) or 'none'}"
    )
    return median


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", type=Path, help="the page to check (default: a small one)")
    parser.add_argument("--runs", type=int, default=10, help="start-ups timed (default 10)")
    parser.add_argument("--before", help="src folder of another checkout to compare with")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        # No cache (a re-run would read it), said in the working directory's configuration
        # rather than by --no-cache, which an older checkout given to --before may not know.
        (work / "a11y.toml").write_text("cache = false\n", encoding="utf-8")
        page = args.page
        if page is None:
            page = work / "small.html"
            page.write_text(SMALL_PAGE, encoding="utf-8")
        page = page.resolve()
        command = a11y_command()
        print(
            f"a11y check {page.name} ({page.stat().st_size} bytes), a new process each run: "
            f"{' '.join(Path(part).name for part in command)}"
        )
        if args.before:
            before_source = str(Path(args.before).resolve())
            before = measure("before", command, page, before_source, args.runs, work)
        after = measure("now", command, page, None, args.runs, work)
        if args.before:
            print(f"speed-up: {before / after:.1f}x")
        verdict = "met" if after <= TARGET_SECONDS else "missed"
        print(f"target <= {TARGET_SECONDS} s: {verdict}")
        uv = shutil.which("uv")
        if uv is not None and (REPOSITORY / "pyproject.toml").is_file():
            uv_command = [uv, "run", "--project", str(REPOSITORY), "a11y"]
            measure("uv run a11y", uv_command, page, None, args.runs, work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
