"""Structured logging on the standard library: one JSON object per line, or readable text.

``configure_logging(settings)`` installs the handlers once per process (it is idempotent, so
every ``create_app()`` may call it). Each record carries the request id of the request being
served (``request_id_var``, set by the API's request-context middleware) and the trace and span
ids of the active OpenTelemetry span, when there is one; anything passed with ``extra=`` is
added as a field. Known secrets (API keys, provider credentials) are replaced by
``[REDACTED]`` in every formatted line, as a safety net: code should not log them anyway.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import time
from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any, Final

import msgspec
from opentelemetry import trace

from accessibility_analyzer.settings import Secret, Settings, SettingsError

__all__ = [
    "ACCESS_LOGGER",
    "JsonFormatter",
    "TextFormatter",
    "configure_logging",
    "current_trace_ids",
    "request_id_var",
]

request_id_var: ContextVar[str | None] = ContextVar("a11y_request_id", default=None)
"""The id of the request the current task serves; ``None`` outside requests."""

ACCESS_LOGGER: Final = "accessibility_analyzer.access"
REDACTED: Final = "[REDACTED]"

# Attributes every LogRecord has; anything else on a record came from ``extra=``.
_STANDARD_ATTRIBUTES: Final = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", None, None)).keys()
    | {"message", "asctime", "taskName", "color_message"}  # uvicorn's ANSI-coloured copy
)
_HANDLER_MARK: Final = "_a11y_handler"
_json_encoder = msgspec.json.Encoder(enc_hook=repr)


def current_trace_ids() -> tuple[str | None, str | None]:
    """Return ``(trace_id, span_id)`` in hex of the active OpenTelemetry span, if any."""
    context = trace.get_current_span().get_span_context()
    if not context.is_valid:
        return None, None
    return format(context.trace_id, "032x"), format(context.span_id, "016x")


class _Redactor:
    """Replaces known secret values in formatted text."""

    def __init__(self, secrets: Iterable[str]) -> None:
        # Longest first, so a key that contains another key is replaced whole.
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return text


def _context_fields(record: logging.LogRecord) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    request_id = request_id_var.get()
    if request_id is not None:
        fields["request_id"] = request_id
    trace_id, span_id = current_trace_ids()
    if trace_id is not None:
        fields["trace_id"] = trace_id
        fields["span_id"] = span_id
    for key, value in vars(record).items():
        if key not in _STANDARD_ATTRIBUTES and not key.startswith("_"):
            fields[key] = value
    return fields


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON object: timestamp, level, logger, message and context."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        """Create the formatter; ``secrets`` are masked wherever they appear."""
        super().__init__()
        self._redact = _Redactor(secrets)

    def format(self, record: logging.LogRecord) -> str:
        """Return the JSON line for ``record``."""
        document: dict[str, Any] = {
            "timestamp": _iso_timestamp(record.created),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        document.update(_context_fields(record))
        if record.exc_info:
            document["exception"] = self.formatException(record.exc_info)
        return self._redact(_json_encoder.encode(document).decode())


class TextFormatter(logging.Formatter):
    """Formats a record as a readable line with the context as ``key=value`` pairs."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        """Create the formatter; ``secrets`` are masked wherever they appear."""
        super().__init__()
        self._redact = _Redactor(secrets)

    def format(self, record: logging.LogRecord) -> str:
        """Return the text line for ``record``."""
        context = " ".join(f"{key}={value}" for key, value in _context_fields(record).items())
        line = f"{_iso_timestamp(record.created)} {record.levelname:<8} {record.name}: "
        line += record.getMessage() + (f" [{context}]" if context else "")
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return self._redact(line)


def _iso_timestamp(created: float) -> str:
    seconds = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(created))
    return f"{seconds}.{int(created % 1 * 1000):03d}Z"


class _StdoutHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stdout`` is at the time (test runners swap it)."""

    def __init__(self) -> None:
        super().__init__(sys.stdout)

    @property
    def stream(self) -> Any:
        return sys.stdout

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass  # always the current sys.stdout


def _secret_values(settings: Settings) -> list[str]:
    values = [entry.key.reveal() for entry in settings.api_keys]
    for name in msgspec.structs.fields(settings):
        value = getattr(settings, name.name)
        if isinstance(value, Secret):
            values.append(value.reveal())
    return values


def configure_logging(settings: Settings) -> None:
    """Send log records to stdout (and ``LOG_FILE``) in the configured format and level.

    Replaces only the handlers this function installed earlier, so handlers added by others
    (the OpenTelemetry log handler, pytest's capture) stay in place.

    Raises:
        SettingsError: ``LOG_FILE`` cannot be opened for appending.
    """
    secrets = _secret_values(settings)
    formatter: logging.Formatter = (
        JsonFormatter(secrets) if settings.log_json_format else TextFormatter(secrets)
    )
    handlers: list[logging.Handler] = [_StdoutHandler()]
    if settings.log_file is not None:
        try:
            file_handler = logging.handlers.WatchedFileHandler(settings.log_file, encoding="utf-8")
        except OSError as error:
            raise SettingsError(
                f"LOG_FILE: expected a writable file path, got {settings.log_file!r} "
                f"({error.strerror or type(error).__name__})"
            ) from None
        handlers.append(file_handler)
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _HANDLER_MARK, False)]:
        root.removeHandler(old)
        old.close()
    for handler in handlers:
        handler.setFormatter(formatter)
        setattr(handler, _HANDLER_MARK, True)
        root.addHandler(handler)
    root.setLevel(settings.log_level)
    # Libraries that are chatty at INFO get WARNING unless DEBUG was asked for.
    quiet_level = logging.DEBUG if settings.log_level == "DEBUG" else logging.WARNING
    for noisy in ("httpx", "httpcore", "asyncio", "aiosqlite", "alembic.runtime.plugins"):
        logging.getLogger(noisy).setLevel(quiet_level)
    migration = logging.getLogger("alembic.runtime.migration")
    if settings.log_level != "DEBUG" and _alembic_context_lines not in migration.filters:
        migration.addFilter(_alembic_context_lines)
    elif settings.log_level == "DEBUG":
        migration.removeFilter(_alembic_context_lines)


def _alembic_context_lines(record: logging.LogRecord) -> bool:
    """Drop alembic's "Context impl ..." / "Will assume ..." lines: every readiness probe
    reads the schema revision and logged both; "Running upgrade ..." lines stay."""
    return not str(record.msg).startswith(("Context impl", "Will assume"))
