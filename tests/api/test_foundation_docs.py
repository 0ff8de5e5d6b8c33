"""API docs: Swagger UI, ReDoc and OpenAPI 3.1, with every route documented completely."""

from __future__ import annotations

import re
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from accessibility_analyzer.api.app import create_app

HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


@pytest.fixture
async def schema(settings: Any) -> dict[str, Any]:
    """The served OpenAPI document of the real app (every part's routes, no test routes)."""
    async with AsyncTestClient(create_app(settings)) as client:
        response = await client.get("/openapi.json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.oai.openapi+json")
    document: dict[str, Any] = response.json()
    return document


def operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]


async def test_swagger_and_redoc_pages(client: Any) -> None:
    for path, marker in (("/docs", "swagger-ui"), ("/redoc", "redoc")):
        response = await client.get(path)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert marker in response.text.lower()
        assert "Accessibility Analyzer API" in response.text


def test_the_document_is_openapi_3_1_with_the_probes(schema: dict[str, Any]) -> None:
    assert schema["openapi"].startswith("3.1")
    assert {"/health", "/health/ready", "/health/detailed"} <= set(schema["paths"])
    assert not any(
        path.startswith(("/docs", "/redoc", "/openapi", "/_schema")) for path in schema["paths"]
    )
    schemes = schema["components"]["securitySchemes"]
    assert schemes["ApiKeyAuth"] == {"type": "apiKey", "name": "X-API-Key", "in": "header"}
    assert schemes["BearerAuth"]["scheme"] == "bearer"


def test_every_operation_has_tag_id_summary_and_problem_responses(
    schema: dict[str, Any],
) -> None:
    seen_ids: set[str] = set()
    for path, method, operation in operations(schema):
        where = f"{method.upper()} {path}"
        assert operation.get("tags"), f"{where} has no tag"
        assert operation.get("summary"), f"{where} has no summary"
        operation_id = operation.get("operationId")
        assert operation_id, f"{where} has no operationId"
        assert operation_id not in seen_ids, f"{where} repeats operationId {operation_id}"
        seen_ids.add(operation_id)
        responses = operation["responses"]
        assert "500" in responses, where
        errors = {code: r for code, r in responses.items() if code.startswith(("4", "5"))}
        for code, response in errors.items():
            assert "application/problem+json" in response.get("content", {}), (where, code)
        if path.startswith("/api/"):
            assert {"401", "429"} <= set(responses), where
            assert operation.get("security") == [{"ApiKeyAuth": []}, {"BearerAuth": []}], where
        else:
            assert "security" not in operation, f"{where} is a probe and must stay open"
        if operation.get("parameters") or operation.get("requestBody"):
            assert "400" in responses, f"{where} takes input but documents no 400"


def test_problem_details_schema_is_a_component(schema: dict[str, Any]) -> None:
    problem = schema["components"]["schemas"]["ProblemDetails"]
    assert {"title", "status", "detail"} <= set(problem["required"])
    assert "requestId" in problem["properties"]


async def test_docs_load_nothing_from_other_hosts(client: Any) -> None:
    """Swagger UI and ReDoc get their scripts, styles and icon from this server, not a CDN
    (Litestar's default icon, in single quotes, came from cdn.jsdelivr.net)."""
    for page in ("/docs", "/redoc"):
        html = (await client.get(page)).text
        assets = [
            url
            for url in re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
            if not url.startswith("data:")
        ]
        assert assets, page
        assert all(url.startswith("/docs/assets/") for url in assets), assets
        for url in assets:
            response = await client.get(url)
            assert response.status_code == 200, url
            assert "max-age" in response.headers["cache-control"]
    missing = await client.get("/docs/assets/no-such-file.js")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
