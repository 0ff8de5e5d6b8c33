"""The rotation about the Z axis that ``transform`` and ``rotate`` values give, in degrees.

Only what can be decided exactly: translations and positive scales do not rotate; any
function that flips, skews or rotates out of the screen plane (``scale(-1)``, ``skew``,
``rotateX``) makes the angle unknown (``None``).
"""

from __future__ import annotations

import math
from typing import Any

import tinycss2

_ANGLE_UNITS = {"deg": 1.0, "rad": 180 / math.pi, "grad": 0.9, "turn": 360.0}
_NEUTRAL_FUNCTIONS = frozenset(
    {"translate", "translatex", "translatey", "translatez", "translate3d", "perspective"}
)
_SCALE_FUNCTIONS = frozenset({"scale", "scalex", "scaley", "scalez", "scale3d"})
# matrix(a, b, c, d, e, f) and matrix3d(...) store cos/sin of the angle in these positions.
_MATRIX_ARGUMENTS = {"matrix": 6, "matrix3d": 16}
_MATRIX3D_Z_ONLY = ((2, 0.0), (6, 0.0), (8, 0.0), (9, 0.0), (10, 1.0))
ROTATING_FUNCTIONS = frozenset({"rotate", "rotate3d", "rotatez", "matrix", "matrix3d"})


def _arguments(function: Any) -> list[Any]:
    """A function's arguments without whitespace and commas."""
    return [
        token
        for token in function.arguments
        if token.type not in ("whitespace", "comment", "literal")
    ]


def _angle(token: Any) -> float | None:
    if token.type == "dimension" and token.lower_unit in _ANGLE_UNITS:
        return float(token.value) * _ANGLE_UNITS[token.lower_unit]
    if token.type == "number" and token.value == 0:
        return 0.0
    return None


def _numbers(tokens: list[Any]) -> list[float] | None:
    if not all(token.type == "number" for token in tokens):
        return None
    return [float(token.value) for token in tokens]


def _function_angle(function: Any) -> float | None:  # noqa: PLR0911 (one case per function)
    name = function.lower_name
    arguments = _arguments(function)
    if name in _NEUTRAL_FUNCTIONS:
        return 0.0
    if name in _SCALE_FUNCTIONS:
        values = _numbers(arguments)
        return 0.0 if values is not None and all(value > 0 for value in values) else None
    if name in ("rotate", "rotatez") and len(arguments) == 1:
        return _angle(arguments[0])
    if name == "rotate3d" and len(arguments) == 4:
        axis = _numbers(arguments[:3])
        angle = _angle(arguments[3])
        if axis is None or angle is None or axis[0] or axis[1] or not axis[2]:
            return None
        return angle if axis[2] > 0 else -angle
    if name in _MATRIX_ARGUMENTS:
        values = _numbers(arguments)
        if values is None or len(values) != _MATRIX_ARGUMENTS[name]:
            return None
        a, b = values[0], values[1]
        c, d = (values[2], values[3]) if name == "matrix" else (values[4], values[5])
        if name == "matrix3d" and any(values[i] != v for i, v in _MATRIX3D_Z_ONLY):
            return None
        if a * d - b * c <= 0:  # a flip: not a pure rotation
            return None
        return math.degrees(math.atan2(b, a))
    return None


def transform_angle(value: str) -> float | None:
    """Total Z rotation of a ``transform`` value (``none`` is 0); ``None`` when unknown."""
    if value.strip().lower() == "none":
        return 0.0
    total = 0.0
    for token in tinycss2.parse_component_value_list(value):
        if token.type in ("whitespace", "comment"):
            continue
        if token.type != "function":
            return None
        angle = _function_angle(token)
        if angle is None:
            return None
        total += angle
    return total


def rotate_angle(value: str) -> float | None:
    """Z rotation of the ``rotate`` property (``none``, ``90deg``, ``z 90deg``,
    ``0 0 1 90deg``); ``None`` for other axes or unknown values."""
    tokens = [
        token
        for token in tinycss2.parse_component_value_list(value)
        if token.type not in ("whitespace", "comment")
    ]
    if len(tokens) == 1 and tokens[0].type == "ident" and tokens[0].lower_value == "none":
        return 0.0
    if len(tokens) == 1:
        return _angle(tokens[0])
    if len(tokens) == 2 and tokens[0].type == "ident" and tokens[0].lower_value == "z":
        return _angle(tokens[1])
    if len(tokens) == 4:
        axis = _numbers(tokens[:3])
        angle = _angle(tokens[3])
        if axis is not None and angle is not None and not axis[0] and not axis[1] and axis[2]:
            return angle if axis[2] > 0 else -angle
    return None


def mentions_rotation(prop: str, value: str) -> bool:
    """Whether a declaration is one ACT b33eff looks at: ``rotate``, or a ``transform``
    using rotate, rotate3d, rotateZ, matrix or matrix3d."""
    if prop == "rotate":
        return True
    return any(
        token.type == "function" and token.lower_name in ROTATING_FUNCTIONS
        for token in tinycss2.parse_component_value_list(value)
    )
