"""CLI tests run in a fresh working directory: the default result cache (``.a11y_cache``) and
the configuration search (``a11y.toml`` upwards) must not touch the repository."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _fresh_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work
