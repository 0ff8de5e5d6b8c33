"""The CSS value helpers of the style rules: rotations, lengths and text wrapping."""

from __future__ import annotations

import math

import pytest

from accessibility_analyzer.engine import parse_page
from accessibility_analyzer.rules.style._lengths import resolve_length
from accessibility_analyzer.rules.style._rotation import (
    mentions_rotation,
    rotate_angle,
    transform_angle,
)
from accessibility_analyzer.rules.style._wrapping import soft_wraps


@pytest.mark.parametrize(
    ("value", "degrees"),
    [
        ("none", 0.0),
        ("rotate(90deg)", 90.0),
        ("rotateZ(1turn)", 360.0),
        ("rotate(1.5708rad)", math.degrees(1.5708)),
        ("rotate(100grad)", 90.0),
        ("translateX(10px) rotate(45deg) scale(2)", 45.0),
        ("rotate3d(0, 0, -1, 30deg)", -30.0),
        ("matrix(0, 1, -1, 0, 0, 0)", 90.0),
        ("matrix3d(0,1,0,0, -1,0,0,0, 0,0,1,0, 0,0,0,1)", 90.0),
    ],
)
def test_transform_angle_of_pure_rotations(value: str, degrees: float) -> None:
    """Rotations about Z add up; translations and positive scales do not rotate."""
    angle = transform_angle(value)
    assert angle is not None
    assert angle == pytest.approx(degrees)


@pytest.mark.parametrize(
    "value",
    [
        "scale(-1)",
        "skewX(10deg)",
        "rotateX(90deg)",
        "rotate3d(1, 0, 0, 90deg)",
        "matrix(1, 0, 0, -1, 0, 0)",
        "rotate(calc(45deg * 2))",
        "var(--turn)",
    ],
)
def test_transform_angle_is_unknown_for_flips_skews_and_other_axes(value: str) -> None:
    """Anything that is not a pure Z rotation is not guessed."""
    assert transform_angle(value) is None


@pytest.mark.parametrize(
    ("value", "degrees"),
    [("none", 0.0), ("90deg", 90.0), ("z 0.25turn", 90.0), ("0 0 -1 90deg", -90.0)],
)
def test_rotate_property(value: str, degrees: float) -> None:
    """The rotate property around Z, in its short and axis forms."""
    assert rotate_angle(value) == pytest.approx(degrees)


def test_rotate_property_around_x_is_unknown() -> None:
    """A rotation out of the screen plane has no Z angle."""
    assert rotate_angle("x 90deg") is None


def test_only_rotating_transforms_are_of_interest() -> None:
    """ACT b33eff looks at rotate, rotate3d, rotateZ, matrix and matrix3d only."""
    assert mentions_rotation("transform", "translate(1px) rotate(1deg)")
    assert not mentions_rotation("transform", "translateX(100px)")
    assert mentions_rotation("rotate", "0turn")


@pytest.mark.parametrize(
    ("value", "pixels"),
    [("12px", 12.0), ("0.5em", 10.0), ("150%", 30.0), ("2rem", 32.0), ("0", 0.0)],
)
def test_lengths_resolve_against_the_element_font_size(value: str, pixels: float) -> None:
    """em and % use the element's font size, rem the root's (16px)."""
    page = parse_page(b'<p id="t" style="font-size: 20px">x</p>')
    element = page.get_element_by_id("t")
    assert element is not None
    assert resolve_length(page, element, value) == pytest.approx(pixels)


def test_a_bare_number_is_a_factor_only_where_allowed() -> None:
    """line-height: 1.5 is 1.5 times the font size; letter-spacing: 1.5 is invalid."""
    page = parse_page(b'<p id="t">x</p>')
    element = page.get_element_by_id("t")
    assert element is not None
    assert resolve_length(page, element, "1.5", unitless_is_factor=True) == pytest.approx(24.0)
    assert resolve_length(page, element, "1.5") is None
    assert resolve_length(page, element, "2vw") is None


SENTENCE = "The toy brought back fond memories of being lost in the rain forest."


@pytest.mark.parametrize(
    ("style", "wraps"),
    [
        ("max-width: 200px", True),
        ("width: 1000px", False),
        ("width: 200px; white-space: nowrap", False),
        ("", None),
        ("max-width: 400px", None),
    ],
)
def test_soft_wraps(style: str, wraps: bool | None) -> None:
    """Certain wrapping, certain single line, and the undecided middle."""
    page = parse_page(f'<p id="t" style="{style}">{SENTENCE}</p>'.encode())
    element = page.get_element_by_id("t")
    assert element is not None
    assert soft_wraps(page, element) is wraps
