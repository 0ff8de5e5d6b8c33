"""Fixtures for the foundation's API tests: app builders with test-only routes, servers.

The probe routes (``foundation_probe.py``) exist only in these tests: they are mounted under
``/api`` (behind the real key guard and rate limit) by patching the route list ``create_app``
reads, never in the app itself.
"""

from __future__ import annotations

import logging
import shutil
import socket
from collections.abc import Callable, Iterator
from typing import Any, NoReturn

import pytest
from foundation_probe import AppBuilder, ProbeController, ThrowawayValkey, free_port
from litestar import Litestar

from accessibility_analyzer.api import app as app_module


@pytest.fixture(autouse=True)
def _restore_root_logger() -> Iterator[None]:
    """configure_logging changes the root logger; leave it as found for other folders."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@pytest.fixture
def build_app(settings_factory: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> AppBuilder:
    """Build the real app from environment keywords, with the probe routes under /api."""
    original = app_module.API_ROUTES

    def build(**environment: str) -> Litestar:
        monkeypatch.setattr(app_module, "API_ROUTES", (*original, ProbeController))
        return app_module.create_app(settings_factory(**environment))

    return build


@pytest.fixture
def closed_port_url() -> str:
    """A Valkey URL on a port nothing listens on."""
    return f"redis://127.0.0.1:{free_port()}/0"


@pytest.fixture
def hung_server() -> Iterator[str]:
    """A Valkey URL whose server accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)  # the kernel completes handshakes into the backlog; nobody reads
    try:
        yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    finally:
        listener.close()


@pytest.fixture
def throwaway_valkey(
    missing_service: Callable[[str], NoReturn],
) -> Iterator[ThrowawayValkey]:
    """A running private redis-server (never the shared one on 6379), stopped afterwards."""
    binary = shutil.which("valkey-server") or shutil.which("redis-server")
    if binary is None:
        missing_service("neither valkey-server nor redis-server is installed")
    server = ThrowawayValkey(binary)
    server.start()
    try:
        yield server
    finally:
        server.stop()
