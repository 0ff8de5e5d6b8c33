"""What `a11y check` reports for one page: the engine's result, slimmed, with counts per rule.

Most findings of a real site are ``passed`` (94% of the JSON of 1,548 pages), and nobody reads
them one by one; by default a page keeps its failed and cantTell findings, and the number of
findings of each outcome per rule (``ruleCounts``) says what passed and what did not apply.
``--include-passed`` (and EARL, whose ACT reports need every outcome) keeps them all.
"""

from __future__ import annotations

import msgspec

from accessibility_analyzer.engine.result import DocumentResult, Finding, Outcome, OutcomeCounts

_REPORTED = frozenset({Outcome.FAILED, Outcome.CANT_TELL})


class CheckedPage(msgspec.Struct, kw_only=True, rename="camel"):
    """One page as `a11y check --format json`/`jsonl` prints it.

    Attributes:
        path: the page as named on the command line (``site.zip!a/b.html`` inside a ZIP).
        title: the page's title.
        findings: failed and cantTell findings (every finding with ``--include-passed``).
        counts: findings per outcome, all of them, whatever ``findings`` keeps.
        rule_counts: findings per outcome for each rule run, in rule order.
        error: set when the page could not be analysed at all.
    """

    path: str
    title: str | None
    findings: list[Finding]
    counts: OutcomeCounts
    rule_counts: dict[str, OutcomeCounts]
    error: str | None = None

    def document(self) -> DocumentResult:
        """The page as the engine's result shape (what the report renderers take)."""
        return DocumentResult(
            path=self.path,
            title=self.title,
            findings=self.findings,
            counts=self.counts,
            error=self.error,
        )


def checked_page(document: DocumentResult, *, keep_all: bool) -> CheckedPage:
    """Slim ``document`` (unless ``keep_all``) and count its findings per rule."""
    rule_counts: dict[str, OutcomeCounts] = {}
    for finding in document.findings:
        counts = rule_counts.get(finding.rule_id)
        if counts is None:
            counts = rule_counts[finding.rule_id] = OutcomeCounts()
        outcome = finding.outcome
        if outcome is Outcome.PASSED:
            counts.passed += 1
        elif outcome is Outcome.FAILED:
            counts.failed += 1
        elif outcome is Outcome.CANT_TELL:
            counts.cant_tell += 1
        else:
            counts.inapplicable += 1
    findings = (
        document.findings
        if keep_all
        else [finding for finding in document.findings if finding.outcome in _REPORTED]
    )
    return CheckedPage(
        path=document.path,
        title=document.title,
        findings=findings,
        counts=document.counts,
        rule_counts=rule_counts,
        error=document.error,
    )


PAGE_ENCODER = msgspec.msgpack.Encoder()
PAGE_DECODER = msgspec.msgpack.Decoder(CheckedPage)
