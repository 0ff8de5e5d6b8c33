"""`a11y rules`: list the rules with their metadata and ACT rule ids.

``--rules``, ``--tags`` and ``--level`` take the values `a11y check` takes and list the rules
such a check would run (off-by-default rules only when selected, as there).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

import msgspec

from accessibility_analyzer.rules import ALL_RULES, UnknownRuleError, select_rules

_OFF_NOTE = "  [off by default: select it by id or by its experimental tag]"


def register(subparsers: Any) -> None:
    """Add the `rules` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "rules", help="list the rules (id, WCAG criteria, impact, ACT rule ids)"
    )
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--rules", help="comma-separated rule ids (as `a11y check --rules`)")
    parser.add_argument("--tags", help="comma-separated tags (as `a11y check --tags`)")
    parser.add_argument("--level", choices=["A", "AA", "AAA"], help="WCAG rules up to level")
    parser.set_defaults(handler=run)


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [item.strip() for item in value.split(",") if item.strip()]


def run(args: argparse.Namespace) -> int:
    """Print the registered rules, or those a check with the given selection runs."""
    rules = ALL_RULES
    if args.rules is not None or args.tags is not None or args.level is not None:
        try:
            rules = select_rules(ids=_split(args.rules), tags=_split(args.tags), level=args.level)
        except UnknownRuleError as error:
            print(f"a11y rules: {error}", file=sys.stderr)
            return 2
    infos = sorted((rule.meta.info() for rule in rules), key=lambda info: info.id)
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
