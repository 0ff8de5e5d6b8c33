"""Health probes against real dependencies: Valkey up, Valkey on a closed port, Valkey hung."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import msgspec
from litestar import Litestar
from litestar.testing import AsyncTestClient

from accessibility_analyzer.api.health import HealthCheck, HealthRegistry, overall_state
from accessibility_analyzer.api.schemas import DetailedHealth, ProblemDetails, Readiness

AppBuilder = Callable[..., Litestar]


def _by_name(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {dependency["name"]: dependency for dependency in body["dependencies"]}


async def test_liveness_touches_no_dependency(build_app: AppBuilder, closed_port_url: str) -> None:
    # Valkey on a closed port: liveness must not care.
    app = build_app(VALKEY_URL=closed_port_url)
    async with AsyncTestClient(app) as client:
        response = await client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "alive"
    async with AsyncTestClient(app) as client:
        head = await client.head("/health")
    assert head.status_code == 200
    assert head.content == b""


async def test_ready_and_detailed_with_valkey_up(build_app: AppBuilder, valkey_url: str) -> None:
    async with AsyncTestClient(build_app(VALKEY_URL=valkey_url)) as client:
        ready = await client.get("/health/ready")
        detailed = await client.get("/health/detailed")
    assert ready.status_code == 200
    msgspec.convert(ready.json(), Readiness)
    assert _by_name(ready.json())["valkey"]["status"] == "healthy"

    assert detailed.status_code == 200
    body = msgspec.convert(detailed.json(), DetailedHealth)
    # Other parts add checks (a job worker may not be running here): judge the foundation's.
    assert body.status != "unhealthy"
    states = {dependency.name: dependency.status for dependency in body.dependencies}
    for name in ("valkey", "cache", "disk", "llm-providers"):
        assert states[name] == "healthy", name
    assert body.uptime_seconds >= 0
    for dependency in detailed.json()["dependencies"]:
        assert set(dependency) == {"name", "status", "message", "responseTimeMs", "critical"}


async def test_valkey_on_a_closed_port_is_not_ready(
    build_app: AppBuilder, closed_port_url: str
) -> None:
    app = build_app(VALKEY_URL=closed_port_url)
    async with AsyncTestClient(app) as client:
        ready = await client.get("/health/ready")
        detailed = await client.get("/health/detailed")
    assert ready.status_code == 503
    assert ready.headers["content-type"].startswith("application/problem+json")
    problem = msgspec.convert(ready.json(), ProblemDetails)
    assert "valkey" in problem.detail
    assert problem.request_id == ready.headers["x-request-id"]

    assert detailed.status_code == 200
    body = detailed.json()
    assert body["status"] == "unhealthy"
    assert _by_name(body)["valkey"]["status"] == "unhealthy"
    assert _by_name(body)["valkey"]["critical"] is True


async def test_a_hung_dependency_answers_unhealthy_in_about_the_timeout(
    build_app: AppBuilder, hung_server: str
) -> None:
    app = build_app(
        VALKEY_URL=hung_server,
        VALKEY_TIMEOUT_SECONDS="30",  # the client would wait; the probe's timeout must not
        HEALTH_CHECK_TIMEOUT_SECONDS="0.3",
    )
    async with AsyncTestClient(app) as client:
        started = time.monotonic()
        ready = await client.get("/health/ready")
        detailed = await client.get("/health/detailed")
        elapsed = time.monotonic() - started
    assert ready.status_code == 503
    valkey = _by_name(detailed.json())["valkey"]
    assert valkey["status"] == "unhealthy"
    assert valkey["message"] == "no answer within 0.3 s"
    assert elapsed < 10  # two probes; without the timeout they would hang for 30 s each


async def test_probes_need_no_api_key(build_app: AppBuilder) -> None:
    async with AsyncTestClient(build_app(API_KEYS="ci:ci-key-000001")) as client:
        for path in ("/health", "/health/ready", "/health/detailed"):
            assert (await client.get(path)).status_code == 200


async def test_disk_below_threshold_degrades_but_stays_ready(build_app: AppBuilder) -> None:
    app = build_app(DISK_FREE_MIN_BYTES=str(10**18))
    async with AsyncTestClient(app) as client:
        ready = await client.get("/health/ready")
        detailed = await client.get("/health/detailed")
    assert ready.status_code == 200
    assert detailed.json()["status"] == "degraded"
    assert _by_name(detailed.json())["disk"]["status"] == "unhealthy"


async def test_llm_providers_are_named_without_secrets(build_app: AppBuilder) -> None:
    app = build_app(
        LLM_PROVIDER="anthropic",
        LLM_MODEL="claude-test",
        ANTHROPIC_API_KEY="sk-ant-very-secret",
        OPENAI_API_KEY="sk-openai-very-secret",
    )
    async with AsyncTestClient(app) as client:
        detailed = await client.get("/health/detailed")
    llm = _by_name(detailed.json())["llm-providers"]
    assert llm["status"] == "healthy"
    assert "anthropic" in llm["message"]
    assert "openai" in llm["message"]
    assert "very-secret" not in detailed.text


async def test_a_selected_provider_without_credentials_is_degraded(build_app: AppBuilder) -> None:
    async with AsyncTestClient(build_app(LLM_PROVIDER="openai")) as client:
        detailed = await client.get("/health/detailed")
    assert _by_name(detailed.json())["llm-providers"]["status"] == "degraded"


async def test_checks_registered_by_other_parts_are_reported(build_app: AppBuilder) -> None:
    app = build_app()

    async def database_down() -> Any:
        raise ConnectionRefusedError("database refused the connection")

    async def queue_slow() -> Any:
        return "degraded", "12 jobs waiting"

    registry: HealthRegistry = app.state.health
    registry.register(HealthCheck(name="probe-store", check=database_down, critical=True))
    registry.register(HealthCheck(name="probe-queue", check=queue_slow, critical=False))
    async with AsyncTestClient(app) as client:
        ready = await client.get("/health/ready")
        detailed = await client.get("/health/detailed")
    assert ready.status_code == 503
    assert "probe-store" in ready.json()["detail"]
    assert "probe-queue" not in ready.json()["detail"]  # only critical checks decide readiness
    dependencies = _by_name(detailed.json())
    assert dependencies["probe-store"]["status"] == "unhealthy"
    assert "ConnectionRefusedError" in dependencies["probe-store"]["message"]
    assert dependencies["probe-queue"] == {
        "name": "probe-queue",
        "status": "degraded",
        "message": "12 jobs waiting",
        "responseTimeMs": dependencies["probe-queue"]["responseTimeMs"],
        "critical": False,
    }


async def test_overall_state_rules() -> None:
    registry = HealthRegistry(timeout_seconds=1)

    async def healthy() -> Any:
        return "healthy", "ok"

    async def broken() -> Any:
        return "unhealthy", "down"

    registry.register(HealthCheck(name="a", check=healthy))
    assert overall_state(await registry.run()) == "healthy"
    registry.register(HealthCheck(name="b", check=broken, critical=False))
    assert overall_state(await registry.run()) == "degraded"
    registry.register(HealthCheck(name="c", check=broken, critical=True))
    assert overall_state(await registry.run()) == "unhealthy"
    assert [report.name for report in await registry.run(critical_only=True)] == ["a", "c"]
    registry.unregister("c")
    assert registry.names == ("a", "b")
