"""Session repository: ownership, expiry and listing."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, update

from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.models import Document, UploadSession, new_id, utc_now
from accessibility_analyzer.storage.sessions import (
    SessionStats,
    create_session,
    get_live_session,
    list_sessions,
    mark_deleted,
    session_stats,
)

HOUR = timedelta(hours=1)


async def expire(database: Database, session_id: str) -> None:
    """Move a session's expiry into the past, as time passing would."""
    async with database.transaction() as orm:
        await orm.execute(
            update(UploadSession)
            .where(UploadSession.id == session_id)
            .values(expires_at=utc_now() - timedelta(seconds=1))
        )


async def test_a_session_is_visible_only_to_its_owner(database: Database) -> None:
    """Another identity cannot tell the session exists: the lookup answers nothing."""
    session = await create_session(database, owner="alice", name="site", lifetime=HOUR)
    assert (await get_live_session(database, session.id, owner="alice")) is not None
    assert await get_live_session(database, session.id, owner="mallory") is None
    assert not await mark_deleted(database, session.id, owner="mallory")
    assert (await get_live_session(database, session.id, owner="alice")) is not None


async def test_an_expired_session_is_gone_before_cleanup(database: Database) -> None:
    """Expiry is checked on every read; the row still exists but answers as missing."""
    session = await create_session(database, owner="alice", name=None, lifetime=HOUR)
    await expire(database, session.id)
    assert await get_live_session(database, session.id, owner="alice") is None
    listed = await list_sessions(database, owner="alice", limit=10, offset=0)
    assert (listed.sessions, listed.stats, listed.total) == ([], {}, 0)
    assert not await mark_deleted(database, session.id, owner="alice")


async def test_listing_shows_only_ones_own_live_sessions_newest_first(database: Database) -> None:
    """Paging works over the caller's sessions only."""
    created = [
        await create_session(database, owner="alice", name=f"s{i}", lifetime=HOUR) for i in range(3)
    ]
    await create_session(database, owner="bob", name="other", lifetime=HOUR)
    deleted = await create_session(database, owner="alice", name="gone", lifetime=HOUR)
    assert await mark_deleted(database, deleted.id, owner="alice")

    first = await list_sessions(database, owner="alice", limit=2, offset=0)
    rest = await list_sessions(database, owner="alice", limit=2, offset=2)
    past_the_end = await list_sessions(database, owner="alice", limit=2, offset=5)
    assert (first.total, rest.total, past_the_end.total) == (3, 3, 3)
    assert past_the_end.sessions == []
    listed = first.sessions + rest.sessions
    assert [s.name for s in listed] == ["s2", "s1", "s0"]
    assert {s.id for s in listed} == {s.id for s in created}
    assert [s.created_at for s in listed] == sorted((s.created_at for s in created), reverse=True)
    assert all(s.created_at.tzinfo is not None and s.expires_at.tzinfo is not None for s in listed)


async def test_malformed_ids_are_simply_not_found(database: Database) -> None:
    """Ids that could never exist answer like unknown ones (no error, no query injection)."""
    for bad in ["", "x", "../etc", "A" * 32, "' OR 1=1 --"]:
        assert await get_live_session(database, bad, owner="alice") is None


async def test_stats_of_a_session_without_documents_are_zero(database: Database) -> None:
    """Totals exist for every asked session, even an empty one."""
    session = await create_session(database, owner="alice", name=None, lifetime=HOUR)
    stats = await session_stats(database, [session.id])
    assert (stats[session.id].documents, stats[session.id].total_bytes) == (0, 0)


async def _add_files(
    database: Database, session_id: str, files: list[tuple[str, str, int]]
) -> None:
    """Store document rows (path, kind, size) in a session, as an upload would."""
    async with database.transaction() as orm:
        await orm.execute(
            insert(Document),
            [
                {
                    "id": new_id(),
                    "session_id": session_id,
                    "path": path,
                    "kind": kind,
                    "media_type": "text/html" if kind == "page" else "text/css",
                    "size_bytes": size,
                    "sha256": "0" * 64,
                    "storage_key": new_id(),
                    "created_at": utc_now(),
                }
                for path, kind, size in files
            ],
        )


async def test_listing_carries_each_sessions_totals_as_the_single_lookup_does(
    database: Database,
) -> None:
    """The listing's one statement counts documents, pages and bytes per listed session."""
    busy = await create_session(database, owner="alice", name="busy", lifetime=HOUR)
    empty = await create_session(database, owner="alice", name="empty", lifetime=HOUR)
    other = await create_session(database, owner="bob", name="other", lifetime=HOUR)
    await _add_files(
        database, busy.id, [("a.html", "page", 10), ("b.html", "page", 20), ("s.css", "asset", 5)]
    )
    await _add_files(database, other.id, [("x.html", "page", 1000)])

    listed = await list_sessions(database, owner="alice", limit=10, offset=0)

    assert [s.id for s in listed.sessions] == [empty.id, busy.id]
    assert listed.stats == {
        busy.id: SessionStats(documents=3, pages=2, total_bytes=35),
        empty.id: SessionStats(),
    }
    assert listed.stats == await session_stats(database, [busy.id, empty.id])
    await _add_files(database, busy.id, [("c.html", "page", 1)])
    again = await list_sessions(database, owner="alice", limit=1, offset=1)
    assert again.stats == {busy.id: SessionStats(documents=4, pages=3, total_bytes=36)}
    assert again.total == 2
