"""Session repository: ownership, expiry and listing."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.models import UploadSession, utc_now
from accessibility_analyzer.storage.sessions import (
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
    assert (await list_sessions(database, owner="alice", limit=10, offset=0)) == ([], 0)
    assert not await mark_deleted(database, session.id, owner="alice")


async def test_listing_shows_only_ones_own_live_sessions_newest_first(database: Database) -> None:
    """Paging works over the caller's sessions only."""
    created = [
        await create_session(database, owner="alice", name=f"s{i}", lifetime=HOUR) for i in range(3)
    ]
    await create_session(database, owner="bob", name="other", lifetime=HOUR)
    deleted = await create_session(database, owner="alice", name="gone", lifetime=HOUR)
    assert await mark_deleted(database, deleted.id, owner="alice")

    page, total = await list_sessions(database, owner="alice", limit=2, offset=0)
    rest, _ = await list_sessions(database, owner="alice", limit=2, offset=2)
    assert total == 3
    assert [s.name for s in page + rest] == ["s2", "s1", "s0"]
    assert {s.id for s in page + rest} == {s.id for s in created}


async def test_malformed_ids_are_simply_not_found(database: Database) -> None:
    """Ids that could never exist answer like unknown ones (no error, no query injection)."""
    for bad in ["", "x", "../etc", "A" * 32, "' OR 1=1 --"]:
        assert await get_live_session(database, bad, owner="alice") is None


async def test_stats_of_a_session_without_documents_are_zero(database: Database) -> None:
    """Totals exist for every asked session, even an empty one."""
    session = await create_session(database, owner="alice", name=None, lifetime=HOUR)
    stats = await session_stats(database, [session.id])
    assert (stats[session.id].documents, stats[session.id].total_bytes) == (0, 0)
