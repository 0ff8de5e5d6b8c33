"""Run rules over a page and turn their verdicts into findings.

The runner is the only place that knows the result shape: rules return verdicts, and the
runner adds location (selector, XPath, line, column, snippet, fingerprint) and metadata
(impact, WCAG).

Locating is most of the cost of a finding, and about 94% of findings pass. A consumer that
only counts passes (``a11y check``'s text, HTML, SARIF and default JSON output) asks with
``locate_passed=False``: passed findings then carry no location (those fields are ``None``),
and everything else is the same. Whoever lists passes (EARL, CSV, ``--include-passed``, the
service, which stores every finding for later reports) keeps the default.

The engine is pure, so a rule that raises is not logged here: it becomes a ``cantTell``
finding naming the exception type, and the other rules of the page still run.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from accessibility_analyzer.engine._gc import gc_paused
from accessibility_analyzer.engine.dom import Element, Page, Site
from accessibility_analyzer.engine.fingerprint import fingerprint
from accessibility_analyzer.engine.locate import css_selector, snippet, xpath
from accessibility_analyzer.engine.parse import parse_page
from accessibility_analyzer.engine.result import (
    DocumentResult,
    Finding,
    Mode,
    Outcome,
    OutcomeCounts,
)
from accessibility_analyzer.engine.rule import Diagnostic, NoOracle, Oracle, Rule, Verdict

INAPPLICABLE_MESSAGE = "No element matches the rule's applicability"
INTERNAL_ERROR_MESSAGE = "The rule could not be evaluated here; check this element by hand"
_INTERNAL_ERROR = Diagnostic.cant_tell(INTERNAL_ERROR_MESSAGE)
_WHITESPACE = re.compile(r"[\t\n\f\r ]+")


def document_title(page: Page) -> str | None:
    """The page's title as ``document.title`` reads it (first HTML ``<title>``, collapsed)."""
    for element in page.by_tag("title"):
        if element.is_html:
            return _WHITESPACE.sub(" ", element.text_content()).strip()
    return None


def _finding(
    page: Page, rule: type[Rule], target: Element, verdict: Verdict, *, located: bool = True
) -> Finding:
    meta = rule.meta
    diagnostic = verdict.diagnostic
    return Finding(
        rule_id=meta.id,
        outcome=diagnostic.outcome,
        impact=meta.impact,
        wcag=meta.wcag,
        selector=css_selector(page, target) if located else None,
        xpath=xpath(target, page) if located else None,
        line=target.line if located else None,
        column=target.column if located else None,
        snippet=snippet(page, target) if located else None,
        message=diagnostic.message,
        fix_hint=diagnostic.fix_hint,
        reason=verdict.reason,
        mode=Mode.SEMI_AUTO if verdict.semi_auto else Mode.AUTOMATIC,
        question=verdict.question.id if verdict.question is not None else None,
        details=dict(verdict.details) if verdict.details else None,
        fingerprint=fingerprint(page, meta.id, target) if located else None,
    )


class _SharedPasses:
    """Unlocated passes of one rule on one page: one finding object per distinct verdict.

    Without a location, the passes of a rule are mostly equal (same message, no reason), and
    findings are immutable: the list holds the same object many times (a 100,000-element
    page holds ~190,000 such passes). Passes with measured details are built one by one.
    """

    def __init__(self, rule: type[Rule]) -> None:
        self.rule = rule
        # (diagnostic's id, reason, semi_auto) -> (the diagnostic, kept alive so that its id
        # is not reused by another one, and its finding)
        self.known: dict[tuple[int, str | None, bool], tuple[Diagnostic, Finding]] = {}

    def finding(self, page: Page, target: Element, verdict: Verdict) -> Finding:
        """The unlocated finding of a passed ``verdict`` on ``target``."""
        if verdict.details or verdict.question is not None:
            return _finding(page, self.rule, target, verdict, located=False)
        key = (id(verdict.diagnostic), verdict.reason, verdict.semi_auto)
        known = self.known.get(key)
        if known is None:
            finding = _finding(page, self.rule, target, verdict, located=False)
            known = self.known[key] = (verdict.diagnostic, finding)
        return known[1]


def _internal_error(page: Page, rule: type[Rule], target: Element, error: Exception) -> Finding:
    reason = f"internal error in rule: {type(error).__name__}"
    return _finding(page, rule, target, Verdict(_INTERNAL_ERROR, reason))


def _inapplicable(rule: type[Rule]) -> Finding:
    meta = rule.meta
    return Finding(
        rule_id=meta.id,
        outcome=Outcome.INAPPLICABLE,
        impact=meta.impact,
        wcag=meta.wcag,
        selector=None,
        xpath=None,
        line=None,
        column=None,
        snippet=None,
        message=INAPPLICABLE_MESSAGE,
    )


def run_rule(
    page: Page, rule: type[Rule], oracle: Oracle, *, locate_passed: bool = True
) -> list[Finding]:
    """Findings of one rule on one page (never raises).

    With ``locate_passed=False`` passed findings carry no location (see the module docstring).
    The garbage collector is paused meanwhile (see :mod:`engine._gc`): semantics computed
    on demand (styles, roles, names) are memoised on the page and live as long as it does.
    """
    with gc_paused():
        return _run_rule(page, rule, oracle, locate_passed)


def _run_rule(page: Page, rule: type[Rule], oracle: Oracle, locate_passed: bool) -> list[Finding]:
    instance = rule()
    try:
        targets: list[Element] = []
        seen: set[int] = set()
        for target in instance.applicability(page):
            if target.order not in seen:  # a target is tested once
                seen.add(target.order)
                targets.append(target)
    except Exception as error:  # a bug in one rule must not lose the page
        return [_internal_error(page, rule, page.root, error)]
    if not targets:
        return [_inapplicable(rule)]
    findings: list[Finding] = []
    shared = _SharedPasses(rule)
    for target in targets:
        try:
            verdict = instance.expect(page, target, oracle)
        except Exception as error:
            findings.append(_internal_error(page, rule, target, error))
        else:
            if locate_passed or verdict.diagnostic.outcome is not Outcome.PASSED:
                findings.append(_finding(page, rule, target, verdict))
            else:
                findings.append(shared.finding(page, target, verdict))
    if any(later.order < earlier.order for earlier, later in itertools.pairwise(targets)):
        # Findings come in document order whatever order the rule yields its targets in (a
        # rule walking a set of tag names would otherwise order them by the process's string
        # hash seed, and `a11y check --jobs 2` would differ from `--jobs 1`). The targets
        # were still tested in the rule's order, which a rule may rely on.
        ranked = sorted(range(len(targets)), key=lambda index: targets[index].order)
        findings = [findings[index] for index in ranked]
    return findings


def count_outcomes(findings: Sequence[Finding]) -> OutcomeCounts:
    """Number of findings per outcome."""
    counts = OutcomeCounts()
    for finding in findings:
        if finding.outcome is Outcome.PASSED:
            counts.passed += 1
        elif finding.outcome is Outcome.FAILED:
            counts.failed += 1
        elif finding.outcome is Outcome.CANT_TELL:
            counts.cant_tell += 1
        else:
            counts.inapplicable += 1
    return counts


def check_page(
    page: Page,
    rules: Sequence[type[Rule]],
    oracle: Oracle | None = None,
    *,
    locate_passed: bool = True,
) -> DocumentResult:
    """Run ``rules`` over ``page``: one finding per rule and target, or one inapplicable.

    Args:
        page: the parsed page.
        rules: rule classes, in the order their findings should appear.
        oracle: answers judgement questions; without one they are ``cantTell``.
        locate_passed: give passed findings their location (``False``: for a consumer that
            only counts passes; see the module docstring).
    """
    answers = oracle if oracle is not None else NoOracle()
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(run_rule(page, rule, answers, locate_passed=locate_passed))
    return DocumentResult(
        path=page.path,
        title=document_title(page),
        findings=findings,
        counts=count_outcomes(findings),
    )


def analyze_document(
    source: bytes,
    *,
    path: str,
    site: Site | None = None,
    rules: Sequence[type[Rule]],
    oracle: Oracle | None = None,
    locate_passed: bool = True,
) -> DocumentResult:
    """Parse and check one page; never raises (a failure is reported in ``error``).

    ``locate_passed=False`` leaves passed findings without location (see the module
    docstring).

    The page never leaves this function, so its tree is taken apart afterwards (see
    :func:`release_page`): its memory returns at once instead of at the next full
    collection. The garbage collector is paused for the whole page: nearly everything the
    analysis builds (the tree, styles, memoised semantics) lives exactly as long as the page,
    so collections between its rules only traversed it again and again (~12% of the
    corpus's time); released, it is freed by reference counting before any collection.
    """
    page: Page | None = None
    with gc_paused():
        try:
            page = parse_page(source, path=path, site=site)
            return check_page(page, rules, oracle, locate_passed=locate_passed)
        except Exception as error:
            return DocumentResult(
                path=path,
                title=None,
                findings=[],
                counts=OutcomeCounts(),
                error=f"internal error: {type(error).__name__}",
            )
        finally:
            if page is not None:
                release_page(page)


def release_page(page: Page) -> None:
    """Break the reference cycles of a page nobody will read again.

    Parent and child links (and the memo tables, whose style index points back at the page)
    make a page cyclic garbage, which only the collector's full passes free, some pages
    later. Without the cycles, reference counting frees it when the last reference goes.
    """
    page.memo.clear()
    page.element_memo.clear()
    for element in page.elements:
        element.parent = None
        element.children = []
