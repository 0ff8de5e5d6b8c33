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

from accessibility_analyzer.engine.result import DocumentResult, Finding, Mode, Outcome, RuleInfo
from accessibility_analyzer.reports._text import encode_json, page_url
from accessibility_analyzer.reports._wcag import CRITERIA
from accessibility_analyzer.reports.model import ReportContext
from accessibility_analyzer.reports.writer import ReportHeader, ReportWriter, Suggestions

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


class EarlWriter(ReportWriter):
    """The EARL report: the assertor, then one ``TestSubject`` per page as the pages come.

    EARL keeps every outcome whatever ``include_passed`` says: an ACT implementation report
    needs the passes and inapplicables too.
    """

    def __init__(self, *, include_passed: bool = False) -> None:
        """See :class:`ReportWriter`."""
        super().__init__(include_passed=include_passed)
        self._rules: list[RuleInfo] = []
        self._rules_by_id: dict[str, RuleInfo] = {}
        self._date = ""
        self._base_uri: str | None = None

    def start(self, header: ReportHeader) -> bytes:
        """The context and the graph's first node, the assertor."""
        context = header.context
        self._rules = list(header.rules)
        self._rules_by_id = {rule.id: rule for rule in self._rules}
        self._date = _date(context.finished_at or context.created_at)
        self._base_uri = context.base_uri
        head = encode_json({"@context": EARL_CONTEXT, "@graph": [_assertor(context)]})
        return head[:-2]  # open: the graph's list and the object go on

    def document(self, document: DocumentResult, suggestions: Suggestions | None = None) -> bytes:
        """The page's ``TestSubject`` with all its assertions."""
        del suggestions
        return b"," + encode_json(self._subject(document))

    def finish(self) -> bytes:
        """Close the graph and the report."""
        return b"]}"

    def _subject(self, document: DocumentResult) -> JsonObject:
        subject: JsonObject = {
            "@type": ["TestSubject", "WebPage"],
            "source": page_url(document.path, self._base_uri),
        }
        if document.title:
            subject["title"] = document.title
        if document.error:
            subject["description"] = f"The page could not be analysed: {document.error}"
            assertions = [_untested(rule, document.error, self._date) for rule in self._rules]
        else:
            assertions = [
                _assertion(finding, self._rules_by_id.get(finding.rule_id), self._date)
                for finding in document.findings
            ]
        subject["assertions"] = assertions
        return subject


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


MODE_TERMS = {Mode.AUTOMATIC: "earl:automatic", Mode.SEMI_AUTO: "earl:semiAuto"}
"""EARL 1.0 ``earl:mode``: semiAuto when an oracle's answer (person or model) decided it."""


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
        "mode": MODE_TERMS[finding.mode],
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
