"""Client instrumentations: outgoing HTTP (LLM providers) and database calls.

Valkey calls are not traced: the official instrumentation does not exist yet and the Redis one
does not see valkey-py (it would only trace arq's polling, about 16 spans a second per idle
worker, which is noise).
"""

from __future__ import annotations

from opentelemetry import metrics, trace
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer
from opentelemetry.instrumentation.sqlalchemy.version import __version__ as sqlalchemy_version
from opentelemetry.trace import TracerProvider
from sqlalchemy.ext.asyncio import AsyncEngine

from accessibility_analyzer.observability.otel_plugin import ensure_semconv_opt_in

_ENGINE_MARK = "_a11y_otel_traced"
_SQLALCHEMY_SCOPE = "opentelemetry.instrumentation.sqlalchemy"


def instrument_httpx(tracer_provider: TracerProvider | None = None) -> None:
    """Trace every httpx client of the process (a CLIENT span per request); idempotent."""
    instrumentor = HTTPXClientInstrumentor()
    if not instrumentor.is_instrumented_by_opentelemetry:
        ensure_semconv_opt_in()
        instrumentor.instrument(tracer_provider=tracer_provider)


def instrument_database(engine: AsyncEngine) -> None:
    """Trace the statements ``engine`` executes (one span per execute/executemany).

    Call it right after creating the engine; calling it again for the same engine does
    nothing. Spans go to the global tracer provider, so they appear once telemetry is set up
    and cost next to nothing before. (``SQLAlchemyInstrumentor().instrument(engine=...)``
    is a process-wide singleton that would instrument only the first engine and patch
    ``create_engine`` globally, hence the engine-level tracer.)
    """
    sync_engine = engine.sync_engine
    if getattr(sync_engine, _ENGINE_MARK, False):
        return
    ensure_semconv_opt_in()
    tracer = trace.get_tracer(_SQLALCHEMY_SCOPE, sqlalchemy_version)
    connections = metrics.get_meter(_SQLALCHEMY_SCOPE, sqlalchemy_version).create_up_down_counter(
        "db.client.connections.usage", unit="{connection}", description="Connections in use."
    )
    EngineTracer(tracer, sync_engine, connections)  # type: ignore[no-untyped-call]
    setattr(sync_engine, _ENGINE_MARK, True)
