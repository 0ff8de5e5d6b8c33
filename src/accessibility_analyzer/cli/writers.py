"""How `a11y check` writes its results: the service's streaming report writers, fed one page
at a time as pages finish.

Every format (:data:`FORMATS`: text, json, jsonl, html, sarif, csv, earl) is a
:class:`~accessibility_analyzer.reports.writer.ReportWriter`: its ``start`` goes out before the
first page, each page's part as soon as the page is checked, and ``finish`` (totals, summary,
closing brackets) after the last. No page is kept once written, so output of any size needs
the memory of one page.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import BinaryIO

from accessibility_analyzer import __version__
from accessibility_analyzer.engine.result import DocumentResult, RuleInfo
from accessibility_analyzer.reports.model import ReportContext
from accessibility_analyzer.reports.registry import FORMAT_NAMES, ReportFormat, open_writer
from accessibility_analyzer.reports.writer import ReportHeader

FORMATS: tuple[str, ...] = tuple(str(name) for name in FORMAT_NAMES)  # plain names for argparse


def lists_passed(fmt: str, *, include_passed: bool) -> bool:
    """Whether the output shows passed findings (else the engine need not locate them)."""
    return ReportFormat(fmt).spec.lists_passed(include_passed=include_passed)


class PageOutput:
    """One report being written to a binary stream, page by page.

    Args:
        stream: where the bytes go (``sys.stdout.buffer``, a file opened ``"wb"``).
        fmt: one of :data:`FORMATS`.
        rules: the rules run, in order.
        pages: every page's name in output order (the HTML report's contents come first).
        include_passed: list passed and inapplicable findings where a format makes it optional.
    """

    def __init__(
        self,
        stream: BinaryIO,
        fmt: str,
        rules: Sequence[RuleInfo],
        *,
        pages: Sequence[str] | None = None,
        include_passed: bool = False,
    ) -> None:
        self.stream = stream
        self.started_at = datetime.now(UTC)
        # A CLI run is its own analysis and session: ids are fresh, so reports stay unambiguous.
        run_id = uuid.uuid4().hex
        self.context = ReportContext(
            analysis_id=run_id,
            session_id=run_id,
            tool_version=__version__,
            created_at=self.started_at,
            finished_at=None,
        )
        self.writer = open_writer(fmt, include_passed=include_passed)
        stream.write(self.writer.start(ReportHeader(context=self.context, rules=rules,
                                                    pages=pages)))  # fmt: skip

    def page(self, document: DocumentResult) -> None:
        """Write one page (in the order pages should appear)."""
        chunk = self.writer.document(document)
        if chunk:
            self.stream.write(chunk)

    def close(self) -> None:
        """Write the end of the report and flush."""
        self.stream.write(self.writer.finish())
        self.stream.flush()
