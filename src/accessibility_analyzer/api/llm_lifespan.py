"""Start-up of the LLM client: ``app.state.llm``, and its breaker in ``/health/detailed``."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from litestar import Litestar

from accessibility_analyzer.llm.client import LLMClient
from accessibility_analyzer.llm.lifecycle import breaker_health, open_llm_client
from accessibility_analyzer.observability.health import CheckResult, HealthCheck
from accessibility_analyzer.settings import Settings

__all__ = ["llm_lifespan"]


@contextlib.asynccontextmanager
async def llm_lifespan(app: Litestar) -> AsyncIterator[None]:
    """Build the LLM client from the settings; register ``llm:<provider>`` (never critical)."""
    settings: Settings = app.state.settings
    async with open_llm_client(settings, valkey_client=app.state.valkey) as client:
        app.state.llm = client
        if client.available:

            async def check(client: LLMClient = client) -> CheckResult:
                return await breaker_health(client)

            app.state.health.register(
                HealthCheck(name=f"llm:{client.provider}", check=check, critical=False)
            )
        yield
