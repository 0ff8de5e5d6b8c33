"""The client against a fake OpenAI Chat Completions server: answers, retries and their limits."""

from __future__ import annotations

import pytest
from fake_providers import (
    OPENAI_PATH,
    TEST_KEY,
    ClientFactory,
    FakeProvider,
    Reply,
    openai_answer,
    openai_error,
)

from accessibility_analyzer.llm import (
    AuthenticationFailed,
    BadRequest,
    CircuitOpen,
    DeadlineExceeded,
    Image,
    MalformedAnswer,
    ProviderError,
    QuotaExhausted,
    RateLimited,
    Refused,
    StructuredRequest,
    Truncated,
)

FIX = {
    "fixed_html": '<img src="a.png" alt="Team photo">',
    "explanation": "adds alt",
    "confidence": 0.8,
}
ASK_FIX = StructuredRequest(
    schema_name="submit_fix", system="You fix HTML.", user="<img src=a.png>"
)
ANSWER = {"answer": "yes", "reason": "the title names the page"}
ASK_ANSWER = StructuredRequest(schema_name="submit_answer", system="Judge.", user="Is it?")


def _posts(fake: FakeProvider) -> int:
    return fake.count("POST", OPENAI_PATH)


async def test_a_good_answer_is_parsed_validated_and_described(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    fake_provider.script("POST", OPENAI_PATH, openai_answer(FIX))
    client = await make_client("openai")
    answer = await client.structured(ASK_FIX)
    assert answer.data == FIX
    assert (answer.provider, answer.model, answer.attempts) == ("openai", "gpt-test-2024", 1)
    assert (answer.usage.input_tokens, answer.usage.output_tokens) == (40, 12)
    assert answer.latency_seconds > 0
    sent = fake_provider.last("POST", OPENAI_PATH)
    assert sent.headers["authorization"] == f"Bearer {TEST_KEY}"
    assert sent.body["model"] == "gpt-test"
    assert sent.body["temperature"] == 0.0
    assert sent.body["max_completion_tokens"] == 1024
    assert "max_tokens" not in sent.body
    assert sent.body["messages"][0] == {"role": "system", "content": "You fix HTML."}
    assert sent.body["messages"][1] == {"role": "user", "content": "<img src=a.png>"}
    response_format = sent.body["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == "submit_fix"
    assert response_format["json_schema"]["strict"] is True
    assert response_format["json_schema"]["schema"]["additionalProperties"] is False


async def test_malformed_json_is_asked_again_once(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    fake_provider.script("POST", OPENAI_PATH, openai_answer("{not json"), openai_answer(ANSWER))
    client = await make_client("openai")
    answer = await client.structured(ASK_ANSWER)
    assert answer.data == ANSWER
    assert answer.attempts == 2
    reask = fake_provider.last("POST", OPENAI_PATH).body["messages"][-1]
    assert reask["role"] == "user"
    assert "could not be used" in reask["content"]


async def test_an_answer_that_stays_malformed_fails_after_one_reask(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    fake_provider.script("POST", OPENAI_PATH, openai_answer({"answer": "maybe", "reason": "x"}))
    client = await make_client("openai")
    with pytest.raises(MalformedAnswer, match=r"maybe|answer"):
        await client.structured(ASK_ANSWER)
    assert _posts(fake_provider) == 2  # the answer and one re-ask, no transport retries


async def test_429_with_retry_after_is_retried(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    fake_provider.script(
        "POST",
        OPENAI_PATH,
        openai_error(429, "requests", "rate_limit_exceeded", retry_after="1"),
        openai_answer(ANSWER),
    )
    client = await make_client("openai")
    answer = await client.structured(ASK_ANSWER)
    assert answer.attempts == 2
    assert _posts(fake_provider) == 2


async def test_a_retry_after_beyond_the_cap_fails_at_once(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    fake_provider.script(
        "POST", OPENAI_PATH, openai_error(429, "requests", "rate_limit_exceeded", retry_after="120")
    )
    client = await make_client("openai", LLM_RETRY_MAX_SECONDS="30")
    with pytest.raises(RateLimited) as raised:
        await client.structured(ASK_ANSWER)
    assert raised.value.retry_after == 120
    assert _posts(fake_provider) == 1


async def test_500_then_success(make_client: ClientFactory, fake_provider: FakeProvider) -> None:
    fake_provider.script(
        "POST", OPENAI_PATH, openai_error(500, "server_error"), openai_answer(ANSWER)
    )
    client = await make_client("openai")
    assert (await client.structured(ASK_ANSWER)).attempts == 2


@pytest.mark.parametrize("status", [408, 409, 500, 502, 503, 504])
async def test_transient_statuses_are_retried_up_to_the_attempt_limit(
    make_client: ClientFactory, fake_provider: FakeProvider, status: int
) -> None:
    fake_provider.script("POST", OPENAI_PATH, openai_error(status, "server_error"))
    client = await make_client("openai", LLM_MAX_ATTEMPTS="3")
    with pytest.raises(ProviderError) as raised:
        await client.structured(ASK_ANSWER)
    assert raised.value.status == status
    assert _posts(fake_provider) == 3


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (openai_error(400, "invalid_request_error"), BadRequest),
        (openai_error(404, "invalid_request_error", "model_not_found"), BadRequest),
        (openai_error(422, "invalid_request_error"), BadRequest),
        (openai_error(401, "invalid_request_error", "invalid_api_key"), AuthenticationFailed),
        (openai_error(403, "permission_denied"), AuthenticationFailed),
        (openai_error(429, "insufficient_quota", "insufficient_quota"), QuotaExhausted),
        (openai_error(402, "billing"), QuotaExhausted),
        (openai_error(500, "server_error", x_should_retry="false"), ProviderError),
        (openai_answer(FIX, finish_reason="length"), Truncated),
        (openai_answer(FIX, refusal="I can't help with that."), Refused),
        (openai_answer(FIX, finish_reason="content_filter"), Refused),
    ],
)
async def test_permanent_failures_are_not_retried(
    make_client: ClientFactory,
    fake_provider: FakeProvider,
    reply: Reply,
    error: type[ProviderError],
) -> None:
    fake_provider.script("POST", OPENAI_PATH, reply)
    client = await make_client("openai")
    with pytest.raises(error):
        await client.structured(ASK_FIX)
    assert _posts(fake_provider) == 1


async def test_auth_and_quota_failures_open_the_breaker_at_once(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    fake_provider.script("POST", OPENAI_PATH, openai_error(401, "invalid_request_error"))
    client = await make_client("openai", LLM_BREAKER_THRESHOLD="5")
    with pytest.raises(AuthenticationFailed):
        await client.structured(ASK_ANSWER)
    assert await client.breaker_state() == "open"
    with pytest.raises(CircuitOpen):
        await client.structured(ASK_ANSWER)
    assert _posts(fake_provider) == 1  # the second call sent nothing


async def test_a_slow_answer_times_out_and_is_retried(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    fake_provider.script(
        "POST", OPENAI_PATH, Reply(200, {"choices": []}, delay=1.0), openai_answer(ANSWER)
    )
    client = await make_client("openai", read_timeout=0.2)
    answer = await client.structured(ASK_ANSWER)
    assert answer.attempts == 2


async def test_a_hanging_answer_ends_at_the_deadline(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    # Blank lines every 50 ms keep the read timeout from ever firing (DeepSeek under load).
    fake_provider.script("POST", OPENAI_PATH, Reply(hang=True))
    client = await make_client("openai", read_timeout=0.2, LLM_TIMEOUT_SECONDS="0.6")
    with pytest.raises(DeadlineExceeded):
        await client.structured(ASK_ANSWER)
    assert _posts(fake_provider) == 1


async def test_images_go_as_data_uris(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    fake_provider.script("POST", OPENAI_PATH, openai_answer(ANSWER))
    client = await make_client("openai")
    assert client.accepts_images
    request = StructuredRequest(
        schema_name="submit_answer",
        system="Judge.",
        user="Is this image decorative?",
        images=(Image(b"\x89PNG", "image/png"),),
    )
    await client.structured(request)
    content = fake_provider.last("POST", OPENAI_PATH).body["messages"][1]["content"]
    assert content[0] == {"type": "text", "text": "Is this image decorative?"}
    data_uri = "data:image/png;base64,iVBORw=="
    assert content[1] == {"type": "image_url", "image_url": {"url": data_uri}}


async def test_deepseek_gets_json_object_mode_and_the_schema_in_the_prompt(
    make_client: ClientFactory, fake_provider: FakeProvider
) -> None:
    # DeepSeek may answer blank content in JSON mode: that is re-asked like malformed JSON.
    fake_provider.script("POST", OPENAI_PATH, openai_answer("   "), openai_answer(ANSWER))
    client = await make_client("deepseek")
    assert not client.accepts_images
    assert (await client.structured(ASK_ANSWER)).data == ANSWER
    sent = fake_provider.last("POST", OPENAI_PATH).body
    assert sent["response_format"] == {"type": "json_object"}
    assert sent["max_tokens"] == 1024
    assert "JSON schema" in sent["messages"][0]["content"]
    with pytest.raises(ValueError, match="images"):
        await client.structured(
            StructuredRequest(
                schema_name="submit_answer",
                system="s",
                user="u",
                images=(Image(b"x", "image/png"),),
            )
        )


@pytest.mark.parametrize("provider", ["ollama", "vllm"])
async def test_local_servers_need_no_key(
    make_client: ClientFactory, fake_provider: FakeProvider, provider: str
) -> None:
    fake_provider.script("POST", OPENAI_PATH, openai_answer(ANSWER))
    client = await make_client(provider)
    assert (await client.structured(ASK_ANSWER)).provider == provider
    sent = fake_provider.last("POST", OPENAI_PATH)
    assert "authorization" not in sent.headers
    assert sent.body["max_tokens"] == 1024
    assert sent.body["response_format"]["type"] == "json_schema"
