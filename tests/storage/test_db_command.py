"""`a11y db upgrade` and `a11y db current` on a fresh database of each backend."""

from __future__ import annotations

import pytest

from accessibility_analyzer.cli import main
from accessibility_analyzer.storage.database import head_revision


def test_upgrade_then_current_reports_the_newest_revision(
    database_url: str,
    tmp_path: object,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A new database is behind; after `upgrade` it is at the newest revision."""
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", database_url)
    head = head_revision()

    assert main(["db", "current"]) == 0
    before = capsys.readouterr().out
    assert main(["db", "upgrade"]) == 0
    upgraded = capsys.readouterr().out
    assert main(["db", "current"]) == 0
    after = capsys.readouterr().out

    if "sqlite" in database_url:  # the PostgreSQL test database is shared and already migrated
        assert "behind" in before
    assert f"revision {head}" in upgraded
    assert f"current: {head}" in after
    assert "up to date" in after


def test_an_unreachable_database_is_a_clear_failure(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit code 1 and one line saying the database cannot be used."""
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:1/nowhere")
    assert main(["db", "current"]) == 1
    assert "cannot be used" in capsys.readouterr().err
