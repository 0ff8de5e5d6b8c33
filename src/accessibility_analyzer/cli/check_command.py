"""`a11y check PATH...`: check pages, folders and ZIP files from the command line.

Exit codes: 0 when no failure reaches ``--fail-on``, 1 when one does, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from accessibility_analyzer.cli.inputs import InputError, PageInput, collect_pages
from accessibility_analyzer.cli.output import FORMATS, write_result
from accessibility_analyzer.engine import analyze_document
from accessibility_analyzer.engine.result import AnalysisResult, DocumentResult, Impact, Outcome
from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules import UnknownRuleError, select_rules


def register(subparsers: Any) -> None:
    """Add the `check` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check",
        help="check HTML files, folders and ZIP files for accessibility failures",
        description=(
            "Check pages for WCAG 2.2 failures. A folder or ZIP is a site: its root is the "
            "root for root-relative URLs. Exit code 1 when a failure reaches --fail-on."
        ),
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="file, folder or ZIP")
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument("--output", "-o", type=Path, help="write the report here, not to stdout")
    parser.add_argument(
        "--base-dir",
        type=Path,
        help="site root for single files (default: the file's folder)",
    )
    parser.add_argument(
        "--fail-on",
        choices=[impact.value for impact in Impact],
        default=Impact.MINOR.value,
        help="lowest impact of a failure that makes the exit code 1 (default: minor)",
    )
    parser.add_argument(
        "--rules",
        help="comma-separated rule ids to run (default: every rule that is on by default)",
    )
    parser.add_argument(
        "--tags",
        help="comma-separated tags; run rules with any of them (experimental: off by default)",
    )
    parser.add_argument("--level", choices=["A", "AA", "AAA"], help="run WCAG rules up to level")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    parser.set_defaults(handler=run)


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [item.strip() for item in value.split(",") if item.strip()]


def run(args: argparse.Namespace) -> int:
    """Check the pages and print the report; return the exit code."""
    try:
        rules = select_rules(ids=_split(args.rules), tags=_split(args.tags), level=args.level)
        pages = collect_pages(args.paths, args.base_dir)
    except (InputError, UnknownRuleError) as error:
        print(f"a11y check: {error}", file=sys.stderr)
        return 2
    if not rules:
        print("a11y check: the selection matches no rule", file=sys.stderr)
        return 2
    if not pages:
        print("a11y check: no pages (.html, .htm, .xhtml) found", file=sys.stderr)
        return 2

    started_at = datetime.now(UTC)
    show_progress = len(pages) > 1 and not args.no_progress
    documents = _check_all(pages, rules, sys.stderr if show_progress else None)
    result = AnalysisResult(documents=documents, rules=[rule.meta.info() for rule in rules])

    if args.output is not None:
        with args.output.open("w", encoding="utf-8", newline="") as handle:
            write_result(result, args.format, handle, started_at=started_at)
    else:
        write_result(result, args.format, sys.stdout, started_at=started_at)
    return 1 if _fails(result, Impact(args.fail_on)) else 0


def _check_all(
    pages: list[PageInput], rules: tuple[type[Rule], ...], progress: TextIO | None
) -> list[DocumentResult]:
    documents: list[DocumentResult] = []
    for index, page in enumerate(pages, start=1):
        document = analyze_document(page.read(), path=page.site_path, site=page.site, rules=rules)
        document.path = page.display
        documents.append(document)
        if progress is not None:
            _draw_progress(progress, index, len(pages), page.display)
    if progress is not None and progress.isatty():
        progress.write("\n")  # end the bar's line
        progress.flush()
    return documents


def _draw_progress(stream: TextIO, done: int, total: int, current: str) -> None:
    width = 30
    filled = width * done // total
    bar = "#" * filled + "-" * (width - filled)
    name = current if len(current) <= 40 else "…" + current[-39:]
    if stream.isatty():
        stream.write(f"\r[{bar}] {done}/{total} {name:<40}")
    elif done == total or done % max(1, total // 10) == 0:
        # Not a terminal (CI logs): a line per tenth, not one per page.
        stream.write(f"[{bar}] {done}/{total}\n")
    stream.flush()


def _fails(result: AnalysisResult, threshold: Impact) -> bool:
    return any(
        finding.outcome is Outcome.FAILED and finding.impact.rank >= threshold.rank
        for document in result.documents
        for finding in document.findings
    )
