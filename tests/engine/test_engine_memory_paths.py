"""The speed and memory paths of the engine give the answers the plain paths give.

``select`` narrows by the page's key index, memo tables are dense lists, parsing shares name
strings, and ``analyze_document`` takes its page apart afterwards: each is checked against
the straightforward computation here.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from accessibility_analyzer.engine import analyze_document, parse_page
from accessibility_analyzer.engine.aria import role_of
from accessibility_analyzer.engine.aria._memo import inherited, memo_value, memoised
from accessibility_analyzer.engine.css import compile_selector, computed_style, select
from accessibility_analyzer.engine.css.cascade import page_styles
from accessibility_analyzer.engine.dom import NOT_COMPUTED, Element, Namespace
from accessibility_analyzer.engine.locate import css_selector, xpath
from accessibility_analyzer.rules import ALL_RULES

PAGE = """<!DOCTYPE html><html lang="en"><head><title>t</title>
<style>.card { overflow: auto } #main p:focus { outline: none }</style></head>
<body><main id="main" class="wrap">
<div class="card big" data-x="1"><p class="lead">one</p><p>two</p></div>
<div class="card" id="second"><span lang="fr">trois</span><input type=checkbox checked></div>
<ul><li class="item">a</li><li class="item last">b</li></ul>
<svg viewBox="0 0 10 10"><g class="card"><rect fill="red"/></g></svg>
<p hidden>gone</p><a href="/x">link</a></main></body></html>"""

SELECTORS = [
    "p",
    ".card",
    "#second",
    "#main p",
    "div > p",
    "[data-x]",
    "[viewBox]",
    "[VIEWBOX]",
    "[lang|=fr]",
    "*",
    ":root",
    "li:last-child",
    "li.item + li",
    ":not(p)",
    "div p, li, .card, #second span",
    ".lead, p.lead",
    "g.card rect",
    "input:checked",
    "P",
    ".missing",
    "rect",
]


def _brute_force(page_text: str, selector_text: str) -> list[Element]:
    page = parse_page(page_text)
    matcher = page_styles(page).matcher
    selectors = compile_selector(selector_text)
    return [e for e in page.elements if any(matcher.matches(s, e) for s in selectors)]


@pytest.mark.parametrize("selector_text", SELECTORS)
def test_select_matches_testing_every_element(selector_text: str) -> None:
    page = parse_page(PAGE)
    found = [element.order for element in select(page, selector_text)]
    expected = [element.order for element in _brute_force(PAGE, selector_text)]
    assert found == expected
    assert found == sorted(set(found))  # document order, each element once


def test_select_on_foreign_attribute_case() -> None:
    page = parse_page(PAGE)
    rects = select(page, "[viewBox] rect")
    assert [element.tag for element in rects] == ["rect"]
    assert rects[0].namespace is Namespace.SVG


@pytest.fixture
def collector_paused() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.mark.usefixtures("collector_paused")
def test_analyze_document_leaves_no_cyclic_garbage() -> None:
    result = analyze_document(PAGE.encode(), path="index.html", rules=ALL_RULES)
    assert result.error is None
    assert result.findings
    assert gc.collect() == 0  # the page was freed by reference counting alone


@pytest.mark.usefixtures("collector_paused")
def test_a_page_kept_by_its_caller_stays_whole() -> None:
    page = parse_page(PAGE)
    computed_style(page, page.elements[-1])
    analyze_document(PAGE.encode(), path="index.html", rules=ALL_RULES)
    assert page.root.children
    assert all(element.parent is not None for element in page.elements[1:])


def test_memoised_computes_once_even_for_none() -> None:
    page = parse_page(PAGE)
    calls: list[int] = []

    def compute(element: Element) -> str | None:
        calls.append(element.order)
        return None

    element = page.elements[3]
    assert memoised(page, "test.none", element, compute) is None
    assert memoised(page, "test.none", element, compute) is None
    assert calls == [3]


def test_inherited_fills_the_chain_once() -> None:
    page = parse_page(PAGE)
    calls: list[int] = []

    def depth(element: Element, parent_depth: int | None) -> int:
        calls.append(element.order)
        return 0 if parent_depth is None else parent_depth + 1

    deepest = max(page.elements, key=lambda element: len(list(element.ancestors())))
    expected = len(list(deepest.ancestors()))
    assert inherited(page, "test.depth", deepest, depth) == expected
    assert inherited(page, "test.depth", deepest, depth) == expected
    assert inherited(page, "test.depth", page.root, depth) == 0
    assert len(calls) == expected + 1  # each element of the chain once


def test_memo_helpers_do_not_memoise_foreign_elements() -> None:
    page = parse_page(PAGE)
    detached = Element("div")  # order -1: not an element of the page
    assert memoised(page, "test.tag", detached, lambda element: element.tag) == "div"
    assert inherited(page, "test.tag", detached, lambda element, _: element.tag) == "div"
    assert memoised(page, "test.tag", page.root, lambda element: element.tag) == "html"
    with pytest.raises(ValueError, match="not an element of this page"):
        computed_style(page, detached)


def test_parse_shares_name_strings_and_reads_valueless_attributes() -> None:
    page = parse_page(PAGE)
    divs = page.by_tag("div")
    assert len(divs) == 2
    assert divs[0].tag is divs[1].tag
    class_names = [next(n for n in div.attrs if n == "class") for div in divs]
    assert class_names[0] is class_names[1]
    checkbox = page.by_tag("input")[0]
    assert checkbox.attrs == {"type": "checkbox", "checked": ""}
    assert page.by_tag("p")[-1].attrs == {"hidden": ""}


def test_memo_value_reads_what_memoised_stored() -> None:
    page = parse_page(PAGE)
    link = page.by_tag("a")[0]
    assert memo_value(page, "aria.role", link) is NOT_COMPUTED
    assert role_of(page, link) == "link"
    assert memo_value(page, "aria.role", link) == "link"
    assert role_of(page, link) == "link"  # the fast path gives the same answer
    assert memo_value(page, "aria.role", Element("a")) is NOT_COMPUTED


def test_locations_of_an_element_of_another_page_are_its_own() -> None:
    page = parse_page(PAGE)
    other = parse_page("<ul><li>a</li><li>b</li><li><b>c</b></li></ul>")
    bold = other.by_tag("b")[0]
    # Its order would index this page's memo tables: locations ignore them instead.
    assert bold.order < len(page.elements)
    assert css_selector(page, bold) == css_selector(other, bold)
    assert xpath(bold, page) == xpath(bold, other) == "/html/body/ul/li[3]/b"
    assert css_selector(page, Element("div")) == "html"
    assert xpath(Element("div"), page) == "/div"


def test_locations_are_memoised_per_element() -> None:
    page = parse_page(PAGE)
    items = page.by_tag("li")
    first = [css_selector(page, item) for item in items]
    assert first == [css_selector(page, item) for item in items]
    assert [xpath(item, page) for item in items] == [xpath(item) for item in items]
    assert first[1].endswith("li:nth-of-type(2)")
