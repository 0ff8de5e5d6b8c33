"""Litestar's OpenTelemetry plugin, configured for bounded span names and metric labels.

Out of the box the plugin names spans and sets ``http.route`` from the raw path (``GET
/api/v1/analyses/3f2c...``) because it runs before routing; with the stable HTTP semantic
conventions that value also labels ``http.server.request.duration``, which would create one
time series per analysis id. :func:`route_span_details` resolves the route template through
Litestar's cached router instead: ``GET /api/v1/analyses/{analysis_id:str}``.

Probes (``/health...``) produce neither spans nor metrics: they are polled every few seconds
and would drown the request rate.
"""

from __future__ import annotations

import os
from typing import Any

from litestar.enums import ScopeType
from litestar.plugins.opentelemetry import OpenTelemetryConfig, OpenTelemetryPlugin
from litestar.types import Scope
from litestar.utils import normalize_path
from opentelemetry.metrics import MeterProvider
from opentelemetry.trace import TracerProvider

SEMCONV_OPT_IN_VARIABLE = "OTEL_SEMCONV_STABILITY_OPT_IN"
EXCLUDED_PATHS = ("^/health",)

# Headers that may carry credentials: redacted if an operator captures headers on spans
# through OTEL_INSTRUMENTATION_HTTP_CAPTURE_HEADERS_* variables.
SENSITIVE_HEADERS = ("authorization", "x-api-key", "cookie", "set-cookie")


def route_span_details(scope: Scope) -> tuple[str, dict[str, Any]]:
    """Return the span name and attributes for a request: method plus route template.

    Unknown paths (404) and wrong methods (405) get the bare method as the name and no
    ``http.route``, so they cannot create unbounded label values either.
    """
    method = str(scope.get("method", "")).strip().upper()
    template = _route_template(scope)
    if template is None:
        return (method or "HTTP"), {}
    return f"{method} {template}", {"http.route": template}


def _route_template(scope: Scope) -> str | None:
    app = scope.get("litestar_app")
    if app is None or scope.get("type") != ScopeType.HTTP:
        return None
    path = scope["path"]
    if root_path := scope.get("root_path", ""):
        path = path.split(root_path, maxsplit=1)[-1]
    try:  # the router's lookup is cached (lru_cache) and raises for 404/405
        *_, template = app.asgi_router.handle_routing(
            path=normalize_path(path), method=scope.get("method")
        )
    except Exception:  # any routing failure (404, 405) simply means "no template"
        return None
    return str(template)


def ensure_semconv_opt_in() -> None:
    """Default ``OTEL_SEMCONV_STABILITY_OPT_IN`` to ``http`` when the operator has not chosen.

    OpenTelemetry's instrumentations read the variable once per process, when the first of
    them is created, so every place that creates one calls this first.
    """
    os.environ.setdefault(SEMCONV_OPT_IN_VARIABLE, "http")


def build_otel_plugin(
    *,
    tracer_provider: TracerProvider | None = None,
    meter_provider: MeterProvider | None = None,
) -> OpenTelemetryPlugin:
    """Build the plugin for ``Litestar(plugins=[...])``.

    Providers default to the global ones (installed per process by ``setup_telemetry``; the
    plugin's tracer and meter are proxies until then). Call this before the first
    OpenTelemetry ASGI middleware exists in the process: the instrumentation reads
    ``OTEL_SEMCONV_STABILITY_OPT_IN`` once, and this defaults it to ``http`` (stable names:
    ``http.server.request.duration`` in seconds with ``http.route`` and
    ``http.response.status_code``) when the operator has not chosen.
    """
    ensure_semconv_opt_in()
    return OpenTelemetryPlugin(
        OpenTelemetryConfig(
            scope_span_details_extractor=route_span_details,
            exclude=list(EXCLUDED_PATHS),
            exclude_spans=["receive", "send"],
            tracer_provider=tracer_provider,
            meter_provider=meter_provider,
            http_capture_headers_sanitize_fields=list(SENSITIVE_HEADERS),
        )
    )
