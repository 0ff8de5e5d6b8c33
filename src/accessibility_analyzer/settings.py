"""Typed settings built from the environment, once, by whoever starts a process.

``Settings.from_env()`` is called by ``create_app()`` and by CLI commands, never at import time,
so tests build as many differently configured apps as they like.

Every field maps to the environment variable of the same name in upper case
(``session_expiry_hours`` <- ``SESSION_EXPIRY_HOURS``); the type and the ``msgspec.Meta``
constraints of the field are the validation, and they also produce the "expected ..." part of
the one-line error message. To add a setting, add a field with a default to the section it
belongs to (or a new clearly marked section); nothing else needs to change unless the value
needs special parsing (see ``_SPECIAL_FIELDS``).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Final, Literal

import msgspec

__all__ = ["ApiKeyEntry", "LlmProvider", "LogLevel", "Secret", "Settings", "SettingsError"]


class SettingsError(ValueError):
    """A configuration value is missing or malformed; the message is one line for the operator."""


class Secret:
    """A credential that never shows up in ``repr``, ``str``, logs or error messages.

    Call ``reveal()`` at the one place that really needs the value (an HTTP header, a client).
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        """Wrap ``value``."""
        self._value = value

    def reveal(self) -> str:
        """Return the secret value itself."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


class ApiKeyEntry(msgspec.Struct, frozen=True, kw_only=True):
    """One accepted API key and the identity it stands for.

    The identity is the entry's name (``name:key``), or ``key-`` plus a short SHA-256 prefix
    of the key when the entry is unnamed; it is what owns sessions and what appears in logs,
    so the key itself never has to.
    """

    identity: str
    key: Secret


LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
LlmProvider = Literal["openai", "anthropic", "deepseek", "replicate", "ollama", "vllm"]

Positive = msgspec.Meta(gt=0)
NonNegative = msgspec.Meta(ge=0)
HttpUrl = Annotated[str, msgspec.Meta(pattern=r"^https?://[^\s/?#]+[^\s]*$")]


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the service, the worker and the CLI read from the environment."""

    # --- storage -------------------------------------------------------------------------
    data_dir: str = "./data"
    """DATA_DIR: uploaded files and the SQLite file; made absolute when read."""
    database_url: str = ""
    """DATABASE_URL: SQLAlchemy URL; empty means ``sqlite+aiosqlite:///<DATA_DIR>/a11y.db``."""

    # --- Valkey (cache, job queue, rate limits) -------------------------------------------
    valkey_url: str | None = None
    """VALKEY_URL (or REDIS_URL): ``redis://``, ``rediss://``, ``valkey://``, ``valkeys://``."""
    valkey_timeout_seconds: Annotated[float, Positive] = 1.0
    """VALKEY_TIMEOUT_SECONDS: connect and socket timeout of the app's Valkey client."""
    valkey_namespace: Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9_]{1,64}$")] = "a11y"
    """VALKEY_NAMESPACE: prefix of the service's cache and rate-limit keys."""

    # --- API access ------------------------------------------------------------------------
    api_keys: tuple[ApiKeyEntry, ...] = ()
    """API_KEYS: comma-separated ``name:key`` or ``key`` entries; empty means open."""
    rate_limit_per_minute: Annotated[int, NonNegative] = 600
    """RATE_LIMIT_PER_MINUTE: requests per minute per identity on /api; 0 turns it off."""
    max_request_header_bytes: Annotated[int, msgspec.Meta(ge=1024)] = 32 * 1024
    """MAX_REQUEST_HEADER_BYTES: request line plus headers of one request; more answers 431."""

    # --- sessions and cleanup ----------------------------------------------------------------
    session_expiry_hours: Annotated[float, Positive] = 24.0
    cleanup_interval_seconds: Annotated[float, Positive] = 3600.0
    max_file_age_hours: Annotated[float, Positive] = 48.0

    # --- uploads (safe intake, storage/intake.py) ----------------------------------------------
    max_upload_bytes: Annotated[int, Positive] = 50 * 1024 * 1024
    """MAX_UPLOAD_BYTES: size of one upload request body (all its files); more answers 413."""
    max_file_bytes: Annotated[int, Positive] = 10 * 1024 * 1024
    """MAX_FILE_BYTES: size of one stored file (an uploaded page or a file inside a ZIP)."""
    max_files_per_upload: Annotated[int, Positive] = 100
    """MAX_FILES_PER_UPLOAD: file parts in one upload request."""
    max_stored_files_per_upload: Annotated[int, Positive] = 20_000
    """MAX_STORED_FILES_PER_UPLOAD: files one upload may store in all (pages and assets,
    files inside ZIPs included); more answers 413."""
    zip_max_entries: Annotated[int, Positive] = 5000
    """ZIP_MAX_ENTRIES: entries (files and folders) in one ZIP archive."""
    zip_max_uncompressed_bytes: Annotated[int, Positive] = 200 * 1024 * 1024
    """ZIP_MAX_UNCOMPRESSED_BYTES: bytes all entries of one upload's ZIPs may expand to."""
    zip_max_ratio: Annotated[float, Positive] = 100.0
    """ZIP_MAX_RATIO: largest expanded/compressed size ratio of one ZIP entry."""

    # --- analyses (background jobs, jobs/) ------------------------------------------------------
    analysis_time_limit_seconds: Annotated[float, Positive] = 900.0
    """ANALYSIS_TIME_LIMIT_SECONDS: an analysis running longer fails (arq's job timeout is
    this plus a margin, and a crashed worker's job is retried at the latest that much later)."""
    analysis_max_tries: Annotated[int, Positive] = 3
    """ANALYSIS_MAX_TRIES: runs of one analysis job arq allows (crashed workers count)."""
    engine_processes: Annotated[int, NonNegative] = 0
    """ENGINE_PROCESSES: engine processes per API or worker process; 0 means one per core."""
    engine_nice: Annotated[int, msgspec.Meta(ge=0, le=19)] = 10
    """ENGINE_NICE: niceness added to engine processes, so the API and probes stay responsive
    while analyses use every core (0 keeps the parent's priority)."""
    job_lease_seconds: Annotated[float, Positive] = 15.0
    """JOB_LEASE_SECONDS: a running job renews a lease this long; a job whose lease lapsed
    (its worker was killed) is handed to another worker without waiting for the time limit."""
    worker_health_check_interval_seconds: Annotated[float, Positive] = 10.0
    """WORKER_HEALTH_CHECK_INTERVAL_SECONDS: how often `a11y worker` writes its heartbeat."""
    job_expiry_seconds: Annotated[float, Positive] = 86_400.0
    """JOB_EXPIRY_SECONDS: a queued job no worker started within this long expires in Valkey
    (arq's own default is a day); the reconciler then queues its analysis again."""
    job_reconcile_interval_seconds: Annotated[float, Positive] = 30.0
    """JOB_RECONCILE_INTERVAL_SECONDS: how often API and workers compare unfinished analyses
    with the job queue and queue again (or fail) those whose job was lost."""
    job_queue_name: str = "arq:queue"
    """JOB_QUEUE_NAME: the arq queue in Valkey; deployments (or test runs) sharing one Valkey
    keep their jobs apart with different names."""

    # --- cache -------------------------------------------------------------------------------
    cache_enabled: bool = True
    cache_ttl_seconds: Annotated[int, msgspec.Meta(ge=1)] = 3600

    # --- logging -----------------------------------------------------------------------------
    log_level: LogLevel = "INFO"
    log_file: str | None = None
    log_json_format: bool = True

    # --- Sentry ------------------------------------------------------------------------------
    sentry_dsn: Secret | None = None
    sentry_environment: str | None = None
    sentry_traces_sample_rate: Annotated[float, msgspec.Meta(ge=0, le=1)] | None = None

    # --- LLM providers -----------------------------------------------------------------------
    llm_provider: LlmProvider | None = None
    """LLM_PROVIDER: which provider answers; unset means rule-based hints only."""
    llm_model: str | None = None
    """LLM_MODEL: the provider's model id (Replicate: ``owner/name`` or ``owner/name:version``)."""
    openai_api_key: Secret | None = None
    openai_base_url: HttpUrl | None = None
    """OPENAI_BASE_URL: default https://api.openai.com/v1; Ollama/vLLM servers set theirs."""
    anthropic_api_key: Secret | None = None
    anthropic_base_url: HttpUrl | None = None
    deepseek_api_key: Secret | None = None
    deepseek_base_url: HttpUrl | None = None
    replicate_api_token: Secret | None = None
    replicate_base_url: HttpUrl | None = None
    llm_timeout_seconds: Annotated[float, Positive] = 60.0
    """LLM_TIMEOUT_SECONDS: deadline of one logical LLM call, retries included."""
    llm_max_attempts: Annotated[int, msgspec.Meta(ge=1, le=20)] = 3
    """LLM_MAX_ATTEMPTS: HTTP attempts per logical call (stamina), the first included."""
    llm_retry_initial_seconds: Annotated[float, Positive] = 1.0
    """LLM_RETRY_INITIAL_SECONDS: first backoff; it doubles (plus jitter) per retry."""
    llm_retry_max_seconds: Annotated[float, Positive] = 30.0
    """LLM_RETRY_MAX_SECONDS: longest backoff, and the longest Retry-After honoured."""
    llm_breaker_threshold: Annotated[int, msgspec.Meta(ge=1)] = 5
    """LLM_BREAKER_THRESHOLD: failed logical calls in a row that open a provider's breaker."""
    llm_breaker_recovery_seconds: Annotated[float, Positive] = 30.0
    """LLM_BREAKER_RECOVERY_SECONDS: how long an open breaker waits before a trial call."""
    llm_max_concurrency: Annotated[int, msgspec.Meta(ge=1)] = 4
    """LLM_MAX_CONCURRENCY: logical LLM calls in flight at once per process."""

    # --- health probes -----------------------------------------------------------------------
    health_check_timeout_seconds: Annotated[float, Positive] = 1.0
    disk_free_min_bytes: Annotated[int, NonNegative] = 100 * 1024 * 1024

    @property
    def data_path(self) -> Path:
        """``DATA_DIR`` as a path (absolute when built by ``from_env``)."""
        return Path(self.data_dir)

    @property
    def api_open(self) -> bool:
        """True when no API keys are configured and /api needs none."""
        return not self.api_keys

    def configured_llm_providers(self) -> tuple[str, ...]:
        """Names of the LLM providers that have credentials or an endpoint configured."""
        configured = {
            "openai": self.openai_api_key is not None or self.openai_base_url is not None,
            "anthropic": self.anthropic_api_key is not None,
            "deepseek": self.deepseek_api_key is not None,
            "replicate": self.replicate_api_token is not None,
        }
        names = [name for name, present in configured.items() if present]
        if self.llm_provider is not None and self.llm_provider not in names:
            names.append(self.llm_provider)
        return tuple(names)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Build the settings from ``environ`` (``os.environ`` by default).

        Empty values count as unset.

        Raises:
            SettingsError: a value is malformed; the message names the variable and the
                expected form in one line.
        """
        env = os.environ if environ is None else environ
        raw: dict[str, Any] = {}
        for field in _fields_of(cls):
            if field.name in _SPECIAL_FIELDS:
                continue
            value = _read(env, field.name.upper())
            if value is not None:
                raw[field.name] = _match_literal_case(field.type, value)
        raw.update(_special_values(env))
        try:
            return msgspec.convert(raw, cls, strict=False, dec_hook=_decode_custom)
        except msgspec.ValidationError as error:
            raise _explain(error, env) from None


# ---------------------------------------------------------------------------------------------
# Parsing helpers. Fields listed here are not read generically by name.
# ---------------------------------------------------------------------------------------------

_SPECIAL_FIELDS: Final = frozenset({"data_dir", "database_url", "valkey_url", "api_keys"})
_VALKEY_SCHEMES: Final = ("redis://", "rediss://", "valkey://", "valkeys://", "unix://")
_IDENTITY_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}")
_API_KEYS_FORM: Final = (
    "comma-separated entries 'name:key' or 'key' (name: letters, digits, '_.@-', up to 64; "
    "key: at least 8 characters, no spaces or commas; names and keys unique)"
)


def _fields_of(cls: type[Settings]) -> tuple[msgspec.inspect.Field, ...]:
    info = msgspec.inspect.type_info(cls)
    assert isinstance(info, msgspec.inspect.StructType)
    return info.fields


def _read(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name)
    if value is None:
        return None
    value = value.strip()
    return value or None


def _special_values(env: Mapping[str, str]) -> dict[str, Any]:
    data_dir = Path(_read(env, "DATA_DIR") or "./data").expanduser().resolve()
    database_url = _read(env, "DATABASE_URL") or f"sqlite+aiosqlite:///{data_dir / 'a11y.db'}"
    if "://" not in database_url:
        raise SettingsError(
            f"DATABASE_URL: expected a database URL such as 'sqlite+aiosqlite:///path/a11y.db' "
            f"or 'postgresql://user@host/db', got {database_url!r}"
        )
    valkey_source = "VALKEY_URL" if _read(env, "VALKEY_URL") else "REDIS_URL"
    valkey_url = _read(env, valkey_source)
    if valkey_url is not None and not valkey_url.startswith(_VALKEY_SCHEMES):
        raise SettingsError(
            f"{valkey_source}: expected a URL starting with one of "
            f"{', '.join(_VALKEY_SCHEMES)}, got {valkey_url!r}"
        )
    return {
        "data_dir": str(data_dir),
        "database_url": database_url,
        "valkey_url": valkey_url,
        "api_keys": parse_api_keys(_read(env, "API_KEYS")),
    }


def parse_api_keys(value: str | None) -> tuple[ApiKeyEntry, ...]:
    """Parse an ``API_KEYS`` value into entries.

    Raises:
        SettingsError: an entry is malformed; the message never contains a key.
    """
    if value is None:
        return ()
    entries: list[ApiKeyEntry] = []
    for position, item in enumerate((part.strip() for part in value.split(",")), start=1):
        if not item:
            continue
        name, separator, key = item.partition(":")
        if not separator:
            name, key = "", item
        if len(key) < 8 or any(ch.isspace() for ch in key):
            raise SettingsError(f"API_KEYS: entry {position} is invalid; expected {_API_KEYS_FORM}")
        if separator and not _IDENTITY_PATTERN.fullmatch(name):
            raise SettingsError(
                f"API_KEYS: entry {position} has an invalid name; expected {_API_KEYS_FORM}"
            )
        identity = name or "key-" + hashlib.sha256(key.encode()).hexdigest()[:12]
        entries.append(ApiKeyEntry(identity=identity, key=Secret(key)))
    identities = [entry.identity for entry in entries]
    keys = [entry.key for entry in entries]
    if len(set(identities)) != len(identities) or len(set(keys)) != len(keys):
        raise SettingsError(f"API_KEYS: duplicate name or key; expected {_API_KEYS_FORM}")
    return tuple(entries)


def _match_literal_case(type_info: msgspec.inspect.Type, value: str) -> str:
    """Accept ``info`` for ``INFO`` and ``OpenAI`` for ``openai``: choices ignore case."""
    members = type_info.types if isinstance(type_info, msgspec.inspect.UnionType) else (type_info,)
    for member in members:
        if isinstance(member, msgspec.inspect.LiteralType):
            for choice in member.values:
                if isinstance(choice, str) and choice.casefold() == value.casefold():
                    return choice
    return value


def _decode_custom(type_: type, obj: Any) -> Any:
    if type_ is Secret and isinstance(obj, str):
        return Secret(obj)
    if type_ is Secret and isinstance(obj, Secret):
        return obj
    raise NotImplementedError


_FIELD_PATH = re.compile(r" - at `\$\.(?P<field>[a-z0-9_]+)")


def _explain(error: msgspec.ValidationError, env: Mapping[str, str]) -> SettingsError:
    """Turn msgspec's message into one line naming the variable and the expected form."""
    match = _FIELD_PATH.search(str(error))
    if match is None:  # pragma: no cover - every field is top level
        return SettingsError(f"invalid settings: {error}")
    field_name = match["field"]
    variable = field_name.upper()
    info = {f.name: f for f in _fields_of(Settings)}[field_name]
    expected = _describe(info.type)
    value = _read(env, variable)
    shown = "" if _is_secret(info.type) or value is None else f", got {value!r}"
    return SettingsError(f"{variable}: expected {expected}{shown}")


def _is_secret(type_info: msgspec.inspect.Type) -> bool:
    if isinstance(type_info, msgspec.inspect.UnionType):
        return any(_is_secret(member) for member in type_info.types)
    return isinstance(type_info, msgspec.inspect.CustomType) and type_info.cls is Secret


def _describe(type_info: msgspec.inspect.Type) -> str:  # noqa: PLR0911 - one return per type
    if isinstance(type_info, msgspec.inspect.UnionType):
        parts = [
            _describe(member)
            for member in type_info.types
            if not isinstance(member, msgspec.inspect.NoneType)
        ]
        return " or ".join(parts)
    if isinstance(type_info, msgspec.inspect.StrType) and type_info.pattern:
        if type_info.pattern.startswith("^https?://"):
            return "an http:// or https:// URL"
        return f"text matching {type_info.pattern}"
    if isinstance(type_info, msgspec.inspect.BoolType):
        return "true or false"
    if isinstance(type_info, msgspec.inspect.LiteralType):
        return "one of " + ", ".join(str(value) for value in type_info.values)
    if isinstance(type_info, msgspec.inspect.IntType | msgspec.inspect.FloatType):
        noun = "an integer" if isinstance(type_info, msgspec.inspect.IntType) else "a number"
        bounds = [
            f"{symbol} {limit:g}"
            for symbol, limit in (
                (">", type_info.gt),
                (">=", type_info.ge),
                ("<", type_info.lt),
                ("<=", type_info.le),
            )
            if limit is not None
        ]
        return noun + (" " + " and ".join(bounds) if bounds else "")
    return "a non-empty text value"
