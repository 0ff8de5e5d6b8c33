"""Response bodies of the service foundation: problem details and health reports.

All bodies are msgspec structs with camelCase JSON names, frozen and keyword-only, like every
other API schema in this package.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

import msgspec
from litestar.params import QueryParameter

from accessibility_analyzer.observability.health import DependencyHealth, HealthState

__all__ = [
    "MAX_OFFSET",
    "DependencyHealth",
    "DetailedHealth",
    "FieldError",
    "HealthState",
    "Liveness",
    "PageOffset",
    "ProblemDetails",
    "Readiness",
]


MAX_OFFSET: Final = 2**31 - 1
"""Largest ``offset`` of a paginated listing. Larger values answer 400: no listing is that
long, and past 2^63 the database drivers overflow."""
PageOffset = Annotated[int, QueryParameter(ge=0, le=MAX_OFFSET)]
"""The ``offset`` query parameter of every paginated listing."""


class ApiStruct(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    """Base of the API's JSON bodies: camelCase names, immutable.

    msgspec does not inherit ``kw_only`` (and mypy wants ``frozen`` restated), so every
    subclass states both again.
    """


class FieldError(ApiStruct, frozen=True, kw_only=True, omit_defaults=True):
    """One invalid part of a request."""

    field: str | None = None
    """Name of the parameter or body field at fault, when known."""
    message: str
    source: str | None = None
    """Where the field was read from: body, query, path, header or cookie."""


class ProblemDetails(ApiStruct, frozen=True, kw_only=True, omit_defaults=True):
    """An RFC 9457 problem: every error response of the service has this shape."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    """The request path that produced the problem."""
    request_id: str | None = None
    """Correlation id, also sent as the ``X-Request-ID`` header and written to the logs."""
    reason: str | None = None
    """Machine-readable reason code, for problems that have several causes."""
    errors: tuple[FieldError, ...] | None = None
    dependencies: tuple[DependencyHealth, ...] | None = None
    """For a failed readiness probe: the state of each critical dependency."""


class Liveness(ApiStruct, frozen=True, kw_only=True):
    """The process is running."""

    status: Literal["alive"] = "alive"
    version: str


class Readiness(ApiStruct, frozen=True, kw_only=True):
    """Every critical dependency answers."""

    status: Literal["ready"] = "ready"
    dependencies: tuple[DependencyHealth, ...]


class DetailedHealth(ApiStruct, frozen=True, kw_only=True):
    """Every dependency with its state, and the service's overall state."""

    status: HealthState
    timestamp: str
    """When the checks ran, ISO 8601 in UTC."""
    version: str
    uptime_seconds: float
    dependencies: tuple[DependencyHealth, ...]
