"""What a writer is given besides the pages (the context), and what ``render`` hands back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import msgspec

from accessibility_analyzer.reports.summary import ReportSummary

DEFAULT_TOOL_NAME = "Accessibility Analyzer"


class ReportContext(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    """Metadata about the analysis that a report states next to the engine's findings.

    Attributes:
        analysis_id: id of the analysis the report is about.
        session_id: id of the session the analysed pages were uploaded into.
        tool_version: version of the analyzer that produced the findings.
        created_at: when the analysis was requested (timezone-aware).
        finished_at: when it completed; ``None`` while it has not.
        tool_name: display name of the analyzer.
        tool_information_uri: absolute URI of the tool's documentation (SARIF
            ``informationUri``); omitted from reports when ``None``.
        summary: precomputed :func:`~accessibility_analyzer.reports.summarize` of the result
            (a job may have stored it); computed from the result when ``None``.
        base_uri: absolute URI that page paths are relative to (for example where the site
            is served), ending in ``/``. SARIF states it as ``%SRCROOT%`` and EARL joins it
            with each path into the page URL. ``None`` keeps paths relative.
        rule_help_uri: URI prefix of rule documentation; a rule's help link is this prefix
            followed by its id (``https://host/api/v1/rules/``). SARIF accepts only absolute
            help links, so a relative prefix (``/api/v1/rules/``) is kept in the rule's
            properties and the help link falls back to the W3C page of the rule's first ACT
            rule or WCAG criterion, as it does for ``None``.
    """

    analysis_id: str
    session_id: str
    tool_version: str
    created_at: datetime
    finished_at: datetime | None = None
    tool_name: str = DEFAULT_TOOL_NAME
    tool_information_uri: str | None = None
    summary: ReportSummary | None = None
    base_uri: str | None = None
    rule_help_uri: str | None = None


@dataclass(frozen=True, slots=True)
class RenderedReport:
    """A report ready to send: its bytes, ``Content-Type`` and a download file name."""

    body: bytes
    media_type: str
    filename: str
