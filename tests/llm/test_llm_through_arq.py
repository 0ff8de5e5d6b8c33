"""Suggestions and oracle answers through a real ``a11y worker`` process, Valkey and the fake
provider: the worker's LLM client, the cache shared with the API, the oracle's second pass.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_providers import OPENAI_PATH, FakeProvider, openai_answer
from litestar import Litestar
from litestar.testing import AsyncTestClient

from accessibility_analyzer.api.app import create_app
from accessibility_analyzer.settings import Settings

pytestmark = [pytest.mark.valkey, pytest.mark.slow]

ALICE = {"X-API-Key": "alice-key-123"}
Client = AsyncTestClient[Litestar]
PAGE = b"""<!DOCTYPE html><html lang="en"><head><title>Our team</title></head><body>
<main><h1>Our team</h1><p>We build accessible things.</p>
<img src="team.png"><img src="cat.png" alt="IMG_2041">
</main></body></html>"""
GOOD_FIX = '<img src="team.png" alt="The team in front of the office">'


@pytest.fixture
def settings(
    settings_factory: Callable[..., Settings],
    provider_env: Callable[..., dict[str, str]],
    valkey_url: str,
) -> Settings:
    return settings_factory(
        API_KEYS="alice:alice-key-123",
        VALKEY_URL=valkey_url,
        JOB_QUEUE_NAME=f"a11y-llm-{uuid.uuid4().hex[:12]}",
        WORKER_HEALTH_CHECK_INTERVAL_SECONDS="1",
        **provider_env("openai"),
    )


@pytest.fixture
def worker(settings: Settings, tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """One ``a11y worker`` with the same settings as the API (its own process group)."""
    environment = {
        **os.environ,
        "DATA_DIR": settings.data_dir,
        "DATABASE_URL": settings.database_url,
        "VALKEY_URL": settings.valkey_url or "",
        "VALKEY_NAMESPACE": settings.valkey_namespace,
        "JOB_QUEUE_NAME": settings.job_queue_name,
        "WORKER_HEALTH_CHECK_INTERVAL_SECONDS": "1",
        "ENGINE_PROCESSES": "1",
        "LOG_JSON_FORMAT": "false",
        "LLM_PROVIDER": "openai",
        "LLM_MODEL": str(settings.llm_model),
        "OPENAI_BASE_URL": str(settings.openai_base_url),
        "OPENAI_API_KEY": "sk-test-secret-key-0123",
    }
    log = (tmp_path / "worker.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "accessibility_analyzer", "worker"],
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    yield process
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    log.close()


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[Client]:
    async with AsyncTestClient(app=create_app(settings)) as test_client:
        yield test_client


async def finished(client: Client, analysis_id: str, within: float = 90) -> dict[str, Any]:
    deadline = time.monotonic() + within
    while True:
        state = (await client.get(f"/api/v1/analyses/{analysis_id}", headers=ALICE)).json()
        progress = state.get("suggestions")
        if state["status"] == "failed" or (
            state["status"] == "completed"
            and (progress is None or progress["total"] == progress["done"])
        ):
            return dict(state)
        assert time.monotonic() < deadline, state
        await asyncio.sleep(0.1)


async def test_a_worker_suggests_and_answers_and_the_api_reuses_its_cache(
    client: Client,
    worker: subprocess.Popen[bytes],
    fake_provider: FakeProvider,
    tmp_path: Path,
) -> None:
    fake_provider.script(
        "POST",
        OPENAI_PATH,
        openai_answer({"answer": "no", "reason": "a camera file name"}),
        openai_answer({"fixed_html": GOOD_FIX, "explanation": "alt added", "confidence": 0.9}),
    )
    session = (await client.post("/api/v1/sessions", json={}, headers=ALICE)).json()["id"]
    upload = await client.post(
        f"/api/v1/sessions/{session}/documents",
        files={"files": ("index.html", PAGE, "text/html")},
        headers=ALICE,
    )
    assert upload.status_code == 201
    started = await client.post(
        f"/api/v1/sessions/{session}/analyses",
        json={
            "rules": ["image-alt", "image-alt-descriptive"],
            "oracle": "llm",
            "suggestions": True,
        },
        headers=ALICE,
    )
    analysis = await finished(client, started.json()["id"])
    log = (tmp_path / "worker.log").read_text()
    assert analysis["status"] == "completed", log

    items = (await client.get(f"/api/v1/analyses/{analysis['id']}/findings", headers=ALICE)).json()[
        "items"
    ]
    judged = [f for f in items if f["ruleId"] == "image-alt-descriptive"]
    assert [(f["outcome"], f["mode"]) for f in judged] == [("failed", "semiAuto")], log
    failed = [f for f in items if f["outcome"] == "failed"]
    assert analysis["suggestions"] == {"done": len(failed), "total": len(failed)}
    requests_by_worker = fake_provider.count("POST", OPENAI_PATH)

    image = next(f for f in items if f["ruleId"] == "image-alt")
    again = await client.post(
        f"/api/v1/analyses/{analysis['id']}/findings/{image['id']}/suggestion", headers=ALICE
    )
    body = again.json()
    assert body["validated"] is True and body["fixedHtml"] == GOOD_FIX, body
    assert body["cached"] is True  # the worker's answer, from the cache in Valkey
    assert fake_provider.count("POST", OPENAI_PATH) == requests_by_worker
