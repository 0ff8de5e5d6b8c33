"""Fixtures for the LLM client tests: a scripted fake provider and clients pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest
import stamina
from fake_providers import TEST_KEY, ClientFactory, FakeProvider

from accessibility_analyzer.llm import LLMClient
from accessibility_analyzer.settings import Settings

BASE_URL_VARIABLES = {
    "openai": ("OPENAI_BASE_URL", "/v1", "OPENAI_API_KEY"),
    "deepseek": ("DEEPSEEK_BASE_URL", "/v1", "DEEPSEEK_API_KEY"),
    "ollama": ("OPENAI_BASE_URL", "/v1", None),
    "vllm": ("OPENAI_BASE_URL", "/v1", None),
    "anthropic": ("ANTHROPIC_BASE_URL", "", "ANTHROPIC_API_KEY"),
    "replicate": ("REPLICATE_BASE_URL", "/v1", "REPLICATE_API_TOKEN"),
}
MODELS = {"replicate": "meta/test-llm", "anthropic": "claude-test", "deepseek": "deepseek-chat"}


@pytest.fixture(autouse=True)
def no_backoff_waits() -> Iterator[None]:
    """Keep the configured attempts (``cap``) but skip backoff sleeps: tests count requests."""
    with stamina.set_testing(True, attempts=1000, cap=True):
        yield


@pytest.fixture
def fake_provider() -> Iterator[FakeProvider]:
    """A started fake provider on 127.0.0.1; stopped (hangs released) after the test."""
    fake = FakeProvider().start()
    yield fake
    fake.stop()


@pytest.fixture
def provider_env(fake_provider: FakeProvider) -> Callable[..., dict[str, str]]:
    """``provider_env("openai", LLM_MAX_ATTEMPTS="2")``: variables aiming a provider at the fake."""

    def build(provider: str, **extra: str) -> dict[str, str]:
        variable, suffix, key_variable = BASE_URL_VARIABLES[provider]
        env = {
            "LLM_PROVIDER": provider,
            "LLM_MODEL": MODELS.get(provider, "gpt-test"),
            variable: fake_provider.url + suffix,
            "LLM_TIMEOUT_SECONDS": "10",
        }
        if key_variable is not None:
            env[key_variable] = TEST_KEY
        env.update(extra)
        return env

    return build


@pytest.fixture
async def make_client(
    settings_factory: Callable[..., Settings], provider_env: Callable[..., dict[str, str]]
) -> AsyncIterator[ClientFactory]:
    """``await make_client("openai", **env)``: an ``LLMClient`` on the fake; closed afterwards."""
    clients: list[LLMClient] = []

    async def build(
        provider: str, *, valkey_client: Any = None, read_timeout: float = 2.0, **env: str
    ) -> LLMClient:
        settings = settings_factory(**provider_env(provider, **env))
        client = LLMClient.from_settings(
            settings,
            valkey_client=valkey_client,
            read_timeout_seconds=read_timeout,
            poll_interval=0.01,
        )
        clients.append(client)
        return client

    yield build
    for client in clients:
        await client.aclose()
