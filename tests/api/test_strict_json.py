"""JSON bodies are held to their declared types: the lax coercions of query strings answer 400.

Found by the contract test: ``{"suggestions": 0}`` started an analysis though the document
says a boolean. Every case below is refused with the usual validation problem, and the
same bodies with the right types are accepted.
"""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

WRONG_TYPES: list[dict[str, Any]] = [
    {"suggestions": 0},
    {"suggestions": 1},
    {"suggestions": "true"},
    {"level": 5},
    {"rules": "image-alt"},
    {"tags": [5]},
    {"oracle": 1},
]


@pytest.fixture
async def session_id(client: AsyncTestClient[Litestar]) -> str:
    """A session with one page in it."""
    response = await client.post("/api/v1/sessions")
    identifier: str = response.json()["id"]
    upload = await client.post(
        f"/api/v1/sessions/{identifier}/documents",
        files=[("files", ("index.html", b"<!doctype html><title>x</title>", "text/html"))],
    )
    assert upload.status_code == 201
    return identifier


@pytest.mark.parametrize("body", WRONG_TYPES)
async def test_an_analysis_request_of_wrong_types_answers_400(
    client: AsyncTestClient[Litestar], session_id: str, body: dict[str, Any]
) -> None:
    response = await client.post(f"/api/v1/sessions/{session_id}/analyses", json=body)
    assert response.status_code == 400, response.text
    problem = response.json()
    assert problem["reason"] == "validation_failed"
    assert problem["errors"][0]["source"] == "body"
    assert "Expected" in problem["errors"][0]["message"]


@pytest.mark.parametrize(
    "body", [None, {}, {"suggestions": True}, {"level": "AA"}, {"rules": ["image-alt"]}]
)
async def test_an_analysis_request_of_the_declared_types_is_accepted(
    client: AsyncTestClient[Litestar], session_id: str, body: dict[str, Any] | None
) -> None:
    response = await client.post(f"/api/v1/sessions/{session_id}/analyses", json=body)
    assert response.status_code == 202, response.text


async def test_a_session_name_that_is_a_number_answers_400(
    client: AsyncTestClient[Litestar],
) -> None:
    refused = await client.post("/api/v1/sessions", json={"name": 5})
    assert refused.status_code == 400, refused.text
    accepted = await client.post("/api/v1/sessions", json={"name": "5"})
    assert accepted.status_code == 201, accepted.text


async def test_malformed_json_is_still_litestars_400(
    client: AsyncTestClient[Litestar],
) -> None:
    response = await client.post(
        "/api/v1/sessions", content=b"{bad", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["status"] == 400
