"""``/health/detailed`` reports the provider's breaker; readiness never depends on it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from fake_providers import OPENAI_PATH, FakeProvider, openai_answer, openai_error
from litestar.testing import AsyncTestClient

from accessibility_analyzer.api.app import create_app
from accessibility_analyzer.llm import AuthenticationFailed, LLMClient, StructuredRequest
from accessibility_analyzer.settings import Settings

ASK = StructuredRequest(schema_name="submit_answer", system="s", user="u")


def _dependency(body: dict[str, Any], name: str) -> dict[str, Any]:
    return next(d for d in body["dependencies"] if d["name"] == name)


async def test_breaker_state_is_a_non_critical_dependency(
    settings_factory: Callable[..., Settings],
    provider_env: Callable[..., dict[str, str]],
    fake_provider: FakeProvider,
) -> None:
    env = provider_env("openai", LLM_BREAKER_RECOVERY_SECONDS="0.3")
    app = create_app(settings_factory(**env))
    fake_provider.script("POST", OPENAI_PATH, openai_error(401, "invalid_request_error"))
    async with AsyncTestClient(app) as client:
        llm: LLMClient = app.state.llm
        closed = _dependency((await client.get("/health/detailed")).json(), "llm:openai")
        assert (closed["status"], closed["critical"]) == ("healthy", False)
        assert "closed" in closed["message"]

        with pytest.raises(AuthenticationFailed):
            await llm.structured(ASK)
        detailed = await client.get("/health/detailed")
        opened = _dependency(detailed.json(), "llm:openai")
        assert opened["status"] == "unhealthy"
        assert "open" in opened["message"]
        assert detailed.json()["status"] == "degraded"
        assert (await client.get("/health/ready")).status_code == 200
        assert "sk-test" not in detailed.text

        await asyncio.sleep(0.35)
        half = _dependency((await client.get("/health/detailed")).json(), "llm:openai")
        assert half["status"] == "degraded"
        fake_provider.rescript("POST", OPENAI_PATH, openai_answer({"answer": "no", "reason": "r"}))
        await llm.structured(ASK)
        healed = _dependency((await client.get("/health/detailed")).json(), "llm:openai")
        assert healed["status"] == "healthy"


async def test_without_a_provider_there_is_no_breaker_dependency(
    settings_factory: Callable[..., Settings],
) -> None:
    app = create_app(settings_factory())
    async with AsyncTestClient(app) as client:
        body = (await client.get("/health/detailed")).json()
        assert not app.state.llm.available
    assert not [d for d in body["dependencies"] if d["name"].startswith("llm:")]
