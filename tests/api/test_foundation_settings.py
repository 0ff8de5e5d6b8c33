"""Settings: defaults, parsing, one-line errors naming the variable, secrets kept out of sight."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from accessibility_analyzer.settings import Secret, Settings, SettingsError


def test_defaults_follow_the_design_table(tmp_path: Path) -> None:
    settings = Settings.from_env({"DATA_DIR": str(tmp_path)})
    assert settings.data_dir == str(tmp_path.resolve())
    assert settings.database_url == f"sqlite+aiosqlite:///{tmp_path.resolve()}/a11y.db"
    assert settings.valkey_url is None
    assert settings.api_keys == ()
    assert settings.api_open
    assert settings.session_expiry_hours == 24
    assert (settings.cleanup_interval_seconds, settings.max_file_age_hours) == (3600, 48)
    assert (settings.cache_enabled, settings.cache_ttl_seconds) == (True, 3600)
    assert (settings.log_level, settings.log_file, settings.log_json_format) == ("INFO", None, True)
    assert settings.sentry_dsn is None
    assert settings.llm_provider is None
    assert settings.rate_limit_per_minute == 600
    assert settings.health_check_timeout_seconds == 1.0


def test_relative_data_dir_becomes_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_env({"DATA_DIR": "./store"})
    assert settings.data_path == tmp_path.resolve() / "store"


def test_values_are_parsed_and_choices_ignore_case() -> None:
    settings = Settings.from_env(
        {
            "SESSION_EXPIRY_HOURS": "0.5",
            "CACHE_ENABLED": "FALSE",
            "LOG_LEVEL": "debug",
            "LLM_PROVIDER": "OpenAI",
            "SENTRY_TRACES_SAMPLE_RATE": "0.25",
            "LOG_JSON_FORMAT": "0",
        }
    )
    assert settings.session_expiry_hours == 0.5
    assert settings.cache_enabled is False
    assert settings.log_level == "DEBUG"
    assert settings.llm_provider == "openai"
    assert settings.sentry_traces_sample_rate == 0.25
    assert settings.log_json_format is False


def test_empty_values_count_as_unset() -> None:
    settings = Settings.from_env({"SESSION_EXPIRY_HOURS": "  ", "VALKEY_URL": ""})
    assert settings.session_expiry_hours == 24
    assert settings.valkey_url is None


def test_redis_url_is_accepted_when_valkey_url_is_unset() -> None:
    assert Settings.from_env({"REDIS_URL": "redis://cache:6379/1"}).valkey_url == (
        "redis://cache:6379/1"
    )
    both = Settings.from_env({"REDIS_URL": "redis://old:6379", "VALKEY_URL": "valkey://new:6379"})
    assert both.valkey_url == "valkey://new:6379"


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("SESSION_EXPIRY_HOURS", "abc", "SESSION_EXPIRY_HOURS: expected a number > 0, got 'abc'"),
        ("SESSION_EXPIRY_HOURS", "-1", "SESSION_EXPIRY_HOURS: expected a number > 0, got '-1'"),
        (
            "LOG_LEVEL",
            "loud",
            "LOG_LEVEL: expected one of CRITICAL, DEBUG, ERROR, INFO, WARNING, got 'loud'",
        ),
        ("CACHE_ENABLED", "maybe", "CACHE_ENABLED: expected true or false, got 'maybe'"),
        ("CACHE_TTL_SECONDS", "1.5", "CACHE_TTL_SECONDS: expected an integer >= 1, got '1.5'"),
        (
            "SENTRY_TRACES_SAMPLE_RATE",
            "2",
            "SENTRY_TRACES_SAMPLE_RATE: expected a number >= 0 and <= 1, got '2'",
        ),
        ("HEALTH_CHECK_TIMEOUT_SECONDS", "nan", "HEALTH_CHECK_TIMEOUT_SECONDS: expected"),
        ("VALKEY_URL", "http://cache:6379", "VALKEY_URL: expected a URL starting with"),
        ("REDIS_URL", "cache:6379", "REDIS_URL: expected a URL starting with"),
        ("DATABASE_URL", "a11y.db", "DATABASE_URL: expected a database URL"),
        ("LLM_PROVIDER", "skynet", "LLM_PROVIDER: expected one of anthropic, deepseek"),
        ("VALKEY_NAMESPACE", "a b", "VALKEY_NAMESPACE: expected text matching"),
    ],
)
def test_a_bad_value_is_one_line_naming_the_variable(
    variable: str, value: str, expected: str
) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({variable: value})
    message = str(caught.value)
    assert message.startswith(expected)
    assert "\n" not in message


def test_api_keys_named_and_unnamed_entries() -> None:
    settings = Settings.from_env({"API_KEYS": "ci:ci-key-0001, plainkey-0002 ,"})
    named, unnamed = settings.api_keys
    assert named.identity == "ci"
    assert named.key.reveal() == "ci-key-0001"
    digest = hashlib.sha256(b"plainkey-0002").hexdigest()
    assert unnamed.identity == f"key-{digest[:12]}"
    assert "plainkey-0002" not in unnamed.identity
    assert not settings.api_open


@pytest.mark.parametrize(
    "value",
    [
        "ci:short",  # key too short
        "bad name:long-enough-key",  # space in the name
        "a:long-enough-key,b:long-enough-key",  # duplicate key
        "a:long-enough-key-1,a:long-enough-key-2",  # duplicate name
    ],
)
def test_bad_api_keys_never_echo_the_key(value: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({"API_KEYS": value})
    message = str(caught.value)
    assert message.startswith("API_KEYS:")
    assert "long-enough-key" not in message
    assert "short" not in message.split("expected", maxsplit=1)[0]


def test_secrets_stay_out_of_repr_and_errors() -> None:
    env = {
        "API_KEYS": "ci:top-secret-api-key",
        "OPENAI_API_KEY": "sk-live-secret-value",
        "SENTRY_DSN": "https://public@sentry.example/1",
    }
    settings = Settings.from_env(env)
    shown = repr(settings) + str(settings)
    for secret in ("top-secret-api-key", "sk-live-secret-value", "public@sentry"):
        assert secret not in shown
    assert isinstance(settings.openai_api_key, Secret)
    assert settings.openai_api_key.reveal() == "sk-live-secret-value"
    assert settings.configured_llm_providers() == ("openai",)


def test_settings_are_immutable() -> None:
    settings = Settings.from_env({})
    with pytest.raises(AttributeError):
        settings.log_level = "DEBUG"  # type: ignore[misc]
