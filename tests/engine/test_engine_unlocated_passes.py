"""``locate_passed=False``: passes lose their location and nothing else, and every report
that only counts passes is byte for byte the report of a fully located result."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import msgspec
import pytest

from accessibility_analyzer.engine import (
    AnalysisResult,
    DocumentResult,
    Finding,
    MappingSite,
    Outcome,
    analyze_document,
)
from accessibility_analyzer.reports import FORMATS, ReportContext, ReportFormat, render
from accessibility_analyzer.rules import ALL_RULES

REPOSITORY = Path(__file__).resolve().parents[2]
_LOCATION = {
    "selector": None,
    "xpath": None,
    "line": None,
    "column": None,
    "snippet": None,
    "fingerprint": None,
}
# A small page of every kind of finding: failures, cantTell, passes, inapplicable rules.
PAGE = b"""<!DOCTYPE html><html lang="en"><head><title>Mixed</title>
<style>.low { color: #999; background: #fff } .gone { display: none }</style></head>
<body><main><h1>Title</h1><img src="a.png" alt="A cat"><img src="b.png">
<p class="low">Grey text</p><a href="/x">Read more</a><a href="/y"></a>
<label for="f">Name</label><input id="f"><input type="text">
<table><tr><th>Head</th></tr><tr><td>Cell</td></tr></table>
<div role="button" class="gone">x</div></main></body></html>"""


def _corpus_pages(limit: int) -> list[tuple[bytes, str, MappingSite]]:
    """Every 17th page of the shared corpus's W3C site (with its stylesheets), if present."""
    for candidate in (
        os.environ.get("A11Y_CORPUS"),
        REPOSITORY.parent / "shared" / "corpus",
        Path("/work/shared/corpus"),
    ):
        if candidate and (Path(candidate) / "w3c").is_dir():
            site_root = Path(candidate) / "w3c"
            break
    else:
        return []
    files = {
        file.relative_to(site_root).as_posix(): file.read_bytes()
        for file in site_root.rglob("*.css")
    }
    pages = sorted(site_root.rglob("*.html"))[::17][:limit]
    site = MappingSite(files)
    return [(page.read_bytes(), page.relative_to(site_root).as_posix(), site) for page in pages]


def _pages() -> list[tuple[bytes, str, MappingSite]]:
    return [(PAGE, "index.html", MappingSite({})), *_corpus_pages(6)]


def _unlocated(finding: Finding) -> Finding:
    if finding.outcome is not Outcome.PASSED:
        return finding
    return msgspec.structs.replace(finding, **_LOCATION)


def _both(source: bytes, path: str, site: MappingSite) -> tuple[DocumentResult, DocumentResult]:
    located = analyze_document(source, path=path, site=site, rules=ALL_RULES)
    counted = analyze_document(source, path=path, site=site, rules=ALL_RULES, locate_passed=False)
    return located, counted


@pytest.fixture(scope="module")
def pairs() -> list[tuple[DocumentResult, DocumentResult]]:
    """(located, counted) results of each page."""
    return [_both(source, path, site) for source, path, site in _pages()]


def test_passes_lose_their_location_and_nothing_else(
    pairs: list[tuple[DocumentResult, DocumentResult]],
) -> None:
    outcomes: set[Outcome] = set()
    shared = [
        finding
        for _, counted in pairs
        for finding in counted.findings
        if finding.outcome is Outcome.PASSED and finding.details is None
    ]
    assert len({id(finding) for finding in shared}) < len(shared) / 2  # equal passes: one object
    for located, counted in pairs:
        assert counted.findings == [_unlocated(finding) for finding in located.findings]
        assert (counted.path, counted.title, counted.counts, counted.error) == (
            located.path,
            located.title,
            located.counts,
            located.error,
        )
        outcomes.update(finding.outcome for finding in located.findings)
        passed = [f for f in located.findings if f.outcome is Outcome.PASSED]
        assert all(f.selector and f.xpath and f.fingerprint for f in passed)
    assert outcomes == set(Outcome)  # the pages exercise every outcome


_CONTEXT = ReportContext(
    analysis_id="run",
    session_id="run",
    tool_version="1.0",
    created_at=datetime(2026, 1, 2, tzinfo=UTC),
    finished_at=datetime(2026, 1, 2, 0, 1, tzinfo=UTC),
)
_COUNTING = [
    (fmt, include_passed)
    for fmt in ReportFormat
    for include_passed in (False, True)
    if not FORMATS[fmt].lists_passed(include_passed=include_passed)
]


def test_which_outputs_list_passes() -> None:
    """CSV and EARL always list them, JSON and JSON Lines with ``include_passed``."""
    listing = {
        (fmt.value, include_passed)
        for fmt in ReportFormat
        for include_passed in (False, True)
        if FORMATS[fmt].lists_passed(include_passed=include_passed)
    }
    assert listing == {
        ("csv", False),
        ("csv", True),
        ("earl", False),
        ("earl", True),
        ("json", True),
        ("jsonl", True),
    }


@pytest.mark.parametrize(("fmt", "include_passed"), _COUNTING)
def test_reports_that_count_passes_are_unchanged(
    pairs: list[tuple[DocumentResult, DocumentResult]], fmt: ReportFormat, include_passed: bool
) -> None:
    rules = [rule.meta.info() for rule in ALL_RULES]
    located = AnalysisResult(documents=[pair[0] for pair in pairs], rules=rules)
    counted = AnalysisResult(documents=[pair[1] for pair in pairs], rules=rules)
    expected = render(fmt, located, _CONTEXT, include_passed=include_passed).body
    assert render(fmt, counted, _CONTEXT, include_passed=include_passed).body == expected
    # A report that lists passes is not: the test above would notice a location they show.
    listed = render(ReportFormat.CSV, counted, _CONTEXT).body
    assert listed != render(ReportFormat.CSV, located, _CONTEXT).body
