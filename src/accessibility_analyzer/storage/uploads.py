"""One upload, all or nothing: receive, check, store files and rows, or leave no trace.

Order of work, chosen so that no crash leaves a half-written session:

1. the body streams into a private staging folder (`upload_stream`);
2. intake checks every file and extracts ZIPs into the same folder (`intake`, in a thread);
3. in one database transaction: the session is checked to be live, the paths are checked
   to be new, staged files are renamed into the session's folder under random keys, and
   the document rows are inserted and committed;
4. the staging folder is removed, whatever happened.

If step 3 fails the moved files are deleted again before the error propagates. Should the
process die between the rename and the commit, the files have no rows: the cleanup job
removes such orphans once they are older than ``MAX_FILE_AGE_HOURS``. Rows never point at
files that do not exist.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.files import FileStore, new_storage_key
from accessibility_analyzer.storage.intake import IntakeResult, take_in
from accessibility_analyzer.storage.limits import UploadLimits, UploadRejected
from accessibility_analyzer.storage.models import Document, UploadSession, new_id, utc_now
from accessibility_analyzer.storage.upload_stream import receive_files

PATHS_PER_QUERY = 5_000
"""Paths bound in one ``IN (...)`` query (PostgreSQL allows 32,767 bind parameters)."""


class SessionGone(Exception):
    """The session expired, was deleted or never belonged to the caller."""


@dataclass(slots=True)
class UploadOutcome:
    """What an accepted upload stored."""

    documents: list[Document] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


async def store_upload(
    database: Database,
    store: FileStore,
    *,
    session_id: str,
    owner: str,
    body: AsyncIterator[bytes],
    content_type: str | None,
    limits: UploadLimits,
) -> UploadOutcome:
    """Receive a multipart upload into a session; store everything or nothing.

    Raises:
        UploadRejected: The upload breaks an intake rule (nothing was stored).
        SessionGone: The session is not a live session of ``owner`` (nothing was stored).
    """
    area = store.new_staging_area()
    try:
        received = await receive_files(body, content_type=content_type, area=area, limits=limits)
        intake = await asyncio.to_thread(take_in, received, area, limits)
        documents = await add_documents(
            database, store, session_id=session_id, owner=owner, intake=intake
        )
        return UploadOutcome(documents=documents, ignored=intake.ignored)
    finally:
        await asyncio.to_thread(area.discard)


async def add_documents(
    database: Database, store: FileStore, *, session_id: str, owner: str, intake: IntakeResult
) -> list[Document]:
    """Move intake's staged files into the session and commit their rows in one transaction.

    Raises:
        SessionGone: The session is not a live session of ``owner``.
        UploadRejected: A path already exists in the session (409).
    """
    installed: list[tuple[str, str]] = []
    try:
        async with database.transaction() as orm:
            now = utc_now()
            live = await orm.execute(
                select(UploadSession.id)
                .where(
                    UploadSession.id == session_id,
                    UploadSession.owner == owner,
                    UploadSession.deleted_at.is_(None),
                    UploadSession.expires_at > now,
                )
                .with_for_update()  # PostgreSQL: a concurrent delete waits for this upload
            )
            if live.scalar_one_or_none() is None:
                raise SessionGone(session_id)
            clash = await first_existing_path(orm, session_id, sorted(intake.paths))
            if clash is not None:
                raise _path_exists(clash)
            keys = [new_storage_key() for _ in intake.items]
            # One thread hop for all renames; `installed` grows as they succeed, so a
            # failure half-way still knows exactly which files to take back.
            await asyncio.to_thread(_install_all, store, session_id, intake, keys, installed)
            documents = [
                Document(
                    id=new_id(),
                    session_id=session_id,
                    path=item.path,
                    kind=item.kind,
                    media_type=item.media_type,
                    size_bytes=item.size_bytes,
                    sha256=item.sha256,
                    storage_key=key,
                    created_at=now,
                )
                for item, key in zip(intake.items, keys, strict=True)
            ]
            # Core executemany: one statement for the whole batch instead of the ORM's
            # per-object bookkeeping (a 1,000-file site stores in a fraction of the time).
            await orm.execute(insert(Document), [_row(document) for document in documents])
    except BaseException as error:
        await asyncio.shield(asyncio.to_thread(_remove_all, store, installed))
        if isinstance(error, IntegrityError):
            # A concurrent upload took one of the paths, or the session vanished meanwhile.
            raise _conflict_or_gone(error) from None
        raise
    return documents


async def first_existing_path(
    orm: AsyncSession, session_id: str, paths: Sequence[str]
) -> str | None:
    """A path of ``paths`` the session already holds, if any.

    Asked in chunks: PostgreSQL (asyncpg) allows at most 32,767 bind parameters per query,
    and one upload may hold more files than that.
    """
    for start in range(0, len(paths), PATHS_PER_QUERY):
        chunk = paths[start : start + PATHS_PER_QUERY]
        existing = await orm.execute(
            select(Document.path)
            .where(Document.session_id == session_id, Document.path.in_(chunk))
            .limit(1)
        )
        clash = existing.scalars().first()
        if clash is not None:
            return clash
    return None


def _row(document: Document) -> dict[str, object]:
    return {
        "id": document.id,
        "session_id": document.session_id,
        "path": document.path,
        "kind": document.kind,
        "media_type": document.media_type,
        "size_bytes": document.size_bytes,
        "sha256": document.sha256,
        "storage_key": document.storage_key,
        "created_at": document.created_at,
    }


def _install_all(
    store: FileStore,
    session_id: str,
    intake: IntakeResult,
    keys: list[str],
    installed: list[tuple[str, str]],
) -> None:
    for item, key in zip(intake.items, keys, strict=True):
        store.install(item.staged, session_id, key)
        installed.append((session_id, key))


def _remove_all(store: FileStore, installed: list[tuple[str, str]]) -> None:
    for session_id, key in installed:
        store.remove(session_id, key)


def _path_exists(path: str) -> UploadRejected:
    return UploadRejected(
        "path_exists", 409, f"{path} already exists in this session; delete the session or rename"
    )


def _conflict_or_gone(error: IntegrityError) -> Exception:
    text = str(error.orig).lower()
    if "foreign key" in text:
        return SessionGone("session removed during upload")
    return UploadRejected(
        "path_exists", 409, "a file of this upload was stored meanwhile by another upload"
    )


__all__ = ["SessionGone", "UploadOutcome", "add_documents", "first_existing_path", "store_upload"]
