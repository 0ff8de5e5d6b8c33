"""The `a11y` command: one sub-command per module in this package.

Each command module exposes ``register(subparsers)``, which adds its parser and sets
``handler`` (a function taking the parsed namespace and returning an exit code). Exit code
2 means a usage error, as argparse already does.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import import_module

from accessibility_analyzer import __version__

# Modules are imported by name so that `a11y check` never pays for importing the web stack.
_COMMANDS: tuple[str, ...] = ("serve", "worker", "check", "rules", "db")

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="a11y", description="Check web pages for WCAG 2.2 accessibility failures."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in _COMMANDS:
        module = import_module(f"accessibility_analyzer.cli.{name}_command")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `a11y` command line and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `a11y check ... | head` closes the pipe early; that is not an error
        sys.stderr.close()
        return 0
