"""Fake LLM providers: a real HTTP server on 127.0.0.1, scripted per test, that records requests.

One server speaks every wire format the client uses, because a format is just a path and a
body shape: ``/v1/chat/completions`` (OpenAI, DeepSeek, Ollama, vLLM), ``/v1/messages``
(Anthropic), ``/v1/models/{owner}/{name}/predictions`` and ``/v1/predictions/{id}``
(Replicate). A test queues :class:`Reply` values per ``(method, path)``; each request takes
the next one (the last one repeats when the queue runs dry, so "always 503" is one reply).
A request nothing was scripted for gets 418, which the client treats as a permanent error.

Use it through the ``fake_provider`` fixture (``tests/llm/conftest.py``)::

    fake_provider.script("POST", "/v1/chat/completions", Reply(500), openai_answer({...}))
    ...
    assert fake_provider.count("POST", "/v1/chat/completions") == 2

The body builders (:func:`openai_answer`, :func:`anthropic_answer`, :func:`prediction`)
produce what the real APIs answer, trimmed to the fields the client reads plus a few more.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from accessibility_analyzer.llm import LLMClient

ClientFactory = Callable[..., Awaitable[LLMClient]]
"""``await make_client("openai", **env)`` (the fixture in conftest.py)."""
TEST_KEY = "sk-test-secret-key-0123"
OPENAI_PATH = "/v1/chat/completions"
ANTHROPIC_PATH = "/v1/messages"


@dataclass
class Reply:
    """One scripted answer.

    Attributes:
        status: HTTP status.
        body: a dict/list (sent as JSON), bytes/str (sent as is), or a callable taking the
            server's base URL and returning either (for bodies that link back, Replicate).
        headers: extra response headers.
        delay: seconds to wait before answering (a read timeout on the client side).
        hang: answer 200 and then drip a blank line every 50 ms, forever (DeepSeek's
            keep-alive under load): no read timeout fires, only the client's deadline helps.
    """

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    hang: bool = False


@dataclass(frozen=True)
class Recorded:
    """One request the server saw."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any


class FakeProvider:
    """The scripted server; start it with :meth:`start`, stop it with :meth:`stop`."""

    def __init__(self) -> None:
        """Create an unstarted server with an empty script."""
        self._scripts: dict[tuple[str, str], deque[Reply]] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.requests: list[Recorded] = []
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def script(self, method: str, path: str, *replies: Reply) -> None:
        """Queue ``replies`` for ``method path`` (after those already queued)."""
        with self._lock:
            self._scripts.setdefault((method, path), deque()).extend(replies)

    def rescript(self, method: str, path: str, *replies: Reply) -> None:
        """Replace whatever is queued for ``method path`` by ``replies``."""
        with self._lock:
            self._scripts[(method, path)] = deque(replies)

    def count(self, method: str | None = None, path: str | None = None) -> int:
        """How many requests matched ``method`` and ``path`` (``None`` matches any)."""
        with self._lock:
            return sum(
                1
                for r in self.requests
                if (method is None or r.method == method) and (path is None or r.path == path)
            )

    def last(self, method: str, path: str) -> Recorded:
        """The most recent request to ``method path``."""
        with self._lock:
            return next(r for r in reversed(self.requests) if (r.method, r.path) == (method, path))

    def start(self) -> FakeProvider:
        """Listen on a free port of 127.0.0.1 in a background thread."""
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        server.daemon_threads = True
        server.block_on_close = False
        self._server = server
        threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop serving; hanging and delayed answers end at once."""
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def _next_reply(self, method: str, path: str, recorded: Recorded) -> Reply | None:
        with self._lock:
            self.requests.append(recorded)
            queue = self._scripts.get((method, path))
            if not queue:
                return None
            return queue.popleft() if len(queue) > 1 else queue[0]


def _handler_for(fake: FakeProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body are separate writes

        def do_GET(self) -> None:
            self._answer("GET")

        def do_POST(self) -> None:
            self._answer("POST")

        def _answer(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = raw.decode("utf-8", "replace")
            headers = {name.lower(): value for name, value in self.headers.items()}
            recorded = Recorded(method, self.path, headers, body)
            reply = fake._next_reply(method, self.path, recorded)
            if reply is None:
                unscripted = f"nothing scripted for {method} {self.path}"
                reply = Reply(418, {"error": {"message": unscripted}})
            if reply.delay and fake._stopping.wait(reply.delay):
                return
            try:
                if reply.hang:
                    self._drip()
                else:
                    self._send(reply)
            except (BrokenPipeError, ConnectionResetError):
                return  # the client gave up first, as the test intends

        def _send(self, reply: Reply) -> None:
            body = reply.body(fake.url) if callable(reply.body) else reply.body
            if isinstance(body, dict | list):
                payload = json.dumps(body).encode()
                content_type = "application/json"
            else:
                payload = body.encode() if isinstance(body, str) else (body or b"")
                content_type = "text/html" if payload.startswith(b"<") else "application/json"
            self.send_response(reply.status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

        def _drip(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            while not fake._stopping.wait(0.05):
                self.wfile.write(b"\n")
                self.wfile.flush()

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


# --- body builders ----------------------------------------------------------------------------


def openai_answer(
    content: dict[str, Any] | str,
    *,
    finish_reason: str = "stop",
    refusal: str | None = None,
    model: str = "gpt-test-2024",
) -> Reply:
    """A chat completion whose message content is ``content`` (a dict is sent as JSON text)."""
    text = content if isinstance(content, str) else json.dumps(content)
    return Reply(
        200,
        {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 1730000000,
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "finish_reason": finish_reason,
                    "logprobs": None,
                    "message": {"role": "assistant", "refusal": refusal, "content": text},
                }
            ],
            "usage": {"prompt_tokens": 40, "completion_tokens": 12, "total_tokens": 52},
        },
    )


def openai_error(status: int, error_type: str, code: str | None = None, **headers: str) -> Reply:
    """An OpenAI-shaped error answer (``headers`` with ``_`` for ``-``)."""
    return Reply(
        status,
        {
            "error": {
                "message": f"{error_type} happened",
                "type": error_type,
                "param": None,
                "code": code,
            }
        },
        headers={name.replace("_", "-"): value for name, value in headers.items()},
    )


def anthropic_answer(
    tool_input: dict[str, Any], *, name: str = "submit_fix", stop_reason: str = "tool_use"
) -> Reply:
    """A Messages answer with one forced tool call."""
    return Reply(
        200,
        {
            "id": "msg_01A",
            "type": "message",
            "role": "assistant",
            "model": "claude-test-20250929",
            "content": [{"type": "tool_use", "id": "toolu_01B", "name": name, "input": tool_input}],
            "stop_reason": stop_reason,
            "stop_sequence": None,
            "usage": {"input_tokens": 50, "output_tokens": 20},
        },
    )


def anthropic_error(status: int, error_type: str, **headers: str) -> Reply:
    """An Anthropic-shaped error answer."""
    return Reply(
        status,
        {
            "type": "error",
            "error": {"type": error_type, "message": error_type},
            "request_id": "req_1",
        },
        headers={name.replace("_", "-"): value for name, value in headers.items()},
    )


def prediction(
    prediction_id: str,
    status: str,
    *,
    output: Any = None,
    error: str | None = None,
    http_status: int = 201,
) -> Reply:
    """A Replicate prediction whose ``urls.get`` points back at the fake server."""

    def build(base_url: str) -> dict[str, Any]:
        return {
            "id": prediction_id,
            "model": "meta/test-llm",
            "version": "v1",
            "input": {},
            "logs": "",
            "output": output,
            "error": error,
            "status": status,
            "created_at": "2026-01-01T00:00:00Z",
            "metrics": {"input_token_count": 30, "output_token_count": 9},
            "urls": {
                "get": f"{base_url}/v1/predictions/{prediction_id}",
                "cancel": f"{base_url}/v1/predictions/{prediction_id}/cancel",
            },
        }

    return Reply(http_status, build)


def json_chunks(value: dict[str, Any], size: int = 7) -> list[str]:
    """``value`` as JSON cut into chunks, the way Replicate language models stream output."""
    text = json.dumps(value)
    return [text[i : i + size] for i in range(0, len(text), size)]
