"""The client against fake Anthropic Messages and Replicate predictions servers."""

from __future__ import annotations

import pytest
from fake_providers import (
    ANTHROPIC_PATH,
    TEST_KEY,
    ClientFactory,
    FakeProvider,
    Reply,
    anthropic_answer,
    anthropic_error,
    json_chunks,
    prediction,
)

from accessibility_analyzer.llm import (
    BadRequest,
    Image,
    ProviderError,
    QuotaExhausted,
    RateLimited,
    Refused,
    StructuredRequest,
    Truncated,
)

FIX = {"fixed_html": "<button>Save</button>", "explanation": "a real button", "confidence": 0.9}
ASK_FIX = StructuredRequest(
    schema_name="submit_fix", system="You fix HTML.", user="<div>Save</div>"
)
CREATE = "/v1/models/meta/test-llm/predictions"


async def test_anthropic_answer_comes_from_the_forced_tool_call(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    fake_provider.script("POST", ANTHROPIC_PATH, anthropic_answer(FIX))
    client = await make_client("anthropic")
    answer = await client.structured(
        StructuredRequest(
            schema_name="submit_fix",
            system="You fix HTML.",
            user="<div>Save</div>",
            images=(Image(b"GIF89a", "image/gif"),),
            max_tokens=300,
        )
    )
    assert answer.data == FIX
    assert (answer.provider, answer.model) == ("anthropic", "claude-test-20250929")
    assert (answer.usage.input_tokens, answer.usage.output_tokens) == (50, 20)
    sent = fake_provider.last("POST", ANTHROPIC_PATH)
    assert sent.headers["x-api-key"] == TEST_KEY
    assert sent.headers["anthropic-version"] == "2023-06-01"
    assert "authorization" not in sent.headers
    assert sent.body["system"] == "You fix HTML."
    assert sent.body["max_tokens"] == 300
    assert sent.body["tool_choice"] == {"type": "tool", "name": "submit_fix"}
    assert sent.body["tools"][0]["name"] == "submit_fix"
    assert sent.body["tools"][0]["input_schema"]["required"] == [
        "fixed_html",
        "explanation",
        "confidence",
    ]
    image = sent.body["messages"][0]["content"][1]
    assert image == {
        "type": "image",
        "source": {"type": "base64", "media_type": "image/gif", "data": "R0lGODlh"},
    }


async def test_anthropic_529_then_200(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    fake_provider.script(
        "POST", ANTHROPIC_PATH, anthropic_error(529, "overloaded_error"), anthropic_answer(FIX)
    )
    client = await make_client("anthropic")
    assert (await client.structured(ASK_FIX)).attempts == 2
    assert fake_provider.count("POST", ANTHROPIC_PATH) == 2


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (anthropic_answer(FIX, stop_reason="max_tokens"), Truncated),
        (anthropic_answer(FIX, stop_reason="refusal"), Refused),
        (anthropic_error(402, "billing_error"), QuotaExhausted),
        (anthropic_error(400, "invalid_request_error"), BadRequest),
        (Reply(413, "<html><body>413 Request Entity Too Large</body></html>"), BadRequest),
        (anthropic_error(500, "api_error", x_should_retry="false"), ProviderError),
    ],
)
async def test_anthropic_permanent_failures_are_not_retried(
    make_client: ClientFactory,
    fake_provider: FakeProvider,
    reply: Reply,
    error: type[ProviderError],
) -> None:
    fake_provider.script("POST", ANTHROPIC_PATH, reply)
    client = await make_client("anthropic")
    with pytest.raises(error):
        await client.structured(ASK_FIX)
    assert fake_provider.count("POST", ANTHROPIC_PATH) == 1


async def test_anthropic_spend_limit_429_is_quota_not_rate_limit(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    body = {
        "type": "error",
        "error": {
            "type": "rate_limit_error",
            "message": "spend limit",
            "details": {"error_code": "enforced_spend_limit_reached"},
        },
    }
    fake_provider.script("POST", ANTHROPIC_PATH, Reply(429, body, headers={"retry-after": "1"}))
    client = await make_client("anthropic")
    with pytest.raises(QuotaExhausted):
        await client.structured(ASK_FIX)
    assert fake_provider.count("POST", ANTHROPIC_PATH) == 1


async def test_replicate_create_then_poll_until_succeeded(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    fake_provider.script("POST", CREATE, prediction("p1", "starting"))
    fake_provider.script(
        "GET",
        "/v1/predictions/p1",
        prediction("p1", "processing", http_status=200),
        prediction("p1", "succeeded", output=json_chunks(FIX), http_status=200),
    )
    client = await make_client("replicate")
    answer = await client.structured(ASK_FIX)
    assert answer.data == FIX
    assert (answer.provider, answer.model, answer.attempts) == ("replicate", "meta/test-llm", 1)
    assert fake_provider.count("POST", CREATE) == 1
    assert fake_provider.count("GET", "/v1/predictions/p1") == 2
    sent = fake_provider.last("POST", CREATE)
    assert sent.headers["authorization"] == f"Bearer {TEST_KEY}"
    assert sent.headers["prefer"].startswith("wait")
    assert sent.body["input"]["system_prompt"] == "You fix HTML."
    assert "JSON schema" in sent.body["input"]["prompt"]


async def test_replicate_failed_prediction_is_not_run_again(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    fake_provider.script("POST", CREATE, prediction("p2", "processing"))
    fake_provider.script(
        "GET", "/v1/predictions/p2", prediction("p2", "failed", error="CUDA OOM", http_status=200)
    )
    client = await make_client("replicate")
    with pytest.raises(ProviderError, match="CUDA OOM") as raised:
        await client.structured(ASK_FIX)
    assert not raised.value.counts_for_breaker
    assert fake_provider.count("POST", CREATE) == 1


async def test_replicate_create_is_retried_when_no_run_started(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    fake_provider.script(
        "POST",
        CREATE,
        Reply(503, {"detail": "unavailable"}),
        Reply(429, {"detail": "Request was throttled."}, headers={"retry-after": "1"}),
        prediction("p3", "succeeded", output=json_chunks(FIX)),
    )
    client = await make_client("replicate")
    assert (await client.structured(ASK_FIX)).attempts == 3
    assert fake_provider.count("POST", CREATE) == 3


async def test_replicate_create_that_may_have_started_is_never_repeated(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    # The answer comes too late: the run may exist, so a second create could pay twice.
    fake_provider.script("POST", CREATE, Reply(201, {"id": "p4"}, delay=1.0))
    client = await make_client("replicate", read_timeout=0.2)
    with pytest.raises(ProviderError, match="not retried") as raised:
        await client.structured(ASK_FIX)
    assert not raised.value.transient
    assert fake_provider.count("POST", CREATE) == 1


async def test_replicate_5xx_naming_a_prediction_is_not_repeated(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    fake_provider.script("POST", CREATE, Reply(500, {"id": "p5", "detail": "oops"}))
    client = await make_client("replicate")
    with pytest.raises(ProviderError):
        await client.structured(ASK_FIX)
    assert fake_provider.count("POST", CREATE) == 1


async def test_replicate_polls_through_a_flaky_get(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    fake_provider.script("POST", CREATE, prediction("p6", "starting"))
    fake_provider.script(
        "GET",
        "/v1/predictions/p6",
        Reply(503, {"detail": "unavailable"}),
        prediction("p6", "succeeded", output=json_chunks(FIX), http_status=200),
    )
    client = await make_client("replicate")
    assert (await client.structured(ASK_FIX)).data == FIX
    assert fake_provider.count("POST", CREATE) == 1
    assert fake_provider.count("GET", "/v1/predictions/p6") == 2


async def test_replicate_pinned_version_uses_the_predictions_endpoint(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    fake_provider.script(
        "POST", "/v1/predictions", prediction("p7", "succeeded", output=json_chunks(FIX))
    )
    client = await make_client("replicate", LLM_MODEL="meta/test-llm:" + "a" * 64)
    assert (await client.structured(ASK_FIX)).data == FIX
    assert fake_provider.last("POST", "/v1/predictions").body["version"] == "a" * 64


async def test_replicate_rate_limit_beyond_cap_fails_fast(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    slow_down = Reply(429, {"detail": "slow down"}, headers={"retry-after": "90"})
    fake_provider.script("POST", CREATE, slow_down)
    client = await make_client("replicate")
    with pytest.raises(RateLimited):
        await client.structured(ASK_FIX)
    assert fake_provider.count("POST", CREATE) == 1
