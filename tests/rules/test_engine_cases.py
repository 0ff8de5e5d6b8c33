"""Engine cases from real pages (`engine_cases/`, a copy of `shared/engine-cases/`).

Each page reproduces one disagreement found by checking real sites next to axe-core and
Chromium (see ``engine_cases/README.md``); its element under test has ``id="t"``. Each
test pins the outcome settled on; the "decide" lines are documented in the rule's
Limitations.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from accessibility_analyzer.cli import main
from accessibility_analyzer.engine import MappingSite, check_page, parse_page, xpath
from accessibility_analyzer.engine.result import Finding, Outcome
from accessibility_analyzer.rules import rule_by_id

CASES = Path(__file__).parent / "engine_cases"


@dataclass(frozen=True)
class EngineCase:
    """One page, the rule it is about, and the outcome for ``#t``."""

    page: str
    rule: str
    outcome: Outcome
    why: str


ENGINE_CASES = (
    EngineCase("r01-switch", "aria-required-attr", Outcome.PASSED, "checkedness is aria-checked"),
    EngineCase("r03-directory", "listitem", Outcome.PASSED, "directory is a listitem context"),
    EngineCase("r04-iframe-presentational", "frame-title", Outcome.FAILED, "focusable: a frame"),
    EngineCase("r05-focusable-separator", "aria-required-attr", Outcome.FAILED, "a widget"),
    EngineCase("r06-dpub-deprecated", "aria-deprecated-role", Outcome.FAILED, "DPUB-ARIA 1.1"),
    EngineCase(
        "r07-hidden-label", "label", Outcome.FAILED, "decided: a hidden label names nothing"
    ),
    EngineCase("r08-image-button-label", "input-image-alt", Outcome.PASSED, "decided: label"),
    EngineCase("r09-object-html", "object-alt", Outcome.INAPPLICABLE, "decided: ACT 8fc3b6"),
    EngineCase("r10-headers-td", "td-headers-attr", Outcome.PASSED, "decided: ACT a25f45"),
    EngineCase("r11-ws-aria-label", "aria-prohibited-attr", Outcome.PASSED, "blank is no label"),
    EngineCase("r12-xml-lang", "valid-lang", Outcome.INAPPLICABLE, "decided: no effect in HTML"),
    EngineCase("r13-apg-submenu", "aria-required-children", Outcome.PASSED, "decided: APG"),
    EngineCase("r14-radio-required", "aria-allowed-attr", Outcome.PASSED, "decided: native"),
    EngineCase("r15-slider-valuetext", "aria-required-attr", Outcome.FAILED, "decided: ARIA 1.2"),
    EngineCase(
        "r16-tabindex-minus1-in-radio",
        "presentational-children-focusable",
        Outcome.PASSED,
        "ACT 307n5z: tabindex=-1 is not in the tab order",
    ),
    EngineCase("r17-menu-separator", "aria-required-children", Outcome.PASSED, "decided: 1.3"),
    EngineCase(
        "r20-native-ul-stray-text", "aria-required-children", Outcome.INAPPLICABLE, "bc4a75"
    ),
)
CSS_CASES = (
    EngineCase("r02-selflink", "link-name", Outcome.PASSED, "accname 2F.ii generated content"),
    EngineCase(
        "r19-remote-css-label-in-name",
        "label-content-name-mismatch",
        Outcome.FAILED,
        "an unreadable remote sheet must not turn a decidable case into cantTell",
    ),
)


def _findings(page_name: str, rule_id: str) -> tuple[list[Finding], str]:
    """The rule's findings on the page, and the XPath of its ``#t``."""
    rule = rule_by_id(rule_id)
    assert rule is not None
    files = {
        path.relative_to(CASES).as_posix(): path.read_bytes()
        for path in CASES.rglob("*")
        if path.is_file()
    }
    page = parse_page(files[f"{page_name}.html"], path=f"{page_name}.html", site=MappingSite(files))
    target = page.get_element_by_id("t")
    assert target is not None
    return check_page(page, [rule]).findings, xpath(target)


def _outcome_of_t(case: EngineCase) -> Outcome:
    findings, target = _findings(case.page, case.rule)
    on_target = [finding.outcome for finding in findings if finding.xpath == target]
    if not on_target:
        return Outcome.INAPPLICABLE
    assert len(on_target) == 1, on_target
    return on_target[0]


@pytest.mark.parametrize("case", ENGINE_CASES, ids=[case.page for case in ENGINE_CASES])
def test_engine_case(case: EngineCase) -> None:
    """``#t`` gets the settled outcome."""
    assert _outcome_of_t(case) is case.outcome, case.why


@pytest.mark.parametrize("case", CSS_CASES, ids=[case.page for case in CSS_CASES])
def test_engine_case_needing_css(case: EngineCase) -> None:
    """``#t`` gets the settled outcome (generated content, unreadable remote sheets)."""
    assert _outcome_of_t(case) is case.outcome, case.why


def test_remote_sheet_assumption_is_in_the_reason() -> None:
    """r19: the failure says what was assumed about the sheet that could not be read."""
    findings, target = _findings("r19-remote-css-label-in-name", "label-content-name-mismatch")
    [finding] = [finding for finding in findings if finding.xpath == target]
    assert finding.reason is not None
    assert "https://example.invalid/theme.css (remote)" in finding.reason


def test_stray_text_in_a_native_list_fails_once() -> None:
    """r20: `list` reports the stray text; aria-required-children stays out of it."""
    findings, target = _findings("r20-native-ul-stray-text", "list")
    assert [(f.xpath, f.outcome) for f in findings] == [(target, Outcome.FAILED)]


def test_apg_menubar_has_no_failure() -> None:
    """r13: neither the menubar nor its submenu fails (decided: the APG pattern)."""
    findings, _ = _findings("r13-apg-submenu", "aria-required-children")
    assert {f.outcome for f in findings} == {Outcome.PASSED}
    assert len(findings) == 2


def test_tabindex_minus_one_in_radio_is_no_nesting() -> None:
    """r16: nested-interactive leaves roles with presentational children to 307n5z."""
    assert (
        _outcome_of_t(
            EngineCase(
                "r16-tabindex-minus1-in-radio", "nested-interactive", Outcome.INAPPLICABLE, ""
            )
        )
        is Outcome.INAPPLICABLE
    )


def test_parent_folder_stylesheet_is_read_by_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """r18: `a11y check site/docs/r18-parent-css.html` reads ../css/site.css: inapplicable."""
    shutil.copytree(CASES, tmp_path / "cases")
    monkeypatch.chdir(tmp_path / "cases")
    main(
        [
            "check",
            "site/docs/r18-parent-css.html",
            "--rules",
            "aria-required-attr",
            "--format",
            "json",
            "--include-passed",
            "--no-cache",
        ]
    )
    findings = json.loads(capsys.readouterr().out)["documents"][0]["findings"]
    assert [finding["outcome"] for finding in findings] == ["inapplicable"]
