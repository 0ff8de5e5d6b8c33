"""The engine's output: what one analysed page yields, in the shape every consumer reads.

These structs are the contract between the engine and everything downstream (the CLI's JSON,
the job that stores results, the report renderers). They serialise to camelCase JSON with
msgspec. Changing a field here is a breaking change for all of them.
"""

from __future__ import annotations

from enum import StrEnum

import msgspec


class Outcome(StrEnum):
    """ACT / EARL outcome of one rule for one test target."""

    PASSED = "passed"
    FAILED = "failed"
    CANT_TELL = "cantTell"
    INAPPLICABLE = "inapplicable"


class Impact(StrEnum):
    """How badly a failure hurts users (axe-core's scale), most severe first."""

    CRITICAL = "critical"
    SERIOUS = "serious"
    MODERATE = "moderate"
    MINOR = "minor"

    @property
    def rank(self) -> int:
        """Severity as a number: critical 4 ... minor 1."""
        return _IMPACT_RANK[self]


_IMPACT_RANK = {Impact.CRITICAL: 4, Impact.SERIOUS: 3, Impact.MODERATE: 2, Impact.MINOR: 1}


class Mode(StrEnum):
    """How an outcome was reached (EARL ``earl:mode``)."""

    AUTOMATIC = "automatic"  # the markup decided
    SEMI_AUTO = "semiAuto"  # an oracle's answer (a person or a model) decided


DetailValue = str | int | float | bool
"""A value in :attr:`Finding.details`."""


class Finding(msgspec.Struct, frozen=True, kw_only=True, rename="camel", omit_defaults=False):
    """One rule's outcome for one test target (an element, or the page for page rules).

    ``selector``, ``xpath``, ``line``, ``column``, ``snippet`` and ``fingerprint`` are ``None``
    for an ``inapplicable`` finding, which is about the page as a whole, and for a ``passed``
    one when the analysis was asked not to locate passes (``locate_passed=False``, for output
    that only counts them; see :mod:`engine.runner`). ``line`` and ``column`` are
    1-based positions of the element's start tag in the uploaded file; they are ``None`` for
    elements the parser inserted (an implied ``<tbody>``) when no source tag can be named.

    ``mode`` says whether the markup decided the outcome or an oracle's answer did;
    ``question`` is the catalog id of the open question of a ``cantTell`` finding (see
    :mod:`engine.questions`); ``details`` holds measured values behind the outcome (for colour
    contrast: ``contrastRatio``, ``foreground``, ``background``, ``fontSize``...);
    ``fingerprint`` identifies the element across edits elsewhere in the page (baselines
    match on it, see :mod:`engine.fingerprint`).
    """

    rule_id: str
    outcome: Outcome
    impact: Impact
    wcag: tuple[str, ...]
    selector: str | None
    xpath: str | None
    line: int | None
    column: int | None
    snippet: str | None
    message: str
    fix_hint: str | None = None
    reason: str | None = None  # why the outcome is cantTell (or other diagnostic detail)
    mode: Mode = Mode.AUTOMATIC
    question: str | None = None
    details: dict[str, DetailValue] | None = None
    fingerprint: str | None = None

    @property
    def semi_auto(self) -> bool:
        """Whether an oracle's answer decided this outcome."""
        return self.mode is Mode.SEMI_AUTO


class OutcomeCounts(msgspec.Struct, kw_only=True, rename="camel"):
    """Number of findings per outcome in one document."""

    passed: int = 0
    failed: int = 0
    cant_tell: int = 0
    inapplicable: int = 0


class DocumentResult(msgspec.Struct, kw_only=True, rename="camel"):
    """Everything the engine found in one page."""

    path: str
    title: str | None
    findings: list[Finding]
    counts: OutcomeCounts
    error: str | None = None  # set when the page could not be analysed at all


class RuleInfo(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    """Public metadata of one rule, as listed in results and by `a11y rules`."""

    id: str
    name: str
    act_rules: tuple[str, ...]
    wcag: tuple[str, ...]
    level: str  # "A", "AA", "AAA", or "" for best-practice rules
    impact: Impact
    tags: tuple[str, ...]
    on_by_default: bool = True  # False: runs only when selected by id or tag


class AnalysisResult(msgspec.Struct, kw_only=True, rename="camel"):
    """Result of checking a set of pages: ``a11y check --format json`` prints exactly this."""

    documents: list[DocumentResult]
    rules: list[RuleInfo]
