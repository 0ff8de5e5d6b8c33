"""Which media queries the static cascade applies.

The engine has no viewport, so it cannot evaluate ``(min-width: 768px)``. The rule chosen
to avoid false failures: a style rule under a media query applies unless the query can only
match non-screen media (``print``, ``speech``) or a user preference the default user does
not have. Width, height, orientation, resolution, hover and ``@supports`` conditions are
assumed true, so styles for every screen size apply together (the later rule wins where
they conflict, as for a viewport matching both). Consequence: an element hidden at some
screen size counts as hidden, and rules skip it rather than report it; the applied
preferences are light colour scheme, no reduced motion, no forced colours.
"""

from __future__ import annotations

import re

_FALSE_FEATURES = re.compile(
    r"prefers-color-scheme\s*:\s*dark|prefers-reduced-motion\s*:\s*reduce"
    r"|prefers-reduced-transparency\s*:\s*reduce|prefers-contrast\s*:\s*(?:more|less|custom)"
    r"|forced-colors\s*:\s*active|inverted-colors\s*:\s*inverted|\bmonochrome\b|\bgrid\s*:\s*1"
    r"|scripting\s*:\s*none"
)
_NON_SCREEN = frozenset(
    {"print", "speech", "aural", "braille", "embossed", "handheld", "projection", "tty", "tv"}
)


def _query_applies(query: str) -> bool:
    words = query.split()
    negated = bool(words) and words[0] == "not"
    if words and words[0] in ("not", "only"):
        words = words[1:]
    media_type = "all"
    if words and not words[0].startswith("("):
        media_type = words[0]
    type_matches = media_type not in _NON_SCREEN
    features_hold = _FALSE_FEATURES.search(query) is None
    holds = type_matches and features_hold
    return not holds if negated else holds


def media_applies(media: str | None) -> bool:
    """Whether a media query list (``media`` attribute, ``@media`` prelude) applies.

    ``None`` or empty means all media. A list applies when any of its queries does.
    """
    if media is None:
        return True
    text = media.strip().lower()
    if not text:
        return True
    return any(_query_applies(query.strip()) for query in text.split(",") if query.strip())
