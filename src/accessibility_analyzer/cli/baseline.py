"""Baselines: report only the failures that an earlier run did not already have.

A baseline is an earlier ``a11y check --format json`` output (``--write-baseline`` writes one).
A failure is "already known" when the baseline has a failure of the same rule, on the page of
the same path, with the same element fingerprint (which survives edits elsewhere in the page;
a line number would not). Identical elements share a fingerprint, so the baseline counts them:
a third ``<a href="#">more</a>`` failing where the baseline had two is one new failure.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import msgspec

from accessibility_analyzer.engine.result import DocumentResult, Finding, Outcome
from accessibility_analyzer.engine.runner import count_outcomes


class BaselineError(Exception):
    """The baseline file cannot be read."""


class _Finding(msgspec.Struct, rename="camel"):
    rule_id: str
    outcome: str
    selector: str | None = None
    fingerprint: str | None = None


class _Document(msgspec.Struct):
    path: str
    findings: list[_Finding] = []


class _Result(msgspec.Struct):
    documents: list[_Document]


_Key = tuple[str, str, str]


def _key(rule_id: str, path: str, fingerprint: str | None, selector: str | None) -> _Key:
    # Findings without a fingerprint (baselines of older versions) fall back to the selector.
    return (rule_id, path, fingerprint or f"selector:{selector or ''}")


def finding_key(path: str, finding: Finding) -> _Key:
    """What identifies ``finding`` of the page at ``path`` across runs."""
    return _key(finding.rule_id, path, finding.fingerprint, finding.selector)


class Baseline:
    """The known failures, counted per (rule, page path, fingerprint)."""

    def __init__(self, known: Counter[_Key]) -> None:
        self._known = known
        self.matched = 0

    @classmethod
    def read(cls, path: Path) -> Baseline:
        """Read a ``--format json`` output.

        Raises:
            BaselineError: the file is missing or is not such an output.
        """
        try:
            result = msgspec.json.decode(path.read_bytes(), type=_Result)
        except OSError as error:
            raise BaselineError(f"{path}: cannot read the baseline ({error.strerror})") from error
        except msgspec.DecodeError as error:
            raise BaselineError(
                f"{path}: not an `a11y check --format json` output ({error})"
            ) from error
        known: Counter[_Key] = Counter(
            _key(finding.rule_id, document.path, finding.fingerprint, finding.selector)
            for document in result.documents
            for finding in document.findings
            if finding.outcome == Outcome.FAILED
        )
        return cls(known)

    def new_failures_only(self, page: DocumentResult) -> DocumentResult:
        """``page`` without the failures the baseline knows; its counts count what is left."""
        kept: list[Finding] = []
        for finding in page.findings:
            if finding.outcome is Outcome.FAILED:
                key = finding_key(page.path, finding)
                if self._known[key] > 0:
                    self._known[key] -= 1
                    self.matched += 1
                    continue
            kept.append(finding)
        if len(kept) != len(page.findings):
            page.findings = kept
            page.counts = count_outcomes(kept)
        return page
