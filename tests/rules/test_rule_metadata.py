"""Rule metadata and docs follow the conventions (axe's validate, sqlfluff's docstrings)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
import yaml

import accessibility_analyzer.rules as rules_package
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import ACT_ID, RULE_ID, WCAG_SC, Rule
from accessibility_analyzer.rules import ALL_RULES

SECTIONS = ("## What it checks", "## Why it matters", "## Fails", "## Passes", "## Limitations")
CASES_DIR = Path(__file__).parent / "cases"
RULE_IDS = [rule.meta.id for rule in ALL_RULES]


def _defined_rules() -> set[type[Rule]]:
    found: set[type[Rule]] = set()
    for module_info in pkgutil.walk_packages(rules_package.__path__, rules_package.__name__ + "."):
        module = importlib.import_module(module_info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            # Shared base classes (no metadata of their own) are not rules.
            if issubclass(value, Rule) and "meta" in vars(value):
                found.add(value)
    return found


def test_every_rule_module_is_registered() -> None:
    """A rule class that is not in ALL_RULES would silently never run."""
    assert _defined_rules() <= set(ALL_RULES)


def test_rule_ids_are_unique_and_well_formed() -> None:
    """Ids are kebab-case and unique."""
    assert len(RULE_IDS) == len(set(RULE_IDS))
    for rule_id in RULE_IDS:
        assert RULE_ID.match(rule_id), rule_id


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_metadata_is_well_formed(rule: type[Rule]) -> None:
    """WCAG and ACT ids are well formed, the level fits, the first tag is the category."""
    meta = rule.meta
    assert meta.name and meta.name[0].isupper()
    assert isinstance(meta.impact, Impact)
    for sc in meta.wcag:
        assert WCAG_SC.match(sc), sc
    for act_id in meta.act_rules:
        assert ACT_ID.match(act_id), act_id
    assert meta.tags and meta.tags[0].startswith("cat."), meta.tags
    if meta.wcag:
        assert meta.level in {"A", "AA", "AAA"}
    else:
        assert meta.level == ""
        assert "best-practice" in meta.tags


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_docstring_has_the_sections(rule: type[Rule]) -> None:
    """The docstring is the documentation served by the API; it has every section."""
    doc = inspect.getdoc(rule) or ""
    assert doc.splitlines()[0].strip().endswith("."), "first line is a one-sentence summary"
    positions = [doc.find(section) for section in SECTIONS]
    assert all(position >= 0 for position in positions), SECTIONS
    assert positions == sorted(positions), "sections are in the documented order"


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_every_rule_has_fixture_cases(rule: type[Rule]) -> None:
    """Each rule has a fixture file with passed, failed and inapplicable cases."""
    path = CASES_DIR / f"{rule.meta.id}.yaml"
    assert path.exists(), f"missing {path.name}"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["rule"] == rule.meta.id
    outcomes = set()
    for case in data["cases"]:
        if case["expect"] == "inapplicable":
            outcomes.add("inapplicable")
        else:
            outcomes.update(item["outcome"] for item in case["expect"])
    assert {"failed", "inapplicable"} <= outcomes, outcomes
    assert outcomes & {"passed", "cantTell"}, outcomes
