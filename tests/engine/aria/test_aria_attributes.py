"""ARIA attribute values, and which attributes a role allows or prohibits."""

from __future__ import annotations

import pytest
from aria_helpers import by_id, page_of

from accessibility_analyzer.engine.aria import (
    aria_attributes,
    is_attribute_prohibited,
    is_attribute_supported,
    is_valid_attribute_value,
)


@pytest.mark.parametrize(
    ("name", "value", "valid"),
    [
        ("aria-hidden", "true", True),
        ("aria-hidden", "TRUE", True),
        ("aria-hidden", "yes", False),
        ("aria-checked", "mixed", True),
        ("aria-expanded", "mixed", False),
        ("aria-pressed", "undefined", True),
        ("aria-current", "page", True),
        ("aria-current", "link", False),
        ("aria-live", " polite ", True),
        ("aria-relevant", "additions text", True),
        ("aria-relevant", "additions nothing", False),
        ("aria-level", "2", True),
        ("aria-level", "2.5", False),
        ("aria-level", "two", False),
        ("aria-valuenow", "2.5", True),
        ("aria-valuenow", "-1e3", True),
        ("aria-valuenow", "1,5", False),
        ("aria-controls", "a b", True),
        ("aria-activedescendant", "a", True),
        ("aria-activedescendant", "a b", False),
        ("aria-errormessage", "does-not-exist", True),
        ("aria-label", "anything at all", True),
        ("aria-foo", "true", False),
    ],
)
def test_attribute_values(name: str, value: str, valid: bool) -> None:
    assert is_valid_attribute_value(name, value) is valid


def test_supported_and_prohibited_by_semantic_role() -> None:
    page = page_of(
        '<button id="b" aria-pressed="true">b</button><a id="a" href="/" aria-pressed="true">a'
        '</a><div id="d" aria-label="x">d</div><p id="p" aria-label="x">p</p>'
        '<input id="pw" type="password" aria-required="true">'
        '<div id="h" role="heading" aria-level="2">h</div>'
    )
    assert is_attribute_supported(page, by_id(page, "b"), "aria-pressed")
    assert not is_attribute_supported(page, by_id(page, "a"), "aria-pressed")
    assert is_attribute_prohibited(page, by_id(page, "d"), "aria-label")
    assert is_attribute_prohibited(page, by_id(page, "p"), "aria-label")
    assert not is_attribute_prohibited(page, by_id(page, "b"), "aria-label")
    assert is_attribute_supported(page, by_id(page, "pw"), "aria-required")
    assert is_attribute_supported(page, by_id(page, "h"), "aria-level")
    assert is_attribute_supported(page, by_id(page, "d"), "aria-live")


def test_aria_attributes_lists_aria_names_in_order() -> None:
    page = page_of('<div id="d" aria-b="1" id2="x" aria-a="2" role="x">d</div>')
    assert aria_attributes(by_id(page, "d")) == ["aria-b", "aria-a"]
