"""Helpers of the CLI tests: the real `a11y` command in a subprocess, the page corpus."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]


def corpus_root() -> Path | None:
    """The shared page corpus (``../shared/corpus`` beside the repository), if present."""
    for candidate in (
        os.environ.get("A11Y_CORPUS"),
        REPOSITORY.parent / "shared" / "corpus",
        REPOSITORY.parent.parent / "shared" / "corpus",
        Path("/work/shared/corpus"),
    ):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def a11y(*args: str | Path, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the real `a11y` command (a new Python process) in ``cwd``."""
    return subprocess.run(
        [sys.executable, "-m", "accessibility_analyzer", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
