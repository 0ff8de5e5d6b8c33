"""Parsing autocomplete values and matching them to controls (ACT 73f2c2)."""

from __future__ import annotations

import pytest

from accessibility_analyzer.engine.aria import (
    AutofillDetail,
    is_appropriate_field,
    parse_autocomplete,
)


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ("on", "on"),
        ("OFF", "off"),
        ("email", "email"),
        ("  Email ", "email"),
        ("username webauthn", "username"),
        ("shipping street-address", "street-address"),
        ("section-blue billing postal-code", "postal-code"),
        ("work tel", "tel"),
        ("section-a shipping mobile tel-national", "tel-national"),
    ],
)
def test_valid_values(value: str, field: str) -> None:
    detail = parse_autocomplete(value)
    assert detail is not None
    assert detail.field_name == field


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "invalid",
        "work name",  # contact type only before contact fields
        "billing section-a name",  # order matters
        "on off",
        "email email",
        "webauthn",
        "shipping",
    ],
)
def test_invalid_values(value: str) -> None:
    assert parse_autocomplete(value) is None


def test_parts() -> None:
    assert parse_autocomplete("section-x shipping work email webauthn") == AutofillDetail(
        field_name="email",
        control_group="username",
        section="section-x",
        address_type="shipping",
        contact_type="work",
        webauthn=True,
    )


@pytest.mark.parametrize(
    ("value", "control", "appropriate"),
    [
        ("email", "email", True),
        ("email", "number", False),
        ("bday", "date", True),
        ("bday-day", "number", True),
        ("street-address", "text", False),
        ("street-address", "textarea", True),
        ("new-password", "password", True),
        ("tel", "tel", True),
        ("cc-exp", "month", True),
        ("on", "checkbox", True),
        ("name", "select", True),
    ],
)
def test_appropriate_fields(value: str, control: str, appropriate: bool) -> None:
    detail = parse_autocomplete(value)
    assert detail is not None
    assert is_appropriate_field(detail, control) is appropriate
