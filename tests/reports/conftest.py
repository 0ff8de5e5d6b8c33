"""Results to render: a hand-made one with every awkward case, and polyfactory-built ones."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from polyfactory import Use
from polyfactory.factories.msgspec_factory import MsgspecFactory

from accessibility_analyzer.engine.result import (
    AnalysisResult,
    DocumentResult,
    Finding,
    Impact,
    Outcome,
    OutcomeCounts,
    RuleInfo,
)
from accessibility_analyzer.reports import ReportContext
from accessibility_analyzer.reports._wcag import CRITERIA

HOSTILE_SNIPPET = (
    '<img src=x onerror="alert(1)"></code></pre><script>alert("pwned")</script><!-- --> &amp; &lt;'
)
HUGE_SNIPPET = "<div>" + "x" * 50_000 + "</div>"
CRITERION_NUMBERS = sorted(CRITERIA)


class FindingFactory(MsgspecFactory[Finding]):
    """Findings with random text, real WCAG criteria and any line (even 0 or negative)."""

    __random_seed__ = 20261128
    wcag = Use(lambda: tuple(FindingFactory.__random__.sample(CRITERION_NUMBERS, 2)))


class DocumentResultFactory(MsgspecFactory[DocumentResult]):
    """Pages with a handful of findings and no analysis error."""

    __random_seed__ = 20261128
    findings = Use(lambda: FindingFactory.batch(size=6))
    error = None


class RuleInfoFactory(MsgspecFactory[RuleInfo]):
    """Rules with random ids (mostly not the ids the random findings name)."""

    __random_seed__ = 20261128


class AnalysisResultFactory(MsgspecFactory[AnalysisResult]):
    """Results of a few pages and rules."""

    __random_seed__ = 20261128
    documents = Use(lambda: DocumentResultFactory.batch(size=3))
    rules = Use(lambda: RuleInfoFactory.batch(size=4))


def make_finding(**overrides: object) -> Finding:
    """A failed image-alt finding on line 12; keyword arguments replace fields."""
    fields: dict[str, object] = {
        "rule_id": "image-alt",
        "outcome": Outcome.FAILED,
        "impact": Impact.CRITICAL,
        "wcag": ("1.1.1",),
        "selector": "main > img.logo",
        "xpath": "/html/body/main/img[1]",
        "line": 12,
        "column": 5,
        "snippet": '<img class="logo" src="logo.png">',
        "message": "The image has no text alternative.",
        "fix_hint": "Add an alt attribute that says what the image shows.",
        "reason": None,
    }
    fields.update(overrides)
    return Finding(**fields)  # type: ignore[arg-type]


RULES = (
    RuleInfo(
        id="image-alt",
        name="Images have a text alternative",
        act_rules=("23a2a8",),
        wcag=("1.1.1",),
        level="A",
        impact=Impact.CRITICAL,
        tags=("cat.text-alternatives", "wcag2a"),
    ),
    RuleInfo(
        id="color-contrast",
        name="Text has enough contrast with its background",
        act_rules=("afw4f7",),
        wcag=("1.4.3",),
        level="AA",
        impact=Impact.SERIOUS,
        tags=("cat.color", "wcag2aa"),
    ),
    RuleInfo(
        id="button-name",
        name="Buttons have an accessible name",
        act_rules=("97a4e1",),
        wcag=("4.1.2",),
        level="A",
        impact=Impact.CRITICAL,
        tags=("cat.name-role-value",),
    ),
    RuleInfo(
        id="region",
        name="All content is inside landmarks",
        act_rules=(),
        wcag=(),
        level="",
        impact=Impact.MODERATE,
        tags=("cat.keyboard", "best-practice"),
    ),
)


def _counts(findings: list[Finding]) -> OutcomeCounts:
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
    return counts


def _document(path: str, title: str | None, findings: list[Finding]) -> DocumentResult:
    return DocumentResult(path=path, title=title, findings=findings, counts=_counts(findings))


@pytest.fixture
def edge_result() -> AnalysisResult:
    """Every awkward case in one result.

    Hostile snippets and messages, a huge snippet, unicode paths, a formula-like message,
    missing locations, a parser-inserted element without a line, a best-practice finding, a
    page without findings and a page that could not be analysed.
    """
    home = [
        make_finding(snippet=HOSTILE_SNIPPET, message='Image "<b>logo</b>" & friends'),
        make_finding(
            rule_id="color-contrast",
            outcome=Outcome.CANT_TELL,
            impact=Impact.SERIOUS,
            wcag=("1.4.3",),
            selector="p.intro",
            xpath="/html/body/main/p[1]",
            line=None,
            column=None,
            snippet=HUGE_SNIPPET,
            message='=HYPERLINK("http://evil.example","click")',
            fix_hint=None,
            reason="The background is an image; the contrast cannot be computed.",
        ),
        make_finding(
            rule_id="button-name",
            impact=Impact.MODERATE,
            wcag=("4.1.2", "1.3.1"),
            selector="tbody > tr > td > button",
            xpath="/html/body/table/tbody/tr/td/button",
            line=40,
            column=None,
            snippet="<button>\n  <svg></svg>\n</button>",
            message="+SUM(1,2) the button has no name",
            fix_hint="-1 Give the button text or an aria-label.",
        ),
        make_finding(
            rule_id="region",
            outcome=Outcome.FAILED,
            impact=Impact.MINOR,
            wcag=(),
            selector="body > div.ad",
            line=50,
            column=1,
            message="@cmd content outside landmarks",
            fix_hint="\tMove it into a landmark.",
        ),
        make_finding(outcome=Outcome.PASSED, selector="img.hero", line=20, column=3),
        make_finding(
            rule_id="button-name",
            outcome=Outcome.INAPPLICABLE,
            impact=Impact.CRITICAL,
            wcag=("4.1.2",),
            selector=None,
            xpath=None,
            line=None,
            column=None,
            snippet=None,
            message="There are no buttons.",
            fix_hint=None,
        ),
    ]
    unicode_page = [
        make_finding(
            selector="img[alt='ünïcødé 😀']",
            snippet="<img alt='ünïcødé 😀'>",
            message="Bild ohne Alternativtext: „Straße“ 😀 \x00\x07 control characters",
            line=1,
            column=1,
        )
    ]
    return AnalysisResult(
        documents=[
            _document("index.html", "Home <script>", home),
            _document("docs/über uns/seite 1.html", "Über uns", unicode_page),
            _document("/absolute/clean.html", None, []),
            DocumentResult(
                path="broken.html",
                title=None,
                findings=[],
                counts=OutcomeCounts(),
                error="Could not decode the page: <b>bad bytes</b>",
            ),
        ],
        rules=list(RULES),
    )


@pytest.fixture
def empty_result() -> AnalysisResult:
    """An analysis of no pages with no rules."""
    return AnalysisResult(documents=[], rules=[])


@pytest.fixture
def factory_results() -> list[AnalysisResult]:
    """Several random results (fixed seed)."""
    return AnalysisResultFactory.batch(size=5)


@pytest.fixture
def context() -> ReportContext:
    """Metadata of a finished analysis."""
    return ReportContext(
        analysis_id="an_0123456789",
        session_id="se_9876543210",
        tool_version="0.1.0",
        created_at=datetime(2026, 11, 28, 19, 0, 0, tzinfo=UTC),
        finished_at=datetime(2026, 11, 28, 19, 0, 42, tzinfo=UTC),
    )


@pytest.fixture
def finding() -> Callable[..., Finding]:
    """Builds a finding: a failed image-alt finding unless keyword arguments say otherwise."""
    return make_finding


@pytest.fixture
def result_of() -> Callable[..., AnalysisResult]:
    """Builds a one-page result (``index.html``) from findings, with the sample rules."""

    def build(*findings: Finding, path: str = "index.html") -> AnalysisResult:
        return AnalysisResult(
            documents=[_document(path, "Home", list(findings))], rules=list(RULES)
        )

    return build
