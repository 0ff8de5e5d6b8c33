"""SARIF 2.1.0 report, shaped for GitHub code scanning and other SARIF viewers.

One run. ``tool.driver.rules`` lists every rule of the result; each ``failed`` finding is a
result of kind ``fail`` (level ``error`` for critical and serious impact, ``warning``
otherwise), each ``cantTell`` finding a result of kind ``review``. SARIF §3.27.10 requires
``level`` ``none`` whenever ``kind`` is not ``fail``, so review results say ``none`` and carry
``properties.outcome = "cantTell"``. ``passed`` and ``inapplicable`` findings are not
results: SARIF viewers show every result as something to act on.

Locations are the page path relative to ``%SRCROOT%`` (the site root; stated in
``originalUriBaseIds`` when the context gives a base URI) with the start tag's line and
column. GitHub rejects regions without a line, so a finding without a line gets no region.
``partialFingerprints`` hold a hash of rule, path and selector, so a finding keeps its
identity when lines shift, and the engine's element fingerprint when the finding has one.
A finding an oracle's answer decided says ``properties.mode = "semiAuto"``; measured values
(``details``, such as a contrast ratio) are in ``properties.details``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from accessibility_analyzer.engine.result import (
    DocumentResult,
    Finding,
    Impact,
    Outcome,
    RuleInfo,
)
from accessibility_analyzer.reports._text import (
    directory_uri,
    encode_json,
    relative_page_uri,
    scrub,
    shorten,
)
from accessibility_analyzer.reports._wcag import CRITERIA, describe
from accessibility_analyzer.reports.model import ReportContext
from accessibility_analyzer.reports.writer import ReportHeader, ReportWriter, Suggestions

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SOURCE_ROOT = "%SRCROOT%"
FINGERPRINT_KEY = "a11yFindingHash/v1"
ELEMENT_FINGERPRINT_KEY = "a11yElement/v1"
"""The engine's element fingerprint (rule, start tag, bounded ancestry): survives edits
elsewhere in the page, so code scanning matches a finding across runs even when the
selector changes."""
ACT_RULE_PAGE = "https://www.w3.org/WAI/standards-guidelines/act/rules/{act_id}/"

_ERROR_IMPACTS = frozenset({Impact.CRITICAL, Impact.SERIOUS})
_NOT_IDENTIFIER = re.compile(r"[^0-9A-Za-z]+")

JsonObject = dict[str, Any]


def failure_level(impact: Impact) -> str:
    """SARIF ``level`` of a failed finding: ``error`` for critical/serious, else ``warning``."""
    return "error" if impact in _ERROR_IMPACTS else "warning"


def finding_fingerprint(rule_id: str, path: str, selector: str | None) -> str:
    """Stable hash of what identifies a finding across runs: rule, page and element."""
    material = "\x1f".join((rule_id, path, selector or ""))
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()


class SarifWriter(ReportWriter):
    """The SARIF log, results written as the pages come.

    The run object states ``results`` first and ``tool`` after them: a result may name a
    rule id missing from the header's rules (an older stored result), whose descriptor is
    then appended, so the rule list is complete only at the end. Key order has no meaning
    in JSON, so viewers read it as before.
    """

    def __init__(self, *, include_passed: bool = False) -> None:
        """See :class:`ReportWriter` (SARIF never lists passes: every result is work)."""
        super().__init__(include_passed=include_passed)
        self._context: ReportContext | None = None
        self._rules: list[RuleInfo] = []
        self._rule_index: dict[str, int] = {}
        self._failed_pages: list[str] = []
        self._errors: list[str] = []
        self._first = True

    def start(self, header: ReportHeader) -> bytes:
        """The log's envelope up to the opening of the run's ``results``."""
        context = header.context
        self._context = context
        for rule in header.rules:
            if rule.id not in self._rule_index:  # the schema wants descriptors unique
                self._add_rule(rule)
        run: JsonObject = {
            "automationDetails": {"id": f"accessibility/{scrub(context.analysis_id)}"},
            "columnKind": "unicodeCodePoints",
            "properties": {"analysisId": context.analysis_id, "sessionId": context.session_id},
        }
        if context.base_uri:
            # SARIF §3.14.14: a base URI ends with a slash, or relative paths replace its
            # last part.
            run["originalUriBaseIds"] = {SOURCE_ROOT: {"uri": directory_uri(context.base_uri)}}
        envelope = encode_json({"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION})
        return envelope[:-1] + b',"runs":[' + encode_json(run)[:-1] + b',"results":['

    def document(self, document: DocumentResult, suggestions: Suggestions | None = None) -> bytes:
        """The page's failed and cantTell findings as results."""
        del suggestions
        if document.error:
            self._failed_pages.append(document.path)
            self._errors.append(document.error)
        results = [
            encode_json(_result(document.path, finding, self._index_of(finding)))
            for finding in document.findings
            if finding.outcome in (Outcome.FAILED, Outcome.CANT_TELL)
        ]
        if not results:
            return b""
        separator = b"" if self._first else b","
        self._first = False
        return separator + b",".join(results)

    def finish(self) -> bytes:
        """The tool with every rule descriptor, the invocation, and the closing brackets."""
        context = self._context
        if context is None:
            raise RuntimeError("finish() before start()")
        driver: JsonObject = {
            "name": context.tool_name,
            "version": context.tool_version,
            "rules": [_rule_descriptor(rule, context) for rule in self._rules],
        }
        if context.tool_information_uri:
            driver["informationUri"] = context.tool_information_uri
        invocation = _invocation(context, zip(self._failed_pages, self._errors, strict=True))
        return b"".join(
            (
                b'],"tool":',
                encode_json({"driver": driver}),
                b',"invocations":[',
                encode_json(invocation),
                b"]}]}",
            )
        )

    def _add_rule(self, rule: RuleInfo) -> int:
        self._rule_index[rule.id] = len(self._rules)
        self._rules.append(rule)
        return self._rule_index[rule.id]

    def _index_of(self, finding: Finding) -> int:
        index = self._rule_index.get(finding.rule_id)
        if index is not None:
            return index
        # Every result must point at a descriptor (``ruleIndex``): a rule only a finding
        # names gets a minimal one.
        return self._add_rule(
            RuleInfo(
                id=finding.rule_id,
                name=finding.rule_id,
                act_rules=(),
                wcag=finding.wcag,
                level="",
                impact=finding.impact,
                tags=(),
            )
        )


def _rule_descriptor(rule: RuleInfo, context: ReportContext) -> JsonObject:
    criteria = ", ".join(describe(sc) for sc in rule.wcag) or "none (best practice)"
    act = ", ".join(rule.act_rules) or "none"
    descriptor: JsonObject = {
        "id": rule.id,
        "name": _NOT_IDENTIFIER.sub(" ", rule.id).title().replace(" ", ""),
        "shortDescription": {"text": rule.name},
        "fullDescription": {
            "text": f"{rule.name}. WCAG 2.2 success criteria: {criteria}. ACT rules: {act}."
        },
        "defaultConfiguration": {"level": failure_level(rule.impact)},
        "properties": {
            # The schema wants tags unique; dict.fromkeys keeps the first of each, in order.
            "tags": list(
                dict.fromkeys(["accessibility", *(f"WCAG {sc}" for sc in rule.wcag), *rule.tags])
            ),
            "impact": str(rule.impact),
            "wcag": list(rule.wcag),
            "wcagLevel": rule.level,
            "actRules": list(rule.act_rules),
            "problem.severity": "error" if rule.impact in _ERROR_IMPACTS else "warning",
        },
    }
    help_uri = _help_uri(rule, context)
    if help_uri:
        descriptor["helpUri"] = help_uri
    if context.rule_help_uri and not _is_absolute(context.rule_help_uri):
        # A relative docs path (the API's own /api/v1/rules/) is kept where viewers ignore it.
        descriptor["properties"]["documentation"] = f"{context.rule_help_uri}{rule.id}"
    return descriptor


def _help_uri(rule: RuleInfo, context: ReportContext) -> str | None:
    """The rule's documentation link; SARIF requires an absolute URI (§3.49.12)."""
    if context.rule_help_uri and _is_absolute(context.rule_help_uri):
        return f"{context.rule_help_uri}{rule.id}"
    if rule.act_rules:
        return ACT_RULE_PAGE.format(act_id=rule.act_rules[0])
    known = [CRITERIA[sc] for sc in rule.wcag if sc in CRITERIA]
    if known:
        return f"https://www.w3.org/WAI/WCAG22/Understanding/{known[0].id}.html"
    return None


def _is_absolute(uri: str) -> bool:
    parts = urlsplit(uri)
    return bool(parts.scheme and parts.netloc)


def _result(path: str, finding: Finding, rule_index: int) -> JsonObject:
    review = finding.outcome == Outcome.CANT_TELL
    # Code scanning rejects results with an empty message.
    text = finding.message.strip() or f"Rule {finding.rule_id} {finding.outcome}."
    if finding.fix_hint:
        text = f"{text} Fix: {finding.fix_hint}"
    if review and finding.reason:
        text = f"{text} Needs review: {finding.reason}"
    physical: JsonObject = {
        "artifactLocation": {"uri": relative_page_uri(path), "uriBaseId": SOURCE_ROOT}
    }
    if finding.line is not None and finding.line >= 1:
        region: JsonObject = {"startLine": finding.line}
        if finding.column is not None and finding.column >= 1:
            region["startColumn"] = finding.column
        if finding.snippet:
            region["snippet"] = {"text": shorten(finding.snippet)}
        physical["region"] = region
    location: JsonObject = {"physicalLocation": physical}
    if finding.selector:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.selector, "kind": "element"}]
    properties: JsonObject = {
        "outcome": str(finding.outcome),
        "impact": str(finding.impact),
        "wcag": list(finding.wcag),
    }
    for key, value in (
        ("selector", finding.selector),
        ("xpath", finding.xpath),
        ("fixHint", finding.fix_hint),
        ("reason", finding.reason),
        ("question", finding.question),
    ):
        if value:
            properties[key] = value
    if finding.semi_auto:
        properties["mode"] = str(finding.mode)
    if finding.details:
        properties["details"] = dict(finding.details)
    return {
        "ruleId": finding.rule_id,
        "ruleIndex": rule_index,
        "kind": "review" if review else "fail",
        "level": "none" if review else failure_level(finding.impact),
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": _fingerprints(path, finding),
        "properties": properties,
    }


def _fingerprints(path: str, finding: Finding) -> dict[str, str]:
    fingerprints = {FINGERPRINT_KEY: finding_fingerprint(finding.rule_id, path, finding.selector)}
    if finding.fingerprint:
        fingerprints[ELEMENT_FINGERPRINT_KEY] = finding.fingerprint
    return fingerprints


def _invocation(context: ReportContext, failed_pages: Iterable[tuple[str, str]]) -> JsonObject:
    """The run's invocation: times, and one error notification per page that failed."""
    notifications = [
        {
            "level": "error",
            "message": {"text": f"The page could not be analysed: {error}"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": relative_page_uri(path),
                            "uriBaseId": SOURCE_ROOT,
                        }
                    }
                }
            ],
        }
        for path, error in failed_pages
    ]
    invocation: JsonObject = {
        "executionSuccessful": True,
        "startTimeUtc": _utc(context.created_at),
    }
    if context.finished_at is not None:
        invocation["endTimeUtc"] = _utc(context.finished_at)
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def _utc(moment: datetime) -> str:
    """SARIF date-time: UTC with a ``Z`` suffix (§3.9); a naive time is taken as UTC."""
    as_utc = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    return as_utc.isoformat().replace("+00:00", "Z")
