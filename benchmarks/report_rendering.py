"""Report rendering: time, size and peak memory of each format for a large analysis.

Usage::

    uv run python benchmarks/report_rendering.py                 # 1,000 pages x 40 findings
    uv run python benchmarks/report_rendering.py --pages 100 --findings 20

Builds a synthetic result shaped like a real one (a quarter of the findings failed or
cantTell, snippets of a few hundred characters, every fifth page with a huge snippet) and
renders it in every format, printing wall time, output size and Python peak allocation
(tracemalloc, measured in a separate render) per format, and the time per 1,000 findings
so runs of different sizes compare.
Target: every format linear in the number of findings, and under 1 s per 10,000 findings on
one core. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from datetime import UTC, datetime

from accessibility_analyzer.engine.result import (
    AnalysisResult,
    DocumentResult,
    Finding,
    Impact,
    Outcome,
    OutcomeCounts,
    RuleInfo,
)
from accessibility_analyzer.reports import ReportContext, ReportFormat, render

OUTCOMES = (Outcome.PASSED, Outcome.PASSED, Outcome.FAILED, Outcome.INAPPLICABLE)
IMPACTS = tuple(Impact)
CRITERIA = ("1.1.1", "1.3.1", "1.4.3", "2.4.4", "3.1.1", "4.1.2")


def build_result(pages: int, findings_per_page: int) -> AnalysisResult:
    """A deterministic synthetic result of ``pages`` x ``findings_per_page`` findings."""
    rules = [
        RuleInfo(
            id=f"rule-{index}",
            name=f"Rule number {index} holds",
            act_rules=("23a2a8",) if index % 2 else (),
            wcag=(CRITERIA[index % len(CRITERIA)],),
            level="A",
            impact=IMPACTS[index % len(IMPACTS)],
            tags=("cat.test",),
        )
        for index in range(40)
    ]
    documents = []
    for page in range(pages):
        findings = []
        for index in range(findings_per_page):
            outcome = OUTCOMES[(page + index) % len(OUTCOMES)]
            if index % 9 == 0:
                outcome = Outcome.CANT_TELL
            huge = page % 5 == 0 and index == 1
            findings.append(
                Finding(
                    rule_id=f"rule-{index % 40}",
                    outcome=outcome,
                    impact=IMPACTS[index % len(IMPACTS)],
                    wcag=(CRITERIA[index % len(CRITERIA)],),
                    selector=f"main > section:nth-child({index + 1}) > a.link",
                    xpath=f"/html/body/main/section[{index + 1}]/a",
                    line=10 + index,
                    column=5,
                    snippet=("<div>" + "x" * 20_000 + "</div>")
                    if huge
                    else f'<a class="link" href="/p/{page}/{index}">Read more &amp; more</a>' * 3,
                    message="The link has no name that says where it goes.",
                    fix_hint="Give the link text that names its destination.",
                    reason="The name depends on an image."
                    if outcome == Outcome.CANT_TELL
                    else None,
                )
            )
        documents.append(
            DocumentResult(
                path=f"site/section-{page // 50}/page-{page}.html",
                title=f"Page {page}",
                findings=findings,
                counts=OutcomeCounts(),
            )
        )
    return AnalysisResult(documents=documents, rules=rules)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--findings", type=int, default=40, help="findings per page")
    args = parser.parse_args()

    result = build_result(args.pages, args.findings)
    total = args.pages * args.findings
    context = ReportContext(
        analysis_id="benchmark",
        session_id="benchmark",
        tool_version="0",
        created_at=datetime.now(UTC),
        finished_at=datetime.now(UTC),
    )
    print(f"{args.pages} pages, {total} findings")
    print(f"{'format':<6} {'seconds':>8} {'ms/1k findings':>15} {'MB out':>8} {'peak MB':>8}")
    for fmt in ReportFormat:
        started = time.perf_counter()
        report = render(fmt, result, context)
        elapsed = time.perf_counter() - started
        # A second render measures memory: tracemalloc slows allocation-heavy code a lot.
        tracemalloc.start()
        render(fmt, result, context)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"{fmt.value:<6} {elapsed:>8.3f} {elapsed / total * 1e6:>15.1f} "
            f"{len(report.body) / 1e6:>8.1f} {peak / 1e6:>8.1f}"
        )


if __name__ == "__main__":
    main()
