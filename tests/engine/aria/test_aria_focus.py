"""Focusability, the tab sequence, disabled controls."""

from __future__ import annotations

import pytest
from aria_helpers import by_id, page_of

from accessibility_analyzer.engine.aria import (
    is_disabled,
    is_focusable,
    is_in_sequential_focus_navigation,
    is_natively_disabled,
    tabindex_of,
)
from accessibility_analyzer.engine.dom import Element


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("0", 0),
        ("-1", -1),
        ("  3", 3),
        ("+2", 2),
        ("5px", 5),
        ("", None),
        ("abc", None),
        ("-", None),
        (" \t-7 ", -7),
        ("1.5", 1),
    ],
)
def test_tabindex_parsing(value: str | None, expected: int | None) -> None:
    element = Element("div", {} if value is None else {"tabindex": value})
    assert tabindex_of(element) == expected


@pytest.mark.parametrize(
    ("markup", "focusable", "sequential"),
    [
        ('<a id="x" href="/">a</a>', True, True),
        ('<a id="x">a</a>', False, False),
        ('<a id="x" tabindex="-1">a</a>', True, False),
        ('<button id="x">b</button>', True, True),
        ('<button id="x" disabled>b</button>', False, False),
        ('<input id="x">', True, True),
        ('<input id="x" type="hidden">', False, False),
        ('<select id="x"></select>', True, True),
        ('<textarea id="x"></textarea>', True, True),
        ('<div id="x" tabindex="0">d</div>', True, True),
        ('<div id="x" tabindex="x">d</div>', False, False),
        ('<div id="x" contenteditable>d</div>', True, True),
        ('<div id="x" contenteditable="false">d</div>', False, False),
        ('<video id="x" controls></video>', True, True),
        ('<video id="x"></video>', False, False),
        ('<iframe id="x" src="about:blank"></iframe>', True, True),
        ("<details><summary id='x'>s</summary></details>", True, True),
        ("<summary id='x'>s</summary>", False, False),
        ('<button id="x" hidden>b</button>', False, False),
        ('<button id="x" style="visibility:hidden">b</button>', False, False),
        ('<div inert><button id="x">b</button></div>', False, False),
        ('<button id="x" aria-disabled="true">b</button>', True, True),
        ('<fieldset disabled><input id="x"></fieldset>', False, False),
        ('<fieldset disabled><legend><input id="x"></legend></fieldset>', True, True),
        (
            '<fieldset disabled><fieldset><legend><input id="x"></legend></fieldset></fieldset>',
            False,
            False,
        ),
        ('<svg><a id="x" href="/"><text>t</text></a></svg>', True, True),
        ('<div id="x" tabindex="0" aria-hidden="true">d</div>', True, True),
    ],
)
def test_focusable(markup: str, focusable: bool, sequential: bool) -> None:
    page = page_of(markup)
    element = by_id(page, "x")
    assert is_focusable(page, element) is focusable
    assert is_in_sequential_focus_navigation(page, element) is sequential


def test_disabled() -> None:
    page = page_of(
        '<button id="a" disabled>a</button><div aria-disabled="true"><span id="b">b</span></div>'
        '<select><optgroup disabled><option id="c">c</option></optgroup></select>'
        '<button id="d">d</button><div id="e" disabled>e</div>'
    )
    assert is_disabled(page, by_id(page, "a"))
    assert is_natively_disabled(page, by_id(page, "a"))
    assert is_disabled(page, by_id(page, "b"))
    assert not is_natively_disabled(page, by_id(page, "b"))
    assert is_natively_disabled(page, by_id(page, "c"))
    assert not is_disabled(page, by_id(page, "d"))
    assert not is_disabled(page, by_id(page, "e"))  # div has no disabled state
