"""Suggestions as a service: one for the API's request, all of them after an analysis.

Both paths gather the same inputs (:func:`finding_to_fix`: the page's bytes, the session's
other files for the re-check, the failures stored for the page, the analysis's rules) and call
:func:`accessibility_analyzer.llm.suggestions.suggest`, then keep the result for the reports.

``{"suggestions": true}`` in an analysis's options makes the job call
:func:`suggest_all` once the analysis has completed: every failure gets a suggestion, at most
``LLM_MAX_CONCURRENCY`` at a time (the client's own bound), progress recorded on the analysis
as it goes. The breaker is respected without extra work: while it is open each call fails at
once and the finding gets its rule's hint.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import msgspec

from accessibility_analyzer.cache import Cache
from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.jobs.page_worker import ManifestSite
from accessibility_analyzer.llm.client import LLMClient
from accessibility_analyzer.llm.prompts import FixTask
from accessibility_analyzer.llm.suggestions import FindingToFix, Suggestion, suggest
from accessibility_analyzer.rules import ALL_RULES, DEFAULT_RULES, rule_by_id
from accessibility_analyzer.storage import analysis_runs as runs
from accessibility_analyzer.storage import suggestions as store
from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.suggestions import StoredFinding

__all__ = ["analysis_rules", "finding_to_fix", "suggest_all", "suggest_and_keep"]

logger = logging.getLogger(__name__)

FileLocator = Callable[[str, str], Path]


def analysis_rules(options: Mapping[str, Any]) -> tuple[type[Rule], ...]:
    """The rules an analysis ran (its resolved selection, or the default set)."""
    resolved = options.get("resolvedRules")
    if resolved is None:
        return DEFAULT_RULES
    wanted = {str(rule_id) for rule_id in resolved}
    return tuple(rule for rule in ALL_RULES if rule.meta.id in wanted)


async def finding_to_fix(
    database: Database,
    locate_file: FileLocator,
    *,
    analysis_id: str,
    session_id: str,
    options: Mapping[str, Any],
    finding: StoredFinding,
) -> FindingToFix | None:
    """Everything a suggestion needs about ``finding``; ``None`` when its page is gone."""
    if finding.storage_key is None or finding.xpath is None:
        return None
    _, files = await runs.session_files(database, session_id)
    site = ManifestSite(
        {item.path: str(locate_file(session_id, item.storage_key)) for item in files}
    )
    try:
        page_bytes = await asyncio.to_thread(
            locate_file(session_id, finding.storage_key).read_bytes
        )
    except OSError:
        return None
    rule = rule_by_id(finding.rule_id)
    return FindingToFix(
        finding_id=finding.id,
        task=FixTask(
            rule_id=finding.rule_id,
            rule_name=rule.meta.name if rule is not None else finding.rule_id,
            wcag=finding.wcag,
            message=finding.message,
            reason=finding.reason,
            fix_hint=finding.fix_hint,
        ),
        xpath=finding.xpath,
        page_path=finding.path,
        page_bytes=page_bytes,
        site=site,
        rules=analysis_rules(options),
        failures_before=await store.failures_of_document(
            database, analysis_id, finding.document_id
        ),
    )


def _hint_only(finding: StoredFinding, why: str | None) -> Suggestion:
    return Suggestion(
        finding_id=finding.id,
        rule_id=finding.rule_id,
        source="rule",
        validated=False,
        original_html=None,
        fixed_html=None,
        diff=None,
        explanation=None,
        fix_hint=finding.fix_hint,
        provider=None,
        model=None,
        cached=False,
        rejected_reason=why,
    )


async def suggest_and_keep(
    database: Database,
    locate_file: FileLocator,
    llm: LLMClient | None,
    cache: Cache | None,
    *,
    analysis_id: str,
    session_id: str,
    options: Mapping[str, Any],
    finding: StoredFinding,
) -> Suggestion:
    """The suggestion for one failed finding, stored for the reports."""
    if llm is None or not llm.available:  # the hint needs no page: read nothing
        suggestion = _hint_only(finding, None)
        await _keep(database, analysis_id, finding, suggestion)
        return suggestion
    fix = await finding_to_fix(
        database,
        locate_file,
        analysis_id=analysis_id,
        session_id=session_id,
        options=options,
        finding=finding,
    )
    if fix is None:
        suggestion = _hint_only(finding, "the page's file or the element's position is gone")
    else:
        suggestion = await suggest(llm, cache, fix)
    await _keep(database, analysis_id, finding, suggestion)
    return suggestion


async def _keep(
    database: Database, analysis_id: str, finding: StoredFinding, suggestion: Suggestion
) -> None:
    await store.save_suggestion(
        database, analysis_id, finding.id, finding.document_id, msgspec.to_builtins(suggestion)
    )


async def suggest_all(
    database: Database,
    locate_file: FileLocator,
    llm: LLMClient | None,
    cache: Cache | None,
    *,
    analysis_id: str,
    session_id: str,
    options: Mapping[str, Any],
    progress: Callable[[int, int], Any] | None = None,
) -> tuple[int, int]:
    """A suggestion for every failure of the analysis; returns (validated, total).

    ``progress(done, total)`` is awaited (when it returns an awaitable) after each one.
    """
    failed = await store.failed_findings(database, analysis_id)
    total = len(failed)
    done = 0
    validated = 0
    lock = asyncio.Lock()

    async def one(finding: StoredFinding) -> None:
        nonlocal done, validated
        try:
            suggestion = await suggest_and_keep(
                database,
                locate_file,
                llm,
                cache,
                analysis_id=analysis_id,
                session_id=session_id,
                options=options,
                finding=finding,
            )
        except Exception:  # one finding's trouble must not lose the others' suggestions
            logger.exception("suggestion for finding %s failed", finding.id)
            return
        async with lock:
            done += 1
            validated += suggestion.validated
            if progress is not None:
                outcome = progress(done, total)
                if asyncio.iscoroutine(outcome):
                    await outcome

    # The client bounds calls in flight (LLM_MAX_CONCURRENCY); a few more tasks keep it fed
    # while others parse pages or re-check fixes, without holding every page at once.
    limit = asyncio.Semaphore(max(1, (llm.max_concurrency if llm is not None else 1) * 2))

    async def bounded(finding: StoredFinding) -> None:
        async with limit:
            await one(finding)

    await asyncio.gather(*(bounded(finding) for finding in failed))
    return validated, total
