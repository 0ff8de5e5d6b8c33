"""What a caller asks the LLM client for, and what it gets back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from accessibility_analyzer.llm.schemas import SCHEMAS, OutputSchema, SchemaName

__all__ = ["Image", "StructuredAnswer", "StructuredRequest", "Usage"]


@dataclass(frozen=True, slots=True)
class Image:
    """An image sent with the user content (only to providers that accept images)."""

    data: bytes
    media_type: str  # image/png, image/jpeg, image/gif or image/webp

    def __repr__(self) -> str:
        return f"Image({self.media_type}, {len(self.data)} bytes)"


@dataclass(frozen=True, slots=True)
class StructuredRequest:
    """One logical request for a structured answer.

    Attributes:
        schema_name: ``submit_fix`` or ``submit_answer``: which answer is wanted.
        system: the system prompt (rules, what is untrusted data).
        user: the user content (the finding, the fenced page excerpt, the question).
        images: images to send along; ``LLMClient.accepts_images`` says whether the
            configured provider takes them.
        max_tokens: the answer's token budget; an answer cut short raises ``Truncated``.
        temperature: sampling temperature (always sent: some servers default to 1.0).
    """

    schema_name: SchemaName
    system: str
    user: str
    images: tuple[Image, ...] = ()
    max_tokens: int = 1024
    temperature: float = 0.0

    @property
    def schema(self) -> OutputSchema:
        """The JSON schema and validator of the wanted answer."""
        return SCHEMAS[self.schema_name]


@dataclass(frozen=True, slots=True)
class Usage:
    """Tokens the provider counted for the whole logical call (all attempts that answered)."""

    input_tokens: int = 0
    output_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.input_tokens + other.input_tokens, self.output_tokens + other.output_tokens
        )


@dataclass(frozen=True, slots=True)
class StructuredAnswer:
    """A validated structured answer.

    Attributes:
        data: the answer, checked against the schema (e.g. ``{"answer": "yes", ...}``).
        provider: the provider that answered.
        model: the model the provider reports (or the configured one).
        attempts: HTTP attempts the call took, retries and a re-ask included.
        latency_seconds: wall time of the logical call.
        usage: tokens counted by the provider.
    """

    data: dict[str, Any]
    provider: str
    model: str
    attempts: int
    latency_seconds: float
    usage: Usage = field(default_factory=Usage)
