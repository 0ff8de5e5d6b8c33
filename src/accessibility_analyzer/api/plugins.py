"""The Litestar plugins of the app, in one place.

Plugins that wrap the whole application (OpenTelemetry) or need the settings are built here,
per app, never at import time; ``create_app()`` passes the list to ``Litestar(plugins=...)``.
"""

from __future__ import annotations

from litestar.plugins import PluginProtocol

from accessibility_analyzer.observability.otel_plugin import build_otel_plugin
from accessibility_analyzer.settings import Settings

__all__ = ["build_plugins"]


def build_plugins(settings: Settings) -> list[PluginProtocol]:
    """The plugins for an app configured by ``settings``.

    The foundation itself needs none (problem details, request ids and the access log are
    exception handlers and a middleware); the observability part adds its OpenTelemetry plugin.
    """
    plugins: list[PluginProtocol] = [build_otel_plugin()]
    return plugins
