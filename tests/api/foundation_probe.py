"""Test-only routes and helpers for the foundation's API tests (never mounted in the app)."""

from __future__ import annotations

import logging
import socket
import subprocess
import time
from collections.abc import Callable
from typing import Annotated, Any

import msgspec
import valkey
from litestar import Controller, Litestar, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter

from accessibility_analyzer.api.errors import ApiProblem
from accessibility_analyzer.cache import Cache

AppBuilder = Callable[..., Litestar]

INTERNAL_SECRET = "password=hunter2 in /srv/internal/module.py"


class ProbeItem(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A request body with constraints, built by polyfactory in the tests."""

    name: Annotated[str, msgspec.Meta(min_length=1, max_length=40)]
    count: Annotated[int, msgspec.Meta(ge=0, le=1000)]
    tags: tuple[Annotated[str, msgspec.Meta(max_length=20)], ...] = ()


class ProbeController(Controller):
    """Routes that exercise the foundation; mounted at /api/v1/probe in tests only."""

    path = "/v1/probe"
    tags = ("probe",)

    @get(
        "/whoami",
        operation_id="probeWhoAmI",
        summary="Identity of the caller",
        sync_to_thread=False,
    )
    def whoami(self, identity: NamedDependency[str]) -> dict[str, str]:
        return {"identity": identity}

    @post(
        "/items", operation_id="probeCreateItem", summary="Echo a valid item", sync_to_thread=False
    )
    def create_item(self, data: JSONBody[ProbeItem]) -> ProbeItem:
        return data

    @get(
        "/items/{item_id:int}",
        operation_id="probeGetItem",
        summary="Item by id",
        sync_to_thread=False,
    )
    def get_item(
        self,
        item_id: FromPath[int],
        limit: Annotated[int, QueryParameter(ge=1, le=10)] = 5,
    ) -> dict[str, int]:
        return {"id": item_id, "limit": limit}

    @get("/boom", operation_id="probeBoom", summary="Fail unexpectedly", sync_to_thread=False)
    def boom(self) -> None:
        raise RuntimeError(INTERNAL_SECRET)

    @get("/problem", operation_id="probeProblem", summary="Domain problem", sync_to_thread=False)
    def problem(self) -> None:
        raise ApiProblem(415, "Only HTML and ZIP files are accepted.", reason="unsupported_type")

    @post(
        "/small",
        operation_id="probeSmallBody",
        summary="Accepts tiny bodies",
        request_max_body_size=64,
        sync_to_thread=False,
    )
    def small(self, data: JSONBody[dict[str, Any]]) -> dict[str, Any]:
        return data

    @get("/cached/{key:str}", operation_id="probeCached", summary="Cached value")
    async def cached(self, key: FromPath[str], cache: NamedDependency[Cache]) -> dict[str, str]:
        async def compute() -> bytes:
            return f"value-of-{key}".encode()

        value = await cache.get_or_set(f"probe:{key}", compute)
        return {"value": value.decode()}

    @get("/log", operation_id="probeLog", summary="Write a log line", sync_to_thread=False)
    def log(self) -> dict[str, bool]:
        logging.getLogger("probe").info("probe handled", extra={"probe_field": 42})
        return {"logged": True}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (at the time of asking)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class ThrowawayValkey:
    """A private redis-server process the test may stop and start again."""

    def __init__(self, binary: str) -> None:
        self.binary = binary
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not _answers(self.url):
            if time.monotonic() > deadline:
                raise RuntimeError("throwaway redis-server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


def _answers(url: str) -> bool:
    try:
        with valkey.Valkey.from_url(url, socket_timeout=0.2, socket_connect_timeout=0.2) as c:
            return bool(c.ping())
    except valkey.ValkeyError:
        return False
