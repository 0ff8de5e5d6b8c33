"""Every rule against its fixture file: `tests/rules/cases/<rule-id>.yaml`.

The file's shape is :mod:`rule_fixtures` (typed; unknown keys are errors). Each case's page
is checked with the rule alone, and its findings that are not inapplicable must be exactly
the expected ones: same targets and outcomes, and the same message, reason and mode where
the case pins them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest
from rule_fixtures import Case, Expectation, load_fixture

from accessibility_analyzer.engine import MappingSite, check_page, parse_page, xpath
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.oracle import Answer
from accessibility_analyzer.engine.questions import QUESTIONS, Question
from accessibility_analyzer.engine.result import Finding, Mode, Outcome
from accessibility_analyzer.rules import rule_by_id

CASES_DIR = Path(__file__).parent / "cases"
WRAPPER = (
    '<!DOCTYPE html><html lang="en"><head><title>Test page</title></head><body>{}</body></html>'
)


class DictOracle:
    """Answers questions from a fixture's ``answers``; anything else is unanswered."""

    def __init__(self, answers: dict[str, bool]) -> None:
        unknown = answers.keys() - QUESTIONS.keys()
        assert not unknown, f"fixture answers questions not in the catalog: {sorted(unknown)}"
        self.answers = answers

    def answer(self, question: Question, page: Page, target: Element) -> Answer | None:
        """The fixture's answer to ``question``, or ``None``."""
        value = self.answers.get(question.id)
        return None if value is None else Answer(value=value, reason="fixture answer")


def _load_cases() -> list[Any]:
    params = []
    for file in sorted(CASES_DIR.glob("*.yaml")):
        fixture = load_fixture(file)
        for case in fixture.cases:
            params.append(pytest.param(fixture.rule, case, id=f"{fixture.rule}: {case.name}"))
    return params


def page_source(html: str) -> str:
    """A whole document: ``html`` itself, or the fragment wrapped in a minimal valid page."""
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


def _mode(finding: Finding) -> str:
    return finding.mode.value


def _matches(page: Page, finding: Finding, item: Expectation) -> bool:
    return (
        finding.xpath == xpath(_target(page, item.target))
        and finding.outcome is Outcome(item.outcome)
        and (item.message is None or finding.message == item.message)
        and (item.reason is None or finding.reason == item.reason)
        and (item.mode is None or _mode(finding) == item.mode)
        and (item.details is None or _has_details(finding, item.details))
    )


def _has_details(finding: Finding, expected: dict[str, str | int | float | bool]) -> bool:
    details = finding.details or {}
    return all(key in details and details[key] == value for key, value in expected.items())


def _pinned(item: Expectation) -> int:
    return sum(value is not None for value in (item.message, item.reason, item.mode, item.details))


def _describe(findings: list[Finding]) -> list[tuple[Any, ...]]:
    return [(f.selector, f.outcome.value, f.message, f.reason) for f in findings]


def check_case(rule_id: str, case: Case) -> None:
    """Run the rule on the case's page and compare its findings with the expectations."""
    rule = rule_by_id(rule_id)
    assert rule is not None, f"{rule_id} is not registered in ALL_RULES"
    files = {name: text.encode() for name, text in case.files.items()}
    page = parse_page(page_source(case.html).encode(), path=case.path, site=MappingSite(files))
    answers = case.oracle_answers()
    result = check_page(page, [rule], DictOracle(answers))
    applicable = [f for f in result.findings if f.outcome is not Outcome.INAPPLICABLE]
    for finding in applicable:  # the oracle seam's invariants
        if finding.question is not None:
            assert finding.outcome is Outcome.CANT_TELL, finding
            assert finding.question in QUESTIONS, finding.question
            assert finding.question not in answers, "an answered question stayed open"
        if finding.mode is Mode.SEMI_AUTO:
            assert answers, "only an oracle's answer makes a finding semi-automatic"

    if case.expect == "inapplicable":
        assert applicable == [], _describe(applicable)
        assert [f.outcome for f in result.findings] == [Outcome.INAPPLICABLE]
        return
    unmatched = list(applicable)
    # The most pinned expectations pick their finding first, so a looser one cannot take it.
    for item in sorted(case.expect, key=_pinned, reverse=True):
        found = next((f for f in unmatched if _matches(page, f, item)), None)
        assert found is not None, (msgspec.structs.asdict(item), _describe(unmatched))
        unmatched.remove(found)
    assert unmatched == [], ("unexpected findings", _describe(unmatched))


@pytest.mark.parametrize(("rule_id", "case"), _load_cases())
def test_rule_case(rule_id: str, case: Case) -> None:
    """The rule gives exactly the expected outcomes on the fixture page."""
    check_case(rule_id, case)


def test_unknown_fixture_keys_are_rejected(tmp_path: Path) -> None:
    """A misspelt key fails loudly instead of being ignored."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "rule: image-alt\ncases:\n  - name: typo\n    html: '<img>'\n"
        "    expect: [{target: img, outcome: failed, reasn: x}]\n",
        encoding="utf-8",
    )
    with pytest.raises(msgspec.ValidationError, match="reasn"):
        load_fixture(bad)


def test_pinned_message_and_reason_are_compared() -> None:
    """A pinned message or reason that differs from the finding's fails the case."""
    html = '<img id="t" src="a.png">'
    right = Case(name="n", html=html, expect=[Expectation(target="#t", outcome="failed")])
    check_case("image-alt", right)
    for wrong in (
        Expectation(target="#t", outcome="failed", message="Something else"),
        Expectation(target="#t", outcome="failed", reason="not the reason"),
    ):
        with pytest.raises(AssertionError):
            check_case("image-alt", Case(name="n", html=html, expect=[wrong]))
