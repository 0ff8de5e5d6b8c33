"""API-key authentication of /api: no key, wrong key, right key (both headers), open mode."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

import pytest
from foundation_probe import AppBuilder
from litestar.testing import AsyncTestClient

WHOAMI = "/api/v1/probe/whoami"
KEYS = "ci:ci-secret-key-0001,ops:ops-secret-key-0002,unnamed-secret-key-0003"


@pytest.fixture
async def client(build_app: AppBuilder) -> Any:
    async with AsyncTestClient(build_app(API_KEYS=KEYS)) as test_client:
        yield test_client


def assert_unauthorized(response: Any) -> None:
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["www-authenticate"].startswith("Bearer")
    body = response.json()
    assert body["status"] == 401
    assert body["title"] == "Unauthorized"
    assert body["requestId"] == response.headers["x-request-id"]


async def test_no_key_is_401(client: Any) -> None:
    response = await client.get(WHOAMI)
    assert_unauthorized(response)
    assert "X-API-Key" in response.json()["detail"]


@pytest.mark.parametrize(
    "headers",
    [
        {"X-API-Key": "ci-secret-key-0000"},
        {"X-API-Key": "ci-secret-key-00011"},
        {"X-API-Key": "ci"},  # the name is not the key
        {"Authorization": "Bearer wrong-key-000000"},
        {"Authorization": "Basic Y2k6Y2ktc2VjcmV0LWtleS0wMDAx"},
        {"X-API-Key": "ci-secret-key-0001\u00e9".encode("latin-1")},
    ],
)
async def test_a_wrong_key_is_401(client: Any, headers: dict[str, str]) -> None:
    response = await client.get(WHOAMI, headers=headers)
    assert_unauthorized(response)


@pytest.mark.parametrize(
    ("headers", "identity"),
    [
        ({"X-API-Key": "ci-secret-key-0001"}, "ci"),
        ({"Authorization": "Bearer ops-secret-key-0002"}, "ops"),
        ({"authorization": "bearer  ops-secret-key-0002 "}, "ops"),
        (
            {"X-API-Key": "unnamed-secret-key-0003"},
            "key-" + hashlib.sha256(b"unnamed-secret-key-0003").hexdigest()[:12],
        ),
    ],
)
async def test_the_right_key_reaches_the_handler_as_an_identity(
    client: Any, headers: dict[str, str], identity: str
) -> None:
    response = await client.get(WHOAMI, headers=headers)
    assert response.status_code == 200
    assert response.json() == {"identity": identity}


async def test_unknown_api_paths_still_answer_404_not_401_to_keyed_callers(client: Any) -> None:
    response = await client.get("/api/v1/nothing-here", headers={"X-API-Key": "ci-secret-key-0001"})
    assert response.status_code == 404


async def test_probes_and_docs_are_open(client: Any) -> None:
    for path in ("/health", "/docs", "/redoc", "/openapi.json"):
        assert (await client.get(path)).status_code == 200, path


async def test_open_mode_is_anonymous_and_warns_once_at_start_up(
    build_app: AppBuilder, caplog: pytest.LogCaptureFixture
) -> None:
    app = build_app()
    with caplog.at_level(logging.WARNING):
        async with AsyncTestClient(app) as client:
            first = await client.get(WHOAMI)
            second = await client.get(WHOAMI, headers={"X-API-Key": "anything-at-all"})
    assert first.json() == second.json() == {"identity": "anonymous"}
    warnings = [r for r in caplog.records if "API_KEYS" in r.getMessage()]
    assert len(warnings) == 1
    assert warnings[0].levelno == logging.WARNING
