"""End to end: upload a ZIP of N real pages, analyse it through the service, time everything.

Usage:
    uv run python benchmarks/end_to_end.py [--pages 1000] [--corpus ../shared/corpus]
        [--mode both|inprocess|worker] [--valkey-url redis://127.0.0.1:6379/0] [--json]

The corpus folder is repeated (``copy-1/``, ``copy-2/``...; stylesheets and images come
along at their paths) until the ZIP holds ``--pages`` pages. Then, for each mode:

* ``inprocess``: ``a11y serve`` alone (SQLite, analyses in the server's process pool);
* ``worker``: ``a11y serve`` plus one ``a11y worker`` on Valkey (arq).

Both are started as real processes on a free port with a fresh ``DATA_DIR``. Printed per
mode: upload time, analysis time (202 to ``completed``), end-to-end wall time, pages/s, and
peak memory (VmHWM from ``/proc/<pid>/status``) of the server, of the worker, and of the
largest engine child. Before that, the engine's own time over the same pages in this one
process (parse + rules, no I/O): the target is end-to-end time <= that single-core time,
with the server's memory not growing with the upload (it streams the upload to disk and
never holds pages).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx

from accessibility_analyzer.engine import MappingSite, analyze_document
from accessibility_analyzer.rules import ALL_RULES

PAGE_SUFFIXES = {".html", ".htm", ".xhtml"}
ASSET_SUFFIXES = {".css", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".woff", ".woff2"}
API_KEY = "bench-key-123456"


# --------------------------------------------------------------------------- the upload


@dataclass
class Corpus:
    """The pages (and assets) of one copy of the corpus, by site-relative path."""

    pages: dict[str, bytes]
    assets: dict[str, bytes]


def read_corpus(folder: Path) -> Corpus:
    pages: dict[str, bytes] = {}
    assets: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(folder).as_posix()
        suffix = path.suffix.lower()
        if suffix in PAGE_SUFFIXES:
            pages[relative] = path.read_bytes()
        elif suffix in ASSET_SUFFIXES:
            assets[relative] = path.read_bytes()
    if not pages:
        raise SystemExit(f"no pages under {folder}")
    return Corpus(pages, assets)


def build_zip(
    corpus: Corpus, pages: int, target: Path
) -> list[tuple[str, bytes, dict[str, bytes]]]:
    """Write the ZIP; return the pages in it (path, bytes, the site files of that copy)."""
    chosen: list[tuple[str, bytes, dict[str, bytes]]] = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        copy = 0
        while len(chosen) < pages:
            copy += 1
            prefix = f"copy-{copy}/"
            site = {prefix + path: data for path, data in {**corpus.assets, **corpus.pages}.items()}
            for path, data in corpus.assets.items():
                archive.writestr(prefix + path, data)
            for path, data in corpus.pages.items():
                if len(chosen) == pages:
                    break
                archive.writestr(prefix + path, data)
                chosen.append((prefix + path, data, site))
    return chosen


def engine_seconds(chosen: list[tuple[str, bytes, dict[str, bytes]]]) -> tuple[float, float]:
    """The engine alone over the same pages, one after the other in this process.

    Returns:
        Wall seconds and CPU seconds.
    """
    sites: dict[int, MappingSite] = {}
    started, started_cpu = time.perf_counter(), time.process_time()
    for path, data, files in chosen:
        site = sites.setdefault(id(files), MappingSite(files))
        analyze_document(data, path=path, site=site, rules=ALL_RULES)
    return time.perf_counter() - started, time.process_time() - started_cpu


# --------------------------------------------------------------------------- processes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def peak_rss_kib(pid: int) -> int:
    """VmHWM (peak resident set) of a live process, in KiB; 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time a live process has used (``None`` once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _TICKS


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (engine children sit below the fork server)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found: set[int] = set()
    stack = [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


class MemoryWatch:
    """Samples peak memory and CPU time of the service's processes while a run lasts.

    CPU seconds do not depend on what else the machine runs, unlike wall time: compared with
    the engine's own CPU time for the same pages they show the service's overhead.
    """

    def __init__(self, roots: dict[str, int]) -> None:
        self.roots = roots
        self.peaks: dict[str, int] = dict.fromkeys(roots, 0)
        self.child_peak = 0
        self._cpu_first: dict[int, float] = {}
        self._cpu_last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemoryWatch:
        for pid in self._all_pids():  # processes that exist already count from now on
            used = cpu_seconds(pid)
            if used is not None:
                self._cpu_first[pid] = used
        self._thread.start()
        return self

    @property
    def cpu_used(self) -> float:
        """CPU seconds all the service's processes used since the watch started."""
        return sum(last - self._cpu_first.get(pid, 0.0) for pid, last in self._cpu_last.items())

    def _all_pids(self) -> set[int]:
        pids = set(self.roots.values())
        for pid in self.roots.values():
            pids |= descendants(pid)
        return pids

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def _sample(self) -> None:
        for name, pid in self.roots.items():
            self.peaks[name] = max(self.peaks[name], peak_rss_kib(pid))
            for child in descendants(pid):
                self.child_peak = max(self.child_peak, peak_rss_kib(child))
        for pid in self._all_pids():
            used = cpu_seconds(pid)
            if used is not None:
                self._cpu_last[pid] = used

    def _run(self) -> None:
        while not self._stop.wait(0.25):
            self._sample()


@contextlib.contextmanager
def service(
    command: list[str], environment: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "accessibility_analyzer", *command],
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_ready(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base}/health/ready", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise SystemExit(f"the server did not become ready:\n{log.read_text()[-3000:]}")


def wait_for_worker(base: str, worker: subprocess.Popen[bytes], log: Path) -> None:
    """Until the worker's heartbeat shows (so its start-up is not timed as analysis)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise SystemExit(f"the worker exited:\n{log.read_text()[-3000:]}")
        detailed = httpx.get(f"{base}/health/detailed", timeout=5).json()
        states = {d["name"]: d["status"] for d in detailed["dependencies"]}
        if states.get("job-worker") == "healthy":
            return
        time.sleep(0.2)
    raise SystemExit(f"no worker heartbeat:\n{log.read_text()[-3000:]}")


# --------------------------------------------------------------------------- one run


@dataclass
class Run:
    mode: str
    pages: int
    upload_seconds: float = 0.0
    analysis_seconds: float = 0.0
    wall_seconds: float = 0.0
    pages_per_second: float = 0.0
    findings: int = 0
    service_cpu_seconds: float = 0.0
    status: str = ""
    server_rss_baseline_mib: float = 0.0
    server_peak_rss_mib: float = 0.0
    worker_peak_rss_mib: float | None = None
    engine_child_peak_rss_mib: float = 0.0
    notes: list[str] = field(default_factory=list)


def run_mode(mode: str, archive: Path, pages: int, valkey_url: str, work: Path) -> Run:
    data_dir = work / f"data-{mode}"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    environment = {
        **os.environ,
        "DATA_DIR": str(data_dir),
        "API_KEYS": f"bench:{API_KEY}",
        "LOG_LEVEL": "WARNING",
        "RATE_LIMIT_PER_MINUTE": "0",
        "MAX_UPLOAD_BYTES": str(1 << 31),
        "ZIP_MAX_UNCOMPRESSED_BYTES": str(1 << 32),
        "ZIP_MAX_ENTRIES": "1000000",
        "ANALYSIS_TIME_LIMIT_SECONDS": "3600",
        "WORKER_HEALTH_CHECK_INTERVAL_SECONDS": "1",
    }
    environment.pop("DATABASE_URL", None)
    environment.pop("REDIS_URL", None)
    if mode == "worker":
        environment["VALKEY_URL"] = valkey_url
        environment["JOB_QUEUE_NAME"] = f"a11y-bench-{uuid.uuid4().hex[:8]}"
    else:
        environment.pop("VALKEY_URL", None)
    headers = {"X-API-Key": API_KEY}
    result = Run(mode=mode, pages=pages)
    with contextlib.ExitStack() as stack:
        server_log = work / f"serve-{mode}.log"
        server = stack.enter_context(
            service(["serve", "--port", str(port)], environment, server_log)
        )
        wait_ready(base, server, server_log)
        roots = {"server": server.pid}
        if mode == "worker":
            worker = stack.enter_context(service(["worker"], environment, work / "worker.log"))
            roots["worker"] = worker.pid
            wait_for_worker(base, worker, work / "worker.log")
        result.server_rss_baseline_mib = peak_rss_kib(server.pid) / 1024
        client = stack.enter_context(httpx.Client(base_url=base, headers=headers, timeout=600))
        watch = stack.enter_context(MemoryWatch(roots))
        session = client.post("/api/v1/sessions", json={"name": "benchmark"}).json()["id"]
        started = time.perf_counter()
        with archive.open("rb") as upload:
            response = client.post(
                f"/api/v1/sessions/{session}/documents",
                files={"files": ("site.zip", upload, "application/zip")},
            )
        if response.status_code != 201:
            raise SystemExit(f"upload failed: {response.status_code} {response.text[:500]}")
        uploaded = time.perf_counter()
        created = client.post(f"/api/v1/sessions/{session}/analyses")
        if created.status_code != 202:
            raise SystemExit(f"analysis refused: {created.status_code} {created.text[:500]}")
        analysis_url = created.headers["location"]
        while True:
            analysis = client.get(analysis_url).json()
            if analysis["status"] in {"completed", "failed"}:
                break
            time.sleep(0.1)
        finished = time.perf_counter()
        watch.__exit__(None, None, None)
        result.upload_seconds = uploaded - started
        result.analysis_seconds = finished - uploaded
        result.wall_seconds = finished - started
        result.pages_per_second = pages / result.wall_seconds
        result.status = analysis["status"]
        result.findings = (analysis.get("summary") or {}).get("findings", 0)
        if analysis["status"] != "completed":
            result.notes.append(f"error: {analysis.get('error')}")
        result.server_peak_rss_mib = watch.peaks["server"] / 1024
        if mode == "worker":
            result.worker_peak_rss_mib = watch.peaks["worker"] / 1024
        result.engine_child_peak_rss_mib = watch.child_peak / 1024
        result.service_cpu_seconds = watch.cpu_used
    return result


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="pages in the upload")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path(__file__).resolve().parents[2] / "shared" / "corpus",
        help="folder of real pages (with their stylesheets) to repeat",
    )
    parser.add_argument("--mode", choices=("both", "inprocess", "worker"), default="both")
    parser.add_argument(
        "--valkey-url",
        default=os.environ.get("TEST_VALKEY_URL", "redis://127.0.0.1:6379/0"),
        help="Valkey for the worker mode",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    corpus = read_corpus(args.corpus)
    with tempfile.TemporaryDirectory(prefix="a11y-e2e-") as temporary:
        work = Path(temporary)
        archive = work / "site.zip"
        chosen = build_zip(corpus, args.pages, archive)
        engine, engine_cpu = engine_seconds(chosen)
        modes = ["inprocess", "worker"] if args.mode == "both" else [args.mode]
        runs = [run_mode(mode, archive, args.pages, args.valkey_url, work) for mode in modes]
        zip_mib = archive.stat().st_size / 2**20
        uncompressed_mib = sum(len(data) for _, data, _ in chosen) / 2**20

    figures = {
        "pages": args.pages,
        "rules": len(ALL_RULES),
        "cores": len(os.sched_getaffinity(0)),
        "zipMiB": round(zip_mib, 2),
        "pagesMiB": round(uncompressed_mib, 2),
        "engineSingleProcessSeconds": round(engine, 3),
        "engineCpuSeconds": round(engine_cpu, 3),
        "enginePagesPerSecond": round(args.pages / engine, 1) if engine else None,
        "runs": [asdict(run) for run in runs],
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0 if all(run.status == "completed" for run in runs) else 1
    print(_table(figures, runs, engine))
    return 0 if all(run.status == "completed" for run in runs) else 1


def _table(figures: dict[str, object], runs: list[Run], engine: float) -> str:
    out = io.StringIO()
    out.write(
        f"{figures['pages']} pages ({figures['pagesMiB']} MiB of HTML, ZIP {figures['zipMiB']} "
        f"MiB), {figures['rules']} rules, {figures['cores']} cores\n"
    )
    out.write(
        f"engine alone, one process: {engine:8.2f} s  "
        f"({figures['enginePagesPerSecond']} pages/s; {figures['engineCpuSeconds']} CPU s)\n\n"
    )
    out.write(
        f"{'mode':<10}{'upload s':>10}{'analysis s':>12}{'wall s':>9}{'pages/s':>9}"
        f"{'vs engine':>11}{'CPU s':>8}{'server MiB':>12}{'(idle)':>8}{'worker MiB':>12}"
        f"{'child MiB':>11}"
        f"  status\n"
    )
    for run in runs:
        worker = f"{run.worker_peak_rss_mib:.0f}" if run.worker_peak_rss_mib is not None else "-"
        ratio = run.wall_seconds / engine if engine else float("nan")
        out.write(
            f"{run.mode:<10}{run.upload_seconds:>10.2f}{run.analysis_seconds:>12.2f}"
            f"{run.wall_seconds:>9.2f}{run.pages_per_second:>9.1f}{ratio:>10.2f}x"
            f"{run.service_cpu_seconds:>8.1f}"
            f"{run.server_peak_rss_mib:>12.0f}{run.server_rss_baseline_mib:>8.0f}{worker:>12}"
            f"{run.engine_child_peak_rss_mib:>11.0f}  {run.status} {' '.join(run.notes)}\n"
        )
    out.write(
        "\nvs engine: end-to-end wall time / engine single-process time (target <= 1.00x).\n"
        "CPU s: CPU time of every service process (server, worker, engine children) during\n"
        "the run: against the engine's CPU s it is the service's overhead, whatever else the\n"
        "machine runs. server MiB: peak RSS of the API process; (idle): at readiness.\n"
    )
    return out.getvalue()


if __name__ == "__main__":
    raise SystemExit(main())
