"""Uploads over HTTP: a site goes in whole; every bad upload is a 4xx that stores nothing."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select
from upload_cases import PAGE, TEST_LIMITS, BadUpload, bad_uploads, build_zip, site_zip

from accessibility_analyzer.settings import Settings
from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.files import FileStore, StagedFile
from accessibility_analyzer.storage.models import Document

PROBLEM = "application/problem+json"


@pytest.fixture
def settings(settings_factory: Callable[..., Settings]) -> Settings:
    """Small limits, the same as the hostile upload table assumes."""
    return settings_factory(
        MAX_UPLOAD_BYTES=str(TEST_LIMITS.max_upload_bytes),
        MAX_FILE_BYTES=str(TEST_LIMITS.max_file_bytes),
        MAX_FILES_PER_UPLOAD=str(TEST_LIMITS.max_files_per_upload),
        ZIP_MAX_ENTRIES=str(TEST_LIMITS.zip_max_entries),
        ZIP_MAX_UNCOMPRESSED_BYTES=str(TEST_LIMITS.zip_max_uncompressed_bytes),
        ZIP_MAX_RATIO=str(TEST_LIMITS.zip_max_ratio),
    )


@pytest.fixture
async def session_url(client: AsyncTestClient[Litestar]) -> str:
    """The documents URL of a fresh session."""
    response = await client.post("/api/v1/sessions", json={"name": "upload test"})
    assert response.status_code == 201
    return f"/api/v1/sessions/{response.json()['id']}/documents"


def multipart(files: list[tuple[str, bytes]]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (name, data, "application/octet-stream")) for name, data in files]


BOUNDARY = "upload-test-boundary"


def raw_multipart(files: list[tuple[str, bytes]]) -> tuple[bytes, dict[str, str]]:
    """Request arguments for a body built by hand: httpx would escape hostile file names."""
    parts = [
        b'--%s\r\nContent-Disposition: form-data; name="files"; filename="%s"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n%s\r\n"
        % (BOUNDARY.encode(), name.encode(), data)
        for name, data in files
    ]
    body = b"".join(parts) + b"--%s--\r\n" % BOUNDARY.encode()
    return body, {"content-type": f"multipart/form-data; boundary={BOUNDARY}"}


async def stored_documents(client: AsyncTestClient[Litestar]) -> int:
    database: Database = client.app.state.database
    async with database.sessions() as orm:
        return int((await orm.execute(select(func.count(Document.id)))).scalar_one())


def files_under(directory: Path) -> list[Path]:
    return [path for path in directory.rglob("*") if path.is_file()] if directory.exists() else []


async def assert_nothing_stored(client: AsyncTestClient[Litestar], settings: Settings) -> None:
    assert await stored_documents(client) == 0
    assert files_under(settings.data_path / "files") == []
    assert files_under(settings.data_path / "staging") == []


async def test_a_site_zip_and_pages_are_stored_and_listed(
    client: AsyncTestClient[Litestar], session_url: str
) -> None:
    """Pages keep their path in the ZIP; CSS and images are assets; scripts are ignored."""
    response = await client.post(
        session_url, files=multipart([("site.zip", site_zip()), ("extra.htm", PAGE)])
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["ignored"] == ["site/app.js"]
    stored = {d["path"]: d for d in body["documents"]}
    assert set(stored) == {
        "site/index.html",
        "site/about/index.html",
        "site/style.css",
        "site/logo.png",
        "extra.htm",
    }
    assert stored["site/style.css"]["kind"] == "asset"
    assert stored["extra.htm"]["mediaType"] == "text/html"

    listed = (await client.get(session_url)).json()
    assert listed["total"] == 5
    assert [d["path"] for d in listed["items"]] == sorted(stored)
    session = (await client.get(session_url.removesuffix("/documents"))).json()
    assert (session["documentCount"], session["pageCount"]) == (5, 3)


@pytest.mark.parametrize("case", bad_uploads(), ids=lambda case: case.id)
async def test_every_bad_upload_is_a_4xx_problem_and_stores_nothing(
    client: AsyncTestClient[Litestar], settings: Settings, session_url: str, case: BadUpload
) -> None:
    """Issue 4's list of hostile uploads: each gets its status and reason, and no trace."""
    body, headers = raw_multipart(case.files)
    response = await client.post(session_url, content=body, headers=headers)
    assert response.status_code == case.status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    problem = response.json()
    assert problem["reason"] == case.reason
    assert problem["status"] == case.status
    assert problem["detail"]
    await assert_nothing_stored(client, settings)


async def test_a_body_that_is_not_multipart_is_415(
    client: AsyncTestClient[Litestar], settings: Settings, session_url: str
) -> None:
    """JSON or raw bytes are not an upload."""
    response = await client.post(session_url, json={"files": ["index.html"]})
    assert response.status_code == 415
    assert response.json()["reason"] == "unsupported_media_type"
    await assert_nothing_stored(client, settings)


async def test_a_multipart_body_without_files_is_400(
    client: AsyncTestClient[Litestar], settings: Settings, session_url: str
) -> None:
    """An empty upload (only the closing boundary) is refused."""
    response = await client.post(
        session_url,
        content=b"--b\r\n--b--\r\n",
        headers={"content-type": "multipart/form-data; boundary=b"},
    )
    assert response.status_code == 400
    assert response.json()["reason"] in {"empty_upload", "malformed_multipart"}
    await assert_nothing_stored(client, settings)


async def test_a_truncated_multipart_body_is_400(
    client: AsyncTestClient[Litestar], settings: Settings, session_url: str
) -> None:
    """A body cut off before its closing boundary is malformed, and nothing is kept."""
    body = b'--b\r\nContent-Disposition: form-data; name="files"; filename="a.html"\r\n\r\n' + PAGE
    response = await client.post(
        session_url, content=body, headers={"content-type": "multipart/form-data; boundary=b"}
    )
    assert response.status_code == 400
    assert response.json()["reason"] == "malformed_multipart"
    await assert_nothing_stored(client, settings)


async def test_files_in_another_field_are_400(
    client: AsyncTestClient[Litestar], settings: Settings, session_url: str
) -> None:
    """Only the field ``files`` carries uploads; anything else is named in the answer."""
    response = await client.post(session_url, files=[("file", ("index.html", PAGE, "text/html"))])
    assert response.status_code == 400
    assert response.json()["reason"] == "unexpected_field"
    await assert_nothing_stored(client, settings)


async def test_a_body_over_the_request_limit_is_413_before_it_is_read(
    client: AsyncTestClient[Litestar], settings: Settings, session_url: str
) -> None:
    """A declared length over MAX_UPLOAD_BYTES is refused from the header alone."""
    big = build_zip([("site/index.html", PAGE)]) + b"\x00" * TEST_LIMITS.max_upload_bytes
    response = await client.post(session_url, files=multipart([("site.zip", big)]))
    assert response.status_code == 413
    assert response.json()["reason"] == "upload_too_large"
    await assert_nothing_stored(client, settings)


async def test_uploading_the_same_path_twice_is_a_409(
    client: AsyncTestClient[Litestar], session_url: str
) -> None:
    """Paths are unique in a session; the second upload changes nothing."""
    first = await client.post(session_url, files=multipart([("index.html", PAGE)]))
    assert first.status_code == 201
    again = await client.post(
        session_url, files=multipart([("new.html", PAGE), ("index.html", PAGE)])
    )
    assert again.status_code == 409
    assert again.json()["reason"] == "path_exists"
    assert await stored_documents(client) == 1


async def test_an_unknown_session_is_404_without_reading_the_upload(
    client: AsyncTestClient[Litestar], settings: Settings
) -> None:
    """Uploading into a session that does not exist stores nothing."""
    response = await client.post(
        f"/api/v1/sessions/{'f' * 32}/documents", files=multipart([("index.html", PAGE)])
    )
    assert response.status_code == 404
    await assert_nothing_stored(client, settings)


async def test_a_full_disk_is_a_507_problem_and_stores_nothing(
    client: AsyncTestClient[Litestar],
    settings: Settings,
    session_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Running out of space is said plainly (507), and the half-installed upload is undone."""
    real_install = FileStore.install
    calls = 0

    def install_until_full(self: FileStore, staged: StagedFile, session_id: str, key: str) -> Path:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_install(self, staged, session_id, key)

    monkeypatch.setattr(FileStore, "install", install_until_full)
    response = await client.post(session_url, files=multipart([("site.zip", site_zip())]))
    assert response.status_code == 507
    assert response.json()["reason"] == "insufficient_storage"
    await assert_nothing_stored(client, settings)


async def test_the_openapi_document_describes_the_multipart_upload(
    client: AsyncTestClient[Litestar],
) -> None:
    """The handler parses its body itself; the schema still tells clients what to send."""
    spec = (await client.get("/openapi.json")).json()
    operation = spec["paths"]["/api/v1/sessions/{session_id}/documents"]["post"]
    form = operation["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert form["required"] == ["files"]
    assert form["properties"]["files"]["items"]["format"] == "binary"
    assert {"413", "415", "422"} <= set(operation["responses"])
