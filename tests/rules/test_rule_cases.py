"""Every rule against its fixture file: `tests/rules/cases/<rule-id>.yaml`.

A case's ``html`` is a fragment (wrapped in a minimal valid page) or a whole document; its
``expect`` lists exactly the rule's findings that are not inapplicable, by target (``#id`` or
the first element with a tag name) and outcome, or says ``inapplicable``. ``files`` are other
files of the upload; ``path`` is the page's own path (default ``index.html``); ``oracle``
answers the rule's questions.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from accessibility_analyzer.engine import MappingSite, check_page, parse_page, xpath
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Outcome
from accessibility_analyzer.engine.rule import Question
from accessibility_analyzer.rules import rule_by_id

CASES_DIR = Path(__file__).parent / "cases"
WRAPPER = (
    '<!DOCTYPE html><html lang="en"><head><title>Test page</title></head><body>{}</body></html>'
)


class DictOracle:
    """Answers questions from a fixture's ``oracle`` mapping; anything else is unanswered."""

    def __init__(self, answers: dict[str, bool]) -> None:
        self.answers = answers

    def answer(self, question: Question, page: Page, target: Element) -> bool | None:
        """The fixture's answer to ``question``, or ``None``."""
        return self.answers.get(question.id)


def _load_cases() -> list[Any]:
    params = []
    for file in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}: {case['name']}"))
    return params


def _page_source(html: str) -> str:
    head = html.lstrip()[:9].lower()
    return html if head.startswith(("<!doctype", "<html", "<?xml")) else WRAPPER.format(html)


def _target(page: Page, target: str) -> Element:
    if target.startswith("#"):
        element = page.get_element_by_id(target[1:])
    else:
        found = page.by_tag(target)
        element = found[0] if found else None
    assert element is not None, f"fixture target {target!r} is not in the page"
    return element


@pytest.mark.parametrize(("rule_id", "case"), _load_cases())
def test_rule_case(rule_id: str, case: dict[str, Any]) -> None:
    """The rule gives exactly the expected outcomes on the fixture page."""
    rule = rule_by_id(rule_id)
    assert rule is not None, f"{rule_id} is not registered in ALL_RULES"
    files = {name: text.encode() for name, text in (case.get("files") or {}).items()}
    page = parse_page(
        _page_source(case["html"]).encode(),
        path=case.get("path", "index.html"),
        site=MappingSite(files),
    )
    result = check_page(page, [rule], DictOracle(case.get("oracle") or {}))
    applicable = [f for f in result.findings if f.outcome is not Outcome.INAPPLICABLE]

    if case["expect"] == "inapplicable":
        assert applicable == [], [(f.selector, f.outcome, f.reason) for f in applicable]
        assert [f.outcome for f in result.findings] == [Outcome.INAPPLICABLE]
        return
    expected = Counter(
        (xpath(_target(page, item["target"])), Outcome(item["outcome"])) for item in case["expect"]
    )
    got = Counter((finding.xpath, finding.outcome) for finding in applicable)
    assert got == expected, [(f.selector, f.outcome.value, f.reason) for f in applicable]
