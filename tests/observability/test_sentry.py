"""Sentry: errors reach the transport with the OTel trace id, the identity, and no secrets."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest
import sentry_sdk
from litestar import Router, post
from litestar.testing import AsyncTestClient
from opentelemetry.trace import SpanKind, format_trace_id
from otel_memory import Telemetry
from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import Transport

from accessibility_analyzer.api.app import create_app
from accessibility_analyzer.api.auth import require_api_key
from accessibility_analyzer.observability.sentry import RELEASE, EventScrubber, init_sentry

API_KEY = "sentry-test-key-0123456789"
BODY_SECRET = "uploaded page contents that must stay private"


class CaptureTransport(Transport):
    """Keeps envelopes in memory instead of sending them."""

    envelopes: ClassVar[list[Envelope]] = []

    def capture_envelope(self, envelope: Envelope) -> None:
        CaptureTransport.envelopes.append(envelope)


@pytest.fixture
def captured() -> Iterator[list[Envelope]]:
    CaptureTransport.envelopes = []
    yield CaptureTransport.envelopes
    sentry_sdk.get_client().close()
    # Back to an inactive client without integrations for the tests that follow.
    sentry_sdk.init(default_integrations=False, auto_enabling_integrations=False)


def _events(envelopes: list[Envelope]) -> list[dict[str, Any]]:
    events = []
    for envelope in envelopes:
        for item in envelope.items:
            if item.type == "event" and item.payload.json is not None:
                events.append(item.payload.json)
    return events


def test_without_a_dsn_sentry_stays_off(settings) -> None:
    """No SENTRY_DSN: init_sentry does nothing and reports it."""
    assert init_sentry(settings) is False


async def test_error_reaches_sentry_with_trace_id_and_identity_but_no_key(
    telemetry: Telemetry, settings_factory, captured: list[Envelope]
) -> None:
    """An unexpected error in a handler becomes one scrubbed Sentry event linked to its trace."""
    settings = settings_factory(
        API_KEYS=f"ci-robot:{API_KEY}", SENTRY_ENVIRONMENT="test", RATE_LIMIT_PER_MINUTE="0"
    )
    assert init_sentry(settings, transport=CaptureTransport())

    @post("/_test/explode", sync_to_thread=False, status_code=200)
    def explode() -> None:
        raise RuntimeError("boom: the handler failed")

    app = create_app(settings)
    # Mounted like the real API: under /api, behind the API-key guard that sets the identity.
    app.register(Router("/api", route_handlers=[explode], guards=[require_api_key]))
    async with AsyncTestClient(app=app) as client:
        response = await client.post(
            "/api/_test/explode",
            content=BODY_SECRET,
            headers={"X-API-Key": API_KEY, "Cookie": "session=cookie-secret"},
        )
    assert response.status_code == 500
    assert API_KEY not in response.text
    sentry_sdk.flush()

    (span,) = [
        s for s in telemetry.finished_spans() if s.kind is SpanKind.SERVER and "explode" in s.name
    ]
    events = [e for e in _events(captured) if "boom" in json.dumps(e)]
    assert len(events) == 1, "one event per error (the error log line is not a second one)"
    raw = json.dumps(events)
    assert API_KEY not in raw
    assert BODY_SECRET not in raw
    assert "cookie-secret" not in raw
    event = events[0]
    assert event["contexts"]["trace"]["trace_id"] == format_trace_id(span.context.trace_id)
    assert event["user"] == {"id": "ci-robot"}
    assert event["release"] == RELEASE
    assert event["environment"] == "test"
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert not sentry_sdk.get_client().options["send_default_pii"]


def test_scrubber_removes_credentials_bodies_and_personal_data() -> None:
    """before_send drops bodies and cookies, masks auth headers and any known secret value."""
    scrub = EventScrubber([API_KEY])
    event: Any = {
        "request": {
            "data": BODY_SECRET,
            "cookies": {"session": "x"},
            "headers": {
                "Authorization": f"Bearer {API_KEY}",
                "X-Api-Key": API_KEY,
                "Accept": "*/*",
            },
        },
        "user": {"id": "ci-robot", "ip_address": "10.0.0.1", "email": "a@b.c"},
        "breadcrumbs": {"values": [{"message": f"called with {API_KEY}"}]},
    }
    result = scrub(event, {})
    assert result is not None
    assert "data" not in result["request"]
    assert "cookies" not in result["request"]
    assert result["request"]["headers"] == {
        "Authorization": "[Filtered]",
        "X-Api-Key": "[Filtered]",
        "Accept": "*/*",
    }
    assert result["user"] == {"id": "ci-robot"}
    assert API_KEY not in json.dumps(result)


@pytest.mark.timeout(60)  # the bug this guards against made the upload hang
async def test_sentry_leaves_request_bodies_to_the_handlers(
    settings_factory, captured: list[Envelope]
) -> None:
    """With Sentry on, a streamed upload still works and malformed JSON is still a 400.

    (Sentry's Litestar integration would otherwise parse every request body up front: it
    turned malformed JSON into a 500 and consumed upload streams before the handler.)
    """
    settings = settings_factory()
    assert init_sentry(settings, transport=CaptureTransport())
    page = b"<!doctype html><html lang=en><title>t</title><img src=a.png></html>"
    async with AsyncTestClient(app=create_app(settings)) as client:
        created = await client.post("/api/v1/sessions", json={"name": "sentry"})
        assert created.status_code == 201, created.text
        session_id = created.json()["id"]
        uploaded = await client.post(
            f"/api/v1/sessions/{session_id}/documents",
            files={"files": ("index.html", page, "text/html")},
        )
        assert uploaded.status_code == 201, uploaded.text
        malformed = await client.post(
            "/api/v1/sessions", content=b"{not json", headers={"Content-Type": "application/json"}
        )
        assert malformed.status_code == 400, malformed.text
        assert malformed.headers["content-type"].startswith("application/problem+json")
