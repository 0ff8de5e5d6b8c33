"""Every error leaves the service as RFC 9457 ``application/problem+json``.

Raise ``ApiProblem`` for a domain error (it carries a status, a detail for the client and an
optional reason code); Litestar's own exceptions (validation, 404, 405, 413, 429, ...) are mapped
the same way, and anything unexpected becomes a 500 whose body says nothing about the cause. The
body always carries the request id, which is also in the ``X-Request-ID`` header and in the log
line that records the failure.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any, Final

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.types import ExceptionHandlersMap

from accessibility_analyzer.api.request_context import request_id_of

__all__ = ["PROBLEM_MEDIA_TYPE", "ApiProblem", "exception_handlers", "problem_response"]

logger = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE: Final = "application/problem+json"
_DEFAULT_RETRY_AFTER_SECONDS: Final = "60"
_MAX_FIELD_ERRORS: Final = 20


class ApiProblem(HTTPException):
    """A client-facing error that becomes a problem+json response.

    Args:
        status_code: the HTTP status (4xx for bad input).
        detail: what went wrong, for the client; no internals.
        reason: a stable machine-readable code (``"zip_slip"``, ``"too_large"``, ...).
        title: a short summary; defaults to the status phrase.
        type_: a URI identifying the problem type; defaults to ``about:blank``.
        extra: further members added to the body (RFC 9457 extension members).
        headers: response headers, e.g. ``Retry-After``.
    """

    def __init__(
        self,
        status_code: int,
        detail: str,
        *,
        reason: str | None = None,
        title: str | None = None,
        type_: str = "about:blank",
        extra: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Create the problem."""
        super().__init__(detail=detail, status_code=status_code, headers=dict(headers or {}))
        self.reason = reason
        self.title = title or HTTPStatus(status_code).phrase
        self.type_ = type_
        self.members = dict(extra or {})


def problem_response(
    request: Request[Any, Any, Any],
    *,
    status_code: int,
    detail: str,
    title: str | None = None,
    type_: str = "about:blank",
    reason: str | None = None,
    members: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response[dict[str, Any]]:
    """Build the problem+json response for ``request``."""
    body: dict[str, Any] = {
        "type": type_,
        "title": title or HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": detail,
        "instance": request.scope.get("path", ""),
        "requestId": request_id_of(request.scope),
    }
    if reason is not None:
        body["reason"] = reason
    for key, value in (members or {}).items():
        body.setdefault(key, value)
    return Response(
        content=body,
        status_code=status_code,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=dict(headers or {}),
    )


def _field_errors(extra: Any) -> list[dict[str, Any]]:
    """Litestar's validation ``extra`` (``[{message, key, source}]``) as our ``errors``."""
    if not isinstance(extra, list):
        return []
    errors: list[dict[str, Any]] = []
    for item in extra[:_MAX_FIELD_ERRORS]:
        if not isinstance(item, Mapping):
            continue
        error: dict[str, Any] = {"message": str(item.get("message", "invalid value"))}
        if item.get("key"):
            error["field"] = str(item["key"])
        source = item.get("source")
        if source:
            # Litestar gives a ParamType enum for parameters and a plain string for bodies.
            error["source"] = str(getattr(source, "value", source))
        errors.append(error)
    return errors


def _validation_detail(errors: list[dict[str, Any]]) -> str:
    if not errors:
        return "The request is invalid."
    first = errors[0]
    where = f"'{first['field']}'" if "field" in first else "the request body"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"Invalid value for {where}: {first['message']}{more}"


def _handle_validation(
    request: Request[Any, Any, Any], exc: ValidationException
) -> Response[dict[str, Any]]:
    errors = _field_errors(exc.extra)
    return problem_response(
        request,
        status_code=exc.status_code,
        detail=_validation_detail(errors),
        reason="validation_failed",
        members={"errors": errors} if errors else None,
        headers=exc.headers,
    )


def _handle_http(request: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    if isinstance(exc, ApiProblem):
        return problem_response(
            request,
            status_code=exc.status_code,
            detail=exc.detail,
            title=exc.title,
            type_=exc.type_,
            reason=exc.reason,
            members=exc.members,
            headers=exc.headers,
        )
    if exc.status_code >= HTTPStatus.INTERNAL_SERVER_ERROR:
        return _handle_unexpected(request, exc)
    headers = dict(exc.headers or {})
    if exc.status_code == HTTPStatus.TOO_MANY_REQUESTS:
        # Litestar's limiter sends the IETF draft headers; Retry-After is what clients honour.
        reset = next((v for k, v in headers.items() if k.lower() == "ratelimit-reset"), None)
        headers.setdefault("Retry-After", reset or _DEFAULT_RETRY_AFTER_SECONDS)
    detail = exc.detail if exc.detail != HTTPStatus(exc.status_code).phrase else ""
    return problem_response(
        request,
        status_code=exc.status_code,
        detail=detail or _DEFAULT_DETAILS.get(exc.status_code, HTTPStatus(exc.status_code).phrase),
        headers=headers,
    )


def _handle_unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    logger.error(
        "unhandled error while serving %s %s",
        request.scope.get("method", ""),
        request.scope.get("path", ""),
        exc_info=exc,
    )
    status = HTTPStatus.INTERNAL_SERVER_ERROR
    if isinstance(exc, HTTPException) and exc.status_code > status:
        status = HTTPStatus(exc.status_code)
    return problem_response(
        request,
        status_code=status,
        detail="An unexpected error occurred. Quote the request id when reporting it.",
    )


_DEFAULT_DETAILS: Final[Mapping[int, str]] = {
    HTTPStatus.NOT_FOUND: "Nothing is served at this path.",
    HTTPStatus.METHOD_NOT_ALLOWED: "This path does not accept this method.",
    HTTPStatus.REQUEST_ENTITY_TOO_LARGE: "The request body is larger than this endpoint accepts.",
    HTTPStatus.UNSUPPORTED_MEDIA_TYPE: "This endpoint does not accept this content type.",
    HTTPStatus.TOO_MANY_REQUESTS: "Too many requests; retry after the time in Retry-After.",
    HTTPStatus.UNAUTHORIZED: "A valid API key is required.",
}


def _handle_recursion(
    request: Request[Any, Any, Any], exc: RecursionError
) -> Response[dict[str, Any]]:
    # msgspec raises RecursionError (not a DecodeError) for JSON nested deeper than the
    # interpreter's limit; Litestar lets it through. It is bad input, not a server fault.
    logger.warning("request body nested too deeply", extra={"error": str(exc)[:200]})
    return problem_response(
        request,
        status_code=HTTPStatus.BAD_REQUEST,
        detail="The request body is nested too deeply.",
        reason="too_deeply_nested",
    )


def exception_handlers() -> ExceptionHandlersMap:
    """The app-level handlers: validation errors, HTTP errors and everything else."""
    return {
        ValidationException: _handle_validation,
        HTTPException: _handle_http,
        RecursionError: _handle_recursion,
        Exception: _handle_unexpected,
    }
