"""Per-request code runs on the event loop: no guard, hook or handler hops to a thread.

Litestar runs a plain function guard, ``before_request`` hook or handler through
``anyio.to_thread`` (a thread hop on every request, which queues behind the database's
threads under load); only coroutines and dependencies marked ``sync_to_thread=False`` stay
on the loop.
"""

from __future__ import annotations

from litestar import Litestar
from litestar.handlers import HTTPRouteHandler
from litestar.utils.sync import AsyncCallable


def _api_handlers(app: Litestar) -> list[HTTPRouteHandler]:
    return [
        handler
        for route in app.routes
        if route.path.startswith("/api/")
        for handler in getattr(route, "route_handlers", ())
        if isinstance(handler, HTTPRouteHandler)
    ]


def test_api_guards_and_hooks_run_on_the_event_loop(app: Litestar) -> None:
    api = _api_handlers(app)
    assert api, "no /api handlers found"
    for handler in api:
        for guard in handler.resolve_guards():
            assert not isinstance(guard, AsyncCallable), f"{handler}: {guard.func} runs on a thread"
        assert not handler.has_sync_callable or not handler.sync_to_thread, f"{handler} on a thread"
        hook = handler.resolve_before_request()
        assert not isinstance(hook, AsyncCallable), f"{handler}: before_request runs on a thread"
