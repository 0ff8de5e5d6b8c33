"""Every error is RFC 9457 problem+json with a request id; nothing answers with HTML."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest
from foundation_probe import INTERNAL_SECRET, AppBuilder, ProbeItem
from litestar.testing import AsyncTestClient
from polyfactory.factories.msgspec_factory import MsgspecFactory

from accessibility_analyzer.api.schemas import ProblemDetails

PROBE = "/api/v1/probe"


class ProbeItemFactory(MsgspecFactory[ProbeItem]):
    """Valid probe items: random names, counts and tags within the declared constraints."""


@pytest.fixture
async def client(build_app: AppBuilder) -> Any:
    async with AsyncTestClient(build_app()) as test_client:
        yield test_client


def assert_problem(response: Any, status: int) -> ProblemDetails:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = msgspec.convert(response.json(), ProblemDetails)
    assert problem.status == status
    assert problem.title
    assert problem.detail
    assert response.json()["type"] == "about:blank"
    assert problem.request_id == response.headers["x-request-id"]
    return problem


@pytest.mark.parametrize("path", ["/nope", "/favicon.ico", "/api/v1/nope", "/docs/x", "/_schema"])
async def test_unknown_paths_are_problem_404(client: Any, path: str) -> None:
    response = await client.get(path, headers={"Accept": "text/html"})
    problem = assert_problem(response, 404)
    assert problem.instance == path


async def test_wrong_method_is_problem_405_with_allow(client: Any) -> None:
    response = await client.delete("/health")
    assert_problem(response, 405)
    assert "GET" in response.headers["allow"]


async def test_valid_bodies_from_polyfactory_are_accepted(client: Any) -> None:
    for item in ProbeItemFactory.batch(10):
        response = await client.post(f"{PROBE}/items", content=msgspec.json.encode(item))
        assert response.status_code == 201, response.text
        assert msgspec.convert(response.json(), ProbeItem) == item


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b'{"name": "x", "count": "many"}', "count"),
        (b'{"name": "", "count": 1}', "name"),
        (b'{"name": "x", "count": 1, "colour": "red"}', "colour"),
        (b'{"count": 1}', "name"),
    ],
)
async def test_invalid_body_is_400_naming_the_field(client: Any, body: bytes, field: str) -> None:
    response = await client.post(
        f"{PROBE}/items", content=body, headers={"Content-Type": "application/json"}
    )
    problem = assert_problem(response, 400)
    assert field in problem.detail
    assert problem.errors
    assert problem.reason == "validation_failed"


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"\xff\xfe", b"[" * 100_000, b'{"name": "x", "count": 1'],
    ids=["not-json", "not-utf8", "nested-100k-deep", "truncated"],
)
async def test_malformed_json_is_400(client: Any, body: bytes) -> None:
    response = await client.post(
        f"{PROBE}/items", content=body, headers={"Content-Type": "application/json"}
    )
    assert_problem(response, 400)


@pytest.mark.parametrize(
    ("path", "field"),
    [(f"{PROBE}/items/7?limit=99", "limit"), (f"{PROBE}/items/7?limit=x", "limit")],
)
async def test_invalid_query_parameter_is_400_naming_it(client: Any, path: str, field: str) -> None:
    problem = assert_problem(await client.get(path), 400)
    assert problem.errors is not None
    assert problem.errors[0].field == field
    assert problem.errors[0].source == "query"


async def test_path_parameter_of_the_wrong_type_is_a_4xx_problem(client: Any) -> None:
    response = await client.get(f"{PROBE}/items/seven")
    assert 400 <= response.status_code < 500
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_unexpected_error_is_500_without_internals(
    client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    response = await client.get(f"{PROBE}/boom")
    problem = assert_problem(response, 500)
    assert INTERNAL_SECRET not in response.text
    assert "RuntimeError" not in response.text
    assert "Traceback" not in response.text
    logged = [r for r in caplog.records if r.levelname == "ERROR"]
    assert logged, "the failure must be logged"
    assert logged[0].exc_info is not None
    assert problem.request_id


async def test_domain_problem_keeps_status_and_reason(client: Any) -> None:
    problem = assert_problem(await client.get(f"{PROBE}/problem"), 415)
    assert problem.reason == "unsupported_type"
    assert problem.detail == "Only HTML and ZIP files are accepted."


async def test_too_large_body_is_413(client: Any) -> None:
    response = await client.post(
        f"{PROBE}/small",
        content=b'{"a": "' + b"x" * 500 + b'"}',
        headers={"Content-Type": "application/json"},
    )
    assert_problem(response, 413)


async def test_a_sane_request_id_is_echoed_and_a_strange_one_replaced(client: Any) -> None:
    echoed = await client.get("/nope", headers={"X-Request-ID": "trace-abc.123"})
    assert echoed.headers["x-request-id"] == "trace-abc.123"
    assert echoed.json()["requestId"] == "trace-abc.123"
    replaced = await client.get("/nope", headers={"X-Request-ID": "<script>alert(1)</script>"})
    assert replaced.headers["x-request-id"] != "<script>alert(1)</script>"
    assert len(replaced.headers["x-request-id"]) == 32
