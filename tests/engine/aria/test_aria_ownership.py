"""Accessibility-tree parents and children (the ACT "owned by" relation)."""

from __future__ import annotations

from aria_helpers import by_id, page_of

from accessibility_analyzer.engine.aria import (
    accessibility_children,
    accessibility_parent,
    has_accessibility_node,
    owned_text,
)
from accessibility_analyzer.engine.dom import Element


def ids(elements: list[Element]) -> list[str | None]:
    return [element.get("id") for element in elements]


def test_generic_wrappers_are_transparent() -> None:
    page = page_of(
        '<div id="l" role="list"><div><span><div id="a" role="listitem">A</div></span></div>'
        '<div role="none"><div id="b" role="listitem">B</div></div></div>'
    )
    assert ids(accessibility_children(page, by_id(page, "l"))) == ["a", "b"]
    assert accessibility_parent(page, by_id(page, "a")) is by_id(page, "l")
    assert owned_text(page, by_id(page, "l")) == ""


def test_generic_with_global_attribute_keeps_its_node() -> None:
    page = page_of(
        '<div id="l" role="list"><div id="live" aria-live="polite">'
        '<div id="a" role="listitem">A</div></div></div>'
    )
    assert has_accessibility_node(page, by_id(page, "live"))
    assert ids(accessibility_children(page, by_id(page, "l"))) == ["live"]
    assert accessibility_parent(page, by_id(page, "a")) is by_id(page, "live")


def test_owned_text_and_hidden_children() -> None:
    page = page_of(
        '<div id="l" role="list"><span>Item 1</span><div hidden role="listitem">x</div>'
        '<div aria-hidden="true"><div role="listitem">y</div></div></div>'
    )
    assert accessibility_children(page, by_id(page, "l")) == []
    assert owned_text(page, by_id(page, "l")) == "Item 1"


def test_aria_owns_moves_elements() -> None:
    page = page_of(
        '<div id="menu" role="menu" aria-owns="i2"><div id="i1" role="menuitem">1</div></div>'
        '<div id="other" role="group"><div id="i2" role="menuitem">2</div></div>'
        '<div id="self" aria-owns="self menu">s</div>'
    )
    assert ids(accessibility_children(page, by_id(page, "menu"))) == ["i1", "i2"]
    assert accessibility_children(page, by_id(page, "other")) == []
    assert accessibility_parent(page, by_id(page, "i2")) is by_id(page, "menu")
    # An element cannot own itself; the first owner wins for "menu" is "self" (no cycle).
    assert by_id(page, "self") not in accessibility_children(page, by_id(page, "self"))


def test_native_list_items() -> None:
    page = page_of('<ul id="u"><li id="a">a</li><li id="b">b</li></ul>')
    assert ids(accessibility_children(page, by_id(page, "u"))) == ["a", "b"]
