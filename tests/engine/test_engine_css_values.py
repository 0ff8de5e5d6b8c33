"""CSS values through the cascade: CSS-wide keywords, custom properties, selector lists."""

from __future__ import annotations

import pytest

from accessibility_analyzer.engine import parse_page
from accessibility_analyzer.engine.css import InvalidSelector, computed_style, select
from accessibility_analyzer.engine.css.selectors import parse_selector_text
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


class TestCustomProperties:
    PAGE = (
        b"<style>"
        b":root { --Brand: RED; --bg: var(--Brand); --a: var(--b); --b: var(--a);"
        b" --none: initial; --hide: none }"
        b" .case { color: var(--Brand) } .fallback { color: var(--missing, var(--bg)) }"
        b" .cycle { color: var(--a, green) } .cycle-no-fallback { color: var(--a) }"
        b" .shorthand { background: var(--bg) url(a.png) } .hidden { display: var(--hide) }"
        b" .initial { color: var(--none, pink) } .local { --hide: block }"
        b" .missing { display: var(--nothing) }"
        b" .icon::before { content: var(--label) }"
        b"</style>"
        b"<div style='color: blue'>"
        b"<p id=case class=case></p><p id=fallback class=fallback></p>"
        b"<p id=cycle class=cycle></p><p id=cycle-no-fallback class=cycle-no-fallback></p>"
        b"<p id=shorthand class=shorthand></p><p id=hidden class=hidden></p>"
        b"<p id=initial class=initial></p>"
        b"<section class=local><p id=scoped class=hidden></p></section>"
        b"<p id=missing class=missing></p>"
        b"<a id=icon href='/' class=icon style='--label: \"Home\"'></a>"
        b"</div>"
    )

    @pytest.mark.parametrize(
        ("element_id", "prop", "expected"),
        [
            ("case", "color", "red"),  # names are case-sensitive, values lowered after
            ("fallback", "color", "red"),
            ("cycle", "color", "green"),  # a cycle is invalid: the fallback applies
            ("cycle-no-fallback", "color", "blue"),  # invalid: unset, so inherited
            ("shorthand", "background-color", "red"),
            ("shorthand", "background-image", "url(a.png)"),
            ("hidden", "display", "none"),
            ("initial", "color", "pink"),
            ("scoped", "display", "block"),  # inherited from the nearest declaration
            ("missing", "display", "inline"),  # invalid at computed-value time: initial
            ("case", "--Brand", "RED"),
            ("case", "--brand", None),
        ],
    )
    def test_substitution(self, element_id: str, prop: str, expected: str | None) -> None:
        assert _style(parse_page(self.PAGE), element_id, prop) == expected

    def test_generated_content_uses_custom_properties(self) -> None:
        from accessibility_analyzer.engine.aria import accessible_name

        page = parse_page(self.PAGE)
        link = page.get_element_by_id("icon")
        assert link is not None
        assert accessible_name(page, link) == "Home"

    def test_exponential_references_are_bounded(self) -> None:
        chain = "".join(f"--v{i}: var(--v{i - 1}) var(--v{i - 1});" for i in range(1, 40))
        page = parse_page(
            f"<style>:root {{ --v0: x; {chain} }} p {{ color: var(--v39) }}</style><p id=p></p>"
        )
        assert _style(page, "p", "color") == "canvastext"


class TestSelectorLists:
    PAGE = (
        b"<style>div:has(> img) { display: none } section:has(.x .y) { color: red }"
        b" h2:has(+ p) { color: blue } li:has(~ li.last) { color: green }"
        b" :is(#main, .b) p { color: pink } p:where(.w) { color: olive } p { color: gray }"
        b" p:not(.n, #m) { text-transform: uppercase }</style>"
        b"<div id=d1><img></div><div id=d2><p><img></p></div>"
        b"<section id=s1><div class=x><span class=y></span></div></section>"
        b"<div class=x><section id=s2><span class=y></span></section></div>"
        b"<h2 id=h1></h2><p></p><h2 id=h2></h2><div></div>"
        b"<ul><li id=l1></li><li id=l2></li><li class=last id=l3></li></ul>"
        b"<article id=main><p id=pink></p></article><p id=olive class=w></p>"
        b"<p id=m></p><p id=plain></p>"
    )

    @pytest.mark.parametrize(
        ("element_id", "prop", "expected"),
        [
            ("d1", "display", "none"),
            ("d2", "display", "block"),  # the img is a grandchild
            ("s1", "color", "red"),
            ("s2", "color", "canvastext"),  # .x is outside the section
            ("h1", "color", "blue"),
            ("h2", "color", "canvastext"),
            ("l1", "color", "green"),
            ("l3", "color", "canvastext"),
            ("pink", "color", "pink"),  # :is() takes its most specific argument
            ("olive", "color", "gray"),  # :where() adds nothing: the later p wins
            ("m", "text-transform", "none"),
            ("plain", "text-transform", "uppercase"),
        ],
    )
    def test_matching_and_priority(self, element_id: str, prop: str, expected: str) -> None:
        assert _style(parse_page(self.PAGE), element_id, prop) == expected

    @pytest.mark.parametrize(
        ("selector", "specificity"),
        [
            (":has(> img)", (0, 0, 1)),
            ("div:has(#a, .b)", (1, 0, 1)),
            (":not(#a, .b .c)", (1, 0, 0)),
            (":is(p, .b)", (0, 1, 0)),
            (":where(#a) .b", (0, 1, 0)),
            ("li:nth-child(2 of .x, #y)", (1, 1, 1)),
        ],
    )
    def test_specificity(self, selector: str, specificity: tuple[int, int, int]) -> None:
        assert parse_selector_text(selector)[0].specificity == specificity

    def test_nested_has_is_invalid(self) -> None:
        with pytest.raises(InvalidSelector):
            parse_selector_text("div:has(p:has(a))")

    def test_select_with_has(self) -> None:
        page = parse_page(self.PAGE)
        assert [e.attrs.get("id") for e in select(page, "div:has(img)")] == ["d1", "d2"]

    def test_has_on_a_deep_page_is_bounded(self) -> None:
        """Each div scans its whole subtree: quadratic, so a page budget stops :has()."""
        depth = 3000
        page = parse_page(("<div>" * depth + "<span></span>" + "</div>" * depth).encode())
        found = select(page, "div:has(span)")
        assert found[0] is page.by_tag("div")[0]
        assert 0 < len(found) < depth
