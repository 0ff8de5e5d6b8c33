"""``may_declare``: the pre-filter that spares an element's cascade must never miss a value."""

from __future__ import annotations

import pytest

from accessibility_analyzer.engine import parse_page
from accessibility_analyzer.engine.css import computed_style, may_declare

OVERFLOW = frozenset({"overflow-x", "overflow-y"})
PAGE = (
    b"<style>"
    b".clip { overflow: hidden } .box > p { overflow-y: var(--o) } div { color: red }"
    b" @media print { .printed { overflow: hidden } }"
    b"</style>"
    b"<div id=plain>text</div><div id=classed class=clip>text</div>"
    b"<div class=box><p id=child>text</p></div><p id=outside>text</p>"
    b"<span id=inline style='overflow-x: clip'>text</span>"
    b"<span id=inherits style='overflow: inherit'>text</span>"
    b"<div id=printed class=printed>text</div>"
)


@pytest.mark.parametrize(
    ("element_id", "declared"),
    [
        ("plain", False),
        ("classed", True),
        ("child", True),  # var() in a longhand counts as declared
        ("outside", False),  # the child combinator's parent does not match
        ("inline", True),
        ("inherits", True),
        ("printed", False),  # a rule in a media query that does not apply
    ],
)
def test_may_declare_agrees_with_the_computed_style(element_id: str, declared: bool) -> None:
    page = parse_page(PAGE, path="index.html")
    element = page.get_element_by_id(element_id)
    assert element is not None
    assert may_declare(page, element, OVERFLOW) is declared
    style = computed_style(page, element)
    if not declared:
        assert (style.get("overflow-x"), style.get("overflow-y")) == ("visible", "visible")
    assert may_declare(page, element, OVERFLOW)  # once styled, the style is read instead
