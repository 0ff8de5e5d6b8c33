"""Request and response bodies of the sessions and documents endpoints (camelCase JSON)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec

_Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$")]


class SessionsStruct(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    """Base of these bodies."""


class SessionCreate(SessionsStruct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Body of ``POST /api/v1/sessions``; optional as a whole."""

    name: _Name | None = None
    """A label for people (the site's name); no control characters, up to 200 characters."""


class SessionLinks(SessionsStruct, frozen=True, kw_only=True):
    """Where to go next with a session."""

    self: str
    documents: str
    analyses: str


class SessionOut(SessionsStruct, frozen=True, kw_only=True):
    """A session and the totals of what was uploaded into it."""

    id: str
    name: str | None
    created_at: datetime
    expires_at: datetime
    document_count: int
    page_count: int
    total_bytes: int
    links: SessionLinks


class SessionList(SessionsStruct, frozen=True, kw_only=True):
    """One page of the caller's live sessions, newest first."""

    items: list[SessionOut]
    total: int
    limit: int
    offset: int


class DocumentOut(SessionsStruct, frozen=True, kw_only=True):
    """A stored file of a session."""

    id: str
    path: str
    """Site-relative POSIX path (from the upload's file name, or the entry's path in a ZIP)."""
    kind: Literal["page", "asset"]
    media_type: str
    size_bytes: int
    sha256: str
    created_at: datetime


class DocumentList(SessionsStruct, frozen=True, kw_only=True):
    """One page of a session's documents, ordered by path."""

    items: list[DocumentOut]
    total: int
    limit: int
    offset: int


class UploadOut(SessionsStruct, frozen=True, kw_only=True):
    """What an upload stored."""

    session_id: str
    documents: list[DocumentOut]
    ignored: list[str]
    """ZIP entries skipped because they are neither pages nor CSS, images or fonts."""
