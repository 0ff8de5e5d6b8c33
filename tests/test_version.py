"""The package's ``__version__`` is the version pyproject.toml declares and installs."""

import tomllib
from importlib.metadata import version
from pathlib import Path

from accessibility_analyzer import __version__

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def test_version_is_the_declared_and_installed_one() -> None:
    declared = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
    assert __version__ == declared
    assert version("accessibility-analyzer") == declared
