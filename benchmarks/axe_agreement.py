"""Agreement with axe-core: the same pages through our engine and axe-core, element by element.

Usage::

    uv run python benchmarks/axe_agreement.py ../shared/corpus/w3c ../shared/corpus/ifcopenshell
    uv run python benchmarks/axe_agreement.py PATH... --rules color-contrast --differences out.jsonl

PATHs are read exactly as ``a11y check`` reads them (a folder is a site, a file's site is its
folder). axe-core's results come from ``--axe-cache`` (JSON lines of the axe-baseline runner,
``../shared/tools/axe-baseline``); pages missing there are run once with ``--axe-runner`` in
headless Chromium and appended, so later runs never start a browser. Install the baseline as
its README says (Debian's chromium, ``npm ci`` in a copy under ``~/.cache``).

For every rule both tools have (our rule ids follow axe-core's where the check is the same)
and ``a11y check`` runs by default, an element counts once per tool when that tool fails it.
Shared rules that are off by default (tagged ``experimental``, such as ``target-size``, whose
sizes need layout) are named but compared only when ``--rules`` asks for them. axe-core's
``target`` selectors and our findings' selectors are both resolved to elements of our parsed
page, so "both" means the same element. Printed per rule: failed elements by both / ours
only / axe only, the axe targets we could not resolve (inside frames or shadow roots, or
selectors we do not read), and pages failed by each. axe-core "reports" an element when it
fails it (``violations``) or asks for it to be reviewed (``incomplete``); the summary line
gives both shares of our failures: those axe-core does not fail, and those it does not report
at all. For ``color-contrast`` also: the share of our failures on elements axe also fails
(target >= 95%), and the share of the pages where axe fails contrast that we fail or flag
with ``cantTell`` (target >= 80%). ``--differences`` writes one JSON line per element failed
by only one tool, to triage and explain in ``docs/axe-differences.md``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accessibility_analyzer.cli.inputs import PageInput, collect_pages
from accessibility_analyzer.engine import NoOracle, check_page, css_selector, parse_page, snippet
from accessibility_analyzer.engine.css import InvalidSelector, select
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Finding, Outcome
from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules import ALL_RULES, DEFAULT_RULES

DEFAULT_CACHE = Path.home() / ".cache" / "a11y-axe" / "axe.jsonl"
DEFAULT_RUNNER = Path.home() / ".cache" / "axe-baseline" / "run_axe_chromium.js"
CONTRAST = "color-contrast"
PRECISION_TARGET = 0.95
PAGE_RECALL_TARGET = 0.80


@dataclass
class RuleTally:
    """Element and page counts of one rule over the pages."""

    both: int = 0
    ours_only: int = 0
    ours_only_axe_review: int = 0  # of ours_only: axe-core left them "incomplete" (review)
    axe_only: int = 0
    axe_unresolved: int = 0
    our_pages: int = 0
    axe_pages: int = 0
    axe_pages_we_flag: int = 0  # axe fails: we fail or say cantTell somewhere on the page

    @property
    def ours(self) -> int:
        """Elements we fail."""
        return self.both + self.ours_only


@dataclass
class Agreement:
    """The tallies of every shared rule, and the differences found."""

    rules: dict[str, RuleTally] = field(default_factory=lambda: defaultdict(RuleTally))
    differences: list[dict[str, Any]] = field(default_factory=list)
    pages: int = 0
    pages_without_axe: list[str] = field(default_factory=list)
    # Pages whose axe result counts its "incomplete" elements without naming them: there,
    # "rev" counts our elements up to that number, not element by element.
    review_counted_by_page: int = 0


def load_axe(cache: Path) -> dict[str, dict[str, Any]]:
    """axe-core results by absolute file path, from the cache (empty when absent)."""
    results: dict[str, dict[str, Any]] = {}
    if cache.is_file():
        for line in cache.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                results[str(Path(record["file"]).resolve())] = record
    return results


def run_axe(files: Sequence[str], cache: Path, runner: Path) -> None:
    """Run the axe-baseline runner on ``files`` and append its lines to ``cache``."""
    if not files:
        return
    if not runner.is_file():
        sys.exit(f"axe runner not found at {runner}: install ../shared/tools/axe-baseline")
    cache.parent.mkdir(parents=True, exist_ok=True)
    page_list = cache.with_suffix(".pages.txt")
    page_list.write_text("\n".join(files) + "\n", encoding="utf-8")
    fresh = cache.with_suffix(".new.jsonl")
    print(f"running axe-core on {len(files)} pages (cached in {cache})", file=sys.stderr)
    subprocess.run(
        ["node", str(runner), "--list", str(page_list), "--out", str(fresh)],
        check=True,
    )
    with cache.open("a", encoding="utf-8") as out:
        out.write(fresh.read_text(encoding="utf-8"))
    fresh.unlink()


def _resolve(page: Page, selector: str) -> Element | None:
    try:
        found = select(page, selector)
    except (InvalidSelector, RecursionError, ValueError):
        return None
    return found[0] if found else None


def _axe_failures(record: dict[str, Any]) -> dict[str, list[str | None]]:
    """axe rule id -> the failing targets (``None`` for a target inside frames/shadows)."""
    failures: dict[str, list[str | None]] = defaultdict(list)
    for violation in record.get("violations", []):
        for target in violation["nodes"]:
            failures[violation["id"]].append(target[0] if len(target) == 1 else None)
    return failures


def _axe_incomplete(record: dict[str, Any]) -> dict[str, tuple[int, list[str] | None]]:
    """axe rule id -> (incomplete count, their targets when the runner lists them)."""
    found: dict[str, tuple[int, list[str] | None]] = {}
    for item in record.get("incomplete", []):
        nodes = item.get("nodes")
        targets = None
        if isinstance(nodes, list):
            targets = [
                (node.get("target") if isinstance(node, dict) else node)[0]
                for node in nodes
                if len(node.get("target") if isinstance(node, dict) else node) == 1
            ]
        found[item["id"]] = (int(item.get("n", 0)), targets)
    return found


def _axe_rule_ids(records: Iterable[dict[str, Any]]) -> set[str]:
    ids: set[str] = set()
    for record in records:
        ids.update(violation["id"] for violation in record.get("violations", []))
        ids.update(item["id"] for item in record.get("incomplete", []))
        ids.update(record.get("passes", []))
    return ids


def compare_page(
    page_input: PageInput,
    record: dict[str, Any],
    rules: Sequence[type[Rule]],
    agreement: Agreement,
) -> None:
    """Check one page with our rules and tally it against axe's record."""
    page = parse_page(page_input.read(), path=page_input.site_path, site=page_input.site)
    findings: dict[str, list[Finding]] = defaultdict(list)
    for finding in check_page(page, rules, NoOracle()).findings:
        findings[finding.rule_id].append(finding)
    axe = _axe_failures(record)
    incomplete = _axe_incomplete(record)
    by_page = False  # some "rev" of this page is counted from axe's count, not its targets
    for rule in rules:
        rule_id = rule.meta.id
        tally = agreement.rules[rule_id]
        ours: dict[int, Finding] = {}
        other: dict[int, Finding] = {}  # our passed/cantTell findings, to explain axe-only
        flagged = False
        for finding in findings.get(rule_id, []):
            flagged = flagged or finding.outcome in (Outcome.FAILED, Outcome.CANT_TELL)
            if finding.selector is None:
                continue
            element = _resolve(page, finding.selector)
            if element is not None:
                (ours if finding.outcome is Outcome.FAILED else other)[element.order] = finding
        theirs: dict[int, str] = {}
        for target in axe.get(rule_id, []):
            element = _resolve(page, target) if target is not None else None
            if element is None:
                tally.axe_unresolved += 1
            else:
                theirs[element.order] = target or ""
        tally.our_pages += bool(ours)
        tally.axe_pages += bool(axe.get(rule_id))
        tally.axe_pages_we_flag += bool(axe.get(rule_id)) and flagged
        review_count, review_targets = incomplete.get(rule_id, (0, None))
        review: set[int] | None = None
        if review_targets is not None:
            resolved = (_resolve(page, target) for target in review_targets)
            review = {element.order for element in resolved if element is not None}
        elif review_count and ours.keys() - theirs.keys():
            by_page = True
        for order, finding in ours.items():
            if order in theirs:
                tally.both += 1
                continue
            tally.ours_only += 1
            # Element-level when the runner lists incomplete targets, else up to the page's
            # incomplete count for the rule.
            if review is not None and order in review:
                side = "ours, axe review"
            elif review is None and review_count > 0:
                review_count -= 1
                side = "ours, axe review"
            else:
                side = "ours"
            tally.ours_only_axe_review += side != "ours"
            agreement.differences.append(_difference(side, rule_id, page, order, finding))
        for order in theirs.keys() - ours.keys():
            tally.axe_only += 1
            agreement.differences.append(_difference("axe", rule_id, page, order, other.get(order)))
    agreement.review_counted_by_page += by_page


def _difference(
    side: str, rule_id: str, page: Page, order: int, finding: Finding | None
) -> dict[str, Any]:
    element = page.elements[order]
    return {
        "only": side,
        "rule": rule_id,
        "page": page.path,
        "selector": css_selector(page, element),
        "line": element.line,
        "snippet": snippet(page, element)[:200],
        "ourOutcome": str(finding.outcome) if finding is not None else "not a target",
        "reason": finding.reason if finding is not None else None,
    }


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def report(agreement: Agreement) -> dict[str, Any]:
    """Print the table and the contrast targets; return the figures (for ``--json``)."""
    print(f"{agreement.pages} pages compared")
    if agreement.pages_without_axe:
        print(f"  {len(agreement.pages_without_axe)} pages without an axe result (skipped)")
    print("ours: failed by us only (rev: of them, axe-core says needs review); unres: axe")
    print("targets not found in our page; pg: pages with failures")
    if agreement.review_counted_by_page:
        print(
            f"  rev on {agreement.review_counted_by_page} pages is bounded, not matched: their axe"
            " results count incomplete elements without naming them"
        )
    header = f"{'rule':36} {'both':>6} {'ours':>6} {'rev':>6} {'axe':>6} {'unres':>6}"
    print(f"{header} {'pg us':>6} {'pg axe':>6}")
    total_ours = total_ours_only = total_review = 0
    for rule_id, tally in sorted(agreement.rules.items()):
        print(
            f"{rule_id:36} {tally.both:6} {tally.ours_only:6} {tally.ours_only_axe_review:6} "
            f"{tally.axe_only:6} {tally.axe_unresolved:6} {tally.our_pages:6} "
            f"{tally.axe_pages:6}"
        )
        total_ours += tally.ours
        total_ours_only += tally.ours_only
        total_review += tally.ours_only_axe_review
    silent = total_ours_only - total_review
    print(
        f"our failures axe-core does not fail: {total_ours_only} of {total_ours} "
        f"({_share(total_ours_only, total_ours)}); axe-core asks to review {total_review} of them"
    )
    print(
        f"our failures axe-core does not report (neither fails nor asks to review): {silent} of "
        f"{total_ours} ({_share(silent, total_ours)}; target < 2%)"
    )
    figures: dict[str, Any] = {
        "pages": agreement.pages,
        "rules": {rule: vars(tally) for rule, tally in agreement.rules.items()},
        "oursOnlyShare": total_ours_only / total_ours if total_ours else None,
        "axeSilentShare": silent / total_ours if total_ours else None,
        "reviewCountedByPage": agreement.review_counted_by_page,
    }
    contrast = agreement.rules.get(CONTRAST)
    if contrast is not None:
        precision = contrast.both / contrast.ours if contrast.ours else None
        recall = contrast.axe_pages_we_flag / contrast.axe_pages if contrast.axe_pages else None
        print(
            f"color-contrast: our failures axe also fails {_share(contrast.both, contrast.ours)} "
            f"(target >= {PRECISION_TARGET:.0%}); axe's contrast-failing pages we fail or flag "
            f"{contrast.axe_pages_we_flag}/{contrast.axe_pages} "
            f"({_share(contrast.axe_pages_we_flag, contrast.axe_pages)}; "
            f"target >= {PAGE_RECALL_TARGET:.0%})"
        )
        figures["contrastPrecision"] = precision
        figures["contrastPageRecall"] = recall
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    """Compare, print the figures, and write the differences when asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path, help="pages, folders, as for a11y check")
    parser.add_argument("--axe-cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--axe-runner", type=Path, default=DEFAULT_RUNNER)
    parser.add_argument("--rules", help="comma-separated rule ids (default: every shared rule)")
    parser.add_argument("--differences", type=Path, help="write elements only one tool fails")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    parser.add_argument("--limit", type=int, help="compare only the first N pages")
    args = parser.parse_args(argv)

    pages = collect_pages(args.paths)[: args.limit]
    files = {str(Path(page.display).resolve()): page for page in pages if "!" not in page.display}
    axe = load_axe(args.axe_cache)
    run_axe([file for file in files if file not in axe], args.axe_cache, args.axe_runner)
    axe = load_axe(args.axe_cache)

    shared = _axe_rule_ids(axe[file] for file in files if file in axe)
    wanted = set(args.rules.split(",")) if args.rules else None
    # As `a11y check` runs: the default rules, unless --rules names others.
    candidates = ALL_RULES if wanted is not None else DEFAULT_RULES
    rules = [
        rule
        for rule in candidates
        if rule.meta.id in shared and (wanted is None or rule.meta.id in wanted)
    ]
    compared = {rule.meta.id for rule in rules}
    left_out = sorted(rule.meta.id for rule in ALL_RULES if rule.meta.id in shared - compared)
    if wanted is None and left_out:
        print(
            "not compared (off by default in a11y check; name them with --rules): "
            + ", ".join(left_out)
        )
    agreement = Agreement()
    for file, page_input in files.items():
        record = axe.get(file)
        if record is None or not record.get("ok", True):
            agreement.pages_without_axe.append(file)
            continue
        agreement.pages += 1
        compare_page(page_input, record, rules, agreement)
    figures = report(agreement)
    if args.differences is not None:
        lines = (json.dumps(difference) for difference in agreement.differences)
        args.differences.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
