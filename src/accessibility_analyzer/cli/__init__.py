"""The `a11y` command: one sub-command per module in this package.

Each command module exposes ``register(subparsers)``, which adds its parser and sets
``handler`` (a function taking the parsed namespace and returning an exit code). Exit code
2 means a usage error, as argparse already does.

Only the command being run is imported (``a11y check`` must start in a fraction of a second,
so it never loads the web stack, the database layer or telemetry); ``a11y --help`` imports
them all to list them. Every command module keeps its heavy imports inside its handler.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import import_module

from accessibility_analyzer import __version__, _native

_COMMANDS: tuple[str, ...] = ("serve", "worker", "check", "rules", "db")

Handler = Callable[[argparse.Namespace], int]


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Build the argument parser: every sub-command, or only ``only`` when it names one."""
    parser = argparse.ArgumentParser(
        prog="a11y", description="Check web pages for WCAG 2.2 accessibility failures."
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__} (engine and rules: {_native.state()})",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in (only,) if only in _COMMANDS else _COMMANDS:
        module = import_module(f"accessibility_analyzer.cli.{name}_command")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `a11y` command line and return its exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(arguments[0] if arguments else None)
    args = parser.parse_args(arguments)
    handler: Handler = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `a11y check ... | head` closes the pipe early; that is not an error
        sys.stderr.close()
        return 0
