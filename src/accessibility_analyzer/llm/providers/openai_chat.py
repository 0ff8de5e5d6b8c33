"""OpenAI Chat Completions, and the servers that speak it: DeepSeek, Ollama, vLLM.

``POST {base_url}/chat/completions`` with a Bearer key. What differs between those servers is
kept in :data:`CAPABILITIES` (borrowed from pydantic-ai's model profiles): which field caps the
answer's tokens, whether a strict ``json_schema`` response format is enforced (DeepSeek only
documents ``json_object``, so the schema goes into the prompt), and whether images can be sent
(as ``image_url`` data URIs).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any, Final, Literal

import httpx

from accessibility_analyzer.llm.errors import ProviderError, Refused, Truncated
from accessibility_analyzer.llm.providers.base import (
    ProviderReply,
    error_from_response,
    error_from_transport,
    json_instruction,
    reask_instruction,
)
from accessibility_analyzer.llm.request import StructuredRequest, Usage
from accessibility_analyzer.settings import Secret

__all__ = ["CAPABILITIES", "Capabilities", "OpenAIChat"]


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What one OpenAI-compatible server accepts."""

    max_tokens_field: Literal["max_completion_tokens", "max_tokens"]
    response_format: Literal["json_schema", "json_object"]
    vision: bool


CAPABILITIES: Final[dict[str, Capabilities]] = {
    # Newer OpenAI models reject max_tokens.
    "openai": Capabilities("max_completion_tokens", "json_schema", vision=True),
    "deepseek": Capabilities("max_tokens", "json_object", vision=False),
    # Ollama enforces json_schema.schema by grammar (v0.5+); vision depends on the model.
    "ollama": Capabilities("max_tokens", "json_schema", vision=True),
    "vllm": Capabilities("max_tokens", "json_schema", vision=True),
}


class OpenAIChat:
    """One OpenAI-compatible endpoint, model and key."""

    def __init__(self, *, name: str, model: str, base_url: str, api_key: Secret | None) -> None:
        """Bind the adapter; ``name`` selects the capability flags."""
        self.name = name
        self.model = model
        self.capabilities = CAPABILITIES[name]
        self.accepts_images = self.capabilities.vision
        self._url = base_url.rstrip("/") + "/chat/completions"
        self._api_key = api_key

    def body(self, request: StructuredRequest, correction: str | None) -> dict[str, Any]:
        """The JSON body of one request."""
        system = request.system
        if self.capabilities.response_format == "json_object":
            system = f"{system}\n\n{json_instruction(request)}"  # DeepSeek needs "json" in it
        messages: list[dict[str, Any]] = [
            {"role": "system", "content": system},
            {"role": "user", "content": _user_content(request)},
        ]
        if correction is not None:
            messages.append({"role": "user", "content": reask_instruction(correction)})
        response_format: dict[str, Any] = {"type": "json_object"}
        if self.capabilities.response_format == "json_schema":
            response_format = {
                "type": "json_schema",
                "json_schema": {
                    "name": request.schema.name,
                    "strict": True,
                    "schema": request.schema.json_schema,
                },
            }
        return {
            "model": self.model,
            "messages": messages,
            "temperature": request.temperature,
            self.capabilities.max_tokens_field: request.max_tokens,
            "response_format": response_format,
        }

    async def complete(
        self, http: httpx.AsyncClient, request: StructuredRequest, correction: str | None
    ) -> ProviderReply:
        """Send one chat completion and read its single choice."""
        headers = {}
        if self._api_key is not None:
            headers["Authorization"] = f"Bearer {self._api_key.reveal()}"
        try:
            response = await http.post(
                self._url, json=self.body(request, correction), headers=headers
            )
        except httpx.TransportError as error:
            raise error_from_transport(self.name, error) from error
        if not response.is_success:
            raise error_from_response(self.name, response)
        return self._reply(response)

    def _reply(self, response: httpx.Response) -> ProviderReply:
        try:
            body = response.json()  # DeepSeek's keep-alive blank lines parse as whitespace
            choice = body["choices"][0]
            message = choice["message"]
        except (ValueError, KeyError, IndexError, TypeError) as error:
            # A 200 that is not a completion: a proxy or a cut connection. Try again.
            raise ProviderError(
                "HTTP 200 but the body is not a chat completion",
                provider=self.name,
                transient=True,
                label="unreadable_body",
            ) from error
        finish = choice.get("finish_reason")
        if message.get("refusal"):
            raise Refused(f"the model refused: {str(message['refusal'])[:200]}", provider=self.name)
        if finish == "content_filter":
            raise Refused("the answer was withheld by the content filter", provider=self.name)
        if finish == "length":
            raise Truncated("the answer hit the token limit", provider=self.name)
        usage = body.get("usage") or {}
        return ProviderReply(
            content=message.get("content") or "",
            model=str(body.get("model") or self.model),
            usage=Usage(
                int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0)
            ),
        )


def _user_content(request: StructuredRequest) -> str | list[dict[str, Any]]:
    if not request.images:
        return request.user
    parts: list[dict[str, Any]] = [{"type": "text", "text": request.user}]
    for image in request.images:
        data = base64.b64encode(image.data).decode("ascii")
        parts.append(
            {"type": "image_url", "image_url": {"url": f"data:{image.media_type};base64,{data}"}}
        )
    return parts
