"""ACT conformance: run our rules over the W3C ACT test cases and score them per ACT rule.

Usage:
    uv run python benchmarks/act_conformance.py --cases ../shared/act [--rules ID,...]
        [--answers benchmarks/act_answers] [--json]

Every case is checked as a whole page, served from a site whose root is the cases folder (so
``/test-assets/...`` resolves). For each ACT rule, the outcome of a case is the worst outcome
any of our rules mapped to it (``RuleMeta.act_rules``) gives on that page: failed, then
cantTell, then passed. A checker is consistent with an ACT rule when every failed case fails
and no passed or inapplicable case fails (the W3C definition; cantTell on a passed or
inapplicable case is allowed and only counted, column CT):

* consistent: every failed case fails, no passed/inapplicable case fails;
* partial: no false failure (FF), but a failed case does not fail (a missed failure, MF);
* inconsistent: a passed or inapplicable case fails;
* untested: none of our rules maps to the ACT rule.

Each ACT rule is scored twice, as the W3C reports score semi-automated tools:
**automatic** (no answers: judgement questions stay cantTell) and **semi-automatic** (with
the answers a tester recorded for the case pages, ``--answers DIR``: one answers file per ACT
rule, ``<act-id>.toml``, in the format `a11y check --answers` reads; the page is the case's
path inside the cases folder, ``pages/<act-id>/<case>.html``). To record answers for a rule,
list its open questions with the cases folder as the site root (``/test-assets/...`` must
resolve, as here): ``cd ../shared/act && a11y check pages/<act-id>/*.html --base-dir .
--rules <our-rule> --no-cache --write-answers answers.toml``, then answer each question from
what the page and its assets show, never from the case's expected outcome.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from accessibility_analyzer.cli.answers import PageAnswers, load_answers, page_name
from accessibility_analyzer.cli.inputs import DirectorySite
from accessibility_analyzer.engine import analyze_document
from accessibility_analyzer.engine.oracle import AnswerTable
from accessibility_analyzer.engine.result import Outcome
from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules import ALL_RULES

DEFAULT_ANSWERS = Path(__file__).resolve().parent / "act_answers"
MODES = ("automatic", "semi-automatic")


@dataclass
class CaseResult:
    """Our verdict on one ACT test case."""

    path: str
    expected: str
    got: str  # failed | cantTell | passed (passed also covers "no failure found")


@dataclass
class RuleScore:
    """Score of one ACT rule."""

    act_id: str
    name: str
    status: str
    our_rules: list[str]
    verdict: str = "untested"
    false_failures: list[str] = field(default_factory=list)
    missed_failures: list[str] = field(default_factory=list)
    cant_tell: list[str] = field(default_factory=list)
    cases: int = 0


def mapped_rules(rules: tuple[type[Rule], ...]) -> dict[str, list[type[Rule]]]:
    """ACT rule id -> our rules that claim it."""
    mapping: dict[str, list[type[Rule]]] = defaultdict(list)
    for rule in rules:
        for act_id in rule.meta.act_rules:
            mapping[act_id].append(rule)
    return mapping


def load_act_answers(folder: Path) -> PageAnswers:
    """The recorded answers of every ``*.toml`` file in ``folder`` (none: no folder)."""
    if not folder.is_dir():
        return {}
    return load_answers(sorted(folder.glob("*.toml")))


def check_case(
    cases_dir: Path,
    page_path: str,
    rules: list[type[Rule]],
    answers: PageAnswers | None = None,
) -> str:
    """Worst outcome our mapped rules give on one case page (with its answers, if given)."""
    site = DirectorySite(cases_dir)
    source = (cases_dir / page_path).read_bytes()
    recorded = (answers or {}).get(page_name(page_path), ())
    oracle = AnswerTable(recorded) if recorded else None
    result = analyze_document(source, path=page_path, site=site, rules=rules, oracle=oracle)
    outcomes = {finding.outcome for finding in result.findings}
    if Outcome.FAILED in outcomes:
        return "failed"
    if Outcome.CANT_TELL in outcomes or result.error:
        return "cantTell"
    return "passed"


def score(
    cases_dir: Path, only: set[str] | None = None, answers: PageAnswers | None = None
) -> list[RuleScore]:
    """Score every ACT rule in the cases folder (semi-automatically when given answers)."""
    rules_meta = json.loads((cases_dir / "rules.json").read_text(encoding="utf-8"))
    cases = json.loads((cases_dir / "testcases.json").read_text(encoding="utf-8"))
    ours = ALL_RULES if only is None else tuple(r for r in ALL_RULES if r.meta.id in only)
    mapping = mapped_rules(ours)
    scores: dict[str, RuleScore] = {}
    for meta in rules_meta:
        act_id = meta["ruleId"]
        scores[act_id] = RuleScore(
            act_id=act_id,
            name=meta["name"],
            status=meta["status"],
            our_rules=sorted(rule.meta.id for rule in mapping.get(act_id, [])),
        )
    for case in cases:
        act_id = case["ruleId"]
        entry = scores.get(act_id)
        if entry is None or not entry.our_rules:
            continue
        entry.cases += 1
        got = check_case(cases_dir, case["pagePath"], mapping[act_id], answers)
        expected = case["expected"]
        path = case["pagePath"]
        if got == "failed" and expected != "failed":
            entry.false_failures.append(path)
        elif got != "failed" and expected == "failed":
            entry.missed_failures.append(path)
        if got == "cantTell":
            entry.cant_tell.append(path)
    for entry in scores.values():
        if not entry.our_rules:
            entry.verdict = "untested"
        elif entry.false_failures:
            entry.verdict = "inconsistent"
        elif entry.missed_failures:
            entry.verdict = "partial"
        else:
            entry.verdict = "consistent"
    return sorted(scores.values(), key=lambda s: (s.status, s.verdict, s.act_id))


def print_table(modes: dict[str, list[RuleScore]]) -> None:
    """Human-readable table of both modes plus totals per status and mode."""
    semi = {s.act_id: s for s in modes[MODES[1]]}
    print(
        f"{'ACT':<7} {'status':<9} {'cases':>5}  {'automatic':<13} {'FF':>3} {'MF':>3} "
        f"{'CT':>3}  {'semi-automatic':<14} {'FF':>3} {'MF':>3} {'CT':>3}  name / our rules"
    )
    for auto in modes[MODES[0]]:
        both = (auto, semi[auto.act_id])
        columns = "  ".join(
            f"{s.verdict:<{width}} {len(s.false_failures):>3} {len(s.missed_failures):>3} "
            f"{len(s.cant_tell):>3}"
            for s, width in zip(both, (13, 14), strict=True)
        )
        print(
            f"{auto.act_id:<7} {auto.status:<9} {auto.cases:>5}  {columns}  "
            f"{auto.name[:50]} [{', '.join(auto.our_rules)}]"
        )
        for mode, s in zip(MODES, both, strict=True):
            for path in s.false_failures:
                print(f"        false failure ({mode}): {path}")
    print()
    for mode in MODES:
        for status in ("approved", "proposed"):
            group = [s for s in modes[mode] if s.status == status]
            counts: dict[str, int] = defaultdict(int)
            for s in group:
                counts[s.verdict] += 1
            print(
                f"{mode:<14} {status}: {len(group)} ACT rules: {counts['consistent']} "
                f"consistent, {counts['partial']} partial, {counts['inconsistent']} "
                f"inconsistent, {counts['untested']} untested"
            )
        total_ff = sum(len(s.false_failures) for s in modes[mode])
        print(f"{mode:<14} false failures on all cases: {total_ff}")


def main(argv: list[str] | None = None) -> int:
    """Run the conformance check; exit 1 with ``--strict`` when any case fails falsely."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cases", type=Path, default=Path("../shared/act"))
    parser.add_argument("--rules", help="comma-separated ids of our rules to score")
    parser.add_argument(
        "--answers",
        type=Path,
        default=DEFAULT_ANSWERS,
        metavar="DIR",
        help="folder of recorded answers, <act-id>.toml (default: benchmarks/act_answers)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--strict", action="store_true", help="exit 1 on any false failure")
    args = parser.parse_args(argv)
    only = set(args.rules.split(",")) if args.rules else None
    modes = {
        "automatic": score(args.cases, only),
        "semi-automatic": score(args.cases, only, load_act_answers(args.answers)),
    }
    if args.json:
        print(json.dumps({mode: [asdict(s) for s in scores] for mode, scores in modes.items()}))
    else:
        print_table(modes)
    if args.strict and any(s.false_failures for scores in modes.values() for s in scores):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
