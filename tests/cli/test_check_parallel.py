"""`a11y check --jobs N`: the same output as one process, on real pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import a11y, corpus_root


def _real_pages(limit: int) -> tuple[Path, list[Path]]:
    corpus = corpus_root()
    if corpus is None:
        pytest.skip("the page corpus is not present")
    site = corpus / "w3c"
    pages = sorted(site.rglob("*.html"))
    # Every 7th page: tutorials, techniques and specifications, with their stylesheets.
    return site, pages[::7][:limit]


def test_jobs_two_prints_what_jobs_one_prints(tmp_path: Path) -> None:
    """Order and content of every format are the same whatever the number of processes."""
    site, pages = _real_pages(12)
    outputs: dict[str, list[str]] = {}
    for fmt in ("jsonl", "text", "json"):
        for jobs in ("1", "2"):
            result = a11y(
                "check", *pages, "--base-dir", site, "--jobs", jobs, "--no-cache",
                "--format", fmt, "--no-progress", cwd=tmp_path,
            )  # fmt: skip
            assert result.returncode in (0, 1), result.stderr
            outputs.setdefault(fmt, []).append(result.stdout)
    assert outputs["jsonl"][0] == outputs["jsonl"][1]
    assert outputs["text"][0] == outputs["text"][1]
    one, two = (json.loads(text) for text in outputs["json"])
    # The JSON report names its run (a fresh id, the times); all the rest is the same.
    for key in ("documents", "rules", "summary"):
        assert one[key] == two[key]
    assert [document["path"] for document in one["documents"]] == [str(page) for page in pages]
