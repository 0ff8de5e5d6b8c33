"""Fixtures for the foundation's API tests: app builders with test-only routes, servers.

The probe routes (``foundation_probe.py``) exist only in these tests: they are mounted under
``/api`` (behind the real key guard and rate limit) by patching the route list ``create_app``
reads, never in the app itself.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import shutil
import socket
from collections.abc import Callable, Iterator
from typing import Any, NoReturn

import asyncpg
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


def _postgres_admin_dsn() -> str:
    url = os.environ.get("TEST_DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/postgres"
    scheme, _, rest = url.partition("://")
    return f"postgresql://{rest}" if scheme.startswith("postgres") else url


async def _postgres_admin(dsn: str, statement: str) -> None:
    connection = await asyncpg.connect(dsn, timeout=3)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture(scope="session")
def api_postgres_url(missing_service: Callable[[str], NoReturn]) -> Iterator[str]:
    """A throwaway PostgreSQL database for the API tests, dropped after the run."""
    admin = _postgres_admin_dsn()
    name = f"a11y_api_test_{secrets.token_hex(4)}"
    try:
        asyncio.run(_postgres_admin(admin, f'CREATE DATABASE "{name}"'))
    except (OSError, asyncpg.PostgresError, TimeoutError) as error:
        missing_service(f"PostgreSQL not available: {type(error).__name__}: {error}")
    base, _, _ = admin.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        asyncio.run(_postgres_admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_env(request: pytest.FixtureRequest) -> dict[str, str]:
    """Environment selecting each database backend (SQLite: the default file in DATA_DIR)."""
    if request.param == "sqlite":
        return {}
    return {"DATABASE_URL": request.getfixturevalue("api_postgres_url")}
