"""The HTML "shared declarative refresh steps": the delay of ``<meta http-equiv=refresh>``.

https://html.spec.whatwg.org/multipage/semantics.html#shared-declarative-refresh-steps
"""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page

_ASCII_WHITESPACE = "\t\n\f\r "
_DIGITS = "0123456789"
_MAX_DIGITS = 18
_HUGE_DELAY = 1_000_000_000_000_000_000  # 10**18, past any meaningful delay


def refresh_delay(content: str) -> int | None:
    """The delay in seconds of a refresh ``content`` value, or ``None`` when it is invalid.

    Follows the HTML steps: optional whitespace, digits (or a leading ``.``), ignored
    fraction digits, then end of input or a ``;``, ``,`` or whitespace before the URL.
    Anything else (``"0: url"``, ``"; 5"``, ``"+5"``) makes browsers ignore the element.
    """
    position = len(content) - len(content.lstrip(_ASCII_WHITESPACE))
    start = position
    while position < len(content) and content[position] in _DIGITS:
        position += 1
    digits = content[start:position]
    if not digits and (position >= len(content) or content[position] != "."):
        return None
    while position < len(content) and (content[position] in _DIGITS or content[position] == "."):
        position += 1
    if position < len(content) and content[position] not in ";," + _ASCII_WHITESPACE:
        return None
    if len(digits) > _MAX_DIGITS:
        # Python refuses to convert integers of thousands of digits; any such delay is
        # "more than 20 hours" for every rule that reads it.
        return _HUGE_DELAY
    return int(digits) if digits else 0


def is_refresh_meta(element: Element) -> bool:
    """An HTML ``meta`` whose ``http-equiv`` is ``refresh`` (ASCII case-insensitive)."""
    return (
        element.is_html
        and element.tag == "meta"
        and (element.attrs.get("http-equiv") or "").strip().lower() == "refresh"
    )


def first_valid_refresh(page: Page) -> Iterator[Element]:
    """The first refresh ``meta`` of the page whose content parses (ACT bc659a/bisz58)."""
    for element in page.by_tag("meta"):
        content = element.attrs.get("content")
        if is_refresh_meta(element) and content is not None and refresh_delay(content) is not None:
            yield element
            return
