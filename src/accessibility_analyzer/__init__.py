"""Accessibility Analyzer: WCAG 2.2 checks for static web pages, as a service and a CLI."""

# The same string as ``[project] version`` in pyproject.toml (a test compares them). Kept
# here rather than asked of ``importlib.metadata``, whose import alone costs `a11y check`
# ~25 ms of its start-up.
__version__ = "0.1.0"

__all__ = ["__version__"]
