"""Accessibility Analyzer: WCAG 2.2 checks for static web pages, as a service and a CLI."""

from accessibility_analyzer import _native

# The same string as ``[project] version`` in pyproject.toml (a test compares them). Kept
# here rather than asked of ``importlib.metadata``, whose import alone costs `a11y check`
# ~25 ms of its start-up.
__version__ = "0.1.0"

# Before any engine or rules module is imported: load them compiled (mypyc) only when the
# compiled build matches their sources, else all from source (see _native).
_native.choose()

__all__ = ["__version__"]
