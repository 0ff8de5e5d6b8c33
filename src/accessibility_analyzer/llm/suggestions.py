"""Fix suggestions for failed findings: ask the model, check the answer, or fall back to hints.

One failed finding at a time (:func:`suggest`):

1. Without a model (none configured, breaker open, provider down), or for an element the
   model cannot be shown (too large, position unknown), the answer is the rule's own
   ``fixHint`` (``source: "rule"``) and, where something was tried, why it was not used.
2. Otherwise the cache is asked first: provider, model, prompt version, rule id and a hash of
   the element with its context decide the key, so the same finding never costs a second
   request within ``CACHE_TTL_SECONDS`` (``cached: true``).
3. The model's ``submit_fix`` passes the gates of :mod:`llm.validation`, and the page with
   the fix spliced in is re-checked by the engine. A fix that still fails, or fails
   elsewhere, earns at most one corrective call quoting what the engine found.
4. Only a fix that passed everything is ``source: "llm", validated: true``.

The CPU-bound steps (parsing the page, re-checking it) run in a worker thread, so the event
loop keeps serving requests.
"""

from __future__ import annotations

import asyncio
import difflib
import logging
from collections.abc import Sequence
from dataclasses import dataclass

import msgspec

from accessibility_analyzer.cache import Cache
from accessibility_analyzer.engine import parse_page
from accessibility_analyzer.engine.dom import Site
from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.llm.client import LLMClient
from accessibility_analyzer.llm.errors import LLMError
from accessibility_analyzer.llm.excerpt import Excerpt, element_by_xpath, excerpt_of
from accessibility_analyzer.llm.prompts import (
    FixTask,
    Prompt,
    cache_key,
    corrective_prompt,
    fix_prompt,
)
from accessibility_analyzer.llm.request import StructuredRequest
from accessibility_analyzer.llm.validation import Rejected, check_fix, recheck, splice

__all__ = ["FindingToFix", "Suggestion", "suggest"]

logger = logging.getLogger(__name__)


class Suggestion(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    """A suggested fix for one failed finding (the API's and the reports' shape)."""

    finding_id: int
    rule_id: str
    source: str  # "llm" (validated by the engine) or "rule" (the rule's hint)
    validated: bool
    original_html: str | None
    fixed_html: str | None
    diff: str | None
    explanation: str | None
    fix_hint: str | None
    provider: str | None
    model: str | None
    cached: bool
    rejected_reason: str | None


@dataclass(frozen=True, slots=True)
class FindingToFix:
    """Everything :func:`suggest` needs about one failed finding, read by the caller.

    Attributes:
        finding_id: the stored finding's id.
        task: the rule and the engine's diagnosis (trusted text).
        xpath: the element the finding is about.
        page_path: the page's site-relative path.
        page_bytes: the page as uploaded.
        site: the upload's other files (stylesheets), for the re-check.
        rules: the rules the analysis ran (the re-check runs the same ones).
        failures_before: ``(rule id, xpath)`` of every failure stored for the page.
    """

    finding_id: int
    task: FixTask
    xpath: str
    page_path: str
    page_bytes: bytes
    site: Site
    rules: Sequence[type[Rule]]
    failures_before: frozenset[tuple[str, str | None]]


@dataclass(frozen=True, slots=True)
class _Located:
    source: str
    encoding: str
    excerpt: Excerpt


def _hint(
    finding: FindingToFix, *, original: str | None = None, why: str | None = None
) -> Suggestion:
    return Suggestion(
        finding_id=finding.finding_id,
        rule_id=finding.task.rule_id,
        source="rule",
        validated=False,
        original_html=original,
        fixed_html=None,
        diff=None,
        explanation=None,
        fix_hint=finding.task.fix_hint,
        provider=None,
        model=None,
        cached=False,
        rejected_reason=why,
    )


def _locate(finding: FindingToFix) -> _Located | None:
    page = parse_page(finding.page_bytes, path=finding.page_path, site=finding.site)
    element = element_by_xpath(page, finding.xpath)
    if element is None:
        return None
    excerpt = excerpt_of(page, element)
    if excerpt is None:
        return None
    return _Located(source=page.source, encoding=page.encoding, excerpt=excerpt)


def _encode(source: str, encoding: str) -> bytes:
    try:
        return source.encode(encoding, errors="xmlcharrefreplace")
    except LookupError:
        return source.encode("utf-8", errors="replace")


def _cache_key(client: LLMClient, finding: FindingToFix, excerpt: Excerpt) -> str:
    task = finding.task
    return cache_key(
        "llm-fix",
        client.provider,
        client.model,
        task.rule_id,
        excerpt,
        task.message,
        task.reason or "",
    )


def _diff(original: str, fixed: str) -> str:
    return "".join(
        difflib.unified_diff(
            original.splitlines(keepends=True) or [""],
            fixed.splitlines(keepends=True) or [""],
            fromfile="original",
            tofile="fixed",
            n=1,
        )
    )


async def _ask(client: LLMClient, prompt: Prompt) -> tuple[str, str]:
    answer = await client.structured(
        StructuredRequest(schema_name="submit_fix", system=prompt.system, user=prompt.user)
    )
    return str(answer.data["fixed_html"]).strip(), str(answer.data["explanation"]).strip()


def _gate(finding: FindingToFix, located: _Located, fixed_html: str) -> str | None:
    """Every gate for one answer; the reason it is rejected, ``None`` when it is accepted."""
    try:
        check_fix(located.excerpt.element_html, fixed_html)
    except Rejected as rejected:
        return str(rejected)
    spliced = splice(located.source, located.excerpt.start, located.excerpt.end, fixed_html)
    result = recheck(
        _encode(spliced, located.encoding),
        path=finding.page_path,
        site=finding.site,
        rules=finding.rules,
        rule_id=finding.task.rule_id,
        target_xpath=finding.xpath,
        failures_before=finding.failures_before,
    )
    return result.problem


async def suggest(
    client: LLMClient | None, cache: Cache | None, finding: FindingToFix
) -> Suggestion:
    """A suggestion for one failed finding; never raises for provider or page problems."""
    if client is None or not client.available:
        return _hint(finding)
    located = await asyncio.to_thread(_locate, finding)
    if located is None:
        return _hint(finding, why="the element is too large or its source could not be located")
    original = located.excerpt.element_html
    key = _cache_key(client, finding, located.excerpt)
    if cache is not None:
        stored = await cache.get(key)
        if stored is not None:
            earlier = msgspec.json.decode(stored, type=Suggestion)
            return msgspec.structs.replace(earlier, finding_id=finding.finding_id, cached=True)
    try:
        suggestion = await _suggest_with_model(client, finding, located)
    except LLMError as error:
        logger.info("no model suggestion for %s: %s", finding.task.rule_id, type(error).__name__)
        return _hint(finding, original=original, why=f"the model was not asked or failed: {error}")
    if cache is not None:
        await cache.set(key, msgspec.json.encode(suggestion))
    return suggestion


async def _suggest_with_model(
    client: LLMClient, finding: FindingToFix, located: _Located
) -> Suggestion:
    original = located.excerpt.element_html
    fixed_html, explanation = await _ask(client, fix_prompt(finding.task, located.excerpt))
    problem = await asyncio.to_thread(_gate, finding, located, fixed_html)
    if problem is not None:
        logger.debug("first fix for %s rejected: %s", finding.task.rule_id, problem)
        retry = corrective_prompt(finding.task, located.excerpt, fixed_html, problem)
        fixed_html, explanation = await _ask(client, retry)
        problem = await asyncio.to_thread(_gate, finding, located, fixed_html)
    accepted = problem is None
    return Suggestion(
        finding_id=finding.finding_id,
        rule_id=finding.task.rule_id,
        source="llm" if accepted else "rule",
        validated=accepted,
        original_html=original,
        fixed_html=fixed_html if accepted else None,
        diff=_diff(original, fixed_html) if accepted else None,
        explanation=explanation if accepted else None,
        fix_hint=finding.task.fix_hint,
        provider=client.provider,
        model=client.model,
        cached=False,
        rejected_reason=None if accepted else problem,
    )
