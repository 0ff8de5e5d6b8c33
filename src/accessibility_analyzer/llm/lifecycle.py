"""Owning an LLM client for the life of a process, and reporting its breaker as health."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Final, Literal

import valkey.asyncio

from accessibility_analyzer.llm.client import LLMClient
from accessibility_analyzer.settings import Settings

__all__ = ["BREAKER_HEALTH", "breaker_health", "open_llm_client"]

HealthState = Literal["healthy", "degraded", "unhealthy"]

BREAKER_HEALTH: Final[dict[str, HealthState]] = {
    "closed": "healthy",
    "half_open": "degraded",
    "open": "unhealthy",
}


@asynccontextmanager
async def open_llm_client(
    settings: Settings, *, valkey_client: valkey.asyncio.Valkey | None = None
) -> AsyncIterator[LLMClient]:
    """The client ``settings`` describe, closed on exit.

    The breaker is shared through ``valkey_client`` (an API process passes its own); without
    one, a client is opened on ``VALKEY_URL`` when it is set (a worker), else the breaker
    stays in memory.
    """
    owned: valkey.asyncio.Valkey | None = None
    if valkey_client is None and settings.valkey_url is not None:
        owned = valkey.asyncio.Valkey.from_url(
            settings.valkey_url,
            socket_timeout=settings.valkey_timeout_seconds,
            socket_connect_timeout=settings.valkey_timeout_seconds,
        )
    client = LLMClient.from_settings(settings, valkey_client=valkey_client or owned)
    try:
        yield client
    finally:
        await client.aclose()
        if owned is not None:
            await owned.aclose()


async def breaker_health(client: LLMClient) -> tuple[HealthState, str]:
    """The ``llm:<provider>`` dependency: healthy closed, degraded half-open, unhealthy open."""
    state = await client.breaker_state()
    where = "shared in Valkey" if client.breaker.shared else "in this process"
    message = f"circuit breaker {state.replace('_', '-')} ({where}); model {client.model}"
    return BREAKER_HEALTH[state], message
