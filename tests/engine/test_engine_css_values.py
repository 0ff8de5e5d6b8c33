"""CSS values through the cascade: CSS-wide keywords, custom properties, selector lists."""

from __future__ import annotations

import pytest

from accessibility_analyzer.engine import parse_page
from accessibility_analyzer.engine.css import computed_style
from accessibility_analyzer.engine.dom import Page


def _style(page: Page, element_id: str, prop: str) -> str | None:
    element = page.get_element_by_id(element_id)
    assert element is not None
    return computed_style(page, element).get(prop)


class TestCssWideKeywords:
    PAGE = (
        b"<style>"
        b"div { display: inline; color: red }"
        b" .revert { display: revert; color: revert }"
        b" .initial { display: initial; color: initial }"
        b" .inherit { display: inherit; color: inherit }"
        b" .unset { display: unset; color: unset }"
        b" .layer { display: revert-layer }"
        b"</style>"
        b"<section style='display: flex; color: blue'>"
        b"<div id=plain></div><div id=revert class=revert></div>"
        b"<div id=initial class=initial></div><div id=inherit class=inherit></div>"
        b"<div id=unset class=unset></div><div id=layer class=layer></div>"
        b"<span id=span style='display: revert'></span>"
        b"<p id=important class=revert style='display: none !important'></p>"
        b"</section>"
    )

    @pytest.mark.parametrize(
        ("element_id", "display", "color"),
        [
            ("plain", "inline", "red"),
            ("revert", "block", "blue"),  # the browser's div; color inherits (unset)
            ("initial", "inline", "canvastext"),
            ("inherit", "flex", "blue"),
            ("unset", "inline", "blue"),
            ("layer", "block", "red"),
            ("span", "inline", "blue"),  # no browser value: like unset
            ("important", "none", "blue"),
        ],
    )
    def test_keywords(self, element_id: str, display: str, color: str) -> None:
        page = parse_page(self.PAGE)
        assert _style(page, element_id, "display") == display
        assert _style(page, element_id, "color") == color

    def test_revert_of_a_hidden_browser_default(self) -> None:
        page = parse_page(
            b"<style>[hidden] { display: block } .x { display: revert }</style>"
            b"<p id=a hidden class=x>a</p><p id=b hidden>b</p>"
        )
        assert _style(page, "a", "display") == "none"
        assert _style(page, "b", "display") == "block"
