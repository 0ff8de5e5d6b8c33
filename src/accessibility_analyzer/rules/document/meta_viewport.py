"""meta-viewport: the viewport ``<meta>`` does not prevent zooming."""

from __future__ import annotations

import re
from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict

# Separators between the viewport's key/value pairs (CSS Device Adaptation, non-normative
# parsing); `=` may have whitespace around it, which splitting leaves as separate tokens.
_SEPARATORS = re.compile(r"[\s,;]+")
# The number prefix `strtod` would read; anything else is not a number.
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_DEVICE_KEYWORDS = frozenset({"device-width", "device-height"})
MIN_MAXIMUM_SCALE = 2.0

ZOOM_ALLOWED = Diagnostic.passed("The viewport lets users zoom")
SCALING_DISABLED = Diagnostic.failed(
    "The viewport must not disable zooming with user-scalable",
    fix_hint="Remove user-scalable=no (or set user-scalable=yes) from the viewport <meta>.",
)
MAXIMUM_SCALE_TOO_LOW = Diagnostic.failed(
    "The viewport must let users zoom to at least 200%",
    fix_hint="Remove maximum-scale from the viewport <meta>, or set it to 2 or more.",
)


def viewport_properties(content: str) -> dict[str, str]:
    """The viewport's key/value pairs, keys and values lower-cased; the last value wins.

    A token scan rather than one pair regex: the regex backtracks quadratically on a huge
    attribute value without ``=``, and any page may carry one.
    """
    tokens = [token for token in _SEPARATORS.split(content) if token]
    properties: dict[str, str] = {}
    index = 0
    while index < len(tokens):
        key, equals, value = tokens[index].partition("=")
        if not equals and index + 1 < len(tokens) and tokens[index + 1].startswith("="):
            index += 1  # "key =value" or "key = value"
            value = tokens[index][1:]
            equals = "="
        if equals and not value and index + 1 < len(tokens) and "=" not in tokens[index + 1]:
            index += 1  # "key= value" or "key = value"
            value = tokens[index]
        if equals and key:
            properties[key.lower()] = value.lower()
        index += 1
    return properties


def _number(value: str) -> float | None:
    match = _NUMBER.match(value)
    return float(match.group()) if match else None


def user_scalable_allows_zoom(value: str) -> bool:
    """``yes``, a device keyword, or a number outside (-1, 1); ``no`` and garbage mean 0."""
    if value == "yes" or value in _DEVICE_KEYWORDS:
        return True
    number = _number(value)
    return number is not None and not -1 < number < 1


def maximum_scale_allows_zoom(value: str) -> bool:
    """A device keyword, a negative number (ignored by browsers) or a number of 2 or more."""
    if value in _DEVICE_KEYWORDS:
        return True
    number = _number(value)
    return number is not None and (number < 0 or number >= MIN_MAXIMUM_SCALE)


def _is_viewport_meta(element: Element) -> bool:
    return (
        element.is_html
        and (element.attrs.get("name") or "").strip().lower() == "viewport"
        and element.has("content")
    )


class MetaViewport(Rule):
    """The viewport meta element must not prevent zooming.

    ## What it checks
    Every `<meta name="viewport">` whose `content` sets `user-scalable` or `maximum-scale`
    lets users zoom: `user-scalable` is `yes`, a device keyword or a number of at least 1
    in size (`no` or an invalid value disables zoom), and `maximum-scale` is a device
    keyword, negative (ignored by browsers) or at least 2.

    ## Why it matters
    People with low vision zoom to read; a page that blocks pinch-zoom on mobile browsers
    cannot be enlarged to 200% (WCAG 1.4.4 Resize Text, 1.4.10 Reflow).

    ## Fails
        <meta name="viewport" content="width=device-width, user-scalable=no">
        <meta name="viewport" content="maximum-scale=1.0">

    ## Passes
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="viewport" content="maximum-scale=2.0">

    ## Limitations
    Many current mobile browsers ignore these settings or offer a zoom override, so a failure
    affects users of older browsers mostly. Pages with no visible content, or with another
    zoom mechanism, may still conform.
    """

    meta = RuleMeta(
        id="meta-viewport",
        name="Viewport settings allow zooming",
        wcag=("1.4.4", "1.4.10"),
        act_rules=("b4f0c3",),
        impact=Impact.CRITICAL,
        tags=("cat.document", "wcag2aa", "wcag21aa", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Viewport ``meta`` elements whose content sets user-scalable or maximum-scale."""
        for element in page.by_tag("meta"):
            if _is_viewport_meta(element):
                properties = viewport_properties(element.attrs.get("content") or "")
                if "user-scalable" in properties or "maximum-scale" in properties:
                    yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Both user-scalable and maximum-scale, where set, allow zooming to 200%."""
        properties = viewport_properties(target.attrs.get("content") or "")
        user_scalable = properties.get("user-scalable")
        if user_scalable is not None and not user_scalable_allows_zoom(user_scalable):
            return Verdict(SCALING_DISABLED, f"user-scalable={user_scalable}")
        maximum_scale = properties.get("maximum-scale")
        if maximum_scale is not None and not maximum_scale_allows_zoom(maximum_scale):
            return Verdict(MAXIMUM_SCALE_TOO_LOW, f"maximum-scale={maximum_scale}")
        return Verdict(ZOOM_ALLOWED)
