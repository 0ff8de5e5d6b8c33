"""A page analysed again unchanged reuses its stored findings instead of running the engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from accessibility_analyzer.jobs import page_worker
from accessibility_analyzer.resultcache import reuse

PAGE = (
    b'<!DOCTYPE html><html lang="en"><head><title>T</title>'
    b'<link rel="stylesheet" href="site.css"></head><body><main><h1>Hi</h1>'
    b'<img class="logo" src="a.png"></main></body></html>'
)


def _analyse(manifest: Path) -> dict[str, str]:
    result = page_worker.decode_result(
        page_worker.analyse_page(str(manifest), "page.html", ("image-alt",))
    )
    return {finding.rule_id: finding.outcome.value for finding in result.findings}


def test_unchanged_page_reuses_findings_changed_stylesheet_does_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same bytes, stylesheet, rules: the engine does not run; a new stylesheet: it does."""
    files = {"page.html": tmp_path / "page.html", "site.css": tmp_path / "site.css"}
    files["page.html"].write_bytes(PAGE)
    files["site.css"].write_text("main { color: black }")
    jobs = tmp_path / "jobs"
    page_worker.write_manifest(jobs / "one.manifest", {k: str(v) for k, v in files.items()})
    assert _analyse(jobs / "one.manifest") == {"image-alt": "failed"}
    assert list((jobs / page_worker.RESULT_CACHE_FOLDER).rglob("*.a11y"))

    runs: list[str] = []
    engine = reuse.analyze_document

    def counted(*args: Any, **kwargs: Any) -> Any:
        runs.append(kwargs["path"])
        return engine(*args, **kwargs)

    monkeypatch.setattr(reuse, "analyze_document", counted)
    # A new analysis (another manifest) of the same upload: reused.
    page_worker.write_manifest(jobs / "two.manifest", {k: str(v) for k, v in files.items()})
    assert _analyse(jobs / "two.manifest") == {"image-alt": "failed"}
    assert runs == []

    files["site.css"].write_text(".logo { display: none }")
    page_worker.write_manifest(jobs / "three.manifest", {k: str(v) for k, v in files.items()})
    assert _analyse(jobs / "three.manifest") == {"image-alt": "inapplicable"}
    assert runs == ["page.html"]
