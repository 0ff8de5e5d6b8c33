"""The streaming writer protocol every report format implements.

A report is written in three steps, each returning the bytes to send or write next, so no
format ever holds more than one page's findings::

    writer = open_writer("sarif", include_passed=False)
    out.write(writer.start(ReportHeader(context=context, rules=rules)))
    for document in documents:            # pages in report order, one at a time
        out.write(writer.document(document))
    out.write(writer.finish())            # counts gathered on the way (summary, totals)

:func:`~accessibility_analyzer.reports.iter_report` runs those steps over an iterable of
pages. A writer is used once: ``start`` exactly once, then ``document`` any number of times,
then ``finish`` exactly once.

Suggestions (issue 8) hook in per page: ``document(page, suggestions={index: {...}})`` maps the
index of a finding in ``page.findings`` to a JSON-ready mapping that the JSON, JSON Lines and
HTML formats show next to that finding (``suggestion``); other formats ignore it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from accessibility_analyzer.engine.result import DocumentResult, Finding, Outcome, RuleInfo
from accessibility_analyzer.reports.model import ReportContext

SuggestionValue = str | int | float | bool | None
Suggestion = Mapping[str, SuggestionValue]
"""A suggestion shown next to one finding: JSON-ready keys and values (issue 8 fills it)."""

Suggestions = Mapping[int, Suggestion]
"""Suggestions of one page, keyed by the finding's index in ``DocumentResult.findings``."""

PROBLEM_OUTCOMES = frozenset({Outcome.FAILED, Outcome.CANT_TELL})
"""Outcomes a report always lists; ``passed`` and ``inapplicable`` may be only counted."""


@dataclass(frozen=True, slots=True)
class ReportHeader:
    """What a report states before its pages.

    Attributes:
        context: analysis metadata (ids, times, tool, base URI; optionally a precomputed
            summary, which the HTML report then shows before the pages).
        rules: metadata of the rules that ran, in report order.
        pages: every page path in the order the pages will come, when the caller knows them
            up front (the HTML report's table of contents then precedes the pages; without
            it the contents follow them).
    """

    context: ReportContext
    rules: Sequence[RuleInfo]
    pages: Sequence[str] | None = None


class ReportWriter(ABC):
    """One report being written: ``start`` once, ``document`` per page, ``finish`` once.

    Each call returns the next bytes of the report (possibly empty). The concatenation of
    every returned chunk is the whole report.
    """

    def __init__(self, *, include_passed: bool = False) -> None:
        """``include_passed`` lists passed and inapplicable findings in formats where they
        are optional (JSON, JSON Lines); formats that always keep or never list them ignore it.
        """
        self.include_passed = include_passed

    @abstractmethod
    def start(self, header: ReportHeader) -> bytes:
        """The report's beginning: metadata and rules."""

    @abstractmethod
    def document(self, document: DocumentResult, suggestions: Suggestions | None = None) -> bytes:
        """One page's part of the report.

        Args:
            document: the page's result with all its findings (every outcome).
            suggestions: optional suggestions by finding index (see the module docstring).
        """

    @abstractmethod
    def finish(self) -> bytes:
        """The report's end: whatever was counted along the way, closing brackets."""


def listed(finding: Finding, include_passed: bool) -> bool:
    """Whether a finding is listed (not only counted) by a format with optional passes."""
    return include_passed or finding.outcome in PROBLEM_OUTCOMES
