"""The LLM client: one entry point, ``await client.structured(request)``.

A logical call, from the outside in:

1. ``LLM_MAX_CONCURRENCY`` bounds the calls in flight in this process.
2. One ``a11y.llm.call`` span and the call metrics (:func:`llm_call_span`).
3. The provider's circuit breaker: while open, :class:`CircuitOpen` at once, no request.
4. The deadline ``LLM_TIMEOUT_SECONDS`` over everything below (:class:`DeadlineExceeded`).
5. At most one re-ask when a 200 carries an answer that is not the schema's JSON.
6. stamina retries of transient failures: exponential backoff with jitter, or the provider's
   ``Retry-After`` when it is within ``LLM_RETRY_MAX_SECONDS`` (a longer ask fails at once).
7. One ``a11y.llm.attempt`` span per HTTP attempt of the adapter.

Prompts and answers are logged at DEBUG only; keys never (they are ``Secret`` values).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import Callable
from typing import Any, Final

import httpx
import msgspec
import stamina
import valkey.asyncio

from accessibility_analyzer.llm.breaker import ProviderBreaker
from accessibility_analyzer.llm.config import provider_from_settings
from accessibility_analyzer.llm.errors import (
    DeadlineExceeded,
    LLMUnavailable,
    MalformedAnswer,
    ProviderError,
)
from accessibility_analyzer.llm.providers.base import Provider, ProviderReply
from accessibility_analyzer.llm.request import StructuredAnswer, StructuredRequest, Usage
from accessibility_analyzer.observability.metrics import BreakerState
from accessibility_analyzer.observability.tracing import (
    LlmCallScope,
    current_llm_call,
    llm_attempt_span,
    llm_call_span,
)
from accessibility_analyzer.settings import Settings

__all__ = ["LLMClient", "parse_json_object"]

logger = logging.getLogger(__name__)

_FENCED: Final = re.compile(r"```(?:json)?\s*(?P<body>\{.*\})\s*```", re.DOTALL)


class LLMClient:
    """Structured answers from the configured provider, with retries, breaker and deadline.

    Build it once per process at start-up with :meth:`from_settings` and close it with
    :meth:`aclose`. Without a usable configuration it still exists: ``available`` is False,
    ``unavailable_reason`` says why, and :meth:`structured` raises :class:`LLMUnavailable`.
    """

    def __init__(
        self,
        adapter: Provider | None,
        *,
        unavailable_reason: str = "",
        timeout_seconds: float = 60.0,
        max_attempts: int = 3,
        retry_initial_seconds: float = 1.0,
        retry_max_seconds: float = 30.0,
        max_concurrency: int = 4,
        breaker: ProviderBreaker | None = None,
        read_timeout_seconds: float | None = None,
    ) -> None:
        """Wrap ``adapter``; ``read_timeout_seconds`` defaults to the whole deadline."""
        self._adapter = adapter
        self.unavailable_reason = unavailable_reason
        self.timeout_seconds = timeout_seconds
        self.max_attempts = max_attempts
        self.retry_initial_seconds = retry_initial_seconds
        self.retry_max_seconds = retry_max_seconds
        self.max_concurrency = max_concurrency
        self._semaphore = asyncio.Semaphore(max_concurrency)
        provider = adapter.name if adapter is not None else "none"
        self.breaker = breaker or ProviderBreaker(provider, threshold=5, recovery_seconds=30.0)
        read = read_timeout_seconds or timeout_seconds
        self._http = httpx.AsyncClient(
            timeout=httpx.Timeout(
                connect=min(10.0, timeout_seconds),
                read=read,
                write=min(30.0, timeout_seconds),
                pool=min(10.0, timeout_seconds),
            ),
            limits=httpx.Limits(max_connections=max(2 * max_concurrency, 4)),
            follow_redirects=False,
        )

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        valkey_client: valkey.asyncio.Valkey | None = None,
        read_timeout_seconds: float | None = None,
        poll_interval: float = 0.5,
    ) -> LLMClient:
        """The client ``LLM_*`` settings describe; its breaker lives in Valkey when given."""
        choice = provider_from_settings(settings, poll_interval=poll_interval)
        provider = choice.adapter.name if choice.adapter is not None else "none"
        breaker = ProviderBreaker(
            provider,
            threshold=settings.llm_breaker_threshold,
            recovery_seconds=settings.llm_breaker_recovery_seconds,
            client=valkey_client,
            namespace=settings.valkey_namespace,
        )
        return cls(
            choice.adapter,
            unavailable_reason=choice.reason,
            timeout_seconds=settings.llm_timeout_seconds,
            max_attempts=settings.llm_max_attempts,
            retry_initial_seconds=settings.llm_retry_initial_seconds,
            retry_max_seconds=settings.llm_retry_max_seconds,
            max_concurrency=settings.llm_max_concurrency,
            breaker=breaker,
            read_timeout_seconds=read_timeout_seconds,
        )

    @property
    def available(self) -> bool:
        """Whether a provider is configured (its breaker may still be open)."""
        return self._adapter is not None

    @property
    def provider(self) -> str | None:
        """The configured provider's name."""
        return self._adapter.name if self._adapter is not None else None

    @property
    def model(self) -> str | None:
        """The configured model id."""
        return self._adapter.model if self._adapter is not None else None

    @property
    def accepts_images(self) -> bool:
        """Whether requests may carry images for the configured provider."""
        return self._adapter is not None and self._adapter.accepts_images

    async def breaker_state(self) -> BreakerState:
        """The provider's breaker state now (``closed`` without a provider)."""
        return await self.breaker.state() if self._adapter is not None else "closed"

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        await self._http.aclose()

    async def structured(self, request: StructuredRequest) -> StructuredAnswer:
        """Ask for ``request.schema_name``'s JSON and return it validated.

        Raises:
            LLMUnavailable: no provider is configured; nothing was sent.
            CircuitOpen: the provider's breaker is open; nothing was sent.
            ProviderError: the call failed after its retries (a subclass says how).
            ValueError: the request carries images the provider cannot take.
        """
        adapter = self._adapter
        if adapter is None:
            raise LLMUnavailable(self.unavailable_reason)
        if request.images and not adapter.accepts_images:
            raise ValueError(f"{adapter.name} does not take images; check accepts_images")
        async with self._semaphore:
            started = time.perf_counter()
            with llm_call_span(adapter.name, adapter.model) as scope:
                async with self.breaker.guard():
                    try:
                        async with asyncio.timeout(self.timeout_seconds):
                            reply, data, usage = await self._validated(adapter, request)
                    except TimeoutError:
                        scope.status = "DeadlineExceeded"
                        logger.warning(
                            "LLM call failed: no answer within the deadline",
                            extra={"provider": adapter.name, "attempts": scope.attempts},
                        )
                        raise DeadlineExceeded(
                            f"no answer within {self.timeout_seconds:g} s "
                            f"({scope.attempts} attempts)",
                            provider=adapter.name,
                        ) from None
                    except ProviderError as error:
                        logger.warning(
                            "LLM call failed",
                            extra={
                                "provider": adapter.name,
                                "model": adapter.model,
                                "status": scope.status,
                                "attempts": scope.attempts,
                                "error": str(error)[:300],
                            },
                        )
                        raise
            latency = time.perf_counter() - started
        logger.debug("LLM answer", extra={"provider": adapter.name, "answer": data})
        return StructuredAnswer(
            data=data,
            provider=adapter.name,
            model=reply.model,
            attempts=scope.attempts,
            latency_seconds=latency,
            usage=usage,
        )

    async def _validated(
        self, adapter: Provider, request: StructuredRequest
    ) -> tuple[ProviderReply, dict[str, Any], Usage]:
        """Ask, validate, and re-ask once if the answer is not the schema's JSON."""
        logger.debug(
            "LLM request",
            extra={"provider": adapter.name, "system": request.system, "user": request.user},
        )
        usage = Usage()
        correction: str | None = None
        for round_number in (1, 2):
            try:
                reply = await self._with_retries(adapter, request, correction)
                usage += reply.usage
                data = request.schema.validate(parse_json_object(reply.content, adapter.name))
            except (MalformedAnswer, msgspec.ValidationError) as error:
                if round_number == 2:
                    scope = current_llm_call()
                    if scope is not None:
                        scope.status = "MalformedAnswer"  # the last attempt itself was a 200
                    if isinstance(error, MalformedAnswer):
                        raise
                    raise MalformedAnswer(str(error), provider=adapter.name) from error
                correction = str(error)
                logger.info(
                    "LLM answer unusable; asking once more",
                    extra={"provider": adapter.name, "error": correction[:200]},
                )
                continue
            return reply, data, usage
        raise AssertionError("unreachable")  # pragma: no cover

    async def _with_retries(
        self, adapter: Provider, request: StructuredRequest, correction: str | None
    ) -> ProviderReply:
        retrying = stamina.retry_context(
            on=_retry_decision(self.retry_max_seconds),
            attempts=self.max_attempts,
            timeout=None,  # the deadline around the whole call bounds the retries
            wait_initial=self.retry_initial_seconds,
            wait_max=self.retry_max_seconds,
            wait_jitter=self.retry_initial_seconds,
            wait_exp_base=2,
        )
        async for attempt in retrying:
            with attempt, llm_attempt_span() as scope:
                return await _one_attempt(self._http, adapter, request, correction, scope)
        raise AssertionError("unreachable")  # pragma: no cover


async def _one_attempt(
    http: httpx.AsyncClient,
    adapter: Provider,
    request: StructuredRequest,
    correction: str | None,
    scope: LlmCallScope,
) -> ProviderReply:
    try:
        reply = await adapter.complete(http, request, correction)
    except ProviderError as error:
        scope.status = error.status_label
        raise
    scope.status = "http_200"
    return reply


def _retry_decision(cap_seconds: float) -> Callable[[Exception], bool | float]:
    """stamina's backoff hook: retry transient errors, waiting as long as the provider asks."""

    def decide(error: Exception) -> bool | float:
        if not isinstance(error, ProviderError) or not error.transient:
            return False
        if error.retry_after is None:
            return True
        if error.retry_after > cap_seconds:
            return False  # asked to wait longer than we allow: fail now, the caller falls back
        return error.retry_after

    return decide


def parse_json_object(content: object, provider: str) -> object:
    """The JSON object in ``content`` (a dict already, or text holding one).

    Tolerates what models wrap around JSON: whitespace, a Markdown code fence, prose around a
    single object. Anything else raises :class:`MalformedAnswer`.
    """
    if isinstance(content, dict):
        return content
    if not isinstance(content, str) or not content.strip():
        raise MalformedAnswer("the answer is empty", provider=provider)
    text = content.strip()
    candidates = [text]
    fenced = _FENCED.search(text)
    if fenced is not None:
        candidates.append(fenced["body"])
    start, end = text.find("{"), text.rfind("}")
    if 0 <= start < end:
        candidates.append(text[start : end + 1])
    for candidate in candidates:
        try:
            value = json.loads(candidate)
        except ValueError:
            continue
        if isinstance(value, dict):
            return value
    raise MalformedAnswer("the answer is not a JSON object", provider=provider)
