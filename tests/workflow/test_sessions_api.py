"""Sessions over HTTP: creation, listing, ownership by API key, expiry and deletion."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta

import msgspec
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from polyfactory.factories.msgspec_factory import MsgspecFactory
from sqlalchemy import func, select, update

from accessibility_analyzer.api.controllers.sessions_schemas import SessionCreate
from accessibility_analyzer.settings import Settings
from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.files import FileStore, RemovalStats
from accessibility_analyzer.storage.models import UploadSession, utc_now

ALICE = {"X-API-Key": "alice-key-0001"}
BOB = {"X-API-Key": "bob-key-00002"}
PAGE = b"<!doctype html><html lang=en><title>t</title><h1>Hi</h1></html>"
PROBLEM = "application/problem+json"


@pytest.fixture
def settings(settings_factory: Callable[..., Settings]) -> Settings:
    """Two API keys, so two identities own sessions."""
    return settings_factory(API_KEYS="alice:alice-key-0001,bob:bob-key-00002")


async def new_session(client: AsyncTestClient[Litestar], headers: dict[str, str]) -> str:
    response = await client.post("/api/v1/sessions", json={"name": "my site"}, headers=headers)
    assert response.status_code == 201, response.text
    session_id: str = response.json()["id"]
    return session_id


def database_of(client: AsyncTestClient[Litestar]) -> Database:
    database: Database = client.app.state.database
    return database


async def test_creating_a_session_answers_201_with_its_camel_case_view(
    client: AsyncTestClient[Litestar], settings: Settings
) -> None:
    """The session expires SESSION_EXPIRY_HOURS after creation and starts empty."""
    response = await client.post("/api/v1/sessions", json={"name": "docs"}, headers=ALICE)
    body = response.json()
    assert response.status_code == 201
    assert response.headers["location"] == f"/api/v1/sessions/{body['id']}"
    assert (body["name"], body["documentCount"], body["pageCount"], body["totalBytes"]) == (
        "docs",
        0,
        0,
        0,
    )
    assert body["links"]["documents"] == f"/api/v1/sessions/{body['id']}/documents"
    created = response.json()["createdAt"]
    expires = response.json()["expiresAt"]
    assert created < expires


class SessionCreateFactory(MsgspecFactory[SessionCreate]):
    """Valid session requests: any name within the schema's constraints, or none."""

    __check_model__ = True
    __random_seed__ = 4


async def test_any_valid_session_request_is_accepted_and_echoed(
    client: AsyncTestClient[Litestar],
) -> None:
    """Generated names (length, no control characters) come back exactly as sent."""
    for request in SessionCreateFactory.batch(12):
        response = await client.post(
            "/api/v1/sessions", json=msgspec.to_builtins(request), headers=ALICE
        )
        assert response.status_code == 201, response.text
        assert response.json()["name"] == request.name


async def test_a_session_can_be_created_without_a_body(client: AsyncTestClient[Litestar]) -> None:
    """The name is optional, and so is the body."""
    response = await client.post("/api/v1/sessions", headers=ALICE)
    assert response.status_code == 201
    assert response.json()["name"] is None


@pytest.mark.parametrize(
    "body",
    [{"name": "a\x00b"}, {"name": ""}, {"name": "x" * 201}, {"title": "x"}, {"name": 5}],
)
async def test_bad_session_bodies_are_problems(
    client: AsyncTestClient[Litestar], body: dict[str, object]
) -> None:
    """Control characters, empty or long names and unknown fields answer 400 problem+json."""
    response = await client.post("/api/v1/sessions", json=body, headers=ALICE)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith(PROBLEM)
    assert await session_rows(client) == 0


async def session_rows(client: AsyncTestClient[Litestar]) -> int:
    async with database_of(client).sessions() as orm:
        return int((await orm.execute(select(func.count(UploadSession.id)))).scalar_one())


async def test_another_key_gets_404_for_everything_about_a_session(
    client: AsyncTestClient[Litestar],
) -> None:
    """Bob can neither see, list, upload into nor delete Alice's session: 404, never 403."""
    session_id = await new_session(client, ALICE)
    base = f"/api/v1/sessions/{session_id}"
    files = {"files": ("index.html", PAGE, "text/html")}
    answers = [
        await client.get(base, headers=BOB),
        await client.delete(base, headers=BOB),
        await client.get(f"{base}/documents", headers=BOB),
        await client.post(f"{base}/documents", files=files, headers=BOB),
    ]
    assert [a.status_code for a in answers] == [404, 404, 404, 404]
    assert all(a.json()["reason"] == "not_found" for a in answers)
    assert (await client.get("/api/v1/sessions", headers=BOB)).json()["total"] == 0

    mine = await client.get(base, headers=ALICE)
    assert mine.status_code == 200
    assert mine.json()["documentCount"] == 0


async def test_the_404_for_a_foreign_session_equals_the_one_for_no_session(
    client: AsyncTestClient[Litestar],
) -> None:
    """Nothing in the answer tells an existing foreign session from an unknown id."""
    session_id = await new_session(client, ALICE)
    foreign = (await client.get(f"/api/v1/sessions/{session_id}", headers=BOB)).json()
    unknown = (await client.get(f"/api/v1/sessions/{'0' * 32}", headers=BOB)).json()
    for body in (foreign, unknown):
        body.pop("instance")
        body.pop("requestId")
    assert foreign == unknown


async def test_listing_pages_through_ones_own_sessions(client: AsyncTestClient[Litestar]) -> None:
    """Newest first, with limit and offset; other keys' sessions never appear."""
    mine = [await new_session(client, ALICE) for _ in range(3)]
    await new_session(client, BOB)
    first = (await client.get("/api/v1/sessions?limit=2", headers=ALICE)).json()
    second = (await client.get("/api/v1/sessions?limit=2&offset=2", headers=ALICE)).json()
    assert first["total"] == 3
    listed = [item["id"] for item in first["items"] + second["items"]]
    assert listed == list(reversed(mine))


@pytest.mark.parametrize("query", ["limit=0", "limit=201", "offset=-1", "limit=abc"])
async def test_bad_paging_parameters_are_problems(
    client: AsyncTestClient[Litestar], query: str
) -> None:
    """Out-of-range paging answers 400 problem+json."""
    response = await client.get(f"/api/v1/sessions?{query}", headers=ALICE)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith(PROBLEM)


async def test_an_expired_session_is_404_before_cleanup_removes_it(
    client: AsyncTestClient[Litestar],
) -> None:
    """Expiry is checked on every request; the row still exists until cleanup runs."""
    # The start-up cleanup pass runs in the background: let it finish first, or on a busy
    # machine it may come after the expiry below and remove the row this test looks at.
    cleanup = client.app.state.cleanup
    for _ in range(500):
        if cleanup.stats.runs:
            break
        await asyncio.sleep(0.01)
    session_id = await new_session(client, ALICE)
    async with database_of(client).transaction() as orm:
        await orm.execute(
            update(UploadSession)
            .where(UploadSession.id == session_id)
            .values(expires_at=utc_now() - timedelta(seconds=1))
        )
    base = f"/api/v1/sessions/{session_id}"
    assert (await client.get(base, headers=ALICE)).status_code == 404
    assert (await client.get(f"{base}/documents", headers=ALICE)).status_code == 404
    files = {"files": ("index.html", PAGE, "text/html")}
    assert (await client.post(f"{base}/documents", files=files, headers=ALICE)).status_code == 404
    assert (await client.get("/api/v1/sessions", headers=ALICE)).json()["total"] == 0
    assert await session_rows(client) == 1  # not yet cleaned up, yet invisible

    await client.app.state.cleanup.run_once()
    assert await session_rows(client) == 0


async def test_deleting_a_session_removes_it_with_its_files(
    client: AsyncTestClient[Litestar], settings: Settings
) -> None:
    """DELETE answers 204; the session is then 404 and its folder is gone."""
    session_id = await new_session(client, ALICE)
    files = {"files": ("index.html", PAGE, "text/html")}
    base = f"/api/v1/sessions/{session_id}"
    assert (await client.post(f"{base}/documents", files=files, headers=ALICE)).status_code == 201
    session_dir = settings.data_path / "files" / session_id
    assert len(list(session_dir.iterdir())) == 1

    assert (await client.delete(base, headers=ALICE)).status_code == 204
    assert (await client.get(base, headers=ALICE)).status_code == 404
    assert (await client.delete(base, headers=ALICE)).status_code == 404
    assert not session_dir.exists()
    assert await session_rows(client) == 0


async def test_detailed_health_shows_the_database_and_cleanup_statistics(
    client: AsyncTestClient[Litestar],
) -> None:
    """The database is a critical dependency; cleanup reports its last run and totals."""
    await client.app.state.cleanup.run_once()
    dependencies = {
        d["name"]: d for d in (await client.get("/health/detailed")).json()["dependencies"]
    }
    assert dependencies["database"]["critical"] is True
    assert dependencies["database"]["status"] == "healthy"
    assert dependencies["cleanup"]["critical"] is False
    assert "last run" in dependencies["cleanup"]["message"]
    assert "bytes freed" in dependencies["cleanup"]["message"]


async def test_a_delete_whose_file_removal_fails_still_hides_the_session(
    client: AsyncTestClient[Litestar], settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The caller gets 204 and then 404; the next cleanup pass removes the files left."""
    session_id = await new_session(client, ALICE)
    base = f"/api/v1/sessions/{session_id}"
    files = {"files": ("index.html", PAGE, "text/html")}
    assert (await client.post(f"{base}/documents", files=files, headers=ALICE)).status_code == 201

    def broken_removal(self: FileStore, session_id: str) -> RemovalStats:
        raise PermissionError("read-only file system")

    with monkeypatch.context() as patched:
        patched.setattr(FileStore, "remove_session", broken_removal)
        assert (await client.delete(base, headers=ALICE)).status_code == 204
    assert (await client.get(base, headers=ALICE)).status_code == 404
    session_dir = settings.data_path / "files" / session_id
    assert len(list(session_dir.iterdir())) == 1  # left behind by the failed removal

    run = await client.app.state.cleanup.run_once()
    assert (run.orphans_removed, run.bytes_freed) == (1, len(PAGE))
    assert not session_dir.exists()
