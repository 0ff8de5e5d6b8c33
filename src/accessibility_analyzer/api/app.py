"""The application factory: ``create_app(settings) -> Litestar``.

Nothing is built at import time: settings come from the caller or the environment when the
factory runs, so every test (and every server worker) gets its own app, Valkey client, cache
and health registry. What the app serves is decided in ``routes.py``; this module wires the
foundation: settings, logging, stores, cache, auth, rate limit, errors, health, docs.

``app.state`` holds ``settings`` (Settings), ``cache`` (Cache), ``health`` (HealthRegistry),
``keyring`` (ApiKeyring), ``valkey`` (a ``valkey.asyncio.Valkey`` client, or ``None``) and
``started_monotonic``. Handlers ask for ``settings``, ``cache``, ``health`` and ``identity``
(and the services of ``dependencies.py``) as ``NamedDependency`` parameters.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import valkey.asyncio
from litestar import Litestar, Request, Router
from litestar.datastructures import State
from litestar.di import Provide
from litestar.stores.base import Store
from litestar.stores.memory import MemoryStore
from litestar.stores.registry import StoreRegistry
from litestar.stores.valkey import ValkeyStore
from litestar.types import Middleware

from accessibility_analyzer.api.allow_header import AllowHeaderMiddleware
from accessibility_analyzer.api.auth import ApiKeyring, provide_identity, require_api_key
from accessibility_analyzer.api.dependencies import SERVICE_DEPENDENCIES
from accessibility_analyzer.api.docs import API_SECURITY, DOCS_ROUTES, openapi_config
from accessibility_analyzer.api.errors import exception_handlers
from accessibility_analyzer.api.health import (
    HealthCheck,
    HealthController,
    HealthRegistry,
    cache_check,
    disk_space_check,
    llm_providers_check,
    valkey_check,
)
from accessibility_analyzer.api.input_guard import InputGuardMiddleware
from accessibility_analyzer.api.plugins import build_plugins
from accessibility_analyzer.api.rate_limit import (
    COUNTER_STATE_KEY,
    FailSoftStore,
    build_counter,
    rate_limit_middleware,
)
from accessibility_analyzer.api.request_context import RequestContextMiddleware
from accessibility_analyzer.api.routes import API_ROUTES, LIFESPANS
from accessibility_analyzer.api.security_headers import SecurityHeadersMiddleware
from accessibility_analyzer.api.strict_json import strict_json_body
from accessibility_analyzer.cache import Cache
from accessibility_analyzer.observability.logging import configure_logging
from accessibility_analyzer.observability.sentry import init_sentry
from accessibility_analyzer.observability.setup import telemetry_lifespan
from accessibility_analyzer.settings import Settings

__all__ = ["create_app"]

logger = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> Litestar:
    """Build the ASGI application.

    Args:
        settings: the configuration; read from the environment when omitted.

    Raises:
        SettingsError: the environment holds a malformed value (only when ``settings`` is
            omitted).
    """
    settings = settings if settings is not None else Settings.from_env()
    configure_logging(settings)
    init_sentry(settings)  # before Litestar(...): its integration patches Litestar.__init__

    client = _valkey_client(settings)
    stores = _store_registry(client, settings.valkey_namespace)
    cache = Cache.from_settings(settings, client)
    health = _foundation_health_checks(settings, cache, client)
    app = Litestar(
        route_handlers=[HealthController, *DOCS_ROUTES, _api_router(settings)],
        dependencies={
            "settings": Provide(_provide_settings, sync_to_thread=False),
            "cache": Provide(_provide_cache, sync_to_thread=False),
            "identity": Provide(provide_identity, sync_to_thread=False),
            "health": Provide(_provide_health, sync_to_thread=False),
            **SERVICE_DEPENDENCIES,
        },
        exception_handlers=exception_handlers(),
        openapi_config=openapi_config(),
        plugins=build_plugins(settings),
        stores=stores,
        # Telemetry first in, last out: it sees every start-up log and flushes after the rest.
        lifespan=[telemetry_lifespan(settings), _foundation_lifespan, *LIFESPANS, _settled_heap],
        state=State(
            {
                "settings": settings,
                "cache": cache,
                "health": health,
                "keyring": ApiKeyring(settings.api_keys),
                "valkey": client,
                COUNTER_STATE_KEY: build_counter(client, settings.valkey_namespace),
                "started_monotonic": time.monotonic(),
            }
        ),
        logging_config=None,  # configure_logging owns the root logger
        debug=False,
    )
    # Outside routing, so 404s and 405s get request ids and access-log lines too; outside any
    # OpenTelemetry middleware, whose span is still current when the response is sent.
    # Inside it, every answer (the input guard's own refusals included) gets the security
    # headers, and hostile request lines are refused before routing.
    app.asgi_handler = RequestContextMiddleware(
        SecurityHeadersMiddleware(
            AllowHeaderMiddleware(
                InputGuardMiddleware(
                    app.asgi_handler, max_header_bytes=settings.max_request_header_bytes
                )
            )
        )
    )
    return app


def _foundation_health_checks(
    settings: Settings, cache: Cache, client: valkey.asyncio.Valkey | None
) -> HealthRegistry:
    """The registry with the foundation's checks; other parts add theirs in their lifespans."""
    health = HealthRegistry(settings.health_check_timeout_seconds)
    if client is not None:
        health.register(HealthCheck(name="valkey", check=valkey_check(client.ping), critical=True))
    health.register(HealthCheck(name="cache", check=cache_check(cache), critical=False))
    health.register(
        HealthCheck(
            name="disk",
            check=disk_space_check(settings.data_path, settings.disk_free_min_bytes),
            critical=False,
        )
    )
    health.register(
        HealthCheck(name="llm-providers", check=llm_providers_check(settings), critical=False)
    )
    return health


def _api_router(settings: Settings) -> Router:
    """``/api``: every controller of ``routes.API_ROUTES`` behind the key guard and rate limit."""
    middleware: list[Middleware] = []
    if settings.rate_limit_per_minute > 0:
        middleware.append(rate_limit_middleware(settings.rate_limit_per_minute))
    return Router(
        "/api",
        route_handlers=list(API_ROUTES),
        guards=[require_api_key],
        middleware=middleware,
        security=API_SECURITY,
        before_request=strict_json_body,
    )


def _valkey_client(settings: Settings) -> valkey.asyncio.Valkey | None:
    if settings.valkey_url is None:
        return None
    # Short timeouts: a hung server must cost a cache miss, not a stuck request. The client
    # connects lazily, on first use, inside the running event loop.
    client: valkey.asyncio.Valkey = valkey.asyncio.Valkey.from_url(
        settings.valkey_url,
        socket_timeout=settings.valkey_timeout_seconds,
        socket_connect_timeout=settings.valkey_timeout_seconds,
    )
    return client


def _store_registry(client: valkey.asyncio.Valkey | None, namespace: str) -> StoreRegistry:
    """Named stores (``rate_limit``, ``response_cache``, ...): shared in Valkey when configured."""
    if client is None:
        return StoreRegistry(default_factory=lambda _name: MemoryStore())
    root = ValkeyStore(client, namespace=namespace)

    def fail_soft(name: str) -> Store:
        return FailSoftStore(root.with_namespace(name))

    return StoreRegistry(default_factory=fail_soft)


def _provide_settings(request: Request[Any, Any, Any]) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _provide_cache(request: Request[Any, Any, Any]) -> Cache:
    cache: Cache = request.app.state.cache
    return cache


def _provide_health(request: Request[Any, Any, Any]) -> HealthRegistry:
    health: HealthRegistry = request.app.state.health
    return health


@contextlib.asynccontextmanager
async def _settled_heap(_app: Litestar) -> AsyncIterator[None]:
    """Once everything has started, keep what start-up built out of the cyclic GC's scans.

    Modules, ORM metadata, routes and clients live as long as the process; every full
    collection walked them all, and each such pause stalls every request in flight
    (``benchmarks/load.py`` saw gen-2 pauses of up to 116 ms). Frozen, they are still freed
    by reference counting; at shutdown they are handed back to the collector (tests build many
    apps in one process).
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextlib.asynccontextmanager
async def _foundation_lifespan(app: Litestar) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    app.state.started_monotonic = time.monotonic()
    if settings.api_open:
        logger.warning(
            "API_KEYS is not set: /api is open to anyone who can reach this server; "
            "set API_KEYS before exposing it beyond this machine"
        )
    logger.info(
        "service starting",
        extra={
            "valkey": settings.valkey_url is not None,
            "cache": app.state.cache.backend,
            "rate_limit_per_minute": settings.rate_limit_per_minute,
        },
    )
    try:
        yield
    finally:
        client: valkey.asyncio.Valkey | None = app.state.valkey
        if client is not None:
            await client.aclose()
