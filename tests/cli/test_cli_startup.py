"""`a11y check` starts without the service's libraries; the start-up benchmark runs."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from cli_helpers import REPOSITORY

SERVICE_MODULES = ("sqlalchemy", "alembic", "litestar", "opentelemetry", "arq", "httpx", "valkey")
# Needed by `a11y check` only in some runs, and each costs start-up time when imported:
# langcodes (its tables; the subtag registry file is read without it), importlib.metadata
# (the version is a constant), multiprocessing (only when a worker pool starts).
NOT_AT_START = ("langcodes", "importlib.metadata", "multiprocessing")


def test_check_imports_no_service_library(tmp_path: Path) -> None:
    """A real `a11y check` process loads the engine and the rules, nothing of the service."""
    page = tmp_path / "page.html"
    page.write_text('<!DOCTYPE html><html lang="en"><title>T</title><p>Hi</p></html>')
    probe = (
        "import sys\n"
        "from accessibility_analyzer.cli import main\n"
        f"code = main(['check', {str(page)!r}, '--no-cache'])\n"
        "loaded = sorted({name.split('.')[0] for name in sys.modules})\n"
        "print(','.join(sorted(sys.modules)))\n"
        "print(','.join(loaded))\n"
        "assert 'accessibility_analyzer.rules' in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    *_, modules, top_level = done.stdout.strip().splitlines()
    loaded = set(top_level.split(","))
    assert loaded.isdisjoint(SERVICE_MODULES), loaded & set(SERVICE_MODULES)
    slow = set(modules.split(",")) & set(NOT_AT_START)
    assert not slow, slow


def _load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "cli_startup", REPOSITORY / "benchmarks" / "cli_startup.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_startup_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """The benchmark times a few start-ups and reports what they imported."""
    assert _load_benchmark().main(["--runs", "1"]) == 0
    out = capsys.readouterr().out
    assert "service modules imported: none" in out
    assert "target <= 0.35 s" in out
