"""The two answer schemas, JSON extraction, and the LLM settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jsonschema
import msgspec
import pytest

from accessibility_analyzer.llm import LLMClient, LLMUnavailable, MalformedAnswer, StructuredRequest
from accessibility_analyzer.llm.client import parse_json_object
from accessibility_analyzer.llm.providers.base import retry_after_seconds
from accessibility_analyzer.llm.schemas import SCHEMAS, SUBMIT_ANSWER, SUBMIT_FIX
from accessibility_analyzer.settings import Settings, SettingsError

GOOD: dict[str, list[dict[str, Any]]] = {
    "submit_fix": [{"fixed_html": "<p>x</p>", "explanation": "e", "confidence": 1}],
    "submit_answer": [{"answer": answer, "reason": "r"} for answer in ("yes", "no", "cannot_tell")],
}
BAD: dict[str, list[dict[str, Any]]] = {
    "submit_fix": [
        {"fixed_html": "<p>x</p>", "explanation": "e"},
        {"fixed_html": "<p>x</p>", "explanation": "e", "confidence": "high"},
        {"fixed_html": "<p>x</p>", "explanation": "e", "confidence": 0.5, "extra": 1},
    ],
    "submit_answer": [
        {"answer": "maybe", "reason": "r"},
        {"answer": "yes"},
        {"answer": "yes", "reason": "r", "confidence": 1},
    ],
}


@pytest.mark.parametrize("name", ["submit_fix", "submit_answer"])
def test_json_schema_and_validator_agree(name: str) -> None:
    schema = SCHEMAS[name]  # type: ignore[index]
    jsonschema.Draft202012Validator.check_schema(schema.json_schema)
    for value in GOOD[name]:
        jsonschema.validate(value, schema.json_schema)
        assert schema.validate(value) == value
    for value in BAD[name]:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(value, schema.json_schema)
        with pytest.raises(msgspec.ValidationError):
            schema.validate(value)


def test_schemas_follow_strict_mode_rules() -> None:
    for schema in (SUBMIT_FIX, SUBMIT_ANSWER):
        body = schema.json_schema
        assert body["type"] == "object"
        assert body["additionalProperties"] is False
        assert sorted(body["required"]) == sorted(body["properties"])


@pytest.mark.parametrize(
    "text",
    [
        '{"answer": "yes", "reason": "r"}',
        '\n\n\n  {"answer": "yes", "reason": "r"}',
        '```json\n{"answer": "yes", "reason": "r"}\n```',
        'Here you go: {"answer": "yes", "reason": "r"} Hope it helps.',
    ],
)
def test_json_is_found_in_what_models_wrap_around_it(text: str) -> None:
    assert parse_json_object(text, "x") == {"answer": "yes", "reason": "r"}


@pytest.mark.parametrize("text", ["", "   ", "yes", "[1, 2]", "{broken"])
def test_no_json_object_is_malformed(text: str) -> None:
    with pytest.raises(MalformedAnswer):
        parse_json_object(text, "x")


def test_retry_after_forms() -> None:
    assert retry_after_seconds({"retry-after-ms": "250"}) == 0.25
    assert retry_after_seconds({"retry-after": "3"}) == 3.0
    assert retry_after_seconds({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}) == 0.0
    assert retry_after_seconds({"retry-after": "soon"}) is None
    assert retry_after_seconds({}) is None


def test_llm_settings_defaults(settings_factory: Callable[..., Settings]) -> None:
    settings = settings_factory()
    assert settings.llm_timeout_seconds == 60
    assert settings.llm_max_attempts == 3
    assert settings.llm_retry_initial_seconds == 1.0
    assert settings.llm_retry_max_seconds == 30
    assert settings.llm_breaker_threshold == 5
    assert settings.llm_breaker_recovery_seconds == 30
    assert settings.llm_max_concurrency == 4


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("LLM_TIMEOUT_SECONDS", "0", "LLM_TIMEOUT_SECONDS: expected a number > 0, got '0'"),
        ("LLM_MAX_ATTEMPTS", "many", "LLM_MAX_ATTEMPTS: expected an integer >= 1 and <= 20"),
        ("LLM_BREAKER_THRESHOLD", "0", "LLM_BREAKER_THRESHOLD: expected an integer >= 1"),
        ("LLM_MAX_CONCURRENCY", "-1", "LLM_MAX_CONCURRENCY: expected an integer >= 1"),
        ("OPENAI_BASE_URL", "api.openai.com", "OPENAI_BASE_URL: expected an http:// or https://"),
        ("LLM_PROVIDER", "gemini", "LLM_PROVIDER: expected one of anthropic, deepseek, ollama"),
    ],
)
def test_llm_settings_errors_are_one_line(
    settings_factory: Callable[..., Settings], variable: str, value: str, message: str
) -> None:
    with pytest.raises(SettingsError) as raised:
        settings_factory(**{variable: value})
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("env", "reason"),
    [
        ({}, "LLM_PROVIDER is unset"),
        ({"LLM_PROVIDER": "openai"}, "needs LLM_MODEL"),
        ({"LLM_PROVIDER": "openai", "LLM_MODEL": "m"}, "needs OPENAI_API_KEY"),
        ({"LLM_PROVIDER": "anthropic", "LLM_MODEL": "m"}, "needs ANTHROPIC_API_KEY"),
        ({"LLM_PROVIDER": "deepseek", "LLM_MODEL": "m"}, "needs DEEPSEEK_API_KEY"),
        ({"LLM_PROVIDER": "replicate", "LLM_MODEL": "a/b"}, "needs REPLICATE_API_TOKEN"),
        ({"LLM_PROVIDER": "ollama", "LLM_MODEL": "m"}, "needs OPENAI_BASE_URL"),
    ],
)
async def test_an_unconfigured_client_says_why_and_sends_nothing(
    settings_factory: Callable[..., Settings], env: dict[str, str], reason: str
) -> None:
    client = LLMClient.from_settings(settings_factory(**env))
    assert not client.available
    assert reason in client.unavailable_reason
    with pytest.raises(LLMUnavailable, match=reason):
        await client.structured(StructuredRequest(schema_name="submit_fix", system="s", user="u"))
    await client.aclose()


def test_keys_do_not_show_in_the_client_or_its_adapter(
    settings_factory: Callable[..., Settings],
) -> None:
    settings = settings_factory(
        LLM_PROVIDER="openai", LLM_MODEL="m", OPENAI_API_KEY="sk-very-secret-value"
    )
    client = LLMClient.from_settings(settings)
    assert "very-secret" not in repr(vars(client))
    assert "very-secret" not in repr(vars(client._adapter))
