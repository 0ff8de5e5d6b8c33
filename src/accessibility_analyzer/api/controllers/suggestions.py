"""Fix suggestions for failed findings: ``POST .../findings/{findingId}/suggestion``.

Answers 200 with a suggestion whatever the LLM does: a validated model fix
(``source: "llm"``) when one passed every gate and the engine's re-check, else the rule's
hint (``source: "rule"``) and, when a model answer was rejected, why. 404 for an unknown or
someone else's analysis or finding (never revealing that it exists), 409 for a finding that
did not fail.
"""

from __future__ import annotations

from typing import Final

from litestar import Controller, post
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath

from accessibility_analyzer.api.errors import PROBLEM_MEDIA_TYPE, ApiProblem
from accessibility_analyzer.api.schemas import ProblemDetails
from accessibility_analyzer.cache import Cache
from accessibility_analyzer.jobs.suggestions import suggest_and_keep
from accessibility_analyzer.llm.client import LLMClient
from accessibility_analyzer.llm.suggestions import Suggestion
from accessibility_analyzer.storage import analyses as repo
from accessibility_analyzer.storage import suggestions as store
from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.files import FileStore

__all__ = ["SuggestionController"]

_MAX_ID: Final = 2**63 - 1


def _problem(description: str) -> ResponseSpec:
    return ResponseSpec(
        data_container=ProblemDetails, description=description, media_type=PROBLEM_MEDIA_TYPE
    )


def _not_found() -> ApiProblem:
    return ApiProblem(
        404, "No finding with this id exists in this analysis for this API key.", reason="not_found"
    )


def _finding_id(raw: str) -> int:
    """The path's finding id; anything that is not a stored id's shape reads as absent."""
    if not raw.isascii() or not raw.isdigit() or len(raw) > 19:
        raise _not_found()
    value = int(raw)
    if not 0 < value <= _MAX_ID:
        raise _not_found()
    return value


class SuggestionController(Controller):
    """Fix suggestions for failed findings."""

    path = "/v1"
    tags = ("suggestions",)

    @post(
        "/analyses/{analysis_id:str}/findings/{finding_id:str}/suggestion",
        status_code=200,
        operation_id="suggestFix",
        summary="A fix for one failed finding: a re-checked LLM fix, or the rule's hint",
        responses={
            404: _problem("No such analysis or finding for this API key"),
            409: _problem("The finding did not fail: there is nothing to fix"),
        },
    )
    async def suggest(
        self,
        *,
        database: NamedDependency[Database],
        file_store: NamedDependency[FileStore],
        llm: NamedDependency[LLMClient | None],
        analysis_id: FromPath[str],
        finding_id: FromPath[str],
        identity: NamedDependency[str],
        cache: NamedDependency[Cache],
    ) -> Suggestion:
        """Suggest a fix for a failed finding.

        With an LLM configured the model proposes a corrected element; it is returned as
        ``source: "llm", validated: true`` only when it parses, adds nothing unsafe (scripts,
        event handlers, new URLs), keeps the element's text, ids and links, and the engine,
        re-checking the whole page with the fix in place, no longer reports the finding and
        reports nothing new. Otherwise (no LLM, breaker open, answer rejected) the rule's
        hint comes back as ``source: "rule"``, with ``rejectedReason`` when an answer was
        refused. The same finding is answered from the cache within ``CACHE_TTL_SECONDS``.
        """
        number = _finding_id(finding_id)
        analysis = await repo.get_analysis(database, analysis_id, identity)
        if analysis is None:
            raise _not_found()
        finding = await store.finding_of_analysis(database, analysis_id, number)
        if finding is None:
            raise _not_found()
        if finding.outcome != "failed":
            raise ApiProblem(
                409,
                f"The finding's outcome is {finding.outcome}; only failed findings have fixes.",
                reason="not_failed",
                extra={"outcome": finding.outcome},
            )
        return await suggest_and_keep(
            database,
            file_store.path_for,
            llm,
            cache,
            analysis_id=analysis_id,
            session_id=analysis.session_id,
            options=analysis.options,
            finding=finding,
        )
