"""Documents: upload pages or a site ZIP into a session, and list what it holds.

The upload handler reads the raw request stream itself (Litestar's own multipart handling
would first spool the whole body), so memory stays flat whatever the upload size, and the
size limits answer 413 as soon as they are crossed. Every refusal is problem+json with a
``reason`` code, and leaves the session exactly as it was.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated, Any, Final

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.exceptions import InternalServerException
from litestar.openapi.spec import (
    Encoding,
    OpenAPIFormat,
    OpenAPIHeader,
    OpenAPIMediaType,
    OpenAPIType,
    Operation,
    RequestBody,
    Schema,
)
from litestar.params import FromPath, QueryParameter

from accessibility_analyzer.api.controllers.sessions import (
    NOT_FOUND_SPEC,
    problem_spec,
    session_not_found,
)
from accessibility_analyzer.api.controllers.sessions_schemas import (
    DocumentList,
    DocumentOut,
    UploadOut,
)
from accessibility_analyzer.api.errors import ApiProblem
from accessibility_analyzer.api.schemas import PageOffset
from accessibility_analyzer.observability.metrics import record_upload, record_upload_rejected
from accessibility_analyzer.storage import sessions as repo
from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.files import FileStore
from accessibility_analyzer.storage.limits import UploadLimits, UploadRejected
from accessibility_analyzer.storage.models import Document
from accessibility_analyzer.storage.upload_stream import check_content_length
from accessibility_analyzer.storage.uploads import SessionGone, store_upload

__all__ = ["DocumentController", "document_out"]

logger = logging.getLogger(__name__)

_MAX_PAGE_SIZE: Final = 1000
_NO_SPACE: Final = frozenset({errno.ENOSPC, errno.EDQUOT})


def document_out(document: Document) -> DocumentOut:
    """The API view of a stored document."""
    return DocumentOut(
        id=document.id,
        path=document.path,
        kind="page" if document.kind == "page" else "asset",
        media_type=document.media_type,
        size_bytes=document.size_bytes,
        sha256=document.sha256,
        created_at=document.created_at,
    )


_PART_NAME: Final = (
    "The part's file name decides its type: .html, .htm or .xhtml (a page, stored under "
    "this name) or .zip (a site archive, unpacked). A name without one of these endings is "
    "refused with 415, a missing name or one with a path separator or control character "
    "with 400."
)


@dataclass
class UploadOperation(Operation):
    """OpenAPI operation of the upload: the body the handler parses itself, documented."""

    def __post_init__(self) -> None:
        """Describe the multipart body: one or more page or ZIP parts in the field ``files``."""
        files = Schema(
            type=OpenAPIType.ARRAY,
            items=Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.BINARY),
            min_items=1,
            description=".html, .htm, .xhtml pages or .zip archives of a site",
        )
        form = Schema(
            type=OpenAPIType.OBJECT,
            properties={"files": files},
            required=["files"],
            additional_properties=False,  # any other form field is refused (400)
        )
        disposition = OpenAPIHeader(
            description=_PART_NAME,
            required=True,
            schema=Schema(
                type=OpenAPIType.STRING,
                pattern=r'filename="[^"/\\]+\.([Hh][Tt][Mm][Ll]?|[Xx][Hh][Tt][Mm][Ll]|[Zz][Ii][Pp])"',
            ),
        )
        # No part Content-Type is declared: the server goes by the file name, whatever the
        # client labels a part (browsers send application/octet-stream for .htm as often).
        encoding = Encoding(headers={"Content-Disposition": disposition})
        media = OpenAPIMediaType(schema=form, encoding={"files": encoding})
        self.request_body = RequestBody(content={"multipart/form-data": media}, required=True)


class ClientDisconnected(Exception):
    """The client went away before its upload body was complete."""


async def _body_of(request: Request[Any, Any, Any]) -> AsyncIterator[bytes]:
    """The request body as it arrives; a client that goes away raises ClientDisconnected.

    Litestar reports the ASGI ``http.disconnect`` as an InternalServerException (a 500 in the
    logs and metrics); a client that gives up is ordinary, not a server fault.
    """
    try:
        async for chunk in request.stream():
            yield chunk
    except InternalServerException as error:
        if "disconnected" not in str(error.detail):
            raise
        raise ClientDisconnected from None


def _rejected(error: UploadRejected) -> ApiProblem:
    return ApiProblem(error.status_code, error.message, reason=error.reason)


class DocumentController(Controller):
    """Files of a session."""

    path = "/v1/sessions/{session_id:str}/documents"
    tags = ("documents",)

    @post(
        "/",
        operation_id="uploadDocuments",
        summary="Upload .html/.htm/.xhtml pages or .zip site archives",
        # The handler enforces MAX_UPLOAD_BYTES itself while streaming (413 as soon as the
        # body crosses it); Litestar's limit would only apply to a body read whole.
        request_max_body_size=None,
        operation_class=UploadOperation,
        responses={
            400: problem_spec("Malformed upload, bad file name or empty file"),
            404: NOT_FOUND_SPEC,
            409: problem_spec("A file with this path is already in the session"),
            413: problem_spec("Too large: request, file, file count or ZIP expansion"),
            415: problem_spec("Not multipart/form-data, or an unsupported file type"),
            422: problem_spec("Unsafe or unreadable ZIP (slip, symlink, nested, encrypted...)"),
            507: problem_spec("No space left to store the upload"),
        },
    )
    async def upload(
        self,
        *,
        request: Request[Any, Any, Any],
        database: NamedDependency[Database],
        file_store: NamedDependency[FileStore],
        upload_limits: NamedDependency[UploadLimits],
        session_id: FromPath[str],
        identity: NamedDependency[str],
    ) -> Response[UploadOut]:
        """Store the files of the multipart field ``files``, all of them or none.

        Pages (``.html``, ``.htm``, ``.xhtml``) are stored under their file name. A ``.zip``
        is unpacked: pages keep their path inside the archive, CSS, images and fonts are kept
        as assets, other entries are ignored (and listed). Answers 201.
        """
        if await repo.get_live_session(database, session_id, owner=identity) is None:
            raise session_not_found()
        try:
            check_content_length(request.headers.get("content-length"), upload_limits)
            outcome = await store_upload(
                database,
                file_store,
                session_id=session_id,
                owner=identity,
                body=_body_of(request),
                content_type=request.headers.get("content-type"),
                limits=upload_limits,
            )
        except UploadRejected as error:
            record_upload_rejected(error.reason)
            raise _rejected(error) from None
        except SessionGone:
            raise session_not_found() from None
        except ClientDisconnected:
            # Nobody reads the answer; the status only shows in the access log.
            logger.info("upload aborted: the client disconnected before the body was complete")
            raise ApiProblem(
                400,
                "The client disconnected before the upload was complete.",
                reason="client_disconnected",
            ) from None
        except OSError as error:
            if error.errno not in _NO_SPACE:
                raise
            logger.error("upload refused: no space left in DATA_DIR (%s)", error)
            raise ApiProblem(
                507,
                "The server has no room for this upload right now; try again later.",
                reason="insufficient_storage",
            ) from None
        record_upload(sum(document.size_bytes for document in outcome.documents))
        body = UploadOut(
            session_id=session_id,
            documents=[document_out(d) for d in outcome.documents],
            ignored=outcome.ignored,
        )
        return Response(body, status_code=201)

    @get(
        "/",
        operation_id="listDocuments",
        summary="List a session's documents",
        responses={404: NOT_FOUND_SPEC},
    )
    async def list_all(
        self,
        database: NamedDependency[Database],
        session_id: FromPath[str],
        identity: NamedDependency[str],
        limit: Annotated[int, QueryParameter(ge=1, le=_MAX_PAGE_SIZE)] = 100,
        offset: PageOffset = 0,
    ) -> DocumentList:
        """The session's pages and assets, ordered by path."""
        if await repo.get_live_session(database, session_id, owner=identity) is None:
            raise session_not_found()
        documents, total = await repo.list_documents(
            database, session_id, limit=limit, offset=offset
        )
        return DocumentList(
            items=[document_out(d) for d in documents], total=total, limit=limit, offset=offset
        )
