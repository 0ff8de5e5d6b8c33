"""Pages of findings: opaque keyset cursors and totals counted once per finished analysis.

A cursor is the URL-safe base64 of ``<analysis id>:<last finding id>``: the next page starts
after that row through the primary key, so page N costs what page 1 costs (``offset`` still
works, and still grows with N). A cursor that does not decode, or belongs to another
analysis, is a 400: it was not made by this server for this listing.

``total`` of a completed analysis never changes, so it is counted once: from the stored
summary when the filters allow (none, ``outcome``, ``rule``, or both), otherwise by one
COUNT whose result goes into the cache. While an analysis runs, every page counts afresh.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any, Final

import msgspec

from accessibility_analyzer.api.errors import ApiProblem
from accessibility_analyzer.cache import Cache, cache_key
from accessibility_analyzer.storage import analyses as repo
from accessibility_analyzer.storage.models import Analysis, AnalysisStatus

__all__ = ["decode_cursor", "encode_cursor", "findings_total"]

_MAX_CURSOR_LENGTH: Final = 128


def encode_cursor(analysis_id: str, last_id: int) -> str:
    """The cursor of the page after the finding ``last_id``."""
    return base64.urlsafe_b64encode(f"{analysis_id}:{last_id}".encode()).decode().rstrip("=")


def _invalid_cursor() -> ApiProblem:
    return ApiProblem(
        400,
        "The cursor is not valid for this listing; use the nextCursor of the previous page.",
        reason="invalid_cursor",
    )


def decode_cursor(cursor: str, analysis_id: str) -> int:
    """The last finding id a cursor of this analysis carries.

    Raises:
        ApiProblem: 400 when the cursor was not made for this analysis's listing.
    """
    if len(cursor) > _MAX_CURSOR_LENGTH:
        raise _invalid_cursor()
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        text = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError):
        raise _invalid_cursor() from None
    owner, _, last = text.partition(":")
    if owner != analysis_id or not last.isdigit() or len(last) > 18:
        raise _invalid_cursor()
    return int(last)


def _total_from_summary(summary: dict[str, Any] | None, filters: repo.FindingFilters) -> int | None:
    if not summary or filters.impact or filters.document or filters.wcag:
        return None
    if filters.rule_id is None:
        by_outcome: dict[str, int] = summary.get("byOutcome", {})
        if filters.outcome is None:
            return int(summary.get("findings", 0))
        return int(by_outcome.get(filters.outcome, 0))
    rule: dict[str, int] = summary.get("byRule", {}).get(filters.rule_id, {})
    if filters.outcome is None:
        return sum(int(count) for count in rule.values())
    return int(rule.get(filters.outcome, 0))


async def findings_total(
    reads: repo.AnalysisReads, cache: Cache, analysis: Analysis, filters: repo.FindingFilters
) -> int:
    """Findings of ``analysis`` matching ``filters``; counted once when it has completed."""
    if analysis.status != AnalysisStatus.COMPLETED:
        return await reads.count_findings(analysis.id, filters)
    total = _total_from_summary(analysis.summary, filters)
    if total is not None:
        return total
    # The filters as one JSON part: a ":" inside a value cannot shift one into the next.
    key = cache_key("findings-total", analysis.id, msgspec.json.encode(filters).decode())
    cached = await cache.get(key)
    if cached is not None:
        return int(cached)
    total = await reads.count_findings(analysis.id, filters)
    await cache.set(key, str(total).encode())
    return total
