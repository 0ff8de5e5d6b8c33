"""The LLM layer: provider adapters behind one client with retries, breaker and deadline.

Build :class:`LLMClient` from settings at start-up and ask for structured answers::

    client = LLMClient.from_settings(settings, valkey_client=valkey)
    answer = await client.structured(
        StructuredRequest(schema_name="submit_answer", system="...", user="...")
    )
    answer.data  # {"answer": "yes", "reason": "..."}

Every failure is an :class:`LLMError`; callers fall back to rule-based hints on it.
"""

from accessibility_analyzer.llm.client import LLMClient
from accessibility_analyzer.llm.errors import (
    AuthenticationFailed,
    BadRequest,
    CircuitOpen,
    DeadlineExceeded,
    LLMError,
    LLMUnavailable,
    MalformedAnswer,
    ProviderError,
    QuotaExhausted,
    RateLimited,
    Refused,
    Truncated,
)
from accessibility_analyzer.llm.request import Image, StructuredAnswer, StructuredRequest, Usage
from accessibility_analyzer.llm.schemas import SUBMIT_ANSWER, SUBMIT_FIX, SchemaName

__all__ = [
    "SUBMIT_ANSWER",
    "SUBMIT_FIX",
    "AuthenticationFailed",
    "BadRequest",
    "CircuitOpen",
    "DeadlineExceeded",
    "Image",
    "LLMClient",
    "LLMError",
    "LLMUnavailable",
    "MalformedAnswer",
    "ProviderError",
    "QuotaExhausted",
    "RateLimited",
    "Refused",
    "SchemaName",
    "StructuredAnswer",
    "StructuredRequest",
    "Truncated",
    "Usage",
]
