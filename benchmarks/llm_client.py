"""What the LLM client adds to a provider call, and how fast an open breaker fails.

Usage::

    uv run python benchmarks/llm_client.py [--calls 300] [--valkey redis://127.0.0.1:6379/0]

A local HTTP server on 127.0.0.1 answers every chat completion at once with a valid
``submit_answer``, so the figures are the client's own cost, not a model's:

* ``raw httpx``: one POST and ``response.json()``, the floor;
* ``client [memory]`` / ``client [valkey]``: ``LLMClient.structured`` (semaphore, spans,
  breaker read and write, deadline, stamina, schema validation) with the breaker in memory or
  in Valkey (two round trips: read before, write after);
* ``open breaker``: a call refused by an open breaker (no request is sent).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import threading
import time
import uuid
from collections.abc import Awaitable, Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import valkey.asyncio

from accessibility_analyzer.llm import LLMClient, LLMError, StructuredRequest
from accessibility_analyzer.llm.breaker import ProviderBreaker
from accessibility_analyzer.llm.providers.openai_chat import OpenAIChat
from accessibility_analyzer.settings import Secret

_ANSWER = json.dumps(
    {
        "model": "bench",
        "choices": [
            {
                "finish_reason": "stop",
                "message": {"content": json.dumps({"answer": "yes", "reason": "r"})},
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1},
    }
).encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are separate writes
    status = 200

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(type(self).status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(_ANSWER)))
        self.end_headers()
        self.wfile.write(_ANSWER)

    def log_message(self, format: str, *args: object) -> None:
        return


async def _per_call_ms(action: Callable[[], Awaitable[object]], calls: int) -> float:
    for _ in range(min(20, calls)):  # warm connections and caches
        await action()
    timings = []
    for _ in range(calls):
        started = time.perf_counter()
        await action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


async def run(calls: int = 300, valkey_url: str | None = None) -> list[str]:
    """Measure and return the report lines."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/v1"
    ask = StructuredRequest(schema_name="submit_answer", system="s", user="u")
    lines = []
    try:
        async with httpx.AsyncClient() as raw:

            async def post() -> object:
                response = await raw.post(f"{base}/chat/completions", json={"model": "m"})
                return response.json()

            floor = await _per_call_ms(post, calls)
        lines.append(f"raw httpx: {floor:.3f} ms per call (median of {calls})")

        connection = valkey.asyncio.Valkey.from_url(valkey_url) if valkey_url else None
        setups: list[tuple[str, valkey.asyncio.Valkey | None]] = [("memory", None)]
        if connection is not None:
            setups.append(("valkey", connection))
        namespace = f"bench_{uuid.uuid4().hex[:8]}"
        for label, shared in setups:
            adapter = OpenAIChat(name="openai", model="m", base_url=base, api_key=Secret("k"))
            breaker = ProviderBreaker(
                "openai", threshold=1, recovery_seconds=600, client=shared, namespace=namespace
            )
            client = LLMClient(adapter, breaker=breaker)

            async def ask_once(client: LLMClient = client) -> object:
                return await client.structured(ask)

            per_call = await _per_call_ms(ask_once, calls)
            lines.append(
                f"client [{label}]: {per_call:.3f} ms per call, "
                f"{per_call - floor:+.3f} ms over raw httpx"
            )
            _Handler.status = 401  # opens the breaker at once
            with contextlib.suppress(LLMError):
                await client.structured(ask)
            _Handler.status = 200

            async def refused(client: LLMClient = client) -> object:
                try:
                    return await client.structured(ask)
                except LLMError as error:
                    return error

            fast_fail = await _per_call_ms(refused, calls)
            lines.append(f"open breaker [{label}]: {fast_fail:.3f} ms to fail, no request sent")
            await client.aclose()
        if connection is not None:
            keys = [key async for key in connection.scan_iter(match=f"{namespace}:*")]
            if keys:
                await connection.delete(*keys)
            await connection.aclose()
    finally:
        server.shutdown()
        server.server_close()
    return lines


def main() -> None:
    """Parse the arguments, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--valkey", default=None, help="also measure a breaker in this Valkey")
    arguments = parser.parse_args()
    for line in asyncio.run(run(arguments.calls, arguments.valkey)):
        print(line)


if __name__ == "__main__":
    main()
