"""What ``create_app()`` mounts besides the foundation's own routes.

To add a part of the API, import its controller here and add it to ``API_ROUTES`` (one line).
Everything in ``API_ROUTES`` is mounted under ``/api`` by one router that requires the API key
and applies the rate limit, so a controller declares its path *relative to /api*::

    class SessionController(Controller):
        path = "/v1/sessions"           # served at /api/v1/sessions
        tags = ("sessions",)

To run code at start-up and shutdown (migrations, queues, background tasks, registering health
checks), add an async context manager factory taking the app to ``LIFESPANS``. They run in
order, after the foundation's own, so ``app.state.settings``, ``app.state.cache`` and
``app.state.health`` are ready::

    @contextlib.asynccontextmanager
    async def storage_lifespan(app: Litestar) -> AsyncIterator[None]:
        app.state.health.register(HealthCheck(name="database", check=..., critical=True))
        yield
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

from litestar import Litestar
from litestar.types import ControllerRouterHandler

from accessibility_analyzer.api.controllers.analyses import AnalysesController
from accessibility_analyzer.api.controllers.documents import DocumentController
from accessibility_analyzer.api.controllers.rules import RuleController
from accessibility_analyzer.api.controllers.sessions import SessionController
from accessibility_analyzer.api.controllers.suggestions import SuggestionController
from accessibility_analyzer.api.llm_lifespan import llm_lifespan
from accessibility_analyzer.api.storage_lifespan import storage_lifespan
from accessibility_analyzer.jobs.lifespan import analysis_jobs

__all__ = ["API_ROUTES", "LIFESPANS", "Lifespan"]

Lifespan = Callable[[Litestar], AbstractAsyncContextManager[None]]

API_ROUTES: tuple[ControllerRouterHandler, ...] = (
    SessionController,
    DocumentController,
    AnalysesController,
    RuleController,
    SuggestionController,
)

# Storage first: later lifespans use app.state.database; the LLM client before the jobs,
# which use it for suggestions and oracle answers.
LIFESPANS: tuple[Lifespan, ...] = (storage_lifespan, llm_lifespan, analysis_jobs)
