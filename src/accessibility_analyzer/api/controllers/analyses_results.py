"""Turning stored rows back into what the findings and report endpoints answer.

A stored finding becomes the API's :class:`FindingOut` (findings route) or the engine's
:class:`Finding` again (reports, streamed page by page by ``report_downloads``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec
from sqlalchemy import RowMapping

from accessibility_analyzer.api.controllers.analyses_schemas import FindingOut
from accessibility_analyzer.engine.result import (
    DetailValue,
    Finding,
    Impact,
    Mode,
    Outcome,
    OutcomeCounts,
    RuleInfo,
)
from accessibility_analyzer.jobs.tasks import rule_ids_from_options
from accessibility_analyzer.rules import ALL_RULES, DEFAULT_RULES


def split_wcag(joined: str) -> tuple[str, ...]:
    """The criteria of a stored finding (stored comma-joined)."""
    return tuple(item for item in joined.split(",") if item)


def finding_out(row: Mapping[str, Any] | RowMapping) -> FindingOut:
    """The API view of a stored finding row."""
    return FindingOut(
        id=int(row["id"]),
        document_id=row["document_id"],
        path=row["path"],
        rule_id=row["rule_id"],
        outcome=row["outcome"],
        impact=row["impact"],
        wcag=list(split_wcag(row["wcag"] or "")),
        selector=row["selector"],
        xpath=row["xpath"],
        line=row["line"],
        column=row["column"],
        snippet=row["snippet"],
        message=row["message"],
        fix_hint=row["fix_hint"],
        reason=row["reason"],
        mode=row["mode"],
        semi_auto=row["mode"] == Mode.SEMI_AUTO.value,
        question=row["question"],
        details=_details(row["details"]),
        fingerprint=row["fingerprint"],
    )


def _details(stored: Any) -> dict[str, DetailValue] | None:
    """Stored details: a JSON column (decoded by SQLAlchemy) or, from raw rows, its text."""
    if stored is None or isinstance(stored, dict):
        return stored
    decoded: dict[str, DetailValue] = msgspec.json.decode(stored)
    return decoded


def engine_finding(row: Mapping[Any, Any]) -> Finding:
    """The engine's finding of a stored finding row."""
    return Finding(
        rule_id=row["rule_id"],
        outcome=Outcome(row["outcome"]),
        impact=Impact(row["impact"]),
        wcag=split_wcag(row["wcag"] or ""),
        selector=row["selector"],
        xpath=row["xpath"],
        line=row["line"],
        column=row["column"],
        snippet=row["snippet"],
        message=row["message"],
        fix_hint=row["fix_hint"],
        reason=row["reason"],
        mode=Mode(row["mode"]),
        question=row["question"],
        details=_details(row["details"]),
        fingerprint=row["fingerprint"],
    )


def stored_counts(stored: Mapping[str, Any]) -> OutcomeCounts:
    """A page's stored outcome counts (camelCase keys) as the engine's struct."""
    return OutcomeCounts(
        passed=int(stored.get("passed", 0)),
        failed=int(stored.get("failed", 0)),
        cant_tell=int(stored.get("cantTell", 0)),
        inapplicable=int(stored.get("inapplicable", 0)),
    )


def rules_run(options: Mapping[str, Any]) -> list[RuleInfo]:
    """Metadata of the rules an analysis ran (its selection, or the default rules)."""
    selected = rule_ids_from_options(options)
    if selected is None:
        return [rule.meta.info() for rule in DEFAULT_RULES]
    wanted = set(selected)
    return [rule.meta.info() for rule in ALL_RULES if rule.meta.id in wanted]
