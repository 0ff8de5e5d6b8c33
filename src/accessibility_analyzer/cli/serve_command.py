"""`a11y serve`: run the HTTP service under uvicorn.

uvicorn rather than granian: it is what Litestar's own ``litestar run`` uses and tests against,
it is pure Python around uvloop/httptools (no Rust toolchain or platform wheel to trust), and
the OpenTelemetry ASGI instrumentation is exercised on it. The service spends its time in
analyses and storage, not in HTTP parsing, so granian's higher raw request rate buys little.

The settings are read once here so that a bad value stops start-up with one line on stderr
(exit code 2) before any worker starts; each worker then builds its app through the
``create_app`` factory.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from accessibility_analyzer.settings import Settings, SettingsError

_APP_FACTORY = "accessibility_analyzer.api.app:create_app"
_GRACEFUL_SHUTDOWN_SECONDS = 10
# How long an idle kept-alive connection stays open. uvicorn's default, 5 s, equals the
# keep-alive expiry of httpx's pool: a client reusing a connection just as the server closes
# it gets a ReadError (benchmarks/load.py saw one in about 4 runs). The server must outlast
# its clients: this is above httpx's 5 s and the 60 s idle timeout of common proxies.
_KEEP_ALIVE_SECONDS = 65


def _port(value: str) -> int:
    port = int(value)
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"{value} is not a TCP port (1-65535)")
    return port


def _workers(value: str) -> int:
    workers = int(value)
    if workers < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number of workers")
    return workers


def register(subparsers: Any) -> None:
    """Add the `serve` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "serve",
        help="run the HTTP service",
        description="Run the HTTP service (configured by environment variables; see README).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=_port, default=8000, help="TCP port (default 8000)")
    parser.add_argument("--workers", type=_workers, default=1, help="server processes (default 1)")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from accessibility_analyzer.observability.logging import configure_logging  # noqa: PLC0415

    try:
        settings = Settings.from_env()
        configure_logging(settings)
    except SettingsError as error:
        print(f"a11y serve: {error}", file=sys.stderr)
        return 2

    import uvicorn  # noqa: PLC0415 - only `serve` pays for importing the server

    from accessibility_analyzer.api.http_protocol import header_limited_protocol  # noqa: PLC0415

    uvicorn.run(
        _APP_FACTORY,
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_config=None,  # records go to the root logger, formatted by configure_logging
        access_log=False,  # the app writes its own access line, with route and request id
        server_header=False,
        http=header_limited_protocol(settings.max_request_header_bytes),  # 431, not 64 MB read
        timeout_graceful_shutdown=_GRACEFUL_SHUTDOWN_SECONDS,
        timeout_keep_alive=_KEEP_ALIVE_SECONDS,
    )
    return 0
