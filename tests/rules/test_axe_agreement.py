"""benchmarks/axe_agreement.py on a tiny site with a cached axe-core result (no browser).

The comparison matches elements, not counts: axe-core's target selectors and our findings
both resolve to elements of our parsed page.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "axe_agreement.py"
PAGE = (
    b'<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>'
    b'<p id="grey" style="color: #aaa">Light grey text</p>'
    b'<p id="pale" style="color: #bbb">Pale text too</p>'
    b'<p id="dark">Dark text</p></body></html>'
)


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_axe_agreement", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _site_page(tmp_path: Path, html: bytes = PAGE) -> Path:
    """A one-page site under ``tmp_path``: the page's path."""
    site = tmp_path / "site"
    site.mkdir()
    page = site / "index.html"
    page.write_bytes(html)
    return page


def test_failures_are_matched_element_by_element(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _site_page(tmp_path)
    record = {
        "file": str(page),
        "ok": True,
        # axe fails #grey (same element as ours) and #dark (which we pass); not #pale.
        "violations": [{"id": "color-contrast", "nodes": [["#grey"], ["body > p:nth-child(3)"]]}],
        "incomplete": [{"id": "color-contrast", "n": 1}],
        "passes": ["html-has-lang"],
    }
    cache = tmp_path / "axe.jsonl"
    cache.write_text(json.dumps(record) + "\n", encoding="utf-8")
    differences = tmp_path / "differences.jsonl"

    _load().main(
        [str(page.parent), "--axe-cache", str(cache), "--json", "--differences", str(differences)]
    )

    output = capsys.readouterr().out
    figures = json.loads(output[output.index("{") :])
    contrast = figures["rules"]["color-contrast"]
    assert (contrast["both"], contrast["ours_only"], contrast["axe_only"]) == (1, 1, 1)
    assert contrast["ours_only_axe_review"] == 1  # the page's one incomplete covers #pale
    assert figures["contrastPrecision"] == 0.5
    assert figures["contrastPageRecall"] == 1.0
    assert figures["reviewCountedByPage"] == 1  # axe counted its incomplete, named none
    lines = [json.loads(line) for line in differences.read_text().splitlines()]
    assert sorted((line["only"], line["selector"]) for line in lines) == [
        ("axe", "#dark"),
        ("ours, axe review", "#pale"),
    ]


def test_rules_off_by_default_are_compared_only_when_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # target-size is off by default in `a11y check` (its sizes need layout): the comparison
    # names it but leaves it out, as `a11y check` would, unless --rules asks for it.
    page = _site_page(
        tmp_path,
        b'<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>'
        b'<p><a id="small" href="/a">A</a></p></main></body></html>',
    )
    record = {
        "file": str(page),
        "ok": True,
        "violations": [{"id": "target-size", "nodes": [["#small"]]}],
        "incomplete": [],
        "passes": ["html-has-lang"],
    }
    cache = tmp_path / "axe.jsonl"
    cache.write_text(json.dumps(record) + "\n", encoding="utf-8")
    module = _load()

    module.main([str(page.parent), "--axe-cache", str(cache), "--json"])
    output = capsys.readouterr().out
    figures = json.loads(output[output.index("{") :])
    assert "target-size" not in figures["rules"]
    assert "html-has-lang" in figures["rules"]
    assert "name them with --rules): target-size" in output

    module.main([str(page.parent), "--axe-cache", str(cache), "--json", "--rules", "target-size"])
    output = capsys.readouterr().out
    figures = json.loads(output[output.index("{") :])
    assert figures["rules"]["target-size"]["axe_only"] == 1
    assert "not compared" not in output


def test_review_is_matched_element_by_element_when_axe_names_its_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _site_page(tmp_path)
    # axe fails nothing; it asks to review #dark (which we pass), not #grey or #pale.
    record = {
        "file": str(page),
        "ok": True,
        "violations": [],
        "incomplete": [{"id": "color-contrast", "n": 1, "nodes": [["#dark"]]}],
        "passes": ["color-contrast"],
    }
    cache = tmp_path / "axe.jsonl"
    cache.write_text(json.dumps(record) + "\n", encoding="utf-8")

    _load().main([str(page.parent), "--axe-cache", str(cache), "--json"])

    output = capsys.readouterr().out
    figures = json.loads(output[output.index("{") :])
    contrast = figures["rules"]["color-contrast"]
    assert (contrast["ours_only"], contrast["ours_only_axe_review"]) == (2, 0)
    assert figures["axeSilentShare"] == 1.0
    assert figures["reviewCountedByPage"] == 0
    assert "does not report (neither fails nor asks to review): 2 of 2 (100.0%" in output
