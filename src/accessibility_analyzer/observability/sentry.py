"""Sentry error reporting, linked to OpenTelemetry traces, with credentials scrubbed.

:func:`init_sentry` must run before the Litestar app is constructed (the Litestar integration
patches ``Litestar.__init__``) and, in the worker, before arq creates its worker (the arq
integration wraps job functions there). Without ``SENTRY_DSN`` it does nothing.

Sentry does not trace by itself unless ``SENTRY_TRACES_SAMPLE_RATE`` is set: OpenTelemetry
owns tracing, and the OTLP integration stamps every Sentry event with the active OTel trace id
(``contexts.trace.trace_id``), so an issue leads straight to its trace in Tempo.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any, Final

import sentry_sdk
from litestar.routes.http import HTTPRoute
from sentry_sdk.integrations.arq import ArqIntegration
from sentry_sdk.integrations.litestar import LitestarIntegration
from sentry_sdk.integrations.logging import ignore_logger
from sentry_sdk.integrations.otlp import OTLPIntegration
from sentry_sdk.transport import Transport
from sentry_sdk.types import Event, Hint

from accessibility_analyzer import __version__
from accessibility_analyzer.observability.logging import request_id_var
from accessibility_analyzer.observability.secrets import secret_values
from accessibility_analyzer.settings import Settings

logger = logging.getLogger(__name__)

FILTERED: Final = "[Filtered]"
SENSITIVE_HEADERS: Final = frozenset(
    {"authorization", "proxy-authorization", "x-api-key", "cookie", "set-cookie"}
)
RELEASE: Final = f"accessibility-analyzer@{__version__}"
# Loggers whose error lines describe an exception the Litestar integration already reports;
# capturing them too would file every unhandled error twice.
_ERROR_LOGGERS_REPORTED_ELSEWHERE: Final = ("accessibility_analyzer.api.errors",)
_ROUTE_HANDLE: Final = HTTPRoute.handle  # as Litestar defines it, before any Sentry patch


def init_sentry(
    settings: Settings, *, transport: type[Transport] | Transport | None = None
) -> bool:
    """Start Sentry for this process if ``SENTRY_DSN`` is set; return whether it is on.

    Args:
        settings: ``sentry_dsn``, ``sentry_environment``, ``sentry_traces_sample_rate``, and
            the credentials that must never leave the process.
        transport: Tests pass a capturing transport instance; it turns Sentry on even
            without a DSN (a transport class is only used when there is a DSN).
    """
    if settings.sentry_dsn is None and transport is None:
        return False
    options: dict[str, Any] = {
        "release": RELEASE,
        "environment": settings.sentry_environment,
        # send_default_pii stays at its default (off); passing it is deprecated in favour of
        # data_collection, and leaving both unset keeps the off behaviour.
        "max_request_body_size": "never",  # uploaded pages never leave the process
        "include_local_variables": False,  # frame locals may hold page contents or keys
        "before_send": EventScrubber(secret_values(settings)),
        "integrations": [
            LitestarIntegration(failed_request_status_codes={*range(500, 600)}),
            ArqIntegration(),
            OTLPIntegration(setup_otlp_traces_exporter=False, setup_propagator=False),
        ],
    }
    if settings.sentry_dsn is not None:
        options["dsn"] = settings.sentry_dsn.reveal()
    if settings.sentry_traces_sample_rate is not None:
        options["traces_sample_rate"] = settings.sentry_traces_sample_rate
        options["before_send_transaction"] = options["before_send"]
    if transport is not None:
        options["transport"] = transport
    sentry_sdk.init(**options)
    # The Litestar integration also wraps every route to parse the request body up front,
    # for its event context. That reads streamed uploads before their handler (which then
    # waits forever), turns malformed JSON into a 500, and holds bodies in memory; bodies
    # are never sent anyway. Errors are still captured by its exception hook and request
    # metadata by its ASGI middleware, so the body-reading wrapper is undone.
    HTTPRoute.handle = _ROUTE_HANDLE  # type: ignore[method-assign]
    for reporter in _ERROR_LOGGERS_REPORTED_ELSEWHERE:
        ignore_logger(reporter)
    logger.info("sentry on", extra={"sentry_environment": settings.sentry_environment})
    return True


def set_sentry_user(identity: str) -> None:
    """Attach the caller's identity (the API key's name, never the key) to this request's events.

    Does nothing while Sentry is off, so the scope is never touched needlessly.
    """
    if sentry_sdk.is_initialized():
        sentry_sdk.set_user({"id": identity})


class EventScrubber:
    """``before_send``: keeps credentials, cookies and request bodies out of Sentry events."""

    def __init__(self, secrets: Iterable[str]) -> None:
        """Create the scrubber; ``secrets`` are masked wherever they appear in an event."""
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def __call__(self, event: Event, hint: Hint) -> Event | None:
        """Return the scrubbed event (never drops one)."""
        request = event.get("request")
        if isinstance(request, dict):
            request.pop("data", None)  # request bodies may hold uploaded pages
            request.pop("cookies", None)
            headers = request.get("headers")
            if isinstance(headers, dict):
                request["headers"] = {
                    name: FILTERED if name.lower() in SENSITIVE_HEADERS else value
                    for name, value in headers.items()
                }
        user = event.get("user")
        if isinstance(user, dict):
            event["user"] = {"id": user["id"]} if "id" in user else {}
        request_id = request_id_var.get()
        if request_id is not None:
            event.setdefault("tags", {})["request_id"] = request_id
        if self._secrets:
            return self._mask(event)  # type: ignore[no-any-return]
        return event

    def _mask(self, value: Any) -> Any:
        if isinstance(value, str):
            for secret in self._secrets:
                if secret in value:
                    value = value.replace(secret, FILTERED)
            return value
        if isinstance(value, dict):
            return {key: self._mask(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self._mask(item) for item in value)
        return value
