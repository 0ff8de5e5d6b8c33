"""Our rules against the W3C ACT test cases (`../shared/act`): the conformance claim is tested.

A rule that names an ACT rule in ``RuleMeta.act_rules`` claims consistency with it: every
failed case fails, and no passed or inapplicable case fails (cantTell there is allowed). ACT
rules that need judgement (is this alt text descriptive?) ask a catalog question and answer
cantTell without an oracle; the benchmark scores them twice, automatically and with the
answers a tester recorded in ``benchmarks/act_answers/<act-id>.toml`` (semi-automatically).
Without answers a failed case may be cantTell, never passed; in neither mode may a passed or
inapplicable case fail.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from accessibility_analyzer.cli.answers import page_name, read_answers_file
from accessibility_analyzer.cli.inputs import DirectorySite
from accessibility_analyzer.engine import analyze_document
from accessibility_analyzer.engine.result import Outcome

ROOT = Path(__file__).resolve().parents[2]
CASES = Path(os.environ.get("ACT_CASES_DIR", ROOT.parent / "shared" / "act"))
ANSWERS = ROOT / "benchmarks" / "act_answers"

# Failed cases a static engine passes outright, with why (the rest of the rule is decided).
UNDECIDABLE_CASES = {
    "pages/09o5cg/failed-9.html": "text a script puts into a shadow root: not in the markup",
}
# At least this many W3C-approved / proposed ACT rules consistent, per mode (measured).
MIN_CONSISTENT = {
    "automatic": {"approved": 32, "proposed": 12},
    "semi-automatic": {"approved": 35, "proposed": 50},
}
# At most this many proposed ACT rules with no rule of ours (measured: 0); every approved one
# has a rule.
MAX_UNTESTED_PROPOSED = 0


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "act_conformance", ROOT / "benchmarks" / "act_conformance.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script() -> ModuleType:
    """The benchmark script, with the ACT cases present."""
    if not (CASES / "testcases.json").exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"ACT cases are missing at {CASES}")
        pytest.skip(f"ACT cases are not at {CASES}")
    return _load_script()


@pytest.fixture(scope="module")
def modes(script: ModuleType) -> dict[str, list[Any]]:
    """Every ACT rule scored once per mode: without answers and with the recorded ones."""
    return {
        "automatic": script.score(CASES),
        "semi-automatic": script.score(CASES, answers=script.load_act_answers(ANSWERS)),
    }


@pytest.mark.parametrize("mode", ["automatic", "semi-automatic"])
def test_no_false_failures(modes: dict[str, list[Any]], mode: str) -> None:
    """No passed or inapplicable ACT case fails under any of our rules, in either mode."""
    false = {s.act_id: s.false_failures for s in modes[mode] if s.false_failures}
    assert false == {}


def test_failed_cases_never_pass(modes: dict[str, list[Any]]) -> None:
    """Without answers, every failed ACT case fails or is cantTell (an open question)."""
    passed = {}
    for s in modes["automatic"]:
        wrong = [
            path
            for path in s.missed_failures
            if path not in s.cant_tell and path not in UNDECIDABLE_CASES
        ]
        if wrong:
            passed[s.act_id] = wrong
    assert passed == {}


@pytest.mark.parametrize("mode", ["automatic", "semi-automatic"])
@pytest.mark.parametrize("status", ["approved", "proposed"])
def test_rules_consistent(modes: dict[str, list[Any]], mode: str, status: str) -> None:
    """At least the measured number of ACT rules are consistent, per status and mode."""
    consistent = [s.act_id for s in modes[mode] if s.status == status and s.verdict == "consistent"]
    assert len(consistent) >= MIN_CONSISTENT[mode][status], sorted(consistent)


def test_answers_only_add_consistency(modes: dict[str, list[Any]]) -> None:
    """An ACT rule consistent without answers stays consistent with them."""
    semi = {s.act_id: s.verdict for s in modes["semi-automatic"]}
    lost = [
        s.act_id
        for s in modes["automatic"]
        if s.verdict == "consistent" and semi[s.act_id] != "consistent"
    ]
    assert lost == []


def test_act_rules_have_an_implementation(modes: dict[str, list[Any]]) -> None:
    """Every approved ACT rule, and all but the measured few proposed ones, have a rule."""
    scores = modes["automatic"]
    approved = [s.act_id for s in scores if s.status == "approved" and s.verdict == "untested"]
    proposed = [s.act_id for s in scores if s.status == "proposed" and s.verdict == "untested"]
    assert approved == []
    assert len(proposed) <= MAX_UNTESTED_PROPOSED, sorted(proposed)


@pytest.mark.parametrize("path", sorted(ANSWERS.glob("*.toml")), ids=lambda path: path.stem)
def test_recorded_answers_answer_asked_questions(script: ModuleType, path: Path) -> None:
    """Each recorded answer is about a case of its file's ACT rule and a question asked there.

    An answer the engine no longer asks (a rule changed its question or its target) would
    silently stop counting; this names it.
    """
    act_id = path.stem
    rules = script.mapped_rules(script.ALL_RULES).get(act_id, [])
    assert rules, f"{path.name}: no rule of ours claims ACT rule {act_id}"
    site = DirectorySite(CASES)
    asked: dict[str, set[tuple[str, str]]] = {}
    unasked = []
    for entry in read_answers_file(path):
        page = page_name(entry.page)
        assert page.startswith(f"pages/{act_id}/"), f"{entry.page} is not a case of {act_id}"
        if page not in asked:
            source = (CASES / page).read_bytes()
            result = analyze_document(source, path=page, site=site, rules=rules)
            asked[page] = {
                (finding.question, finding.xpath or "")
                for finding in result.findings
                if finding.outcome is Outcome.CANT_TELL and finding.question
            }
        if (entry.question, entry.xpath) not in asked[page]:
            unasked.append(f"{entry.page} {entry.question} {entry.xpath}")
    assert unasked == []
