"""Helpers for the semantics tests: parse a snippet, find elements by id."""

from __future__ import annotations

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.parse import parse_page


def page_of(body: str, *, head: str = "", lang: str | None = "en") -> Page:
    """A whole page around ``body`` (the ACT test cases are whole pages too)."""
    lang_attribute = f' lang="{lang}"' if lang is not None else ""
    return parse_page(
        f"<!DOCTYPE html><html{lang_attribute}><head><title>t</title>{head}</head>"
        f"<body>{body}</body></html>"
    )


def by_id(page: Page, element_id: str) -> Element:
    """The element with this id (the test fails loudly when it is missing)."""
    element = page.get_element_by_id(element_id)
    assert element is not None, f"no element with id {element_id!r}"
    return element
