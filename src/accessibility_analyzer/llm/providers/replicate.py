"""Replicate predictions: create with ``Prefer: wait``, then poll ``urls.get`` until it ends.

A prediction is a paid run, so a create is retried only when the server certainly did not
start one: the connection failed, it answered 429, or it answered 5xx without a prediction
id. Once a prediction exists, this attempt polls it to the end itself (a failed poll is
polled again until the deadline); nothing after a create can cause a second create, so any
failure past that point is raised as not transient. ``Cancel-After`` makes Replicate stop a
run we are no longer waiting for.

``LLM_MODEL`` is ``owner/name`` (the model's latest version, ``/models/.../predictions``) or
``owner/name:version`` (a pinned version, ``/predictions``). Inputs are per model; the common
language-model ones are sent: ``prompt``, ``system_prompt``, ``max_tokens``, ``temperature``.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, Final

import httpx

from accessibility_analyzer.llm.errors import MalformedAnswer, ProviderError
from accessibility_analyzer.llm.providers.base import (
    ProviderReply,
    error_from_response,
    error_from_transport,
    json_instruction,
    reask_instruction,
)
from accessibility_analyzer.llm.request import StructuredRequest, Usage
from accessibility_analyzer.settings import Secret

__all__ = ["ReplicatePredictions"]

_DONE: Final = frozenset({"succeeded", "failed", "canceled", "aborted"})
_SAFE_CREATE_ERRORS: Final = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class ReplicatePredictions:
    """One Replicate model (or pinned version) and token."""

    accepts_images = False

    def __init__(
        self,
        *,
        model: str,
        base_url: str,
        api_token: Secret | None,
        run_seconds: float,
        poll_interval: float = 0.5,
    ) -> None:
        """Bind the adapter; ``run_seconds`` bounds ``Prefer: wait`` and ``Cancel-After``."""
        self.name = "replicate"
        self.model = model
        self._base = base_url.rstrip("/")
        self._api_token = api_token
        self._run_seconds = run_seconds
        self._poll_interval = poll_interval

    @property
    def create_url(self) -> str:
        """Where predictions of the configured model are created."""
        if ":" in self.model:
            return f"{self._base}/predictions"
        return f"{self._base}/models/{self.model}/predictions"

    def body(self, request: StructuredRequest, correction: str | None) -> dict[str, Any]:
        """The JSON body of one create."""
        prompt = f"{request.user}\n\n{json_instruction(request)}"
        if correction is not None:
            prompt = f"{prompt}\n\n{reask_instruction(correction)}"
        body: dict[str, Any] = {
            "input": {
                "prompt": prompt,
                "system_prompt": request.system,
                "max_tokens": request.max_tokens,
                "temperature": request.temperature,
            }
        }
        if ":" in self.model:
            body["version"] = self.model.split(":", 1)[1]
        return body

    def _headers(self) -> dict[str, str]:
        headers: dict[str, str] = {}
        if self._api_token is not None:
            headers["Authorization"] = f"Bearer {self._api_token.reveal()}"
        return headers

    async def complete(
        self, http: httpx.AsyncClient, request: StructuredRequest, correction: str | None
    ) -> ProviderReply:
        """Create one prediction and follow it to its end."""
        prediction = await self._create(http, request, correction)
        while prediction.get("status") not in _DONE:
            await asyncio.sleep(self._poll_interval)
            prediction = await self._poll(http, prediction)
        return self._reply(prediction)

    async def _create(
        self, http: httpx.AsyncClient, request: StructuredRequest, correction: str | None
    ) -> dict[str, Any]:
        wait = max(1, min(60, int(self._run_seconds)))
        headers = {
            **self._headers(),
            "Prefer": f"wait={wait}",
            "Cancel-After": f"{max(5, int(self._run_seconds))}s",
        }
        try:
            response = await http.post(
                self.create_url, json=self.body(request, correction), headers=headers
            )
        except _SAFE_CREATE_ERRORS as error:
            raise error_from_transport(self.name, error) from error
        except httpx.TransportError as error:
            # The request may have reached Replicate and started a run: never create again.
            raise ProviderError(
                f"{type(error).__name__} after sending the create; not retried (a run may "
                "have started)",
                provider=self.name,
                transient=False,
                label=type(error).__name__,
            ) from error
        if not response.is_success:
            failure = error_from_response(self.name, response)
            if failure.transient and response.status_code != 429 and _prediction_id(response):
                failure.transient = False  # a run exists: creating another could pay twice
            raise failure
        return _prediction(response, self.name)

    async def _poll(self, http: httpx.AsyncClient, prediction: dict[str, Any]) -> dict[str, Any]:
        urls = prediction.get("urls")
        url = urls.get("get") if isinstance(urls, dict) else None
        if not isinstance(url, str):
            raise ProviderError(
                "the prediction has no urls.get to poll", provider=self.name, label="no_poll_url"
            )
        while True:  # the caller's deadline bounds this loop
            try:
                response = await http.get(url, headers=self._headers())
            except httpx.TransportError:
                await asyncio.sleep(self._poll_interval)
                continue
            if response.is_success:
                return _prediction(response, self.name)
            error = error_from_response(self.name, response)
            if not error.transient:
                raise error
            await asyncio.sleep(max(self._poll_interval, min(error.retry_after or 0, 30)))

    def _reply(self, prediction: dict[str, Any]) -> ProviderReply:
        status = prediction.get("status")
        if status == "failed":
            detail = str(prediction.get("error") or "no error message")[:200]
            raise ProviderError(
                f"the prediction failed: {detail}",
                provider=self.name,
                counts_for_breaker=False,  # a model error for this input
                label="prediction_failed",
            )
        if status != "succeeded":
            raise ProviderError(
                f"the prediction ended {status}", provider=self.name, label=f"prediction_{status}"
            )
        output = prediction.get("output")
        if isinstance(output, list):
            text = "".join(str(chunk) for chunk in output)
        elif isinstance(output, str | dict):
            text = output if isinstance(output, str) else json.dumps(output)
        else:
            raise MalformedAnswer("the prediction has no output", provider=self.name)
        metrics = prediction.get("metrics") or {}
        usage = Usage(
            int(metrics.get("input_token_count") or 0), int(metrics.get("output_token_count") or 0)
        )
        return ProviderReply(content=text, model=self.model, usage=usage)


def _prediction_id(response: httpx.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("id") if isinstance(body, dict) and isinstance(body.get("id"), str) else None


def _prediction(response: httpx.Response, provider: str) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise ProviderError(
            "the answer is not a prediction", provider=provider, label="unreadable_body"
        )
    return body
