"""Cleanup: expired and deleted sessions go with their files; live ones are never touched."""

from __future__ import annotations

import asyncio
import os
import time
from datetime import timedelta

from sqlalchemy import func, select
from test_sessions import HOUR, expire

from accessibility_analyzer.storage.cleanup import CleanupService, run_cleanup
from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.files import FileStore, new_storage_key
from accessibility_analyzer.storage.intake import IntakeItem, IntakeResult
from accessibility_analyzer.storage.models import UploadSession
from accessibility_analyzer.storage.sessions import create_session, mark_deleted
from accessibility_analyzer.storage.uploads import add_documents

MAX_AGE = timedelta(hours=48)


async def session_with_files(
    database: Database, store: FileStore, owner: str, count: int = 2
) -> str:
    """A session holding ``count`` stored pages of 100 bytes each."""
    session = await create_session(database, owner=owner, name=None, lifetime=HOUR)
    area = store.new_staging_area()
    items = []
    for index in range(count):
        staged = area.new_file()
        staged.write(b"x" * 100)
        staged.close()
        items.append(IntakeItem(f"p{index}.html", "page", "text/html", 100, staged.sha256, staged))
    await add_documents(
        database, store, session_id=session.id, owner=owner, intake=IntakeResult(items)
    )
    area.discard()
    return session.id


async def session_count(database: Database) -> int:
    async with database.sessions() as orm:
        return int((await orm.execute(select(func.count(UploadSession.id)))).scalar_one())


def age(path: os.PathLike[str], hours: float) -> None:
    """Make a file look ``hours`` old."""
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


async def test_expired_and_deleted_sessions_go_with_their_files(
    database: Database, store: FileStore
) -> None:
    """Rows and files of expired and deleted sessions are removed; live ones stay whole."""
    live = await session_with_files(database, store, "alice")
    expired = await session_with_files(database, store, "alice")
    deleted = await session_with_files(database, store, "bob")
    await expire(database, expired)
    assert await mark_deleted(database, deleted, owner="bob")

    run = await run_cleanup(database, store, max_file_age=MAX_AGE)

    assert (run.sessions_removed, run.files_removed, run.bytes_freed) == (2, 4, 400)
    assert await session_count(database) == 1
    assert len(list(store.session_dir(live).iterdir())) == 2
    assert not store.session_dir(expired).exists()
    assert not store.session_dir(deleted).exists()


async def test_orphans_are_removed_by_age_and_live_files_never(
    database: Database, store: FileStore
) -> None:
    """Files without rows go once old (or at once when their session is gone); others stay."""
    live = await session_with_files(database, store, "alice")
    for stored in store.session_dir(live).iterdir():
        age(stored, 100)  # old, but referenced by rows: must stay
    young_orphan = store.path_for(live, new_storage_key())
    young_orphan.write_bytes(b"y" * 10)  # an upload about to commit
    old_orphan = store.path_for(live, new_storage_key())
    old_orphan.write_bytes(b"o" * 20)
    age(old_orphan, 49)
    lost_session = new_storage_key()  # a folder whose session row no longer exists
    lost_file = store.path_for(lost_session, new_storage_key())
    lost_file.parent.mkdir(parents=True)
    lost_file.write_bytes(b"l" * 30)

    run = await run_cleanup(database, store, max_file_age=MAX_AGE)

    assert (run.orphans_removed, run.bytes_freed) == (2, 50)
    assert young_orphan.exists()
    assert not old_orphan.exists()
    assert not store.session_dir(lost_session).exists()
    assert len(list(store.session_dir(live).iterdir())) == 3


async def test_two_cleanups_at_once_remove_each_session_once(
    database: Database, store: FileStore
) -> None:
    """Concurrent passes split the work: every session and file is counted exactly once."""
    ids = [await session_with_files(database, store, "alice", count=3) for _ in range(6)]
    for session_id in ids:
        await expire(database, session_id)
    other = Database.from_url(database.engine.url.render_as_string(hide_password=False))
    try:
        first, second = await asyncio.gather(
            run_cleanup(database, store, max_file_age=MAX_AGE),
            run_cleanup(other, store, max_file_age=MAX_AGE),
        )
    finally:
        await other.dispose()
    assert first.sessions_removed + second.sessions_removed == 6
    assert first.files_removed + second.files_removed == 18
    assert await session_count(database) == 0
    assert list(store.iter_files()) == []


async def test_the_service_records_statistics_for_the_health_check(
    database: Database, store: FileStore
) -> None:
    """The periodic runner runs once at start and keeps totals the health check shows."""
    expired = await session_with_files(database, store, "alice")
    await expire(database, expired)
    service = CleanupService(database, store, interval=HOUR, max_file_age=MAX_AGE)
    async with service.running():
        for _ in range(200):
            if service.stats.runs:
                break
            await asyncio.sleep(0.01)
    assert service.stats.runs == 1
    assert service.stats.sessions_removed == 1
    assert service.stats.bytes_freed == 200
    assert service.stats.last_run_at is not None
    assert "1 sessions, 2 files, 200 bytes freed" in service.stats.describe()
