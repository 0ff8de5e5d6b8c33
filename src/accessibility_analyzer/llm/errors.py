"""Typed failures of an LLM call, classified once so retries and the breaker agree.

Every adapter turns what went wrong (an HTTP status, an error body, a transport exception, a
200 whose answer is unusable) into one of these. Three flags drive everything else:

* ``transient``: the same request may succeed if sent again; stamina retries it
  (honouring ``retry_after`` up to ``LLM_RETRY_MAX_SECONDS``).
* ``counts_for_breaker``: the provider, not this input, is at fault; after
  ``LLM_BREAKER_THRESHOLD`` such logical calls in a row the breaker opens. A refusal, a
  truncated or malformed answer and a rejected request (400/413/422) say nothing about the
  provider's health and do not count.
* ``opens_breaker``: bad credentials or an exhausted quota will not heal by waiting a few
  seconds; the breaker opens at once so later calls fail fast without a request.
"""

from __future__ import annotations

__all__ = [
    "AuthenticationFailed",
    "BadRequest",
    "CircuitOpen",
    "DeadlineExceeded",
    "LLMError",
    "LLMUnavailable",
    "MalformedAnswer",
    "ProviderError",
    "QuotaExhausted",
    "RateLimited",
    "Refused",
    "Truncated",
]


class LLMError(Exception):
    """Base of everything the LLM client raises; callers fall back to rule hints on it."""


class LLMUnavailable(LLMError):
    """No provider is configured (or its configuration is incomplete); no request was sent."""


class CircuitOpen(LLMError):
    """The provider's circuit breaker is open: the call failed at once, without a request.

    Attributes:
        provider: the provider whose breaker is open.
        retry_after: seconds until the breaker half-opens and lets a trial call through.
    """

    def __init__(self, provider: str, retry_after: float | None = None) -> None:
        """Record which provider is cut off and for how long."""
        when = f"; next trial in {retry_after:.1f} s" if retry_after is not None else ""
        super().__init__(f"circuit breaker for LLM provider {provider!r} is open{when}")
        self.provider = provider
        self.retry_after = retry_after


class ProviderError(LLMError):
    """A provider call failed.

    Attributes:
        provider: ``openai``, ``anthropic``, ...
        status: the HTTP status when there was an answer, else ``None``.
        transient: whether sending the same request again may succeed.
        retry_after: seconds the provider asked us to wait (``Retry-After``), if any.
        opens_breaker: whether this failure opens the breaker at once.
        counts_for_breaker: whether it counts towards opening the breaker.
    """

    transient_default = False
    opens_breaker_default = False
    counts_default = True

    def __init__(
        self,
        message: str,
        *,
        provider: str,
        status: int | None = None,
        transient: bool | None = None,
        retry_after: float | None = None,
        counts_for_breaker: bool | None = None,
        label: str | None = None,
    ) -> None:
        """Classify one failure; unset flags take the class's defaults."""
        super().__init__(f"{provider}: {message}")
        self.provider = provider
        self.status = status
        self.transient = self.transient_default if transient is None else transient
        self.retry_after = retry_after
        self.opens_breaker = self.opens_breaker_default
        self.counts_for_breaker = (
            self.counts_default if counts_for_breaker is None else counts_for_breaker
        )
        self._label = label

    @property
    def status_label(self) -> str:
        """``http_<status>``, the transport error's name, or the class name.

        It becomes the ``a11y.llm.status`` of the attempt.
        """
        if self.status is not None:
            return f"http_{self.status}"
        return self._label or type(self).__name__


class RateLimited(ProviderError):
    """429 rate limit (not quota): wait ``retry_after`` or back off, then retry."""

    transient_default = True


class QuotaExhausted(ProviderError):
    """Credit, spend limit or quota used up (OpenAI ``insufficient_quota``, 402, billing)."""

    opens_breaker_default = True


class AuthenticationFailed(ProviderError):
    """401/403: the key is wrong, revoked or not allowed; waiting will not help."""

    opens_breaker_default = True


class BadRequest(ProviderError):
    """400/404/413/422: the provider rejected this request or model; no retry, no breaker."""

    counts_default = False


class Refused(ProviderError):
    """The model declined to answer (refusal, content filter); permanent for this input."""

    counts_default = False


class Truncated(ProviderError):
    """The answer hit the token limit (``finish_reason: length``, ``max_tokens``)."""

    counts_default = False


class MalformedAnswer(ProviderError):
    """A 200 whose answer is not JSON matching the schema (after the one re-ask)."""

    counts_default = False


class DeadlineExceeded(ProviderError):
    """The logical call did not finish within ``LLM_TIMEOUT_SECONDS``, retries included."""
