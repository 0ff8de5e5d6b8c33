"""The circuit breaker: opening, failing fast without a request, recovering, across processes."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
import valkey.asyncio
from fake_providers import (
    OPENAI_PATH,
    ClientFactory,
    FakeProvider,
    Reply,
    openai_answer,
    openai_error,
)

from accessibility_analyzer.llm import CircuitOpen, ProviderError, Refused, StructuredRequest
from accessibility_analyzer.llm.breaker import ProviderBreaker

ASK = StructuredRequest(schema_name="submit_answer", system="Judge.", user="Is it?")
ANSWER = {"answer": "no", "reason": "generic"}
DOWN = openai_error(503, "overloaded")


async def _fail(client_call: Callable[[], object], error: type[Exception] = ProviderError) -> None:
    with pytest.raises(error):
        await client_call()  # type: ignore[misc]


async def test_the_breaker_opens_fails_fast_and_recovers(
    make_client: ClientFactory, fake_provider: FakeProvider, caplog: pytest.LogCaptureFixture
) -> None:
    fake_provider.script("POST", OPENAI_PATH, DOWN)
    client = await make_client(
        "openai", LLM_BREAKER_THRESHOLD="2", LLM_BREAKER_RECOVERY_SECONDS="0.4"
    )
    for _ in range(2):
        with pytest.raises(ProviderError):
            await client.structured(ASK)
    assert fake_provider.count() == 6  # two logical calls, three attempts each
    assert await client.breaker_state() == "open"
    opened = [r for r in caplog.records if r.getMessage() == "LLM circuit breaker open"]
    assert [r.levelname for r in opened] == ["WARNING"]

    started = time.perf_counter()
    with pytest.raises(CircuitOpen) as raised:
        await client.structured(ASK)
    fast_fail = time.perf_counter() - started
    assert fake_provider.count() == 6  # nothing reached the server
    assert raised.value.retry_after is not None
    assert 0 < raised.value.retry_after <= 0.4
    print(f"open -> fast fail: {fast_fail * 1000:.2f} ms")

    await asyncio.sleep(0.45)
    assert await client.breaker_state() == "half_open"
    fake_provider.rescript("POST", OPENAI_PATH, openai_answer(ANSWER))
    assert (await client.structured(ASK)).data == ANSWER  # the trial call
    assert await client.breaker_state() == "closed"


async def test_a_failed_trial_opens_it_again(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    fake_provider.script("POST", OPENAI_PATH, DOWN)
    client = await make_client(
        "openai",
        LLM_BREAKER_THRESHOLD="1",
        LLM_BREAKER_RECOVERY_SECONDS="0.2",
        LLM_MAX_ATTEMPTS="1",
    )
    with pytest.raises(ProviderError):
        await client.structured(ASK)
    await asyncio.sleep(0.25)
    with pytest.raises(ProviderError):  # the trial went out and failed
        await client.structured(ASK)
    assert fake_provider.count() == 2
    with pytest.raises(CircuitOpen):
        await client.structured(ASK)
    assert fake_provider.count() == 2


async def test_only_provider_failures_count_and_a_success_resets_the_run(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    client = await make_client("openai", LLM_BREAKER_THRESHOLD="2", LLM_MAX_ATTEMPTS="1")
    fake_provider.script("POST", OPENAI_PATH, openai_answer(ANSWER, refusal="no"))
    for _ in range(3):  # refusals are about the input, not the provider
        with pytest.raises(Refused):
            await client.structured(ASK)
    assert await client.breaker_state() == "closed"
    for reply in (DOWN, openai_answer(ANSWER), DOWN):
        fake_provider.rescript("POST", OPENAI_PATH, reply)
        with contextlib.suppress(ProviderError):
            await client.structured(ASK)
    assert await client.breaker_state() == "closed"  # fail, success, fail: never two in a row


@pytest.fixture
async def shared_valkey(valkey_url: str) -> AsyncIterator[tuple[valkey.asyncio.Valkey, str]]:
    """A Valkey client and a fresh namespace; the namespace's breaker keys are removed after."""
    namespace = f"a11y_test_{uuid.uuid4().hex[:12]}"
    connection = valkey.asyncio.Valkey.from_url(valkey_url)
    yield connection, namespace
    keys = [key async for key in connection.scan_iter(match=f"{namespace}:*")]
    if keys:
        await connection.delete(*keys)
    await connection.aclose()


def _other_process(env: dict[str, str]) -> str:
    """Run one call in a separate Python process sharing the breaker; return its outcome."""
    script = Path(__file__).with_name("breaker_process.py")
    completed = subprocess.run(
        [sys.executable, str(script)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return completed.stdout.strip()


@pytest.mark.valkey
@pytest.mark.slow
async def test_two_processes_share_one_breaker_through_valkey(
    make_client: ClientFactory,
    fake_provider: FakeProvider,
    provider_env: Callable[..., dict[str, str]],
    shared_valkey: tuple[valkey.asyncio.Valkey, str],
    valkey_url: str,
) -> None:
    connection, namespace = shared_valkey
    env = provider_env(
        "openai",
        VALKEY_URL=valkey_url,
        VALKEY_NAMESPACE=namespace,
        LLM_BREAKER_THRESHOLD="2",
        LLM_BREAKER_RECOVERY_SECONDS="60",
        LLM_MAX_ATTEMPTS="1",
    )
    fake_provider.script("POST", OPENAI_PATH, DOWN)
    client = await make_client("openai", valkey_client=connection, **env)
    assert client.breaker.shared

    # One failure here, one in the other process: together they open the shared breaker.
    with pytest.raises(ProviderError):
        await client.structured(ASK)
    assert _other_process(env) == "ProviderError open"
    assert fake_provider.count() == 2
    with pytest.raises(CircuitOpen):  # opened by the other process: nothing is sent
        await client.structured(ASK)
    assert fake_provider.count() == 2

    # The recovery time is each reader's setting: a process configured with a short one
    # (instead of this test waiting a minute) finds the breaker due for a trial, whose
    # success closes it for both.
    fake_provider.rescript("POST", OPENAI_PATH, openai_answer(ANSWER))
    assert _other_process({**env, "LLM_BREAKER_RECOVERY_SECONDS": "0.01"}) == "answered closed"
    assert fake_provider.count() == 3
    assert await client.breaker_state() == "closed"
    assert (await client.structured(ASK)).data == ANSWER


@pytest.mark.valkey
async def test_an_unreachable_valkey_leaves_the_breaker_closed(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    dead = valkey.asyncio.Valkey.from_url(
        "redis://127.0.0.1:9/0", socket_connect_timeout=0.2, socket_timeout=0.2
    )
    fake_provider.script("POST", OPENAI_PATH, openai_answer(ANSWER))
    client = await make_client("openai", valkey_client=dead, VALKEY_URL="redis://127.0.0.1:9/0")
    assert (await client.structured(ASK)).data == ANSWER
    assert await client.breaker_state() == "closed"
    await dead.aclose()


async def test_breaker_guard_ignores_cancellation() -> None:
    breaker = ProviderBreaker("openai", threshold=1, recovery_seconds=30)

    async def cancelled_call() -> None:
        async with breaker.guard():
            raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        await cancelled_call()
    assert await breaker.state() == "closed"


async def test_retry_after_is_the_wait_stamina_uses(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    """Outside testing mode the hook's Retry-After (here 50 ms) replaces the backoff."""
    import stamina
    from stamina.instrumentation import RetryDetails, get_on_retry_hooks, set_on_retry_hooks

    waits: list[float] = []

    def remember(details: RetryDetails) -> None:
        waits.append(details.wait_for)

    previous = get_on_retry_hooks()
    set_on_retry_hooks([*previous, remember])
    fake_provider.script(
        "POST",
        OPENAI_PATH,
        Reply(
            429,
            {"error": {"type": "requests", "code": "rate_limit_exceeded"}},
            headers={"retry-after-ms": "50"},
        ),
        openai_answer(ANSWER),
    )
    client = await make_client("openai")
    try:
        with stamina.set_testing(False):
            assert (await client.structured(ASK)).attempts == 2
    finally:
        set_on_retry_hooks(previous)
    assert waits == [0.05]
