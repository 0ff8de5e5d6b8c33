"""Hidden, included in the accessibility tree, and visible."""

from __future__ import annotations

import pytest
from aria_helpers import by_id, page_of

from accessibility_analyzer.engine.aria import (
    is_hidden,
    is_included_in_accessibility_tree,
    is_programmatically_hidden,
    is_visible,
)

STYLE = (
    "<style>.gone { display: none } .invisible { visibility: hidden }"
    " .back { visibility: visible } .sr { position: absolute; left: -9999px }</style>"
)


@pytest.mark.parametrize(
    ("markup", "hidden"),
    [
        ('<p id="x">shown</p>', False),
        ('<p id="x" hidden>hidden</p>', True),
        ('<p id="x" hidden style="display:block">shown again</p>', False),
        ('<div hidden><p id="x">inside</p></div>', True),
        ('<p id="x" style="display: none">x</p>', True),
        ('<div class="gone"><span><b id="x">deep</b></span></div>', True),
        ('<div class="invisible"><b id="x">x</b></div>', True),
        ('<div class="invisible"><b id="x" class="back">x</b></div>', False),
        ('<div style="visibility:collapse"><b id="x">x</b></div>', True),
        ('<template id="x"><p>x</p></template>', True),
        ('<noscript id="x"><p>x</p></noscript>', True),
        ('<input id="x" type="hidden">', True),
        ('<dialog id="x">closed</dialog>', True),
        ('<dialog open id="x">open</dialog>', False),
        ("<details><summary id='x'>s</summary><p>c</p></details>", False),
        ("<details><summary>s</summary><p id='x'>c</p></details>", True),
        ("<details open><summary>s</summary><p id='x'>c</p></details>", False),
        ("<svg><defs><rect id='x'/></defs></svg>", True),
        ('<div hidden="until-found"><p id="x">found later</p></div>', True),
        ('<div hidden="until-found" id="x"><p>found later</p></div>', False),
        ("<svg><rect id='x'/></svg>", False),
        ('<map name="m"><area id="x" href="/" alt="a"></map>', False),
        ('<p id="x" aria-hidden="true">x</p>', False),  # not hidden, but not exposed
    ],
)
def test_is_hidden(markup: str, hidden: bool) -> None:
    page = page_of(markup, head=STYLE)
    assert is_hidden(page, by_id(page, "x")) is hidden


def test_head_content_is_hidden() -> None:
    page = page_of("<p>x</p>", head='<meta id="m" charset="utf-8">')
    assert is_hidden(page, by_id(page, "m"))


@pytest.mark.parametrize(
    ("markup", "included"),
    [
        ('<p id="x">x</p>', True),
        ('<p id="x" aria-hidden="true">x</p>', False),
        ('<div aria-hidden="TRUE"><p id="x">x</p></div>', False),
        ('<div aria-hidden="false"><p id="x">x</p></div>', True),
        ('<div inert><button id="x">x</button></div>', False),
        ('<button><img id="x" src="a.png" alt="a"></button>', False),  # presentational child
        ('<div role="none"><p id="x">x</p></div>', True),
        ('<p id="x" role="none">x</p>', True),
        ('<p id="x" hidden>x</p>', False),
    ],
)
def test_included_in_accessibility_tree(markup: str, included: bool) -> None:
    page = page_of(markup)
    assert is_included_in_accessibility_tree(page, by_id(page, "x")) is included


def test_programmatically_hidden() -> None:
    page = page_of(
        '<div aria-hidden="true"><p id="a">x</p></div><p id="b" hidden>y</p><p id="c">z</p>'
    )
    assert is_programmatically_hidden(page, by_id(page, "a"))
    assert is_programmatically_hidden(page, by_id(page, "b"))
    assert not is_programmatically_hidden(page, by_id(page, "c"))


@pytest.mark.parametrize(
    ("markup", "visible"),
    [
        ('<p id="x">x</p>', True),
        ('<p id="x" hidden>x</p>', False),
        ('<p id="x" class="sr">x</p>', False),
        ('<div class="sr"><p id="x">x</p></div>', False),
        ('<p id="x" style="position:absolute; left:-200px">x</p>', None),
        ('<p id="x" style="position:absolute; left:-9999px">x</p>', False),
        ('<p id="x" style="position:static; left:-9999px">x</p>', True),
        ('<p id="x" style="opacity:0">x</p>', False),
        ('<p id="x" style="clip: rect(0 0 0 0); position:absolute">x</p>', False),
        ('<p id="x" style="clip: rect(1px, 1px, 1px, 1px); position:absolute">x</p>', False),
        ('<p id="x" style="clip: rect(0 50px 20px 0); position:absolute">x</p>', None),
        ('<p id="x" style="clip-path: inset(50%)">x</p>', False),
        ('<p id="x" style="clip-path: polygon(0 0, 10px 0, 0 10px)">x</p>', None),
        ('<p id="x" style="width:0; height:0; overflow:hidden">x</p>', False),
        ('<p id="x" style="width:1px; height:1px; overflow:hidden">x</p>', False),
        ('<p id="x" style="width:0">x</p>', True),
        ('<p id="x" style="text-indent:-10000px">x</p>', None),
        ('<p id="x" style="transform: scale(0)">x</p>', False),
        ('<p id="x" style="font-size:0">x</p>', False),
        ('<p id="x" style="position:absolute; left: 10px">x</p>', True),
    ],
)
def test_is_visible(markup: str, visible: bool | None) -> None:
    page = page_of(markup, head=STYLE)
    assert is_visible(page, by_id(page, "x")) is visible
