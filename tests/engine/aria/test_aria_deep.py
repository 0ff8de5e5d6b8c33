"""Deep trees: every semantics function answers on a 100,000-level page without recursion
errors, and costs stay linear."""

from __future__ import annotations

from aria_helpers import page_of

from accessibility_analyzer.engine import aria

DEPTH = 100_000


def test_every_function_survives_a_100k_deep_page() -> None:
    markup = (
        '<a href="/" lang="fr" aria-hidden="false"><div role="button" title="t">'
        + "<span>" * DEPTH
        + "deep text <label>L <input id='deepest' value='v'></label>"
        + "</span>" * DEPTH
        + "</div></a>"
    )
    page = page_of(markup)
    deepest = page.get_element_by_id("deepest")
    assert deepest is not None
    link = page.by_tag("a")[0]
    for element in (deepest, link, page.elements[-1]):
        aria.role_of(page, element)
        aria.implicit_role(page, element)
        aria.accessible_name(page, element)
        aria.accessible_description(page, element)
        aria.name_source(page, element)
        aria.is_hidden(page, element)
        aria.is_visible(page, element)
        aria.is_included_in_accessibility_tree(page, element)
        aria.is_focusable(page, element)
        aria.is_in_sequential_focus_navigation(page, element)
        aria.is_disabled(page, element)
        aria.element_language(page, element)
    assert aria.accessible_name(page, deepest) == "L"
    assert aria.accessible_name(page, link) == "deep text L v"
    assert aria.element_language(page, deepest) == "fr"
    assert not aria.is_included_in_accessibility_tree(page, deepest)  # inside a button


def test_nested_landmarks_resolve_by_inherited_scope() -> None:
    count = 3_000
    page = page_of("<header><section aria-label='s'>" * count + "x" + "</section></header>" * count)
    headers = page.by_tag("header")
    assert aria.role_of(page, headers[0]) == "banner"
    assert {aria.role_of(page, header) for header in headers[1:]} == {None}
    assert {aria.role_of(page, section) for section in page.by_tag("section")} == {"region"}
    assert all(aria.is_included_in_accessibility_tree(page, e) for e in page.elements[-5:])
