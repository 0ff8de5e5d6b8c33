"""All-or-nothing uploads: stored whole, or nothing in the database and nothing on disk."""

from __future__ import annotations

import io
import zipfile
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.files import FileStore, StagedFile
from accessibility_analyzer.storage.limits import UploadLimits, UploadRejected
from accessibility_analyzer.storage.models import Document
from accessibility_analyzer.storage.sessions import create_session, list_documents, mark_deleted
from accessibility_analyzer.storage.uploads import SessionGone, store_upload

PAGE = b"<!doctype html><html lang=en><title>t</title><p>hi</p></html>"
LIMITS = UploadLimits(max_upload_bytes=2 * 1024 * 1024, max_file_bytes=512 * 1024)
BOUNDARY = "test-boundary-7d1"
CONTENT_TYPE = f"multipart/form-data; boundary={BOUNDARY}"


def multipart_body(files: list[tuple[str, bytes]]) -> bytes:
    """Encode ``files`` as the multipart field ``files``."""
    parts = [
        (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; '
            f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        ).encode()
        + data
        + b"\r\n"
        for name, data in files
    ]
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


async def chunked(body: bytes, size: int = 1000) -> AsyncIterator[bytes]:
    """Deliver ``body`` in small pieces, as a network would."""
    for start in range(0, len(body), size):
        yield body[start : start + size]


def site_zip(entries: dict[str, bytes]) -> bytes:
    """A ZIP of ``entries``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


async def document_count(database: Database) -> int:
    async with database.sessions() as orm:
        return int((await orm.execute(select(func.count(Document.id)))).scalar_one())


def files_on_disk(store: FileStore) -> list[Path]:
    return sorted(path for path in store.data_dir.rglob("*") if path.is_file())


async def upload(
    database: Database, store: FileStore, session_id: str, files: list[tuple[str, bytes]]
) -> list[Document]:
    outcome = await store_upload(
        database,
        store,
        session_id=session_id,
        owner="alice",
        body=chunked(multipart_body(files)),
        content_type=CONTENT_TYPE,
        limits=LIMITS,
    )
    return outcome.documents


async def test_a_site_zip_and_a_page_are_stored_under_random_keys(
    database: Database, store: FileStore
) -> None:
    """Pages and assets become documents; files on disk carry random names, not the upload's."""
    session = await create_session(database, owner="alice", name=None, lifetime=timedelta(hours=1))
    archive = site_zip({"site/index.html": PAGE, "site/a.css": b"p{}", "site/x.js": b"1"})
    stored = await upload(database, store, session.id, [("s.zip", archive), ("one.html", PAGE)])

    assert sorted((d.path, d.kind) for d in stored) == [
        ("one.html", "page"),
        ("site/a.css", "asset"),
        ("site/index.html", "page"),
    ]
    on_disk = files_on_disk(store)
    assert {path.name for path in on_disk} == {d.storage_key for d in stored}
    assert all(path.parent.name == session.id for path in on_disk)
    by_path = {d.path: d for d in stored}
    assert store.read_bytes(session.id, by_path["one.html"].storage_key) == PAGE
    assert (await list_documents(database, session.id))[1] == 3


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        ([("a.html", PAGE), ("b.pdf", b"%PDF")], "unsupported_type"),  # refused while receiving
        ([("a.html", PAGE), ("s.zip", site_zip({"../x.html": PAGE}))], "zip_slip"),  # at intake
    ],
)
async def test_a_rejected_upload_stores_nothing(
    database: Database, store: FileStore, files: list[tuple[str, bytes]], reason: str
) -> None:
    """Valid files before the bad one are not kept: no rows, no files, no staging left."""
    session = await create_session(database, owner="alice", name=None, lifetime=timedelta(hours=1))
    with pytest.raises(UploadRejected) as rejected:
        await upload(database, store, session.id, files)
    assert rejected.value.reason == reason
    assert await document_count(database) == 0
    assert files_on_disk(store) == []


async def test_a_failure_while_moving_files_rolls_everything_back(
    database: Database, store: FileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash half-way through installing files leaves neither rows nor files behind."""
    session = await create_session(database, owner="alice", name=None, lifetime=timedelta(hours=1))
    real_install = FileStore.install
    calls = 0

    def failing_install(self: FileStore, staged: StagedFile, session_id: str, key: str) -> Path:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise OSError("disk full")
        return real_install(self, staged, session_id, key)

    monkeypatch.setattr(FileStore, "install", failing_install)
    files = [(f"p{i}.html", PAGE) for i in range(4)]
    with pytest.raises(OSError, match="disk full"):
        await upload(database, store, session.id, files)
    assert calls == 3
    assert await document_count(database) == 0
    assert files_on_disk(store) == []


async def test_uploading_an_existing_path_again_is_a_conflict(
    database: Database, store: FileStore
) -> None:
    """A path is unique in a session; the second upload is refused with 409 and stores nothing."""
    session = await create_session(database, owner="alice", name=None, lifetime=timedelta(hours=1))
    await upload(database, store, session.id, [("index.html", PAGE)])
    with pytest.raises(UploadRejected) as rejected:
        await upload(database, store, session.id, [("other.html", PAGE), ("index.html", PAGE)])
    assert (rejected.value.reason, rejected.value.status_code) == ("path_exists", 409)
    assert await document_count(database) == 1
    assert len(files_on_disk(store)) == 1


async def test_uploading_into_a_deleted_session_stores_nothing(
    database: Database, store: FileStore
) -> None:
    """A session deleted (or expired) before the upload commits takes no files."""
    session = await create_session(database, owner="alice", name=None, lifetime=timedelta(hours=1))
    assert await mark_deleted(database, session.id, owner="alice")
    with pytest.raises(SessionGone):
        await upload(database, store, session.id, [("index.html", PAGE)])
    assert await document_count(database) == 0
    assert files_on_disk(store) == []


async def test_an_upload_over_the_request_limit_is_refused_while_streaming(
    database: Database, store: FileStore
) -> None:
    """The body is cut off at the limit: the receiver never reads (or writes) the rest."""
    session = await create_session(database, owner="alice", name=None, lifetime=timedelta(hours=1))
    consumed = 0
    body = multipart_body([("s.zip", b"PK" + b"\x00" * (4 * 1024 * 1024))])

    async def counting() -> AsyncIterator[bytes]:
        nonlocal consumed
        async for chunk in chunked(body, 64 * 1024):
            consumed += len(chunk)
            yield chunk

    with pytest.raises(UploadRejected) as rejected:
        await store_upload(
            database,
            store,
            session_id=session.id,
            owner="alice",
            body=counting(),
            content_type=CONTENT_TYPE,
            limits=LIMITS,
        )
    assert (rejected.value.reason, rejected.value.status_code) == ("upload_too_large", 413)
    assert consumed <= LIMITS.max_upload_bytes + 64 * 1024
    assert files_on_disk(store) == []
