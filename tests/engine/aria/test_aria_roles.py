"""Explicit, implicit and computed roles, conflict resolution, allowed roles."""

from __future__ import annotations

import pytest
from aria_helpers import by_id, page_of

from accessibility_analyzer.engine.aria import (
    allowed_roles,
    explicit_role,
    explicit_role_tokens,
    has_presentational_conflict,
    implicit_role,
    is_interactive_role,
    is_role_allowed,
    role_of,
)


def test_explicit_role_is_first_valid_concrete_token() -> None:
    page = page_of(
        '<div id="a" role="foo BUTTON link"></div><div id="b" role="widget"></div>'
        '<div id="c" role=""></div><div id="d" role="doc-toc graphics-symbol"></div>'
    )
    assert explicit_role_tokens(by_id(page, "a")) == ["foo", "button", "link"]
    assert explicit_role(page, by_id(page, "a")) == "button"
    assert explicit_role(page, by_id(page, "b")) is None  # abstract roles do not count
    assert explicit_role(page, by_id(page, "c")) is None
    assert explicit_role(page, by_id(page, "d")) == "doc-toc"


@pytest.mark.parametrize(
    ("markup", "role"),
    [
        ('<a id="x" href="/">a</a>', "link"),
        ('<a id="x">a</a>', None),
        ('<img id="x" src="a.png">', "img"),
        ('<img id="x" src="a.png" alt="">', "presentation"),
        ('<img id="x" src="a.png" alt="" aria-label="Logo">', "img"),
        ('<img id="x" src="a.png" alt="Logo">', "img"),
        ('<section id="x">s</section>', None),
        ('<section id="x" aria-label="News">s</section>', "region"),
        ('<section id="x" aria-labelledby="h"><h2 id="h">News</h2></section>', "region"),
        ('<header id="x">h</header>', "banner"),
        ('<article><header id="x">h</header></article>', None),
        ('<main><footer id="x">f</footer></main>', None),
        ('<div role="main"><footer id="x">f</footer></div>', None),
        ('<footer id="x">f</footer>', "contentinfo"),
        ('<aside id="x">a</aside>', "complementary"),
        ('<article><aside id="x">a</aside></article>', None),
        ('<article><aside id="x" aria-label="Notes">a</aside></article>', "complementary"),
        ('<input id="x">', "textbox"),
        ('<input id="x" type="bogus">', "textbox"),
        ('<input id="x" type="text" list="l"><datalist id="l"></datalist>', "combobox"),
        ('<input id="x" type="search">', "searchbox"),
        ('<input id="x" type="checkbox">', "checkbox"),
        ('<input id="x" type="range">', "slider"),
        ('<input id="x" type="number">', "spinbutton"),
        ('<input id="x" type="image" alt="Go">', "button"),
        ('<input id="x" type="password">', "textbox"),
        ('<input id="x" type="hidden">', None),
        ('<select id="x"><option>a</option></select>', "combobox"),
        ('<select id="x" multiple><option>a</option></select>', "listbox"),
        ('<select id="x" size="4"><option>a</option></select>', "listbox"),
        ('<ul><li id="x">a</li></ul>', "listitem"),
        ('<ul role="presentation"><li id="x">a</li></ul>', None),
        ('<div><li id="x">a</li></div>', None),
        ("<h3 id='x'>a</h3>", "heading"),
        ("<button id='x'>a</button>", "button"),
        ("<textarea id='x'></textarea>", "textbox"),
        ("<nav id='x'></nav>", "navigation"),
        ("<form id='x'></form>", "form"),
        ("<dl><dt id='x'>t</dt><dd>d</dd></dl>", "term"),
        ("<fieldset id='x'></fieldset>", "group"),
        ("<svg id='x'></svg>", "graphics-document"),
        ("<div id='x'>d</div>", None),
        ("<span id='x'>d</span>", None),
    ],
)
def test_implicit_roles(markup: str, role: str | None) -> None:
    page = page_of(markup)
    assert implicit_role(page, by_id(page, "x")) == role


@pytest.mark.parametrize(
    ("table_attributes", "cell_role", "header_role", "row_role"),
    [
        ("", "cell", "columnheader", "row"),
        ('role="grid"', "gridcell", "columnheader", "row"),
        ('role="presentation"', None, None, None),
    ],
)
def test_table_parts_follow_table_role(
    table_attributes: str, cell_role: str | None, header_role: str | None, row_role: str | None
) -> None:
    page = page_of(
        f"<table {table_attributes}><thead><tr id='r'><th id='h'>H</th></tr></thead>"
        "<tbody><tr><th id='rh' scope='row'>R</th><td id='c'>1</td></tr></tbody></table>"
    )
    assert role_of(page, by_id(page, "c")) == cell_role
    assert role_of(page, by_id(page, "h")) == header_role
    assert role_of(page, by_id(page, "r")) == row_role


def test_row_header_without_scope_is_first_cell_of_a_data_row() -> None:
    page = page_of("<table><tr><th id='a'>Name</th><td>Ann</td></tr></table>")
    assert role_of(page, by_id(page, "a")) == "rowheader"


@pytest.mark.parametrize(
    ("markup", "conflict", "role"),
    [
        ('<img id="x" role="presentation" src="a.png" alt="">', False, "presentation"),
        ('<button id="x" role="none">b</button>', True, "button"),
        ('<h1 id="x" role="none" aria-describedby="d">t</h1><p id="d">d</p>', True, "heading"),
        ('<span id="x" role="presentation" tabindex="-1">t</span>', True, None),
        ('<h1 id="x" role="none">t</h1>', False, "none"),
        ('<h1 id="x" role="none" aria-level="2">t</h1>', False, "none"),  # not global
        ('<img id="x" alt="" tabindex="0" src="a.png">', True, "img"),
        ('<button id="x" role="none" disabled>b</button>', False, "none"),
    ],
)
def test_presentational_conflict_resolution(markup: str, conflict: bool, role: str) -> None:
    page = page_of(markup)
    element = by_id(page, "x")
    assert has_presentational_conflict(page, element) is conflict
    assert role_of(page, element) == role


def test_explicit_role_wins() -> None:
    page = page_of(
        '<a id="x" href="/" role="button">a</a><div id="y" role="tab">t</div>'
        '<h1 id="z" role="generic">g</h1>'
    )
    assert role_of(page, by_id(page, "x")) == "button"
    assert role_of(page, by_id(page, "y")) == "tab"
    assert explicit_role(page, by_id(page, "z")) == "generic"
    assert role_of(page, by_id(page, "z")) is None


def test_interactive_roles() -> None:
    assert is_interactive_role("button")
    assert is_interactive_role("link")
    assert not is_interactive_role("listbox")
    assert not is_interactive_role("progressbar")
    assert not is_interactive_role(None)


def test_allowed_roles() -> None:
    page = page_of(
        '<a id="a" href="/">x</a><a id="b">x</a><img id="c" alt="" src="a.png">'
        '<input id="d" type="checkbox"><input id="e" type="email"><h2 id="f">x</h2>'
        '<div id="g">x</div><select id="h"><option>o</option></select>'
    )
    assert is_role_allowed(by_id(page, "a"), "button")
    assert not is_role_allowed(by_id(page, "a"), "heading")
    assert allowed_roles(by_id(page, "b")) is None
    assert allowed_roles(by_id(page, "c")) == {"none", "presentation"}
    assert is_role_allowed(by_id(page, "d"), "switch")
    assert not is_role_allowed(by_id(page, "e"), "combobox")
    assert is_role_allowed(by_id(page, "f"), "tab")
    assert is_role_allowed(by_id(page, "g"), "anything-at-all")
    assert is_role_allowed(by_id(page, "h"), "menu")
