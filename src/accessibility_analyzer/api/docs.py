"""API docs: Swagger UI at ``/docs``, ReDoc at ``/redoc``, OpenAPI 3.1 at ``/openapi.json``.

Litestar's schema router would claim a catch-all path (and answer unknown paths with an HTML
page), so it is parked under ``/_schema`` behind a guard that answers 404, and three plain
handlers serve the documents instead. The served document is Litestar's, completed so that
every operation documents its error responses as problem+json: 500 everywhere, 400 where there
is input to validate, 401 and 429 under ``/api``, which also carries the API-key security
requirement.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import re
from pathlib import Path
from typing import Any, Final

import msgspec
from litestar import Litestar, MediaType, Request, Response, Router, get
from litestar.connection import ASGIConnection
from litestar.datastructures import CacheControlHeader
from litestar.exceptions import NotFoundException
from litestar.handlers.base import BaseRouteHandler
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, RedocRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme, Tag
from litestar.static_files import create_static_files_router

from accessibility_analyzer import __version__
from accessibility_analyzer.api.errors import PROBLEM_MEDIA_TYPE
from accessibility_analyzer.api.openapi_contract import request_structs, tighten
from accessibility_analyzer.api.schemas import ProblemDetails

__all__ = [
    "API_SECURITY",
    "DOCS_ROUTES",
    "docs_csp",
    "documented_schema",
    "openapi_config",
]

API_SECURITY: Final[list[dict[str, list[str]]]] = [{"ApiKeyAuth": []}, {"BearerAuth": []}]
"""Security requirement of every /api operation: either scheme is enough."""

_HIDDEN_SCHEMA_PATH: Final = "/_schema"
_PROBLEM_REF: Final = "#/components/schemas/ProblemDetails"
_STATE_KEY: Final = "documented_openapi_schema"
_HTTP_METHODS: Final = frozenset({"get", "put", "post", "delete", "patch", "head", "options"})

_ERROR_DESCRIPTIONS: Final = {
    "400": "The request is invalid; `errors` names each field at fault.",
    "401": "The API key is missing or not valid.",
    "429": "Too many requests; retry after the `Retry-After` seconds.",
    "500": "Unexpected error; the body carries only the request id.",
}

_TAGS: Final = [
    Tag(name="health", description="Liveness, readiness and detailed health probes (no key)."),
    Tag(name="sessions", description="Upload sessions and their documents."),
    Tag(name="analyses", description="Background analyses, findings, reports and suggestions."),
    Tag(name="rules", description="The accessibility rules and their documentation."),
]


def _not_found_guard(_connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    raise NotFoundException


def openapi_config() -> OpenAPIConfig:
    """The OpenAPI configuration: metadata, security schemes, a hidden schema router."""
    return OpenAPIConfig(
        title="Accessibility Analyzer API",
        version=__version__,
        description=(
            "Checks web pages for WCAG 2.2 failures without a browser. Every error is "
            "`application/problem+json` (RFC 9457) with a `requestId`. Routes under `/api` "
            "need an API key in `X-API-Key` or `Authorization: Bearer` when the server has "
            "keys configured."
        ),
        tags=_TAGS,
        components=Components(
            security_schemes={
                "ApiKeyAuth": SecurityScheme(
                    type="apiKey", name="X-API-Key", security_scheme_in="header"
                ),
                "BearerAuth": SecurityScheme(type="http", scheme="bearer"),
            }
        ),
        use_handler_docstrings=True,
        render_plugins=[JsonRenderPlugin()],
        openapi_router=Router(
            _HIDDEN_SCHEMA_PATH,
            route_handlers=[],
            include_in_schema=False,
            guards=[_not_found_guard],
        ),
    )


def _problem_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}
        },
    }


def _complete(schema: dict[str, Any]) -> dict[str, Any]:
    """Add problem+json error responses and /api security to every operation."""
    schema = copy.deepcopy(schema)
    _, components = msgspec.json.schema_components(
        [ProblemDetails], ref_template="#/components/schemas/{name}"
    )
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    for name, component in components.items():
        schemas.setdefault(name, component)
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            if method not in _HTTP_METHODS or not isinstance(operation, dict):
                continue
            responses = operation.setdefault("responses", {})
            wanted = ["500"]
            if operation.get("parameters") or operation.get("requestBody") or "400" in responses:
                wanted.append("400")
            if path == "/api" or path.startswith("/api/"):
                wanted += ["401", "429"]
                operation.setdefault("security", copy.deepcopy(API_SECURITY))
            for status in wanted:
                # Litestar's generated 400 describes its plain-JSON body; ours is problem+json.
                responses[status] = _problem_response(_ERROR_DESCRIPTIONS[status])
    return schema


def documented_schema(app: Litestar) -> dict[str, Any]:
    """The OpenAPI document as served, built once per app."""
    cached = app.state.get(_STATE_KEY)
    if cached is None:
        cached = tighten(_complete(app.openapi_schema.to_schema()), request_structs(app))
        app.state[_STATE_KEY] = cached
    return cached


_ASSETS_PATH: Final = "/docs/assets"
_ASSETS_DIR: Final = Path(__file__).parent / "static" / "docs"

# The UIs load their scripts from our own server, not a CDN: the docs work offline and
# behind a strict content security policy (assets and their sources: static/docs/README.md).
# No icon: Litestar's default is fetched from cdn.jsdelivr.net (blocked by the CSP anyway);
# an empty data: icon also keeps browsers from asking for /favicon.ico.
_NO_FAVICON: Final = "<link rel='icon' href='data:,'>"
_swagger = SwaggerRenderPlugin(
    js_url=f"{_ASSETS_PATH}/swagger-ui-bundle.js",
    css_url=f"{_ASSETS_PATH}/swagger-ui.css",
    standalone_preset_js_url=f"{_ASSETS_PATH}/swagger-ui-standalone-preset.js",
    favicon=_NO_FAVICON,
)
_redoc = RedocRenderPlugin(
    js_url=f"{_ASSETS_PATH}/redoc.standalone.js", google_fonts=False, favicon=_NO_FAVICON
)
_json = JsonRenderPlugin()

docs_assets = create_static_files_router(
    path=_ASSETS_PATH,
    directories=[_ASSETS_DIR],
    include_in_schema=False,
    cache_control=CacheControlHeader(max_age=86400, public=True),
    name="docs_assets",
)


_INLINE_SCRIPT: Final = re.compile(rb"<script type='text/javascript'>(.*?)</script>", re.DOTALL)


def docs_csp(page: bytes) -> str:
    """The content security policy of a docs page: scripts from this server only.

    The page's inline start-up script (it carries the OpenAPI document) is allowed by its
    SHA-256 hash, so no other inline script could run; styles may be inline (both UIs set
    them from their scripts), images and fonts come from here or ``data:``.
    """
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(match.group(1)).digest()).decode() + "'"
        for match in _INLINE_SCRIPT.finditer(page)
    )
    return (
        f"default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src blob:; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    )


def _docs_page(page: bytes) -> Response[bytes]:
    return Response(
        page,
        media_type=MediaType.HTML,
        headers={"Content-Security-Policy": docs_csp(page), "X-Frame-Options": "DENY"},
    )


@get("/docs", include_in_schema=False, media_type=MediaType.HTML, sync_to_thread=False)
def swagger_ui(request: Request[Any, Any, Any]) -> Response[bytes]:
    """Swagger UI for the API."""
    return _docs_page(_swagger.render(request, documented_schema(request.app)))


@get("/redoc", include_in_schema=False, media_type=MediaType.HTML, sync_to_thread=False)
def redoc_ui(request: Request[Any, Any, Any]) -> Response[bytes]:
    """ReDoc for the API."""
    return _docs_page(_redoc.render(request, documented_schema(request.app)))


@get(
    "/openapi.json",
    include_in_schema=False,
    media_type="application/vnd.oai.openapi+json",
    sync_to_thread=False,
)
def openapi_json(request: Request[Any, Any, Any]) -> bytes:
    """The OpenAPI 3.1 document."""
    return _json.render(request, documented_schema(request.app))


DOCS_ROUTES: Final = (swagger_ui, redoc_ui, openapi_json, docs_assets)
