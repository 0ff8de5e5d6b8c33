"""Locations: unique selectors (checked with the engine's own matcher), XPath, snippets."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessibility_analyzer.engine import Page, css_selector, parse_page, snippet, xpath
from accessibility_analyzer.engine.css import select
from accessibility_analyzer.engine.locate import MAX_PATH_STEPS, TAIL_STEPS, css_escape

PAGE = """<!DOCTYPE html><html><head><title>t</title></head><body>
<div id="main"><p>a</p><p>b</p><p id="1st">c</p><p id="a b">d</p><p id="x.y:z">e</p>
<p id="dup">f</p><p id="dup">g</p><p id="">h</p><p id="ünï">i</p><p id="-">j</p></div>
<div><ul><li>1</li><li>2</li></ul><ul><li>3</li><li><img src=a.png></li></ul></div>
<svg><g><circle r=1 /><circle r=2 /></g><foreignObject><p>k</p></foreignObject></svg>
<table><tr><td>x</td></tr></table>
</body></html>"""


def assert_unique_selectors(page: Page) -> None:
    for element in page.elements:
        selector = css_selector(page, element)
        assert select(page, selector) == [element], selector


def test_every_selector_is_unique_and_matches_its_element() -> None:
    assert_unique_selectors(parse_page(PAGE))


def test_selector_shapes() -> None:
    page = parse_page(PAGE)
    paragraphs = page.by_tag("p")
    assert css_selector(page, paragraphs[0]) == "#main > p:nth-of-type(1)"
    assert css_selector(page, paragraphs[2]) == "#\\31 st"
    assert css_selector(page, paragraphs[3]) == "#a\\ b"
    assert css_selector(page, paragraphs[5]) == "#main > p:nth-of-type(6)"  # duplicate id
    assert css_selector(page, page.by_tag("img")[0]).startswith("html > body > div:nth-of-type(2)")
    assert css_selector(page, page.root) == "html"


def test_selectors_on_a_corpus_page() -> None:
    corpus = Path("/work/shared/corpus/w3c")
    files = sorted(corpus.rglob("*.html"))[:3] if corpus.is_dir() else []
    if not files:
        pytest.skip("corpus not present")
    for file in files:
        assert_unique_selectors(parse_page(file.read_bytes()))


def test_css_escape() -> None:
    assert css_escape("a") == "a"
    assert css_escape("1a") == "\\31 a"
    assert css_escape("-1") == "-\\31 "
    assert css_escape("-") == "\\-"
    assert css_escape("a.b") == "a\\.b"
    assert css_escape("\x00") == "\ufffd"


def test_xpath() -> None:
    page = parse_page(PAGE)
    assert xpath(page.by_tag("img")[0], page) == "/html/body/div[2]/ul[2]/li[2]/img"
    assert xpath(page.by_tag("img")[0]) == "/html/body/div[2]/ul[2]/li[2]/img"
    circle = page.by_tag("circle")[1]
    assert xpath(circle, page) == (
        "/html/body/*[local-name()='svg']/*[local-name()='g']/*[local-name()='circle'][2]"
    )
    assert xpath(page.by_tag("td")[0], page) == "/html/body/table/tbody/tr/td"
    assert xpath(page.root) == "/html"


def test_snippet_from_source_and_rebuilt() -> None:
    page = parse_page('<table class="t"><tr><td>x</td></tr></table><p title="a&quot;b">')
    assert snippet(page, page.by_tag("table")[0]) == '<table class="t">'
    assert snippet(page, page.by_tag("tbody")[0]) == "<tbody>"
    assert snippet(page, page.by_tag("p")[0]) == '<p title="a&quot;b">'


def test_snippet_is_cut_at_300_characters() -> None:
    long_class = "c" * 400
    page = parse_page(f'<div class="{long_class}">x</div>')
    text = snippet(page, page.by_tag("div")[0])
    assert len(text) == 300
    assert text.endswith("…")
    assert text.startswith('<div class="ccc')
    rebuilt = parse_page(f"<table><tr data-x='{long_class}'><td>")
    assert len(snippet(rebuilt, rebuilt.by_tag("tr")[0])) <= 300


def test_deep_element_locations() -> None:
    depth = 5_000
    page = parse_page("<div>" * depth)
    deepest = page.elements[-1]
    # Deeper than MAX_PATH_STEPS below any anchor, locators are shortened (see locate.py).
    assert css_selector(page, deepest).count(">") == TAIL_STEPS - 1
    assert xpath(deepest, page) == f"(//*)[{deepest.order + 1}]"
    shallow = page.elements[MAX_PATH_STEPS - 10]
    levels = len(list(shallow.ancestors()))
    assert css_selector(page, shallow).count(">") == levels
    assert xpath(shallow, page).count("/") == levels + 1


def test_selectors_when_foreign_content_holds_another_html_element() -> None:
    page = parse_page("<svg><html><body><p>x</p></body></html></svg><p>y</p>")
    assert css_selector(page, page.root) == ":root"
    assert_unique_selectors(page)


def test_locators_of_very_deep_elements_stay_short() -> None:
    """Below MAX_PATH_STEPS levels, locators are bounded, so output is linear in depth."""
    depth = 5_000
    page = parse_page(("<div><span tabindex=0>x" * depth).encode())
    spans = page.by_tag("span")
    assert len(spans) == depth
    total = 0
    for span in spans:
        selector, path = css_selector(page, span), xpath(span, page)
        total += len(selector) + len(path)
    assert total < depth * 1_000  # quadratic output would be ~10^8 characters
    shallow = spans[0]
    assert xpath(shallow, page) == "/html/body/div/span"
    deep = spans[-1]
    deep_xpath = xpath(deep, page)
    assert deep_xpath == f"(//*)[{deep.order + 1}]"
    assert page.elements[deep.order] is deep  # the n-th element in document order
    assert css_selector(page, deep).count(">") == TAIL_STEPS - 1
    assert depth > MAX_PATH_STEPS
