"""Typed dependencies: how handlers reach the services the lifespans opened.

The lifespans put the database, the file store, the upload limits, the job queue and the
LLM client on ``app.state`` (an untyped bag). Handlers do not read that bag: they declare a
parameter (``database: NamedDependency[Database]``) and get the service from one of these
providers, which check its type, so a missing or misconfigured service fails loudly in one
place. The job queue is a Protocol (arq or in-process): it is ``runtime_checkable`` so that
the provider and Litestar's signature model can check it like a class.
"""

from __future__ import annotations

from typing import Any, Final, TypeVar

from litestar import Request
from litestar.di import Provide

from accessibility_analyzer.jobs.queue import JobQueue
from accessibility_analyzer.llm.client import LLMClient
from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.files import FileStore
from accessibility_analyzer.storage.limits import UploadLimits

__all__ = ["SERVICE_DEPENDENCIES"]

_T = TypeVar("_T")


def _service(request: Request[Any, Any, Any], name: str, kind: type[_T]) -> _T:
    value = request.app.state.get(name)
    if not isinstance(value, kind):
        raise RuntimeError(f"app.state.{name} is not a {kind.__name__}: is its lifespan listed?")
    return value


def provide_database(request: Request[Any, Any, Any]) -> Database:
    """The database opened by the storage lifespan."""
    return _service(request, "database", Database)


def provide_file_store(request: Request[Any, Any, Any]) -> FileStore:
    """The file store opened by the storage lifespan."""
    return _service(request, "file_store", FileStore)


def provide_upload_limits(request: Request[Any, Any, Any]) -> UploadLimits:
    """The upload limits taken from the settings by the storage lifespan."""
    return _service(request, "upload_limits", UploadLimits)


def provide_job_queue(request: Request[Any, Any, Any]) -> JobQueue:
    """The job queue chosen by the jobs lifespan (arq, or analyses in this process)."""
    return _service(request, "job_queue", JobQueue)  # type: ignore[type-abstract]


def provide_llm_client(request: Request[Any, Any, Any]) -> LLMClient | None:
    """The LLM client opened by the LLM lifespan (``None`` in an app started without it)."""
    client = request.app.state.get("llm")
    return None if client is None else _service(request, "llm", LLMClient)


SERVICE_DEPENDENCIES: Final = {
    "database": Provide(provide_database, sync_to_thread=False),
    "file_store": Provide(provide_file_store, sync_to_thread=False),
    "upload_limits": Provide(provide_upload_limits, sync_to_thread=False),
    "job_queue": Provide(provide_job_queue, sync_to_thread=False),
    "llm": Provide(provide_llm_client, sync_to_thread=False),
}
"""Providers by parameter name, registered app-wide by ``create_app``."""
