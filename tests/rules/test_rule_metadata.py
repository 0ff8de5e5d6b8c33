"""Rule metadata and docs follow the conventions (axe's validate, sqlfluff's docstrings)."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest
from rule_fixtures import load_fixture

import accessibility_analyzer.rules as rules_package
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import (
    ACT_ID,
    RULE_ID,
    WCAG_SC,
    Rule,
    RuleMeta,
    lowest_level,
)
from accessibility_analyzer.engine.rule_docs import rule_documentation
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
    doc = rule_documentation(rule)
    assert doc == (inspect.getdoc(rule) or "") or not rule.__doc__  # the same, or compiled
    assert doc.splitlines()[0].strip().endswith("."), "first line is a one-sentence summary"
    positions = [doc.find(section) for section in SECTIONS]
    assert all(position >= 0 for position in positions), SECTIONS
    assert positions == sorted(positions), "sections are in the documented order"


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_every_rule_has_fixture_cases(rule: type[Rule]) -> None:
    """Each rule has a fixture file with passed, failed and inapplicable cases."""
    path = CASES_DIR / f"{rule.meta.id}.yaml"
    assert path.exists(), f"missing {path.name}"
    fixture = load_fixture(path)
    assert fixture.rule == rule.meta.id
    outcomes: set[str] = set()
    for case in fixture.cases:
        if case.expect == "inapplicable":
            outcomes.add("inapplicable")
        else:
            outcomes.update(item.outcome for item in case.expect)
    assert {"failed", "inapplicable"} <= outcomes, outcomes
    assert outcomes & {"passed", "cantTell"}, outcomes


def test_level_is_the_lowest_level_of_the_criteria() -> None:
    """The level comes from the WCAG table: the lowest level among the rule's criteria."""
    assert lowest_level(("1.3.1", "2.4.6")) == "A"
    assert lowest_level(("1.4.6", "1.4.3")) == "AA"
    assert lowest_level(("2.4.9",)) == "AAA"
    assert lowest_level(()) == ""
    with pytest.raises(KeyError):
        lowest_level(("9.9.9",))


def test_level_cannot_be_typed_by_hand() -> None:
    """RuleMeta takes no level: a hand-typed one could disagree with the criteria."""
    with pytest.raises(TypeError):
        RuleMeta(  # type: ignore[call-arg]
            id="x",
            name="X",
            wcag=("1.3.1",),
            level="AA",
            act_rules=(),
            impact=Impact.MINOR,
            tags=(),
        )


_WCAG_LEVEL_TAG = re.compile(r"^wcag2\d*(a{1,3})$")


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_wcag_level_tags_agree_with_the_level(rule: type[Rule]) -> None:
    """A ``wcag2a``/``wcag21aa``... tag names the rule's derived level."""
    for tag in rule.meta.tags:
        match = _WCAG_LEVEL_TAG.match(tag)
        if match:
            assert match.group(1).upper() == rule.meta.level, (tag, rule.meta.wcag)


# Imports of another family's private module waiting for a move into the engine: the style
# sheet loader (issue 9, item 1). Each entry must still be needed (the test says when not).
_PENDING_CROSS_IMPORTS = frozenset(
    {
        (
            "accessibility_analyzer.rules.structure.scrollable_region_focusable",
            "accessibility_analyzer.rules.style._sheets",
        )
    }
)
_RULES_PACKAGE = "accessibility_analyzer.rules"


def _imported_rule_modules(module_name: str) -> set[str]:
    module = importlib.import_module(module_name)
    filename = inspect.getfile(module)
    for suffix in EXTENSION_SUFFIXES:  # compiled with mypyc: the source is beside it
        filename = filename.removesuffix(suffix) + ".py" if filename.endswith(suffix) else filename
    source = Path(filename).read_text(encoding="utf-8")
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith(_RULES_PACKAGE + ".")}


def _is_allowed(importer: str, imported: str) -> bool:
    """Helpers (``rules._x``, ``rules.<family>._x``) only; a family only its own helpers."""
    importer_parts = importer.split(".")[2:]  # after accessibility_analyzer.rules
    imported_parts = imported.split(".")[2:]
    if len(imported_parts) == 1:  # rules._common, rules._reasons, rules._focus
        return imported_parts[0].startswith("_")
    same_family = len(importer_parts) == 2 and importer_parts[0] == imported_parts[0]
    return same_family and imported_parts[1].startswith("_")


def test_rules_do_not_import_other_rules() -> None:
    """A rule module imports the engine and shared helpers, never another rule's module.

    Shared helpers live in ``rules/_*.py`` (every family) or ``rules/<family>/_*.py`` (that
    family only); a family's ``__init__`` lists its rules and is exempt.
    """
    wrong: set[tuple[str, str]] = set()
    for info in pkgutil.walk_packages(rules_package.__path__, _RULES_PACKAGE + "."):
        if info.ispkg:
            continue
        for imported in _imported_rule_modules(info.name):
            if not _is_allowed(info.name, imported):
                wrong.add((info.name, imported))
    assert wrong - _PENDING_CROSS_IMPORTS == set()
    assert wrong >= _PENDING_CROSS_IMPORTS, "an import moved: drop it from the pending list"


def test_questions_come_from_the_catalog() -> None:
    """Rules ask catalog questions only: no module of rules/ defines a Question of its own."""
    rules_dir = Path(rules_package.__file__).parent
    defining = [
        str(path.relative_to(rules_dir))
        for path in rules_dir.rglob("*.py")
        if "Question(" in path.read_text(encoding="utf-8")
    ]
    assert defining == [], "define questions in engine/questions.py (QUESTIONS)"
