"""`a11y rules`: list the rules with their metadata and ACT rule ids."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import msgspec

from accessibility_analyzer.rules import ALL_RULES

_OFF_NOTE = "  [off by default: select it by id or by its experimental tag]"


def register(subparsers: Any) -> None:
    """Add the `rules` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "rules", help="list the rules (id, WCAG criteria, impact, ACT rule ids)"
    )
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the registered rules."""
    infos = sorted((rule.meta.info() for rule in ALL_RULES), key=lambda info: info.id)
    if args.format == "json":
        sys.stdout.write(msgspec.json.encode(infos).decode() + "\n")
        return 0
    width = max((len(info.id) for info in infos), default=10)
    for info in infos:
        wcag = ",".join(info.wcag) or "best-practice"
        act = ",".join(info.act_rules) or "-"
        sys.stdout.write(
            f"{info.id:<{width}}  {info.impact.value:<8}  {wcag:<14} {info.level or '-':<3} "
            f"ACT {act:<14} {info.name}{'' if info.on_by_default else _OFF_NOTE}\n"
        )
    off = sum(1 for info in infos if not info.on_by_default)
    sys.stdout.write(f"{len(infos)} rules ({off} off by default: select them by id or tag)\n")
    return 0
