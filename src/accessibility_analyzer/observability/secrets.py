"""The credential values telemetry must never carry (masked in exported logs and Sentry events)."""

from __future__ import annotations

from accessibility_analyzer.settings import Secret, Settings


def secret_values(settings: Settings) -> tuple[str, ...]:
    """Return every configured API key and provider credential, longest first.

    Longest first, so that a key containing another key is masked whole.
    """
    values = {entry.key.reveal() for entry in settings.api_keys}
    for name in settings.__struct_fields__:
        value = getattr(settings, name)
        if isinstance(value, Secret):
            values.add(value.reveal())
    return tuple(sorted((value for value in values if value), key=len, reverse=True))
