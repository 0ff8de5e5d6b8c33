"""A circuit breaker per provider, from purgatory, shared through Valkey when there is one.

purgatory (maintained, asyncio-native, small) implements the state machine: closed, open after
``threshold`` failed calls in a row, half-open after ``ttl`` seconds (the next call is a
trial), closed again on a success, open again on a failure. Its own Redis storage builds a
redis-py client from a URL, without socket timeouts, under a fixed ``cbr::`` prefix; this
module plugs purgatory's storage protocol (``AsyncAbstractRepository``) into our Valkey client
instead, under ``VALKEY_NAMESPACE``, so processes share one breaker per provider and a dead
Valkey costs a short timeout, never a failed LLM call (the breaker then acts as closed).

What counts as a failure is decided by the error (``ProviderError.counts_for_breaker``); auth
and quota failures (``opens_breaker``) open it at once.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Final

import valkey.asyncio
from purgatory import AsyncAbstractUnitOfWork, AsyncCircuitBreakerFactory
from purgatory.domain.model import Context, OpenedState
from purgatory.service._async.repository import AsyncAbstractRepository
from purgatory.typing import StateName
from valkey.exceptions import ValkeyError

from accessibility_analyzer.llm.errors import CircuitOpen, ProviderError
from accessibility_analyzer.observability.metrics import BreakerState, record_llm_breaker_state

__all__ = ["ProviderBreaker", "ValkeyBreakerRepository", "ValkeyUnitOfWork"]

logger = logging.getLogger(__name__)

_STATE_NAMES: Final[dict[str, BreakerState]] = {
    "closed": "closed",
    "half-opened": "half_open",
    "opened": "open",
}


class ValkeyBreakerRepository(AsyncAbstractRepository):
    """purgatory's breaker storage in Valkey: one JSON state key and one failure counter.

    Keys: ``{namespace}:llm_breaker:{name}`` (state, opened_at) and ``...:{name}:failures``.
    Threshold and recovery time come from the settings of the reading process, not the store.
    A Valkey error reads as "closed, no failures" and drops the write (logged once per outage).
    """

    def __init__(
        self, client: valkey.asyncio.Valkey, *, namespace: str, threshold: int, ttl: float
    ) -> None:
        """Store breakers through ``client`` under ``namespace``."""
        self.client = client
        self.prefix = f"{namespace}:llm_breaker:"
        self.threshold = threshold
        self.ttl = ttl
        self.messages = []
        self._outage = False

    async def get(self, name: str) -> Context:
        """The breaker called ``name`` as stored (closed when nothing or Valkey is down)."""
        try:
            raw, failures = await self.client.mget(
                self.prefix + name, self.prefix + name + ":failures"
            )
        except (ValkeyError, OSError) as error:
            self._down(error)
            return Context(name, self.threshold, self.ttl)
        self._up()
        stored: dict[str, Any] = json.loads(raw) if raw else {}
        return Context(
            name,
            self.threshold,
            self.ttl,
            state=_stored_state(stored.get("state")),
            failure_count=int(failures or 0),
            opened_at=stored.get("opened_at"),
        )

    async def register(self, context: Context) -> None:
        """Nothing to store for a new breaker: a missing key reads as closed."""

    async def update_state(self, name: str, state: str, opened_at: float | None) -> None:
        """Store the breaker's new state."""
        value = json.dumps({"state": state, "opened_at": opened_at})
        await self._write(self.client.set(self.prefix + name, value))

    async def inc_failures(self, name: str, failure_count: int) -> None:
        """Count one more failed call in a row."""
        await self._write(self.client.incr(self.prefix + name + ":failures"))

    async def reset_failure(self, name: str) -> None:
        """A call succeeded: the run of failures is over."""
        await self._write(self.client.set(self.prefix + name + ":failures", 0))

    async def _write(self, command: Any) -> None:
        try:
            await command
        except (ValkeyError, OSError) as error:
            self._down(error)
        else:
            self._up()

    def _down(self, error: Exception) -> None:
        if not self._outage:
            logger.warning(
                "LLM breaker state unreachable in Valkey; acting as closed",
                extra={"error": f"{type(error).__name__}: {error}"},
            )
        self._outage = True

    def _up(self) -> None:
        if self._outage:
            logger.info("LLM breaker state reachable in Valkey again")
        self._outage = False


def _stored_state(value: object) -> StateName:
    if value == "opened":
        return "opened"
    return "half-opened" if value == "half-opened" else "closed"


class ValkeyUnitOfWork(AsyncAbstractUnitOfWork):
    """purgatory's unit of work over :class:`ValkeyBreakerRepository` (each write is atomic)."""

    def __init__(self, repository: ValkeyBreakerRepository) -> None:
        """Use ``repository``."""
        self.contexts = repository

    async def commit(self) -> None:
        """Writes are applied as they happen."""

    async def rollback(self) -> None:
        """Nothing to undo."""


def _counts_as_failure_not(error: BaseException) -> bool:
    """purgatory's exclusion predicate: True when ``error`` must not count as a failure."""
    return not (isinstance(error, ProviderError) and error.counts_for_breaker)


class ProviderBreaker:
    """The breaker of one provider.

    Use :meth:`guard` around a logical call: it raises :class:`CircuitOpen` at once while the
    breaker is open, and records the call's outcome when the block ends.
    """

    def __init__(
        self,
        provider: str,
        *,
        threshold: int,
        recovery_seconds: float,
        client: valkey.asyncio.Valkey | None = None,
        namespace: str = "a11y",
    ) -> None:
        """In memory, or in Valkey through ``client`` under ``namespace``."""
        self.provider = provider
        self.recovery_seconds = recovery_seconds
        uow = None
        if client is not None:
            uow = ValkeyUnitOfWork(
                ValkeyBreakerRepository(
                    client, namespace=namespace, threshold=threshold, ttl=recovery_seconds
                )
            )
        self.shared = client is not None
        self._factory = AsyncCircuitBreakerFactory(
            default_threshold=threshold,
            default_ttl=recovery_seconds,
            exclude=[(BaseException, _counts_as_failure_not)],
            uow=uow,
        )
        self._name = f"llm:{provider}"
        self._factory.add_listener(self._log_state_change)

    def _log_state_change(self, name: str, event_type: str, event: object) -> None:
        """purgatory hook: say when this process moves the breaker to another state."""
        if event_type != "state_changed":
            return
        state = _STATE_NAMES.get(str(getattr(event, "state", "")), "closed")
        level = logging.WARNING if state == "open" else logging.INFO
        logger.log(
            level,
            "LLM circuit breaker %s",
            state.replace("_", "-"),
            extra={"provider": self.provider, "breaker_state": state},
        )

    @asynccontextmanager
    async def guard(self) -> AsyncIterator[None]:
        """Let a call through unless open; count its failure or success when it ends.

        Raises:
            CircuitOpen: the breaker is open (no request must be sent).
        """
        breaker = await self._factory.get_breaker(self._name)
        try:
            await breaker.__aenter__()
        except OpenedState as opened:
            remaining = opened.opened_at + self.recovery_seconds - time.time()
            record_llm_breaker_state(self.provider, "open")
            raise CircuitOpen(self.provider, max(remaining, 0.0)) from None
        try:
            yield
        except BaseException as error:
            if isinstance(error, ProviderError) and error.opens_breaker:
                breaker.context.set_state(OpenedState(self._name))
            await breaker.__aexit__(type(error), error, error.__traceback__)
            record_llm_breaker_state(self.provider, _STATE_NAMES[breaker.context.state])
            raise
        await breaker.__aexit__(None, None, None)
        record_llm_breaker_state(self.provider, _STATE_NAMES[breaker.context.state])

    async def state(self) -> BreakerState:
        """The breaker's state now; an open breaker past its recovery time reads half-open."""
        async with self._factory.uow as uow:
            context = await uow.contexts.get(self._name)
        if context is None:
            state: BreakerState = "closed"
        else:
            state = _STATE_NAMES[context.state]
            opened_at = context.opened_at
            recovered = opened_at is not None and time.time() >= opened_at + self.recovery_seconds
            if state == "open" and recovered:
                state = "half_open"
        record_llm_breaker_state(self.provider, state)
        return state
