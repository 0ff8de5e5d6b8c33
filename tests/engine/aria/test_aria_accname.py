"""The accessible name and description (accname 1.2 + HTML-AAM)."""

from __future__ import annotations

import pytest
from aria_helpers import by_id, page_of

from accessibility_analyzer.engine.aria import (
    accessible_description,
    accessible_name,
    name_source,
)


def name(markup: str, element_id: str = "x", *, head: str = "") -> str:
    page = page_of(markup, head=head)
    return accessible_name(page, by_id(page, element_id))


# The examples of the ACT glossary ("Examples of Accessible name"), then accname cases.
@pytest.mark.parametrize(
    ("markup", "expected", "source"),
    [
        (
            '<div id="b">Billing</div><div><div id="n">Name</div>'
            '<input id="x" type="text" aria-labelledby="b n"></div>',
            "Billing Name",
            "aria-labelledby",
        ),
        ('<button id="x" aria-label="Share ACT rules">Share</button>', "Share ACT rules", None),
        ('<img id="x" src="#" alt="ACT rules">', "ACT rules", "alt"),
        ('<label>Share ACT rules<button id="x">Share</button></label>', "Share ACT rules", None),
        (
            '<label for="x">Share ACT rules</label><button id="x"></button>',
            "Share ACT rules",
            "label",
        ),
        ('<a id="x" href="https://act-rules.github.io/">ACT rules</a>', "ACT rules", "contents"),
        ("<span id='x'>ACT rules</span>", "", None),
        ("<label>ACT rules<span id='x'></span></label>", "", None),
        # aria-labelledby beats aria-label, which beats native and content.
        (
            '<span id="l">From ref</span><button id="x" aria-labelledby="l" aria-label="L">'
            "Content</button>",
            "From ref",
            "aria-labelledby",
        ),
        # A labelledby pointing nowhere falls through to the next source.
        ('<button id="x" aria-labelledby="missing">Content</button>', "Content", "contents"),
        # Self reference: the element's own content is used, not its labelledby again.
        (
            '<button id="x" aria-labelledby="x s">Delete</button><span id="s">file.txt</span>',
            "Delete file.txt",
            "aria-labelledby",
        ),
        # Hidden referenced content counts; hidden content of a visible reference does not.
        (
            '<span id="h" hidden>Secret <b>name</b></span><input id="x" aria-labelledby="h">',
            "Secret name",
            "aria-labelledby",
        ),
        (
            '<span id="v">Visible <b hidden>hidden</b><b aria-hidden="true">also</b></span>'
            '<input id="x" aria-labelledby="v">',
            "Visible",
            "aria-labelledby",
        ),
        # Content: hidden descendants skipped, images contribute alt, blocks are separated.
        (
            '<a id="x" href="/">Go <span style="display:none">away</span>'
            '<img src="a.png" alt="home"></a>',
            "Go home",
            "contents",
        ),
        ('<a id="x" href="/"><div>One</div><div>Two</div></a>', "One Two", "contents"),
        ('<a id="x" href="/">sp<span>lit</span></a>', "split", "contents"),
        ('<a id="x" href="/">line<br>break</a>', "line break", "contents"),
        ('<a id="x" href="/"><span title="Tip"></span></a>', "Tip", "contents"),
        ('<a id="x" href="/"><span aria-label="Labelled">ignored</span></a>', "Labelled", None),
        # Hidden by a style sheet.
        ('<a id="x" href="/">A<span class="h">B</span></a>', "A", "contents"),
        # Tooltip fallback.
        ('<div id="x" role="img" title="Chart"></div>', "Chart", "title"),
        ('<a id="x" href="/" title="Home"></a>', "Home", "title"),
        # Roles without name from content take nothing from content.
        ('<nav id="x">Links</nav>', "", None),
        ('<div id="x" role="navigation" aria-label="Main">Links</div>', "Main", "aria-label"),
        # Whitespace is normalised.
        ('<button id="x">  Save \n\t changes  </button>', "Save changes", "contents"),
    ],
)
def test_names(markup: str, expected: str, source: str | None) -> None:
    page = page_of(markup, head="<style>.h { display: none }</style>")
    element = by_id(page, "x")
    assert accessible_name(page, element) == expected
    if source is not None:
        assert name_source(page, element) == source


@pytest.mark.parametrize(
    ("markup", "expected", "source"),
    [
        ('<input id="x" type="submit">', "Submit", "default"),
        ('<input id="x" type="reset">', "Reset", "default"),
        ('<input id="x" type="submit" value="Send">', "Send", "value"),
        ('<input id="x" type="button">', "", None),
        ('<input id="x" type="button" value="Go">', "Go", "value"),
        ('<input id="x" type="image" src="a.png" alt="Search">', "Search", "alt"),
        ('<input id="x" type="image" src="a.png">', "", None),
        ('<input id="x" type="text" title="Tip">', "Tip", "title"),
        ('<input id="x" type="email" placeholder="you@example.com">', "you@example.com", None),
        ('<textarea id="x" placeholder="Say hi"></textarea>', "Say hi", "placeholder"),
        ('<label>Age <input id="x" type="number"></label>', "Age", "label"),
        (
            '<label for="x">One</label><label for="x">Two</label><input id="x">',
            "One Two",
            "label",
        ),
        ('<label for="x">Ignored</label><div id="x" role="textbox"></div>', "", None),
        (
            "<fieldset id='x'><legend>Contact <b>details</b></legend><input></fieldset>",
            "Contact details",
            "legend",
        ),
        (
            "<table id='x'><caption>Prices</caption><tr><td>1</td></tr></table>",
            "Prices",
            "caption",
        ),
        (
            "<figure id='x'><img src='a.png' alt='A'><figcaption>Fig 1</figcaption></figure>",
            "Fig 1",
            "figcaption",
        ),
        ("<svg id='x' role='img'><title>Logo</title><circle r='4'/></svg>", "Logo", "svg-title"),
        ("<details><summary id='x'>More</summary><p>hidden</p></details>", "More", "contents"),
        (
            "<select id='x' aria-label='Pick'><option>a</option></select>",
            "Pick",
            "aria-label",
        ),
        ("<iframe id='x' title='Map' src='about:blank'></iframe>", "Map", "title"),
    ],
)
def test_host_language_names(markup: str, expected: str, source: str | None) -> None:
    page = page_of(markup)
    element = by_id(page, "x")
    assert accessible_name(page, element) == expected
    if source is not None:
        assert name_source(page, element) == source


@pytest.mark.parametrize(
    ("control", "expected"),
    [
        ('<input type="text" value="3">', "Flash the screen 3 times"),
        ('<input type="number" aria-valuetext="three" value="3">', "Flash the screen three times"),
        ('<input type="range" value="3">', "Flash the screen 3 times"),
        (
            "<select><option>1</option><option selected>3</option></select>",
            "Flash the screen 3 times",
        ),
        ('<div role="slider" aria-valuenow="3"></div>', "Flash the screen 3 times"),
        (
            '<ul role="listbox"><li role="option" aria-selected="true">3</li>'
            '<li role="option">4</li></ul>',
            "Flash the screen 3 times",
        ),
    ],
)
def test_embedded_controls_give_their_value(control: str, expected: str) -> None:
    page = page_of(
        f'<input type="checkbox" id="x" aria-labelledby="l">'
        f'<span id="l">Flash the screen {control} times</span>'
    )
    assert accessible_name(page, by_id(page, "x")) == expected


def test_control_inside_its_own_label_is_skipped() -> None:
    page = page_of('<label>Quantity <input id="x" type="text" value="5"> items</label>')
    assert accessible_name(page, by_id(page, "x")) == "Quantity items"


def test_labelledby_is_not_followed_twice_and_cycles_end() -> None:
    page = page_of(
        '<button id="x" aria-labelledby="a">X</button>'
        '<span id="a" aria-labelledby="b">A</span><span id="b" aria-labelledby="a">B</span>'
        '<span id="c" aria-labelledby="c">C</span>'
    )
    assert accessible_name(page, by_id(page, "x")) == "A"
    assert accessible_name(page, by_id(page, "a")) == "B"
    assert accessible_name(page, by_id(page, "c")) == "C"  # self reference: its content


def test_presentational_image_alt_is_ignored() -> None:
    assert name('<img id="x" role="presentation" alt="Ignored" src="a.png">') == ""


@pytest.mark.parametrize(
    ("markup", "css", "expected"),
    [
        ('<a id="x" href="/" class="icon"></a>', ".icon::before{content:'Home'}", "Home"),
        # Engine case r02: a self-link named only by its ::before.
        (
            '<h2>Intro <a class="anchor" id="x" href="#i"></a></h2>',
            'a.anchor::before{content:"#"}',
            "#",
        ),
        (
            '<button id="x">Save</button>',
            "button::before{content:'» '} button::after{content:' «'}",
            "» Save «",
        ),
        (
            '<a id="x" href="/" data-label="Cart"></a>',
            "a::after{content: attr(data-label)}",
            "Cart",
        ),
        ('<a id="x" href="/"></a>', 'a::after{content: attr(data-none, "Fallback")}', "Fallback"),
        ('<a id="x" href="/"></a>', 'a::before{content: url(star.svg) / "Favourite"}', "Favourite"),
        (
            '<a id="x" href="/"><span>in</span></a>',
            'span::before{content:"Go"; display:block}',
            "Go in",
        ),
        ('<a id="x" href="/">Home</a>', "a::before{content:'X'; display:none}", "Home"),
        ('<a id="x" href="/">Home</a>', "a::before{content:'X'} a::before{content:none}", "Home"),
        ('<a id="x" href="/"><span hidden>no</span>Home</a>', "span::before{content:'X'}", "Home"),
        ('<a id="x" href="/" aria-label="Label"></a>', "a::before{content:'X'}", "Label"),
    ],
)
def test_css_generated_content_is_part_of_the_content(markup: str, css: str, expected: str) -> None:
    assert name(markup, head=f"<style>{css}</style>") == expected


def test_description_sources() -> None:
    page = page_of(
        '<button id="a" aria-describedby="d1 d2">A</button><p id="d1">First</p>'
        '<p id="d2" hidden>second</p>'
        '<button id="b" title="More info">B</button>'
        '<button id="c" title="Only title"></button>'
        '<button id="d" aria-description="Desc">D</button>'
        '<button id="e">E</button>'
    )
    assert accessible_description(page, by_id(page, "a")) == "First second"
    assert accessible_description(page, by_id(page, "b")) == "More info"
    assert accessible_description(page, by_id(page, "c")) == ""  # title was the name
    assert accessible_description(page, by_id(page, "d")) == "Desc"
    assert accessible_description(page, by_id(page, "e")) == ""


def test_nested_named_elements_reuse_content_text() -> None:
    depth = 2_000
    markup = '<div role="button" id="x">' + "<div role='button'>a" * depth
    markup += "</div>" * (depth + 1)
    page = page_of(markup)
    assert accessible_name(page, by_id(page, "x")) == " ".join(["a"] * depth)
    for element in page.by_tag("div"):
        accessible_name(page, element)  # linear thanks to the content memo


def test_hidden_elements_are_named_from_their_own_content() -> None:
    page = page_of(
        '<button id="a" hidden>Save <span>now</span></button>'
        '<div aria-hidden="true"><a id="b" href="/">Home</a></div>'
        '<button id="c">Go<span hidden> away</span></button>'
    )
    assert accessible_name(page, by_id(page, "a")) == "Save now"
    assert accessible_name(page, by_id(page, "b")) == "Home"
    assert accessible_name(page, by_id(page, "c")) == "Go"
