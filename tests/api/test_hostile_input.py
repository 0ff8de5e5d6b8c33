"""No input gives a 500: hostile ids, query values and integers answer 400 or 404 problem+json.

Run against SQLite and PostgreSQL: PostgreSQL refuses NUL characters and broken UTF-8, and
its driver overflows on integers past 2^63, so each of these used to be a 500 there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from accessibility_analyzer.settings import Settings

PROBLEM = "application/problem+json"

HOSTILE_IDS = [
    "%00",
    "abc%00def",
    "0123456789abcdef0123456789abcde%00",
    "%ff%fe",
    "%ed%a0%80",  # a UTF-16 surrogate encoded as UTF-8: not valid UTF-8
    "%c0%af",  # an overlong "/"
    "x%0ay",
    "0" * 32,  # the shape of an id, but nobody's
    "Z" * 32,
    "9" * 4000,
    "%25%30%30",  # "%00" encoded once more: a literal "%00", not a NUL
]

ID_ROUTES = [
    ("GET", "/api/v1/sessions/{}"),
    ("DELETE", "/api/v1/sessions/{}"),
    ("GET", "/api/v1/sessions/{}/documents"),
    ("POST", "/api/v1/sessions/{}/documents"),
    ("POST", "/api/v1/sessions/{}/analyses"),
    ("GET", "/api/v1/analyses/{}"),
    ("GET", "/api/v1/analyses/{}/findings"),
    ("GET", "/api/v1/analyses/{}/report"),
    ("GET", "/api/v1/rules/{}"),
]

HOSTILE_QUERIES = [
    "offset=9223372036854775808",  # 2^63
    "offset=9223372036854775807",
    "offset=18446744073709551616",
    "offset=" + "9" * 100,
    "offset=-1",
    "limit=9223372036854775808",
    "limit=0",
    "offset=%00",
    "offset=1%00",
    "limit=%ff",
    "offset=%ed%a0%80",
]


@pytest.fixture
def settings(settings_factory: Callable[..., Settings], database_env: dict[str, str]) -> Settings:
    """The app on each database backend."""
    return settings_factory(**database_env)


@pytest.fixture
async def session_id(client: AsyncTestClient[Litestar]) -> str:
    """A live session of the (open) API's caller, with one page in it."""
    response = await client.post("/api/v1/sessions")
    assert response.status_code == 201
    identifier: str = response.json()["id"]
    upload = await client.post(
        f"/api/v1/sessions/{identifier}/documents",
        files=[("files", ("index.html", b"<!doctype html><title>x</title>", "text/html"))],
    )
    assert upload.status_code == 201
    return identifier


def _assert_problem(response: Any, allowed: set[int]) -> None:
    assert response.status_code in allowed, (response.status_code, response.text[:300])
    assert response.headers["content-type"].startswith(PROBLEM)
    assert response.json()["status"] == response.status_code


@pytest.mark.parametrize(("method", "template"), ID_ROUTES)
async def test_hostile_ids_answer_400_or_404(
    client: AsyncTestClient[Litestar], method: str, template: str
) -> None:
    """Every id-taking route: NUL, broken UTF-8, control characters, huge or foreign ids."""
    for hostile in HOSTILE_IDS:
        response = await client.request(method, template.format(hostile))
        _assert_problem(response, {400, 404})


@pytest.mark.parametrize(
    "listing",
    [
        "/api/v1/sessions",
        "/api/v1/sessions/{session}/documents",
        "/api/v1/analyses/{analysis}/findings",
    ],
)
async def test_hostile_paging_values_answer_400(
    client: AsyncTestClient[Litestar], session_id: str, listing: str
) -> None:
    """Offsets and limits past the driver's integers, negative, NUL or not UTF-8: 400."""
    analysis = await client.post(f"/api/v1/sessions/{session_id}/analyses")
    assert analysis.status_code == 202
    url = listing.format(session=session_id, analysis=analysis.json()["id"])
    for query in HOSTILE_QUERIES:
        response = await client.get(f"{url}?{query}")
        _assert_problem(response, {400})


async def test_hostile_filter_values_answer_400(
    client: AsyncTestClient[Litestar], session_id: str
) -> None:
    """Findings filters with NUL, control characters or broken UTF-8 never reach the database."""
    analysis = await client.post(f"/api/v1/sessions/{session_id}/analyses")
    url = f"/api/v1/analyses/{analysis.json()['id']}/findings"
    for query in ["rule=%00", "document=a%00b", "document=%ff", "wcag=1.1.1%00", "rule=a%0d%0ab"]:
        response = await client.get(f"{url}?{query}")
        _assert_problem(response, {400})
        assert response.json()["reason"] in {"invalid_query", "validation_failed"}
    # Odd but valid text is simply matched (and matches nothing).
    response = await client.get(f"{url}?document=%F0%9F%98%80%20d%C3%A9j%C3%A0&rule=%27%3B--")
    assert response.status_code == 200
    assert response.json()["items"] == []


async def test_an_oversized_header_answers_431(client: AsyncTestClient[Litestar]) -> None:
    """Headers past MAX_REQUEST_HEADER_BYTES (32 KiB by default) answer 431 problem+json."""
    response = await client.get("/api/v1/rules", headers={"X-Padding": "a" * 40_000})
    _assert_problem(response, {431})
    assert response.json()["reason"] == "headers_too_large"
    assert (
        await client.get("/api/v1/rules", headers={"X-Padding": "a" * 8_000})
    ).status_code == 200
