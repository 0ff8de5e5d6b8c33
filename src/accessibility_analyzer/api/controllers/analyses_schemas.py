"""Request and response bodies of the analyses, findings and report endpoints.

camelCase JSON (msgspec ``rename="camel"``), frozen, keyword-only, like every API schema.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

from accessibility_analyzer.reports import ReportFormat

Level = Literal["A", "AA", "AAA"]
Status = Literal["queued", "running", "completed", "failed"]
OutcomeName = Literal["passed", "failed", "cantTell", "inapplicable"]
ModeName = Literal["automatic", "semiAuto"]
ImpactName = Literal["critical", "serious", "moderate", "minor"]
FormatName = ReportFormat
"""The ``format`` of a report: every format of the report registry (``reports.FORMATS``)."""

_RuleId = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
_Tag = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]


class ApiStruct(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    """Base of these bodies."""


class AnalysisRequest(ApiStruct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Which rules to run; every filter is optional and all given ones must hold.

    With no body (or an empty one) every rule runs.
    """

    rules: Annotated[list[_RuleId], msgspec.Meta(max_length=500)] | None = None
    """Rule ids to run (``image-alt``); an unknown id is refused with 400."""
    tags: Annotated[list[_Tag], msgspec.Meta(max_length=100)] | None = None
    """Keep rules carrying at least one of these tags (``wcag2aa``, ``cat.aria``)."""
    level: Level | None = None
    """Keep WCAG rules of this conformance level or below."""
    suggestions: bool = False
    """After the analysis, compute a fix suggestion for every failure (LLM, re-checked by
    the engine; the rule's hint without an LLM). Progress: ``suggestions`` of the analysis."""
    oracle: Literal["llm"] | None = None
    """``llm``: the configured model answers the rules' judgement questions; findings it
    decides are ``semiAuto`` with its reason."""


class Progress(ApiStruct, frozen=True, kw_only=True):
    """How far an analysis is."""

    pages_done: int
    pages_total: int
    percent: float


class AnalysisLinks(ApiStruct, frozen=True, kw_only=True):
    """Where to read the analysis and its results."""

    self: str
    findings: str
    report: str


class AnalysisOut(ApiStruct, frozen=True, kw_only=True):
    """An analysis: status, progress, timings and (once completed) its summary."""

    id: str
    session_id: str
    status: Status
    progress: Progress
    options: dict[str, Any]
    attempt: int
    error: str | None
    waiting_reason: str | None = None
    """Why a queued analysis has not started (no worker alive, the queue unreachable, its job
    queued again after it was lost) or a running one makes no progress (its worker died and
    no other is alive); ``null`` when nothing holds it up."""
    summary: dict[str, Any] | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    duration_seconds: float | None
    """Seconds from start to finish (to now while running); ``None`` before it starts."""
    links: AnalysisLinks
    suggestions: SuggestionProgress | None = None
    """With ``{"suggestions": true}``: failures that have their suggestion so far."""


class SuggestionProgress(ApiStruct, frozen=True, kw_only=True):
    """How far the background suggestions of an analysis are."""

    done: int
    total: int | None
    """``None`` until the analysis has completed and its failures are counted."""


class FindingOut(ApiStruct, frozen=True, kw_only=True):
    """One finding of an analysis, with the page it is on."""

    id: int
    document_id: str
    path: str
    rule_id: str
    outcome: OutcomeName
    impact: ImpactName
    wcag: list[str]
    selector: str | None
    xpath: str | None
    line: int | None
    column: int | None
    snippet: str | None
    message: str
    fix_hint: str | None
    reason: str | None
    mode: ModeName
    """``automatic`` (the markup decided) or ``semiAuto`` (an oracle's answer decided)."""
    semi_auto: bool
    """Whether an oracle's answer (a person or the LLM) decided this outcome."""
    question: str | None
    """For ``cantTell``: the id of the question that would decide it (``GET /api/v1/rules``)."""
    details: dict[str, str | int | float | bool] | None
    """Measured values behind the outcome (colour contrast: ``contrastRatio``, colours...)."""
    fingerprint: str | None
    """Identifies the element across edits elsewhere in the page (baselines match on it)."""


class FindingsPage(ApiStruct, frozen=True, kw_only=True):
    """A page of findings: ``total`` counts every finding matching the filters."""

    items: list[FindingOut]
    total: int
    limit: int
    offset: int
    next_offset: int | None
    """Offset of the next page, ``None`` on the last one (and when paging by cursor)."""
    next_cursor: str | None = None
    """Opaque cursor of the next page (pass it as ``cursor``), ``None`` on the last one."""
