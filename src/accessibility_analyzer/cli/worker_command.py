"""`a11y worker`: placeholder until its issue lands."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    """Add the `worker` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser("worker", help="(not available yet)")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    print("a11y worker: not available yet", file=sys.stderr)
    return 2
