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
``partialFingerprints`` hash rule, path and selector, so a finding keeps its identity when
lines shift.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from accessibility_analyzer.engine.result import (
    AnalysisResult,
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

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SOURCE_ROOT = "%SRCROOT%"
FINGERPRINT_KEY = "a11yFindingHash/v1"
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


def render_sarif(result: AnalysisResult, context: ReportContext) -> bytes:
    """Render the SARIF log as UTF-8 JSON bytes."""
    return encode_json(build_sarif(result, context))


def build_sarif(result: AnalysisResult, context: ReportContext) -> JsonObject:
    """The SARIF log as plain JSON-ready data (one run)."""
    rules = _rules_with_findings(result)
    rule_index = {rule.id: index for index, rule in enumerate(rules)}
    results = [
        _result(document.path, finding, rule_index[finding.rule_id])
        for document in result.documents
        for finding in document.findings
        if finding.outcome in (Outcome.FAILED, Outcome.CANT_TELL)
    ]
    driver: JsonObject = {
        "name": context.tool_name,
        "version": context.tool_version,
        "rules": [_rule_descriptor(rule, context) for rule in rules],
    }
    if context.tool_information_uri:
        driver["informationUri"] = context.tool_information_uri
    run: JsonObject = {
        "tool": {"driver": driver},
        "automationDetails": {"id": f"accessibility/{scrub(context.analysis_id)}"},
        "columnKind": "unicodeCodePoints",
        "invocations": [_invocation(result, context)],
        "results": results,
        "properties": {"analysisId": context.analysis_id, "sessionId": context.session_id},
    }
    if context.base_uri:
        # SARIF §3.14.14: a base URI ends with a slash, or relative paths replace its last part.
        run["originalUriBaseIds"] = {SOURCE_ROOT: {"uri": directory_uri(context.base_uri)}}
    return {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def _rules_with_findings(result: AnalysisResult) -> list[RuleInfo]:
    """The result's rules (first of any repeated id), plus a minimal descriptor for any rule
    id only a finding names.

    Every result must point at a descriptor (``ruleIndex``); a finding from a rule missing
    from ``result.rules`` (an older stored result) still gets one. The schema wants the
    descriptors unique.
    """
    rules: list[RuleInfo] = []
    known: set[str] = set()
    for rule in result.rules:
        if rule.id not in known:
            known.add(rule.id)
            rules.append(rule)
    for document in result.documents:
        for finding in document.findings:
            if finding.rule_id not in known:
                known.add(finding.rule_id)
                rules.append(
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
    return rules


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
    ):
        if value:
            properties[key] = value
    return {
        "ruleId": finding.rule_id,
        "ruleIndex": rule_index,
        "kind": "review" if review else "fail",
        "level": "none" if review else failure_level(finding.impact),
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {
            FINGERPRINT_KEY: finding_fingerprint(finding.rule_id, path, finding.selector)
        },
        "properties": properties,
    }


def _invocation(result: AnalysisResult, context: ReportContext) -> JsonObject:
    """The run's invocation: times, and one error notification per page that failed."""
    notifications = [
        {
            "level": "error",
            "message": {"text": f"The page could not be analysed: {document.error}"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": relative_page_uri(document.path),
                            "uriBaseId": SOURCE_ROOT,
                        }
                    }
                }
            ],
        }
        for document in result.documents
        if document.error
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
