"""Report rendering: server memory and first-byte time of every report format, and the
writers' own speed.

Usage::

    uv run python benchmarks/report_rendering.py                  # 1,000 pages x 480 findings
    uv run python benchmarks/report_rendering.py --pages 100 --findings 40 --formats json,html
    uv run python benchmarks/report_rendering.py --mode writers   # in-process writers only
    uv run python benchmarks/report_rendering.py --server-src ../old/src   # another checkout

``service`` mode (the default) stores a synthetic completed analysis through the real
storage code (a temporary ``DATA_DIR`` and SQLite, or ``--database-url``), then for each
format starts a fresh ``a11y serve`` process, downloads the report once (rendered from the
database) and once more (served from the report file or cache), and prints time to first
byte, total time, size and the server's peak RSS (``VmHWM``; a fresh process per format, so
each peak is that format's). ``--server-src`` runs the server from another checkout's
``src`` (the same database), to compare before and after.

``writers`` mode runs each streaming writer in this process over pages generated one at a
time: wall time, output size and Python's peak allocation (tracemalloc, in a second run).

The synthetic analysis is shaped like a real one: the default rules, about a quarter of the
findings failed or cantTell, snippets of a few hundred characters, every fifth page with a
20 kB snippet. Targets (issue 10): peak RSS under 300 MB and first byte within 1 s for a
1,000-page analysis (about 480k findings). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from accessibility_analyzer.engine.result import (
    DocumentResult,
    Finding,
    Outcome,
    OutcomeCounts,
    RuleInfo,
)
from accessibility_analyzer.reports import ReportContext, ReportFormat, ReportHeader, iter_report
from accessibility_analyzer.rules import DEFAULT_RULES

OUTCOMES = (Outcome.PASSED, Outcome.PASSED, Outcome.FAILED, Outcome.INAPPLICABLE)
API_KEY = "bench-key-0000000001"


def rules() -> list[RuleInfo]:
    """The default rules' metadata (an analysis without a selection runs them; the synthetic
    findings name them)."""
    return [rule.meta.info() for rule in DEFAULT_RULES]


def synthetic_page(page: int, findings_per_page: int, rule_list: list[RuleInfo]) -> DocumentResult:
    """One deterministic synthetic page result."""
    findings = []
    for index in range(findings_per_page):
        rule = rule_list[index % len(rule_list)]
        outcome = Outcome.CANT_TELL if index % 9 == 0 else OUTCOMES[(page + index) % 4]
        huge = page % 5 == 0 and index == 1
        findings.append(
            Finding(
                rule_id=rule.id,
                outcome=outcome,
                impact=rule.impact,
                wcag=rule.wcag,
                selector=f"main > section:nth-child({index + 1}) > a.link",
                xpath=f"/html/body/main/section[{index + 1}]/a",
                line=10 + index,
                column=5,
                snippet=("<div>" + "x" * 20_000 + "</div>")
                if huge
                else f'<a class="link" href="/p/{page}/{index}">Read more &amp; more</a>' * 3,
                message="The link has no name that says where it goes.",
                fix_hint="Give the link text that names its destination.",
                reason="The name depends on an image." if outcome == Outcome.CANT_TELL else None,
            )
        )
    counts = OutcomeCounts()
    for finding in findings:
        if finding.outcome == Outcome.PASSED:
            counts.passed += 1
        elif finding.outcome == Outcome.FAILED:
            counts.failed += 1
        elif finding.outcome == Outcome.CANT_TELL:
            counts.cant_tell += 1
        else:
            counts.inapplicable += 1
    return DocumentResult(
        path=f"site/section-{page // 50}/page-{page}.html",
        title=f"Page {page}",
        findings=findings,
        counts=counts,
    )


def synthetic_pages(pages: int, findings_per_page: int) -> Iterator[DocumentResult]:
    """The synthetic pages, generated one at a time."""
    rule_list = rules()
    for page in range(pages):
        yield synthetic_page(page, findings_per_page, rule_list)


# --- writers mode -------------------------------------------------------------------------


def run_writers(args: argparse.Namespace, formats: list[ReportFormat]) -> list[dict[str, Any]]:
    """Each writer over generated pages: seconds, MB out, Python peak MB."""
    context = ReportContext(
        analysis_id="benchmark",
        session_id="benchmark",
        tool_version="0",
        created_at=datetime.now(UTC),
        finished_at=datetime.now(UTC),
    )
    header = ReportHeader(context=context, rules=rules())
    total = args.pages * args.findings
    figures = []
    for fmt in formats:
        started = time.perf_counter()
        size = sum(len(chunk) for chunk in iter_report(fmt, header, _pages(args)))
        elapsed = time.perf_counter() - started
        tracemalloc.start()  # a second run measures memory: tracemalloc slows allocation a lot
        for _ in iter_report(fmt, header, _pages(args)):
            pass
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        figures.append(
            {
                "format": fmt.value,
                "seconds": round(elapsed, 3),
                "msPer1kFindings": round(elapsed / total * 1e6, 1),
                "bytes": size,
                "megabytes": round(size / 1e6, 1),
                "peakMegabytes": round(peak / 1e6, 1),
            }
        )
    return figures


def _pages(args: argparse.Namespace) -> Iterator[DocumentResult]:
    return synthetic_pages(args.pages, args.findings)


# --- service mode -------------------------------------------------------------------------


async def store_analysis(database_url: str, pages: int, findings_per_page: int) -> str:
    """Store a completed synthetic analysis through the real storage code; its id."""
    from accessibility_analyzer.storage import analyses, analysis_runs, sessions  # noqa: PLC0415
    from accessibility_analyzer.storage.analysis_summary import compute_summary  # noqa: PLC0415
    from accessibility_analyzer.storage.database import (  # noqa: PLC0415
        Database,
        upgrade_database,
    )
    from accessibility_analyzer.storage.models import Document, new_id  # noqa: PLC0415

    database = Database.from_url(database_url)
    try:
        await upgrade_database(database)
        session = await sessions.create_session(
            database, owner="bench", name="report benchmark", lifetime=timedelta(days=1)
        )
        document_ids = [new_id() for _ in range(pages)]
        async with database.transaction() as orm:
            for page, document_id in enumerate(document_ids):
                orm.add(
                    Document(
                        id=document_id,
                        session_id=session.id,
                        path=f"site/section-{page // 50}/page-{page}.html",
                        kind="page",
                        media_type="text/html",
                        size_bytes=1,
                        sha256="0" * 64,
                        storage_key=new_id(),
                    )
                )
        analysis = await analyses.create_analysis(
            database, session_id=session.id, owner="bench", options={}, pages_total=pages
        )
        claim = await analysis_runs.claim_analysis(database, analysis.id)
        assert claim is not None
        batch: list[tuple[str, DocumentResult]] = []
        for document_id, result in zip(
            document_ids, synthetic_pages(pages, findings_per_page), strict=True
        ):
            batch.append((document_id, result))
            if len(batch) == 20:
                await analysis_runs.store_page_results(database, analysis.id, claim.attempt, batch)
                batch = []
        if batch:
            await analysis_runs.store_page_results(database, analysis.id, claim.attempt, batch)
        summary = await compute_summary(database, analysis.id)
        await analysis_runs.finish_analysis(database, analysis.id, claim.attempt, summary)
        return analysis.id
    finally:
        await database.dispose()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """One ``a11y serve`` process on a free port."""

    def __init__(self, env: dict[str, str], server_src: str | None) -> None:
        self.port = _free_port()
        if server_src:
            env = {**env, "PYTHONPATH": str(Path(server_src).resolve())}
        code = "from accessibility_analyzer.cli import main; raise SystemExit(main())"
        self.process = subprocess.Popen(
            [sys.executable, "-c", code, "serve", "--port", str(self.port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, *_ = self.get("/health")
                if status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("the server did not answer /health within 60 s")

    def get(self, path: str) -> tuple[int, float, float, int]:
        """GET a path: status, seconds to the first body byte and to the last, body size."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        try:
            started = time.perf_counter()
            connection.request("GET", path, headers={"X-API-Key": API_KEY})
            response = connection.getresponse()
            first = response.read1(65536)
            first_byte = time.perf_counter() - started
            size = len(first)
            while chunk := response.read1(1 << 20):
                size += len(chunk)
            return response.status, first_byte, time.perf_counter() - started, size
        finally:
            connection.close()

    def memory(self, field: str) -> int:
        """A ``/proc/<pid>/status`` figure in bytes (``VmHWM`` = peak RSS, ``VmRSS``)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) * 1024
        return 0

    def stop(self) -> None:
        """End the server process (ours, by its pid)."""
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def run_service(args: argparse.Namespace, formats: list[ReportFormat]) -> dict[str, Any]:
    """Store the analysis, then download each format from a fresh server."""
    with tempfile.TemporaryDirectory(prefix="a11y-report-bench-") as data_dir:
        database_url = args.database_url or f"sqlite+aiosqlite:///{data_dir}/a11y.db"
        started = time.perf_counter()
        analysis_id = asyncio.run(store_analysis(database_url, args.pages, args.findings))
        stored_seconds = time.perf_counter() - started
        env = {
            **os.environ,
            "DATA_DIR": data_dir,
            "DATABASE_URL": database_url,
            "API_KEYS": f"bench:{API_KEY}",
            "VALKEY_URL": "",
            "RATE_LIMIT_PER_MINUTE": "0",
            "ENGINE_PROCESSES": "1",
            "LOG_LEVEL": "WARNING",
        }
        runs = []
        for fmt in formats:
            server = Server(env, args.server_src)
            try:
                idle = server.memory("VmRSS")
                path = f"/api/v1/analyses/{analysis_id}/report?format={fmt.value}"
                status, first_byte, seconds, size = server.get(path)
                peak = server.memory("VmHWM")
                status_again, first_byte_again, again_seconds, _ = server.get(path)
                runs.append(
                    {
                        "format": fmt.value,
                        "status": status,
                        "firstByteSeconds": round(first_byte, 3),
                        "seconds": round(seconds, 3),
                        "bytes": size,
                        "megabytes": round(size / 1e6, 1),
                        "idleRssMegabytes": round(idle / 1e6, 1),
                        "peakRssMegabytes": round(peak / 1e6, 1),
                        "againStatus": status_again,
                        "againFirstByteSeconds": round(first_byte_again, 3),
                        "againSeconds": round(again_seconds, 3),
                    }
                )
            finally:
                server.stop()
    return {
        "pages": args.pages,
        "findings": args.pages * args.findings,
        "storeSeconds": round(stored_seconds, 1),
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=("service", "writers"), default="service")
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--findings", type=int, default=480, help="findings per page")
    parser.add_argument("--formats", default=",".join(fmt.value for fmt in ReportFormat))
    parser.add_argument("--database-url", default=None, help="default: SQLite in DATA_DIR")
    parser.add_argument("--server-src", default=None, help="run the server from this src dir")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    formats = [ReportFormat(name) for name in args.formats.split(",") if name]

    if args.mode == "writers":
        figures: Any = run_writers(args, formats)
        if args.json:
            print(json.dumps(figures))
            return
        print(f"{args.pages} pages, {args.pages * args.findings} findings (in process)")
        print(f"{'format':<6} {'seconds':>8} {'ms/1k findings':>15} {'MB out':>8} {'peak MB':>8}")
        for row in figures:
            print(
                f"{row['format']:<6} {row['seconds']:>8.3f} {row['msPer1kFindings']:>15.1f} "
                f"{row['megabytes']:>8.1f} {row['peakMegabytes']:>8.1f}"
            )
        return

    figures = run_service(args, formats)
    if args.json:
        print(json.dumps(figures))
        return
    print(
        f"{figures['pages']} pages, {figures['findings']} findings "
        f"(stored in {figures['storeSeconds']} s); server {args.server_src or 'this checkout'}"
    )
    print(
        f"{'format':<6} {'status':>6} {'first byte s':>12} {'total s':>8} {'MB':>7} "
        f"{'idle RSS MB':>11} "
        f"{'peak RSS MB':>11} {'again first byte s':>18} {'again s':>8}"
    )
    for run in figures["runs"]:
        print(
            f"{run['format']:<6} {run['status']:>6} {run['firstByteSeconds']:>12.3f} "
            f"{run['seconds']:>8.3f} {run['megabytes']:>7.1f} {run['idleRssMegabytes']:>11.1f} "
            f"{run['peakRssMegabytes']:>11.1f} {run['againFirstByteSeconds']:>18.3f} "
            f"{run['againSeconds']:>8.3f}"
        )


if __name__ == "__main__":
    main()
