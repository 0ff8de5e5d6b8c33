"""`a11y check` and `a11y rules` through their real entry point."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from accessibility_analyzer.cli import main
from accessibility_analyzer.rules import ALL_RULES, DEFAULT_RULES

GOOD = (
    '<!DOCTYPE html><html lang="en"><head><title>Good page</title></head>'
    '<body><main><h1>Hello</h1><img src="a.png" alt="A logo"></main></body></html>'
)
BAD = '<!DOCTYPE html><html><head></head><body>\n  <img src="a.png">\n</body></html>'


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A folder with a good page, a bad page and a stylesheet."""
    (tmp_path / "good.html").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bad.html").write_text(BAD, encoding="utf-8")
    (tmp_path / "style.css").write_text("body { color: black }", encoding="utf-8")
    return tmp_path


def test_json_output_has_the_result_shape(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--format json` prints the JSON report: documents with findings, rules, summary."""
    code = main(["check", str(site / "good.html"), "--format", "json", "--include-passed"])
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"documents", "rules", "summary", "includesPassed", "reportVersion"}
    assert len(data["rules"]) == len(DEFAULT_RULES)  # rules off by default do not run
    document = data["documents"][0]
    assert document["title"] == "Good page"
    assert set(document) >= {"path", "title", "findings", "counts", "ruleCounts"}
    for finding in document["findings"]:
        assert set(finding) >= {
            "ruleId", "outcome", "impact", "wcag", "selector", "xpath",
            "line", "column", "snippet", "message", "fixHint", "reason",
        }  # fmt: skip
    assert code in (0, 1)


@pytest.mark.skipif(not ALL_RULES, reason="no rules registered yet")
def test_failures_give_exit_code_one_with_locations(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page with failures exits 1 and prints file:line:col for each failure."""
    code = main(["check", str(site / "sub" / "bad.html"), "--no-progress"])
    out = capsys.readouterr().out
    assert code == 1
    assert "bad.html:2:3" in out  # the <img> start tag on line 2, column 3


@pytest.mark.skipif(not ALL_RULES, reason="no rules registered yet")
def test_fail_on_threshold(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Failures below --fail-on do not change the exit code."""
    data_code = main(["check", str(site / "sub" / "bad.html"), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    impacts = {
        f["impact"] for d in data["documents"] for f in d["findings"] if f["outcome"] == "failed"
    }
    assert data_code == 1
    if "critical" not in impacts:
        assert main(["check", str(site / "sub" / "bad.html"), "--fail-on", "critical"]) == 0


def test_folder_and_zip_are_sites(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder and a ZIP yield every page, named by their path."""
    main(["check", str(site), "--format", "json", "--no-progress"])
    folder = json.loads(capsys.readouterr().out)
    assert sorted(Path(d["path"]).name for d in folder["documents"]) == ["bad.html", "good.html"]

    archive = site / "site.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("index.html", GOOD)
        zf.writestr("docs/page.htm", BAD)
        zf.writestr("../evil.html", BAD)  # unsafe entry names are ignored
        zf.writestr("style.css", "p { color: red }")
    main(["check", str(archive), "--format", "json", "--no-progress"])
    zipped = json.loads(capsys.readouterr().out)
    assert sorted(d["path"] for d in zipped["documents"]) == [
        f"{archive}!docs/page.htm",
        f"{archive}!index.html",
    ]


def test_progress_bar_on_stderr_for_several_pages(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Several pages show progress on stderr, never on stdout."""
    main(["check", str(site), "--format", "json"])
    captured = capsys.readouterr()
    assert "2/2" in captured.err
    json.loads(captured.out)


def test_usage_errors_exit_two(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Missing paths, unknown rules and non-HTML files are usage errors."""
    assert main(["check", str(site / "missing.html")]) == 2
    assert main(["check", str(site / "style.css")]) == 2
    assert main(["check", str(site), "--rules", "no-such-rule"]) == 2
    with pytest.raises(SystemExit) as raised:
        main(["check", str(site), "--format", "yaml"])
    assert raised.value.code == 2
    assert "no such file" in capsys.readouterr().err


def test_rule_selection_limits_findings(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--rules runs only the named rules."""
    if not ALL_RULES:
        pytest.skip("no rules registered yet")
    chosen = ALL_RULES[0].meta.id
    main(["check", str(site / "good.html"), "--format", "json", "--rules", chosen])
    data = json.loads(capsys.readouterr().out)
    assert [rule["id"] for rule in data["rules"]] == [chosen]
    assert {f["ruleId"] for d in data["documents"] for f in d["findings"]} <= {chosen}


def test_rules_command_lists_metadata(capsys: pytest.CaptureFixture[str]) -> None:
    """`a11y rules --format json` lists every rule with its ACT ids."""
    assert main(["rules", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted(rule["id"] for rule in listed) == sorted(r.meta.id for r in ALL_RULES)
    for rule in listed:
        assert set(rule) >= {"id", "name", "actRules", "wcag", "impact", "tags"}


@pytest.mark.parametrize("fmt", ["html", "sarif", "csv", "earl"])
def test_report_formats(fmt: str, site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The service's report formats come out of the CLI too, to stdout or --output."""
    out_file = site / f"report.{fmt}"
    main(["check", str(site / "sub" / "bad.html"), "--format", fmt, "-o", str(out_file)])
    assert capsys.readouterr().out == ""
    text = out_file.read_text(encoding="utf-8-sig")
    if fmt in ("sarif", "earl"):
        data = json.loads(text)
        if fmt == "sarif":
            assert data["version"] == "2.1.0"
            assert any(r["ruleId"] == "image-alt" for r in data["runs"][0]["results"])
    elif fmt == "csv":
        assert text.splitlines()[0].startswith("path,rule_id,outcome")
    else:
        assert text.startswith("<!DOCTYPE html>")


def test_rules_command_filters_as_check_selects(capsys: pytest.CaptureFixture[str]) -> None:
    """`a11y rules --rules/--tags/--level` lists the rules `a11y check` runs with them."""
    assert main(["rules", "--format", "json", "--tags", "experimental"]) == 0
    experimental = json.loads(capsys.readouterr().out)
    assert experimental and all("experimental" in rule["tags"] for rule in experimental)
    assert main(["rules", "--format", "json", "--level", "A"]) == 0
    assert {rule["level"] for rule in json.loads(capsys.readouterr().out)} == {"A"}
    assert main(["rules", "--rules", "target-size,image-alt"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in listed[:-1]] == ["image-alt", "target-size"]
    assert main(["rules", "--rules", "no-such-rule"]) == 2
    assert "no-such-rule" in capsys.readouterr().err
