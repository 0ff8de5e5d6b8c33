"""Which rules a selection runs: rules tagged experimental are off unless asked for."""

from __future__ import annotations

import json

import pytest

from accessibility_analyzer.cli import main
from accessibility_analyzer.rules import ALL_RULES, DEFAULT_RULES, select_rules

OFF_BY_DEFAULT = {rule.meta.id for rule in ALL_RULES if not rule.meta.on_by_default}


def test_target_size_is_off_by_default() -> None:
    """target-size is registered but not in the default selection."""
    assert "target-size" in OFF_BY_DEFAULT
    assert "color-contrast-enhanced" in OFF_BY_DEFAULT  # AAA: off in axe-core too
    assert {rule.meta.id for rule in DEFAULT_RULES} == {
        rule.meta.id for rule in ALL_RULES
    } - OFF_BY_DEFAULT
    assert {rule.meta.id for rule in select_rules()} == {rule.meta.id for rule in DEFAULT_RULES}


def test_an_off_rule_runs_when_named_or_tagged() -> None:
    """By id, or by the experimental tag; another tag it carries is not enough."""
    assert [rule.meta.id for rule in select_rules(ids=["target-size"])] == ["target-size"]
    assert "target-size" in {rule.meta.id for rule in select_rules(tags=["experimental"])}
    assert "target-size" not in {rule.meta.id for rule in select_rules(tags=["wcag22aa"])}
    assert "target-size" not in {rule.meta.id for rule in select_rules(level="AA")}


def test_a11y_rules_marks_off_rules(capsys: pytest.CaptureFixture[str]) -> None:
    """The text listing says which rules are off by default; JSON has onByDefault."""
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    target = next(line for line in lines if line.startswith("target-size "))
    assert "off by default" in target
    assert f"({len(OFF_BY_DEFAULT)} off by default" in lines[-1]
    assert main(["rules", "--format", "json"]) == 0
    infos = {info["id"]: info for info in json.loads(capsys.readouterr().out)}
    assert infos["target-size"]["onByDefault"] is False
    assert infos["region"]["onByDefault"] is True
