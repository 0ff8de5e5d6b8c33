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


def test_failures_are_matched_element_by_element(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    page = site / "index.html"
    page.write_bytes(PAGE)
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
        [str(site), "--axe-cache", str(cache), "--json", "--differences", str(differences)]
    )

    output = capsys.readouterr().out
    figures = json.loads(output[output.index("{") :])
    contrast = figures["rules"]["color-contrast"]
    assert (contrast["both"], contrast["ours_only"], contrast["axe_only"]) == (1, 1, 1)
    assert contrast["ours_only_axe_review"] == 1  # the page's one incomplete covers #pale
    assert figures["contrastPrecision"] == 0.5
    assert figures["contrastPageRecall"] == 1.0
    lines = [json.loads(line) for line in differences.read_text().splitlines()]
    assert sorted((line["only"], line["selector"]) for line in lines) == [
        ("axe", "#dark"),
        ("ours, axe review", "#pale"),
    ]
