"""`a11y serve`: placeholder until its issue lands."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    """Add the `serve` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser("serve", help="(not available yet)")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    print("a11y serve: not available yet", file=sys.stderr)
    return 2
