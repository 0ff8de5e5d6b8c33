"""Text helpers shared by the renderers: scrubbing, shortening, page paths as URIs.

Everything in a finding can come from an uploaded page (snippets, selectors, paths, even
messages that quote attribute values), so renderers treat it as untrusted text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urljoin

import msgspec

# C0 controls except tab, line feed and carriage return, DEL, C1 controls, and lone UTF-16
# surrogates (a decoder's ``surrogateescape`` leftovers): none can be written as UTF-8 text
# that every consumer accepts, and XML/HTML parsers reject the controls.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
REPLACEMENT = "\ufffd"

SNIPPET_DISPLAY_LIMIT = 2000
"""Snippet characters shown by the human-facing formats (HTML, SARIF); JSON, CSV and EARL
carry the engine's snippet unchanged."""


def scrub(text: str) -> str:
    """Replace characters that cannot be written as interoperable UTF-8 text with U+FFFD."""
    return _UNWRITABLE.sub(REPLACEMENT, text)


# What a terminal would act on rather than show: every C0 control but tab, DEL and C1 (ESC
# starts sequences that recolour, retitle, clear or rewrite lines; CR overwrites a line).
_TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r"}


def printable(text: str) -> str:
    """``text`` with control characters shown as escapes (``\\x1b``, ``\\n``), for terminals."""
    return _TERMINAL_CONTROLS.sub(
        lambda match: _NAMED_ESCAPES.get(match.group(), f"\\x{ord(match.group()):02x}"), text
    )


def shorten(text: str, limit: int = SNIPPET_DISPLAY_LIMIT) -> str:
    """Cut ``text`` to ``limit`` characters, saying how much was left out.

    Args:
        text: the text.
        limit: most characters kept from the start.

    Returns:
        ``text`` unchanged when it fits, else its start and a note like
        ``… [12345 more characters]``.
    """
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… [{len(text) - limit} more characters]"


def relative_page_uri(path: str) -> str:
    """A page path as a relative URI reference: percent-encoded, forward slashes, no root.

    ``"docs\\a b.html"`` becomes ``"docs/a%20b.html"``. A leading ``/`` is dropped so the
    reference resolves against a base (SARIF ``uriBaseId``, EARL base URI) instead of
    replacing its path.
    """
    normalised = scrub(path).replace("\\", "/").lstrip("/")
    return quote(normalised, safe="/")


def directory_uri(uri: str) -> str:
    """``uri`` with a trailing slash, so relative references resolve inside it."""
    return uri if uri.endswith("/") else f"{uri}/"


def page_url(path: str, base_uri: str | None) -> str:
    """The page's URL under ``base_uri`` (taken as a folder), or its relative URI without one."""
    relative = relative_page_uri(path)
    return urljoin(directory_uri(base_uri), relative) if base_uri else relative


def encode_json(value: Any) -> bytes:
    """Encode ``value`` (structs, dicts, lists) as JSON, whatever strings it holds.

    msgspec refuses strings with lone surrogates, which a page decoded with
    ``surrogateescape`` can leave behind; only then is every string scrubbed and the value
    encoded again, so the common case costs nothing extra.
    """
    try:
        return msgspec.json.encode(value)
    except UnicodeEncodeError:
        return msgspec.json.encode(_scrub_tree(msgspec.to_builtins(value)))


def _scrub_tree(value: Any) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {_scrub_tree(key): _scrub_tree(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub_tree(item) for item in value]
    return value


def describe_values(values: Mapping[str, object]) -> str:
    """Measured values (a finding's ``details``) or a suggestion, compactly on one line.

    ``{"contrastRatio": 2.51, "expectedRatio": 4.5, "largeText": False}`` becomes
    ``contrastRatio=2.51; expectedRatio=4.5; largeText=false``; ``None`` values are left out.
    """
    return "; ".join(
        f"{key}={_value_text(value)}" for key, value in values.items() if value is not None
    )


def _value_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
