"""What every wire adapter shares: its interface, the reply, and the error classification.

An adapter performs **one attempt**: it builds the provider's request, sends it and turns the
answer into a :class:`ProviderReply` (raw content, model, usage) or a classified
:class:`~accessibility_analyzer.llm.errors.ProviderError`. Retries, the deadline, the breaker
and schema validation belong to the client, so they behave the same for every provider.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Protocol

import httpx

from accessibility_analyzer.llm.errors import (
    AuthenticationFailed,
    BadRequest,
    ProviderError,
    QuotaExhausted,
    RateLimited,
)
from accessibility_analyzer.llm.request import StructuredRequest, Usage

__all__ = [
    "Provider",
    "ProviderReply",
    "error_from_response",
    "error_from_transport",
    "json_instruction",
    "reask_instruction",
]

_MAX_DETAIL: Final = 200
# Words in an error body that mean the account, not the moment, is out of capacity.
_QUOTA_MARKERS: Final = (
    "insufficient_quota",
    "billing",
    "spend_limit",
    "credit_balance",
    "usage_limit",
    "insufficient balance",
    "insufficient_balance",
)


@dataclass(frozen=True, slots=True)
class ProviderReply:
    """One answered attempt: the structured content (a dict, or text holding JSON)."""

    content: object
    model: str
    usage: Usage


class Provider(Protocol):
    """One wire family bound to a provider name, model, endpoint and key."""

    name: str
    model: str
    accepts_images: bool

    async def complete(
        self, http: httpx.AsyncClient, request: StructuredRequest, correction: str | None
    ) -> ProviderReply:
        """Send one attempt; ``correction`` explains why the previous answer was unusable.

        Raises:
            ProviderError: classified failure of this attempt.
        """
        ...


def json_instruction(request: StructuredRequest) -> str:
    """Text that asks for the schema's JSON, for providers that cannot enforce a schema."""
    schema = json.dumps(request.schema.json_schema, separators=(",", ":"))
    return (
        f"Answer with exactly one JSON object ({request.schema.name}) and nothing else. "
        f"It must match this JSON schema: {schema}"
    )


def reask_instruction(correction: str) -> str:
    """The follow-up message of the one re-ask after an unusable answer."""
    return (
        f"Your previous answer could not be used: {correction[:_MAX_DETAIL]}. "
        "Answer again with only the JSON object that matches the schema."
    )


def error_from_transport(provider: str, error: httpx.TransportError) -> ProviderError:
    """Classify a transport failure (no HTTP answer): connect errors and timeouts retry."""
    return ProviderError(
        f"{type(error).__name__} talking to the provider",
        provider=provider,
        transient=True,
        label=type(error).__name__,
    )


def error_from_response(provider: str, response: httpx.Response) -> ProviderError:
    """Classify a non-2xx answer by status, error body and retry headers."""
    status = response.status_code
    body = _body_of(response)
    kind = _error_kind(body)
    message = f"HTTP {status}" + (f" {kind}" if kind else "") + _detail(body)
    retry_after = retry_after_seconds(response.headers)
    error: ProviderError
    if any(marker in kind.lower() for marker in _QUOTA_MARKERS) or status == 402:
        error = QuotaExhausted(message, provider=provider, status=status)
    elif status in {401, 403}:
        error = AuthenticationFailed(message, provider=provider, status=status)
    elif status == 429:
        error = RateLimited(message, provider=provider, status=status, retry_after=retry_after)
    elif status in {408, 409} or status >= 500:
        error = ProviderError(
            message, provider=provider, status=status, transient=True, retry_after=retry_after
        )
    else:
        error = BadRequest(message, provider=provider, status=status)
    should_retry = response.headers.get("x-should-retry", "").strip().lower()
    if should_retry in {"true", "false"} and not error.opens_breaker:
        error.transient = should_retry == "true"  # the server knows better (both SDKs obey)
    return error


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """Seconds from ``retry-after-ms`` or ``retry-after`` (seconds or an HTTP date)."""
    milliseconds = headers.get("retry-after-ms")
    if milliseconds is not None:
        try:
            return max(float(milliseconds) / 1000, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def _body_of(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:  # an HTML page from a proxy (Anthropic's 413 comes from Cloudflare)
        return None


def _error_kind(body: Any) -> str:
    """The error's type and code, from the OpenAI, Anthropic or Replicate error shapes."""
    if not isinstance(body, dict):
        return ""
    error = body.get("error")
    parts: list[str] = []
    if isinstance(error, dict):
        for key in ("type", "code"):
            if isinstance(error.get(key), str):
                parts.append(error[key])
        details = error.get("details")
        if isinstance(details, dict) and isinstance(details.get("error_code"), str):
            parts.append(details["error_code"])
    elif isinstance(body.get("type"), str):
        parts.append(body["type"])
    return "/".join(parts)


def _detail(body: Any) -> str:
    if not isinstance(body, dict):
        return ""
    error = body.get("error")
    message = error.get("message") if isinstance(error, dict) else body.get("detail")
    if isinstance(message, str) and message:
        return f": {message[:_MAX_DETAIL]}"
    return ""
