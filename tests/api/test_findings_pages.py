"""Findings pages by keyset cursor: same rows as by offset, stable, tamper-proof; cached totals."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Callable
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from accessibility_analyzer.settings import Settings

PAGE = (
    b"<!doctype html><html><head><title>t</title></head><body>"
    + b"".join(b'<img src="%d.png"><a href="#"></a>' % n for n in range(12))
    + b"</body></html>"
)


@pytest.fixture
def settings(settings_factory: Callable[..., Settings], database_env: dict[str, str]) -> Settings:
    """The app on each database backend, one engine process."""
    return settings_factory(ENGINE_PROCESSES="1", **database_env)


async def _completed_analysis(client: AsyncTestClient[Litestar], pages: int = 2) -> str:
    session = (await client.post("/api/v1/sessions")).json()["id"]
    files = [("files", (f"p{n}.html", PAGE, "text/html")) for n in range(pages)]
    upload = await client.post(f"/api/v1/sessions/{session}/documents", files=files)
    assert upload.status_code == 201
    analysis: str = (await client.post(f"/api/v1/sessions/{session}/analyses")).json()["id"]
    for _ in range(600):
        status = (await client.get(f"/api/v1/analyses/{analysis}")).json()["status"]
        if status in {"completed", "failed"}:
            break
        await asyncio.sleep(0.05)
    assert status == "completed"
    return analysis


async def _walk(client: AsyncTestClient[Litestar], url: str, **query: Any) -> list[int]:
    ids: list[int] = []
    cursor = None
    while True:
        params = {**query, "limit": 7, **({"cursor": cursor} if cursor else {})}
        page = (await client.get(url, params=params)).json()
        ids += [item["id"] for item in page["items"]]
        if cursor is not None:
            assert page["nextOffset"] is None  # paging by cursor: no offset to follow
        cursor = page["nextCursor"]
        if cursor is None:
            return ids


async def test_cursor_pages_hold_the_same_rows_as_offset_pages(
    client: AsyncTestClient[Litestar],
) -> None:
    """Walking by cursor and by offset yields every finding once, in the same order."""
    analysis = await _completed_analysis(client)
    url = f"/api/v1/analyses/{analysis}/findings"
    everything = (await client.get(url, params={"limit": 1000})).json()
    expected = [item["id"] for item in everything["items"]]
    assert len(expected) == everything["total"] > 14
    assert await _walk(client, url) == expected
    by_offset: list[int] = []
    offset: int | None = 0
    while offset is not None:
        page = (await client.get(url, params={"limit": 7, "offset": offset})).json()
        by_offset += [item["id"] for item in page["items"]]
        offset = page["nextOffset"]
    assert by_offset == expected
    failed = await _walk(client, url, outcome="failed")
    assert failed == [i["id"] for i in everything["items"] if i["outcome"] == "failed"]


async def test_totals_of_a_completed_analysis_match_a_count(
    client: AsyncTestClient[Litestar],
) -> None:
    """Totals (from the summary or counted once and cached) equal the rows that match."""
    analysis = await _completed_analysis(client)
    url = f"/api/v1/analyses/{analysis}/findings"
    everything = (await client.get(url, params={"limit": 1000})).json()["items"]
    cases: list[dict[str, str]] = [
        {},
        {"outcome": "failed"},
        {"rule": "image-alt"},
        {"rule": "image-alt", "outcome": "failed"},
        {"impact": "critical"},
        {"document": "p1.html", "outcome": "failed"},
    ]
    keys = {"outcome": "outcome", "rule": "ruleId", "impact": "impact", "document": "path"}
    for query in cases:
        for _ in range(2):  # the second answer comes from the summary or the cache
            page = (await client.get(url, params={**query, "limit": 1})).json()
            matching = [f for f in everything if all(f[keys[k]] == v for k, v in query.items())]
            assert page["total"] == len(matching), query


async def test_a_tampered_or_foreign_cursor_is_400(client: AsyncTestClient[Litestar]) -> None:
    """Cursors that were not made for this listing, and cursor with offset, answer 400."""
    analysis = await _completed_analysis(client, pages=1)
    other = await _completed_analysis(client, pages=1)
    url = f"/api/v1/analyses/{analysis}/findings"
    cursor = (await client.get(url, params={"limit": 2})).json()["nextCursor"]
    assert cursor is not None
    foreign = base64.urlsafe_b64encode(f"{other}:1".encode()).decode().rstrip("=")
    not_a_number = base64.urlsafe_b64encode(f"{analysis}:x1".encode()).decode().rstrip("=")
    for bad in [cursor[:-2] + "AA", foreign, not_a_number, "AAAA", "x", "a" * 129]:
        response = await client.get(url, params={"cursor": bad})
        assert response.status_code == 400, bad
        assert response.headers["content-type"].startswith("application/problem+json")
    both = await client.get(url, params={"cursor": cursor, "offset": 3})
    assert both.status_code == 400
    assert both.json()["reason"] == "cursor_and_offset"
