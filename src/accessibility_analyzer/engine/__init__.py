"""The static rule engine: bytes of a page -> page model -> semantics -> rule outcomes.

Pure and synchronous: no I/O beyond what a :class:`Site` hands it, no framework imports.
The names below are the engine's public API; everything else is internal.
"""

from accessibility_analyzer.engine.css import (
    Declaration,
    computed_style,
    inline_declarations,
    pseudo_element_declarations,
    style_rules_for,
)
from accessibility_analyzer.engine.dom import (
    ComputedStyle,
    Element,
    EmptySite,
    Namespace,
    Page,
    Site,
    Text,
)
from accessibility_analyzer.engine.locate import css_selector, snippet, xpath
from accessibility_analyzer.engine.oracle import Answer, AnsweredQuestion, AnswerTable
from accessibility_analyzer.engine.parse import parse_page
from accessibility_analyzer.engine.questions import QUESTIONS, Subject, question_by_id
from accessibility_analyzer.engine.result import (
    AnalysisResult,
    DocumentResult,
    Finding,
    Impact,
    Mode,
    Outcome,
    OutcomeCounts,
    RuleInfo,
)
from accessibility_analyzer.engine.rule import (
    Diagnostic,
    NoOracle,
    Oracle,
    Question,
    Rule,
    RuleMeta,
    Verdict,
    expect,
)
from accessibility_analyzer.engine.runner import analyze_document, check_page, document_title
from accessibility_analyzer.engine.site import MappingSite, resolve_page_url, resolve_url

__all__ = [
    "QUESTIONS",
    "AnalysisResult",
    "Answer",
    "AnswerTable",
    "AnsweredQuestion",
    "ComputedStyle",
    "Declaration",
    "Diagnostic",
    "DocumentResult",
    "Element",
    "EmptySite",
    "Finding",
    "Impact",
    "MappingSite",
    "Mode",
    "Namespace",
    "NoOracle",
    "Oracle",
    "Outcome",
    "OutcomeCounts",
    "Page",
    "Question",
    "Rule",
    "RuleInfo",
    "RuleMeta",
    "Site",
    "Subject",
    "Text",
    "Verdict",
    "analyze_document",
    "check_page",
    "computed_style",
    "css_selector",
    "document_title",
    "expect",
    "inline_declarations",
    "parse_page",
    "pseudo_element_declarations",
    "question_by_id",
    "resolve_page_url",
    "resolve_url",
    "snippet",
    "style_rules_for",
    "xpath",
]
