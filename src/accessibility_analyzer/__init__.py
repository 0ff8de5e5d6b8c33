"""Accessibility Analyzer: WCAG 2.2 checks for static web pages, as a service and a CLI."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("accessibility-analyzer")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
