"""The value parsers behind meta-refresh and meta-viewport, on inputs fixtures cannot show."""

from __future__ import annotations

import pytest

from accessibility_analyzer.rules.document._refresh import refresh_delay
from accessibility_analyzer.rules.document.meta_viewport import (
    maximum_scale_allows_zoom,
    user_scalable_allows_zoom,
    viewport_properties,
)


@pytest.mark.parametrize(
    ("content", "delay"),
    [
        ("0; URL='https://w3.org'", 0),
        ("72001; https://w3.org", 72001),
        ("  30  ", 30),
        ("5,https://w3.org", 5),
        ("5\thttps://w3.org", 5),
        (".5; url=/next", 0),
        ("1.9", 1),
        ("0: https://w3.org", None),
        ("; 72001", None),
        ("+30", None),
        ("30x", None),
        ("", None),
    ],
)
def test_refresh_delay_follows_the_html_steps(content: str, delay: int | None) -> None:
    """Delays parse as the HTML shared declarative refresh steps say; invalid ones are None."""
    assert refresh_delay(content) == delay


def test_refresh_delay_of_thousands_of_digits_is_huge_not_an_error() -> None:
    """Python's int-from-string limit must not turn a silly page into an exception."""
    delay = refresh_delay("9" * 10_000)
    assert delay is not None
    assert delay > 72_000


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("width=device-width, initial-scale=1", {"width": "device-width", "initial-scale": "1"}),
        ("user-scalable = no", {"user-scalable": "no"}),
        ("a= b;c =d, e=f", {"a": "b", "c": "d", "e": "f"}),
        ("MAXIMUM-SCALE=1.0, maximum-scale=3", {"maximum-scale": "3"}),
        ("=orphan value", {}),
    ],
)
def test_viewport_properties(content: str, expected: dict[str, str]) -> None:
    """Separators and spaces around `=` as browsers accept them; the last value wins."""
    assert viewport_properties(content) == expected


def test_viewport_parsing_is_linear_on_huge_values() -> None:
    """A multi-megabyte content value without `=` parses at once (no regex backtracking)."""
    assert viewport_properties("a" * 2_000_000 + " " * 2_000_000) == {}


@pytest.mark.parametrize(
    ("value", "allows"),
    [("yes", True), ("device-width", True), ("1", True), ("-1", True), ("5", True),
     ("no", False), ("0", False), ("0.5", False), ("invalid", False)],
)  # fmt: skip
def test_user_scalable(value: str, allows: bool) -> None:
    """`no`, garbage and numbers in (-1, 1) disable zoom."""
    assert user_scalable_allows_zoom(value) is allows


@pytest.mark.parametrize(
    ("value", "allows"),
    [("2", True), ("2.0", True), ("10", True), ("-1", True), ("device-height", True),
     ("1.0", False), ("1.99", False), ("yes", False), ("invalid", False)],
)  # fmt: skip
def test_maximum_scale(value: str, allows: bool) -> None:
    """Below 2 blocks 200% zoom; negative values are ignored by browsers."""
    assert maximum_scale_allows_zoom(value) is allows
