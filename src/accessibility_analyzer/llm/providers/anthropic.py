"""Anthropic Messages: ``POST {base_url}/v1/messages`` with the JSON as a forced tool call.

A forced tool call (``tool_choice: {"type": "tool", "name": NAME}``) works on every current
Claude model; the tool's ``input`` is the structured answer. Images go as base64 blocks.
"""

from __future__ import annotations

import base64
from typing import Any, Final

import httpx

from accessibility_analyzer.llm.errors import MalformedAnswer, ProviderError, Refused, Truncated
from accessibility_analyzer.llm.providers.base import (
    ProviderReply,
    error_from_response,
    error_from_transport,
    reask_instruction,
)
from accessibility_analyzer.llm.request import StructuredRequest, Usage
from accessibility_analyzer.settings import Secret

__all__ = ["ANTHROPIC_VERSION", "AnthropicMessages"]

ANTHROPIC_VERSION: Final = "2023-06-01"


class AnthropicMessages:
    """One Anthropic endpoint, model and key."""

    accepts_images = True

    def __init__(self, *, model: str, base_url: str, api_key: Secret | None) -> None:
        """Bind the adapter."""
        self.name = "anthropic"
        self.model = model
        self._url = base_url.rstrip("/") + "/v1/messages"
        self._api_key = api_key

    def body(self, request: StructuredRequest, correction: str | None) -> dict[str, Any]:
        """The JSON body of one request."""
        content: list[dict[str, Any]] = [{"type": "text", "text": request.user}]
        for image in request.images:
            content.append(
                {
                    "type": "image",
                    "source": {
                        "type": "base64",
                        "media_type": image.media_type,
                        "data": base64.b64encode(image.data).decode("ascii"),
                    },
                }
            )
        if correction is not None:
            content.append({"type": "text", "text": reask_instruction(correction)})
        schema = request.schema
        return {
            "model": self.model,
            "max_tokens": request.max_tokens,
            "temperature": request.temperature,
            "system": request.system,
            "messages": [{"role": "user", "content": content}],
            "tools": [
                {
                    "name": schema.name,
                    "description": schema.description,
                    "input_schema": schema.json_schema,
                }
            ],
            "tool_choice": {"type": "tool", "name": schema.name},
        }

    async def complete(
        self, http: httpx.AsyncClient, request: StructuredRequest, correction: str | None
    ) -> ProviderReply:
        """Send one message and read the forced tool call's input."""
        headers = {"anthropic-version": ANTHROPIC_VERSION}
        if self._api_key is not None:
            headers["x-api-key"] = self._api_key.reveal()
        try:
            response = await http.post(
                self._url, json=self.body(request, correction), headers=headers
            )
        except httpx.TransportError as error:
            raise error_from_transport(self.name, error) from error
        if not response.is_success:
            raise error_from_response(self.name, response)
        return self._reply(response, request.schema.name)

    def _reply(self, response: httpx.Response, tool_name: str) -> ProviderReply:
        try:
            body = response.json()
            blocks = list(body["content"])
        except (ValueError, KeyError, TypeError) as error:
            raise ProviderError(
                "HTTP 200 but the body is not a message",
                provider=self.name,
                transient=True,
                label="unreadable_body",
            ) from error
        stop = body.get("stop_reason")
        if stop == "refusal":
            raise Refused("the model refused", provider=self.name)
        if stop == "max_tokens":
            raise Truncated("the answer hit max_tokens", provider=self.name)
        usage = body.get("usage") or {}
        reply_usage = Usage(
            int(usage.get("input_tokens") or 0), int(usage.get("output_tokens") or 0)
        )
        model = str(body.get("model") or self.model)
        for block in blocks:
            if isinstance(block, dict) and block.get("type") == "tool_use":
                if block.get("name") != tool_name:
                    break
                return ProviderReply(content=block.get("input"), model=model, usage=reply_usage)
        texts = [
            b.get("text", "") for b in blocks if isinstance(b, dict) and b.get("type") == "text"
        ]
        if texts:  # a model that answered in prose or JSON text instead of the tool
            return ProviderReply(content="".join(texts), model=model, usage=reply_usage)
        raise MalformedAnswer(f"no {tool_name} tool call in the answer", provider=self.name)
