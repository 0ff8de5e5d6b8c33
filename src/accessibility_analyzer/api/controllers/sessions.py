"""Sessions: create, list, read and delete the caller's upload sessions.

A session belongs to the API key identity that created it. Another identity, an expired
session and an id that never existed all get the same 404: the answer never reveals that
someone else's session exists.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Annotated, Final

from litestar import Controller, Response, delete, get, post
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, JSONBody, QueryParameter

from accessibility_analyzer.api.controllers.sessions_schemas import (
    SessionCreate,
    SessionLinks,
    SessionList,
    SessionOut,
)
from accessibility_analyzer.api.errors import PROBLEM_MEDIA_TYPE, ApiProblem
from accessibility_analyzer.api.schemas import PageOffset, ProblemDetails
from accessibility_analyzer.settings import Settings
from accessibility_analyzer.storage import sessions as repo
from accessibility_analyzer.storage.cleanup import purge_session
from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.files import FileStore
from accessibility_analyzer.storage.models import UploadSession

__all__ = ["SessionController", "session_not_found", "session_out"]

logger = logging.getLogger(__name__)

_MAX_PAGE_SIZE: Final = 200


def problem_spec(description: str) -> ResponseSpec:
    """OpenAPI description of a problem+json answer."""
    return ResponseSpec(
        data_container=ProblemDetails, description=description, media_type=PROBLEM_MEDIA_TYPE
    )


NOT_FOUND_SPEC: Final = problem_spec("No such session for this API key (or it expired)")


def session_not_found() -> ApiProblem:
    """The one answer for unknown, foreign, deleted and expired sessions."""
    return ApiProblem(404, "No session with this id exists for this API key.", reason="not_found")


def session_out(session: UploadSession, stats: repo.SessionStats) -> SessionOut:
    """The API view of a session."""
    base = f"/api/v1/sessions/{session.id}"
    return SessionOut(
        id=session.id,
        name=session.name,
        created_at=session.created_at,
        expires_at=session.expires_at,
        document_count=stats.documents,
        page_count=stats.pages,
        total_bytes=stats.total_bytes,
        links=SessionLinks(self=base, documents=f"{base}/documents", analyses=f"{base}/analyses"),
    )


class SessionController(Controller):
    """The caller's upload sessions."""

    path = "/v1/sessions"
    tags = ("sessions",)

    @post(
        "/",
        operation_id="createSession",
        summary="Create an upload session",
        responses={400: problem_spec("The body is not a valid session request")},
    )
    async def create(
        self,
        database: NamedDependency[Database],
        identity: NamedDependency[str],
        settings: NamedDependency[Settings],
        data: JSONBody[SessionCreate | None] = None,
    ) -> Response[SessionOut]:
        """Create a session owned by the calling API key; it expires after SESSION_EXPIRY_HOURS.

        Upload pages into it next (``POST .../documents``). Answers 201 with a ``Location``.
        """
        body = data or SessionCreate()
        session = await repo.create_session(
            database,
            owner=identity,
            name=body.name,
            lifetime=timedelta(hours=settings.session_expiry_hours),
        )
        out = session_out(session, repo.SessionStats())
        return Response(out, status_code=201, headers={"Location": out.links.self})

    @get("/", operation_id="listSessions", summary="List the caller's live sessions")
    async def list_all(
        self,
        database: NamedDependency[Database],
        identity: NamedDependency[str],
        limit: Annotated[int, QueryParameter(ge=1, le=_MAX_PAGE_SIZE)] = 50,
        offset: PageOffset = 0,
    ) -> SessionList:
        """The caller's sessions that have not expired, newest first."""
        page = await repo.list_sessions(database, owner=identity, limit=limit, offset=offset)
        return SessionList(
            items=[session_out(s, page.stats[s.id]) for s in page.sessions],
            total=page.total,
            limit=limit,
            offset=offset,
        )

    @get(
        "/{session_id:str}",
        operation_id="getSession",
        summary="Read a session",
        responses={404: NOT_FOUND_SPEC},
    )
    async def get_one(
        self,
        database: NamedDependency[Database],
        session_id: FromPath[str],
        identity: NamedDependency[str],
    ) -> SessionOut:
        """A session of the caller with its document totals."""
        session = await repo.get_live_session(database, session_id, owner=identity)
        if session is None:
            raise session_not_found()
        stats = await repo.session_stats(database, [session.id])
        return session_out(session, stats[session.id])

    @delete(
        "/{session_id:str}",
        operation_id="deleteSession",
        summary="Delete a session with its documents, analyses and files",
        responses={404: NOT_FOUND_SPEC},
    )
    async def remove(
        self,
        *,
        database: NamedDependency[Database],
        file_store: NamedDependency[FileStore],
        session_id: FromPath[str],
        identity: NamedDependency[str],
    ) -> None:
        """Delete the session now; answers 204.

        The session disappears at once; rows and files are removed right after (and by the
        cleanup job, should this process stop in between).
        """
        if not await repo.mark_deleted(database, session_id, owner=identity):
            raise session_not_found()
        try:
            await purge_session(database, file_store, session_id)
        except Exception:
            # The session is already gone for the caller; the cleanup job retries the rest.
            logger.exception("removing deleted session %s failed; cleanup will retry", session_id)
