"""Fixtures shared by every test folder: a live Valkey, settings, the app and a client.

A folder that needs a differently configured app overrides ``settings`` in its own conftest::

    @pytest.fixture
    def settings(settings_factory, valkey_url):
        return settings_factory(VALKEY_URL=valkey_url, API_KEYS="ci:test-key-123")

and gets ``app`` and ``client`` (an ``AsyncTestClient`` that ran the app's lifespan) for free.
"""

from __future__ import annotations

import os
import socket
import urllib.parse
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import NoReturn

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from accessibility_analyzer.api.app import create_app
from accessibility_analyzer.settings import Settings

SettingsFactory = Callable[..., Settings]


def in_ci() -> bool:
    """True when running under CI, where a missing server is a failure, not a skip."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def valkey_answers(url: str, timeout: float = 0.5) -> bool:
    """Whether a Redis/Valkey server at ``url`` answers PING."""
    parsed = urllib.parse.urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=timeout
        ) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def service_missing(message: str) -> NoReturn:
    """Fail under CI (a needed server must be there), skip locally."""
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def missing_service() -> Callable[[str], NoReturn]:
    """``missing_service("why")``: fail under CI=true, skip otherwise."""
    return service_missing


@pytest.fixture(scope="session")
def valkey_url() -> str:
    """URL of a live Valkey/Redis (``TEST_VALKEY_URL``, default redis://127.0.0.1:6379/0)."""
    url = os.environ.get("TEST_VALKEY_URL", "redis://127.0.0.1:6379/0")
    if not valkey_answers(url):
        service_missing(f"no Valkey/Redis answers at {url} (set TEST_VALKEY_URL or start one)")
    return url


@pytest.fixture
def settings_factory(tmp_path: Path) -> SettingsFactory:
    """Build ``Settings`` as ``from_env`` would, with a temporary DATA_DIR.

    Keyword arguments are environment variables (``settings_factory(API_KEYS="a:b")``); a
    fresh VALKEY_NAMESPACE keeps tests sharing one Valkey out of each other's keys, and the
    rate limit and health-check timeout are generous unless a test sets them.
    """

    def build(**environment: str) -> Settings:
        env = {
            "DATA_DIR": str(tmp_path / "data"),
            "VALKEY_NAMESPACE": f"a11y_test_{uuid.uuid4().hex[:12]}",
            "RATE_LIMIT_PER_MINUTE": "10000",
            # A loaded CI machine must not turn a slow-but-fine check into a failed probe;
            # tests about timeouts set their own.
            "HEALTH_CHECK_TIMEOUT_SECONDS": "10",
        }
        env.update(environment)
        return Settings.from_env(env)

    return build


@pytest.fixture
def settings(settings_factory: SettingsFactory) -> Settings:
    """Default test settings: open API, in-memory cache, SQLite under a temporary DATA_DIR."""
    return settings_factory()


@pytest.fixture
def app(settings: Settings) -> Litestar:
    """The real application built from ``settings``."""
    return create_app(settings)


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    """An async test client with the app's lifespan running."""
    async with AsyncTestClient(app=app) as test_client:
        yield test_client
