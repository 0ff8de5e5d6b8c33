"""What `a11y check` writes: slim JSON by default, JSON Lines, every outcome on request."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accessibility_analyzer.cli import main

PAGE = (
    '<!DOCTYPE html><html lang="en"><head><title>Mixed</title></head><body><main>'
    '<h1>Title</h1><img src="a.png" alt="A logo"><img src="b.png"><a href="x.html">Next</a>'
    "</main></body></html>"
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    for name in ("a.html", "b.html", "c.html"):
        (folder / name).write_text(PAGE, encoding="utf-8")
    return folder


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    main(["check", *args, "--no-progress", "--no-cache"])
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_json_keeps_failures_and_counts_the_rest_per_rule(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """By default a page lists failed and cantTell findings; ruleCounts count every outcome."""
    slim = _json(capsys, str(site / "a.html"), "--format", "json")
    full = _json(capsys, str(site / "a.html"), "--format", "json", "--include-passed")
    [slim_page] = slim["documents"]  # type: ignore[misc]
    [full_page] = full["documents"]  # type: ignore[misc]
    assert {f["outcome"] for f in slim_page["findings"]} <= {"failed", "cantTell"}
    assert {f["outcome"] for f in full_page["findings"]} >= {"passed", "inapplicable", "failed"}
    reported = [f for f in full_page["findings"] if f["outcome"] in ("failed", "cantTell")]
    assert slim_page["findings"] == reported
    assert slim_page["counts"] == full_page["counts"]
    assert slim_page["ruleCounts"] == full_page["ruleCounts"]
    image_alt = slim_page["ruleCounts"]["image-alt"]
    assert image_alt == {"passed": 1, "failed": 1, "cantTell": 0, "inapplicable": 0}
    per_rule_total = sum(sum(counts.values()) for counts in slim_page["ruleCounts"].values())
    assert per_rule_total == len(full_page["findings"])


def test_jsonl_is_one_document_per_line_with_the_json_fields(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--format jsonl` prints the documents of `--format json`, one per line, in order."""
    document = _json(capsys, str(site), "--format", "json")
    main(["check", str(site), "--format", "jsonl", "--no-progress", "--no-cache"])
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line) for line in lines] == document["documents"]
    assert [json.loads(line)["path"] for line in lines] == [
        str(site / name) for name in ("a.html", "b.html", "c.html")
    ]


def test_earl_keeps_every_outcome(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """EARL lists passed and inapplicable assertions without --include-passed."""
    main(["check", str(site / "a.html"), "--format", "earl", "--no-cache"])
    outcomes = json.dumps(json.loads(capsys.readouterr().out))
    assert "earl:passed" in outcomes
    assert "earl:inapplicable" in outcomes


def test_text_lists_failures_and_totals(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Text output names each failure at file:line:col and ends with the totals."""
    code = main(["check", str(site), "--no-progress", "--no-cache"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.count("image-alt:") == 3
    assert out.strip().splitlines()[-1].startswith("3 page(s) checked with")
