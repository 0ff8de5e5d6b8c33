"""EARL report: JSON-LD in the shape of the W3C ACT implementation reports.

The shape follows the ACT Rules Community reporting format (act-rules.github.io,
"Reporting Format"): a top-level ``@context`` and ``@graph``; in the graph, the assertor
(this tool) and one ``TestSubject`` per page with its ``source`` and its ``assertions``
(``@reverse`` of ``earl:subject``). Each assertion names its ``test`` (``title`` = rule id,
``isPartOf`` = ``WCAG2:<criterion id>`` and ``act:<ACT rule id>``) and its ``result``
(``earl:outcome`` as ``earl:passed|failed|cantTell|inapplicable``, ``earl:pointer`` with the
element's CSS selector and XPath as W3C Pointer Methods pointers, ``earl:info`` with the
message). A page that could not be analysed gets ``earl:untested`` for every rule.

The context is inlined (no remote ``@context`` URL) so the report expands without network
access, and its terms match the ACT community's ``earl-context.json``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from accessibility_analyzer.engine.result import AnalysisResult, Finding, Outcome, RuleInfo
from accessibility_analyzer.reports._text import encode_json, page_url
from accessibility_analyzer.reports._wcag import CRITERIA
from accessibility_analyzer.reports.model import ReportContext

JsonObject = dict[str, Any]

EARL_CONTEXT: JsonObject = {
    "@vocab": "http://www.w3.org/ns/earl#",
    "earl": "http://www.w3.org/ns/earl#",
    "WCAG2": "http://www.w3.org/TR/WCAG2/#",
    "WCAG22": "http://www.w3.org/TR/WCAG22/#",
    "act": "https://www.w3.org/WAI/standards-guidelines/act/rules/",
    "dct": "http://purl.org/dc/terms/",
    "sch": "https://schema.org/",
    "doap": "http://usefulinc.com/ns/doap#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "ptr": "http://www.w3.org/2009/pointers#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "WebPage": "sch:WebPage",
    "source": "dct:source",
    "title": "dct:title",
    "description": "dct:description",
    "date": {"@id": "dct:date", "@type": "xsd:dateTime"},
    "isPartOf": {"@id": "dct:isPartOf", "@type": "@id"},
    "Project": "doap:Project",
    "name": "doap:name",
    "release": "doap:release",
    "revision": "doap:revision",
    "homepage": {"@id": "doap:homepage", "@type": "@id"},
    "assertions": {"@reverse": "earl:subject"},
    "assertedBy": {"@type": "@id"},
    "outcome": {"@type": "@id"},
    "mode": {"@type": "@id"},
    "expression": "ptr:expression",
}

OUTCOME_TERMS = {
    Outcome.PASSED: "earl:passed",
    Outcome.FAILED: "earl:failed",
    Outcome.CANT_TELL: "earl:cantTell",
    Outcome.INAPPLICABLE: "earl:inapplicable",
}
UNTESTED = "earl:untested"
ASSERTOR_ID = "_:assertor"


def render_earl(result: AnalysisResult, context: ReportContext) -> bytes:
    """Render the EARL report as UTF-8 JSON-LD bytes."""
    return encode_json(build_earl(result, context))


def build_earl(result: AnalysisResult, context: ReportContext) -> JsonObject:
    """The EARL report as plain JSON-ready data."""
    rules = {rule.id: rule for rule in result.rules}
    date = _date(context.finished_at or context.created_at)
    subjects: list[JsonObject] = []
    for document in result.documents:
        subject: JsonObject = {
            "@type": ["TestSubject", "WebPage"],
            "source": page_url(document.path, context.base_uri),
        }
        if document.title:
            subject["title"] = document.title
        if document.error:
            subject["description"] = f"The page could not be analysed: {document.error}"
            assertions = [_untested(rule, document.error, date) for rule in result.rules]
        else:
            assertions = [
                _assertion(finding, rules.get(finding.rule_id), date)
                for finding in document.findings
            ]
        subject["assertions"] = assertions
        subjects.append(subject)
    return {"@context": EARL_CONTEXT, "@graph": [_assertor(context), *subjects]}


def _assertor(context: ReportContext) -> JsonObject:
    assertor: JsonObject = {
        "@id": ASSERTOR_ID,
        "@type": ["Assertor", "Software", "Project"],
        "name": context.tool_name,
        "release": {"revision": context.tool_version},
        "description": (f"Analysis {context.analysis_id} of session {context.session_id}"),
    }
    if context.tool_information_uri:
        assertor["homepage"] = context.tool_information_uri
    return assertor


def _test(rule_id: str, wcag: tuple[str, ...], act_rules: tuple[str, ...]) -> JsonObject:
    parts = [f"WCAG2:{CRITERIA[sc].id}" for sc in wcag if sc in CRITERIA]
    parts.extend(f"act:{act_id}" for act_id in act_rules)
    return {"@type": "TestCase", "title": rule_id, "isPartOf": parts}


def _assertion(finding: Finding, rule: RuleInfo | None, date: str) -> JsonObject:
    act_rules = rule.act_rules if rule is not None else ()
    test_result: JsonObject = {
        "@type": "TestResult",
        "outcome": OUTCOME_TERMS[Outcome(finding.outcome)],
        "info": _info(finding),
        "date": date,
    }
    pointers = _pointers(finding)
    if pointers:
        test_result["pointer"] = pointers
    return {
        "@type": "Assertion",
        "assertedBy": ASSERTOR_ID,
        "mode": "earl:automatic",
        "test": _test(finding.rule_id, finding.wcag, act_rules),
        "result": test_result,
    }


def _untested(rule: RuleInfo, error: str, date: str) -> JsonObject:
    return {
        "@type": "Assertion",
        "assertedBy": ASSERTOR_ID,
        "mode": "earl:automatic",
        "test": _test(rule.id, rule.wcag, rule.act_rules),
        "result": {
            "@type": "TestResult",
            "outcome": UNTESTED,
            "info": f"The page could not be analysed: {error}",
            "date": date,
        },
    }


def _info(finding: Finding) -> str:
    parts = [finding.message]
    if finding.reason:
        parts.append(f"Reason: {finding.reason}")
    if finding.fix_hint:
        parts.append(f"Fix: {finding.fix_hint}")
    if finding.line is not None:
        column = f":{finding.column}" if finding.column is not None else ""
        parts.append(f"Source position: line {finding.line}{column}")
    return " ".join(parts)


def _pointers(finding: Finding) -> list[JsonObject]:
    pointers: list[JsonObject] = []
    if finding.selector:
        pointers.append({"@type": "ptr:CSSSelectorPointer", "expression": finding.selector})
    if finding.xpath:
        pointers.append({"@type": "ptr:XPathPointer", "expression": finding.xpath})
    return pointers


def _date(moment: datetime) -> str:
    return moment.isoformat()
