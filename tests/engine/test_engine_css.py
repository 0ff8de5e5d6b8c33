"""The static cascade: specificity, importance, inheritance, sheets, media, selectors."""

from __future__ import annotations

import pytest

from accessibility_analyzer.engine import MappingSite, Page, parse_page
from accessibility_analyzer.engine.css import (
    Declaration,
    InvalidSelector,
    computed_style,
    inline_declarations,
    pseudo_element_declarations,
    select,
    style_rules_for,
)


def style_of(page: Page, element_id: str, prop: str) -> str | None:
    element = page.get_element_by_id(element_id)
    assert element is not None
    return computed_style(page, element).get(prop)


class TestCascade:
    def test_specificity_and_order(self) -> None:
        page = parse_page(
            "<style>#a { color: red } .b { color: blue } p { color: green }"
            "p.b { background-color: white } .b { background-color: black }</style>"
            '<p id="a" class="b">x</p><p id="c" class="b">y</p><p id="d">z</p>'
        )
        assert style_of(page, "a", "color") == "red"
        assert style_of(page, "c", "color") == "blue"
        assert style_of(page, "d", "color") == "green"
        assert style_of(page, "a", "background-color") == "white"  # p.b beats a later .b

    def test_later_rule_wins_at_equal_specificity(self) -> None:
        page = parse_page("<style>.x { color: red } .y { color: blue }</style><p id=p class='y x'>")
        assert style_of(page, "p", "color") == "blue"

    def test_important_and_inline(self) -> None:
        page = parse_page(
            "<style>#i { color: red } p { color: blue !important } #j { color: red !important }"
            "</style><p id=i style='color: green'>a</p><p id=k style='color: green'>b</p>"
            "<p id=j style='color: green !important'>c</p>"
        )
        assert style_of(page, "i", "color") == "blue"  # !important beats inline normal
        assert style_of(page, "j", "color") == "green"  # inline !important beats sheet !important
        assert style_of(page, "k", "color") == "blue"

    def test_inline_beats_ids(self) -> None:
        page = parse_page("<style>#i#i { display: none }</style><p id=i style='display: block'>")
        assert style_of(page, "i", "display") == "block"

    def test_inheritance_and_initial_values(self) -> None:
        page = parse_page(
            "<style>div { color: red; display: flex; visibility: hidden }</style>"
            "<div><span id=s>a</span><span id=v style='visibility: visible'>b</span></div>"
        )
        assert style_of(page, "s", "color") == "red"
        assert style_of(page, "s", "display") == "inline"  # not inherited
        assert style_of(page, "s", "visibility") == "hidden"
        assert style_of(page, "v", "visibility") == "visible"
        assert style_of(page, "s", "opacity") == "1"
        assert style_of(page, "s", "not-a-property") is None

    def test_css_wide_keywords(self) -> None:
        page = parse_page(
            "<style>div { color: red; display: block } p { color: initial } "
            "span { display: inherit } b { color: unset }</style>"
            "<div><p id=p><span id=s><b id=b>x</b></span></p></div>"
        )
        assert style_of(page, "p", "color") == "canvastext"
        assert style_of(page, "s", "display") == "block"
        assert style_of(page, "b", "color") == "canvastext"  # unset inherits from p

    def test_user_agent_defaults(self) -> None:
        page = parse_page(
            "<head id=h><title>t</title></head><p id=hidden hidden>x</p>"
            "<p id=shown hidden style='display: block'>y</p><input id=in type=HIDDEN>"
            "<details><summary id=sum>s</summary><p id=closed>c</p></details><li id=li>"
            "<svg id=svg hidden></svg><embed id=embed hidden>"
        )
        assert style_of(page, "svg", "display") == "inline"
        assert style_of(page, "embed", "display") == "inline"
        assert style_of(page, "h", "display") == "none"
        assert style_of(page, "hidden", "display") == "none"
        assert style_of(page, "shown", "display") == "block"
        assert style_of(page, "in", "display") == "none"
        assert style_of(page, "sum", "display") == "block"
        assert style_of(page, "closed", "display") == "none"
        assert style_of(page, "li", "display") == "list-item"

    def test_font_size_and_weight_are_computed(self) -> None:
        page = parse_page(
            "<style>html { font-size: 20px } .big { font-size: 1.5em } .rem { font-size: 2rem }"
            " .pc { font-size: 50% } .pt { font-size: 18pt } .kw { font-size: larger }"
            " .calc { font-size: calc(1em + 2px) }</style>"
            "<div class=big><p id=em class=big>a</p><p id=rem class=rem>b</p>"
            "<p id=pc class=pc>c</p></div><p id=pt class=pt>d</p><p id=kw class=kw>e</p>"
            "<h1 id=h1>h</h1><h2><b id=b>x</b></h2><p id=calc class=calc>f</p>"
        )
        assert style_of(page, "em", "font-size") == "45px"
        assert style_of(page, "rem", "font-size") == "40px"
        assert style_of(page, "pc", "font-size") == "15px"
        assert style_of(page, "pt", "font-size") == "24px"
        assert style_of(page, "kw", "font-size") == "24px"
        assert style_of(page, "h1", "font-size") == "40px"
        assert style_of(page, "h1", "font-weight") == "700"
        assert style_of(page, "b", "font-weight") == "900"  # bolder than a bold heading
        assert style_of(page, "calc", "font-size") == "calc(1em + 2px)"

    def test_shorthands(self) -> None:
        page = parse_page(
            "<style>a { background: #fff url(x.png) no-repeat; outline: 0; overflow: hidden auto;"
            " font: italic bold 12px/1.5 Arial }</style><a id=a href=#>x</a>"
        )
        assert style_of(page, "a", "background-color") == "#fff"
        assert style_of(page, "a", "background-image") == "url(x.png)"
        assert style_of(page, "a", "outline-width") == "0"
        assert style_of(page, "a", "outline-style") == "none"
        assert (style_of(page, "a", "overflow-x"), style_of(page, "a", "overflow-y")) == (
            "hidden",
            "auto",
        )
        assert style_of(page, "a", "overflow") == "hidden auto"
        assert style_of(page, "a", "font-size") == "12px"
        assert style_of(page, "a", "font-weight") == "700"
        assert style_of(page, "a", "line-height") == "1.5"

    def test_presentational_hints_lose_against_style(self) -> None:
        page = parse_page(
            "<style>#r2 { visibility: visible } .w { width: 5px }</style>"
            "<svg><g id=g display='none'><rect id=r1 visibility='hidden'/>"
            "<rect id=r2 visibility='hidden'/></g></svg>"
            "<img id=i width=100 height='50%' class=w><font id=f color=Red>x</font>"
            "<table bgcolor=#eee><tr><td id=td>c</td></tr></table>"
        )
        assert style_of(page, "g", "display") == "none"
        assert style_of(page, "r1", "visibility") == "hidden"
        assert style_of(page, "r2", "visibility") == "visible"
        assert style_of(page, "i", "width") == "5px"
        assert style_of(page, "i", "height") == "50%"
        assert style_of(page, "f", "color") == "red"
        assert style_of(page, "td", "background-color") == "transparent"

    def test_inline_declarations_in_order(self) -> None:
        page = parse_page("<p style='color: red; COLOR: Blue !important; bogus; display:none'>")
        element = page.by_tag("p")[0]
        assert inline_declarations(element) == [
            Declaration("color", "red"),
            Declaration("color", "blue", important=True),
            Declaration("display", "none"),
        ]

    def test_invalid_selectors_drop_their_rule_only(self) -> None:
        page = parse_page(
            "<style>p:unknown-thing, p { color: red } svg|a { color: red } p { display: none }"
            "</style><p id=p>x</p>"
        )
        assert style_of(page, "p", "color") == "canvastext"
        assert style_of(page, "p", "display") == "none"


class TestSheets:
    def test_linked_and_imported_through_the_site(self) -> None:
        site = MappingSite(
            {
                "css/main.css": b'@import "parts/colors.css"; .hide { display: none }',
                "css/parts/colors.css": b"@import url(../../css/main.css); p { color: red }",
                "other.css": b"p { visibility: hidden }",
            }
        )
        page = parse_page(
            b"<link rel=stylesheet href='../css/main.css'><link rel='alternate stylesheet' "
            b"href='/other.css'><link rel=stylesheet href='https://cdn.example/x.css'>"
            b"<p id=p class=hide>x</p>",
            path="docs/page.html",
            site=site,
        )
        assert style_of(page, "p", "display") == "none"
        assert style_of(page, "p", "color") == "red"  # through the import (cycle ignored)
        assert style_of(page, "p", "visibility") == "visible"  # alternate sheets do not apply

    def test_root_relative_link_and_base_href(self) -> None:
        site = MappingSite({"static/s.css": b"p { color: blue }"})
        page = parse_page(
            b"<base href='/static/'><link rel=stylesheet href='s.css'><p id=p>x</p>",
            path="a/b/index.html",
            site=site,
        )
        assert style_of(page, "p", "color") == "blue"

    def test_import_depth_is_limited(self) -> None:
        files = {
            f"s{i}.css": f'@import "s{i + 1}.css"; .d{i} {{ color: red }}'.encode()
            for i in range(20)
        }
        page = parse_page(
            b"<link rel=stylesheet href=s0.css><p id=near class=d3></p><p id=far class=d15></p>",
            site=MappingSite(files),
        )
        assert style_of(page, "near", "color") == "red"
        assert style_of(page, "far", "color") == "canvastext"

    def test_media(self) -> None:
        site = MappingSite({"print.css": b"p { display: none }"})
        page = parse_page(
            b"<link rel=stylesheet media=print href=print.css>"
            b"<style>@media print { #a { display: none } }"
            b" @media screen and (min-width: 900px) { #b { display: none } }"
            b" @media (prefers-color-scheme: dark) { #a { color: white } }"
            b" @supports (display: grid) { #c { display: grid } }</style>"
            b"<style media='speech'>#c { color: red }</style>"
            b"<p id=a>a</p><p id=b>b</p><p id=c>c</p>",
            site=site,
        )
        assert style_of(page, "a", "display") == "block"
        assert style_of(page, "a", "color") == "canvastext"
        assert style_of(page, "b", "display") == "none"
        assert style_of(page, "c", "display") == "grid"
        assert style_of(page, "c", "color") == "canvastext"

    def test_css_encoding_and_garbage(self) -> None:
        site = MappingSite(
            {
                "a.css": '@charset "iso-8859-1"; p::before { content: "é" }'.encode("latin-1"),
                "b.css": b"\xff\xfe{{{{",
            }
        )
        page = parse_page(
            b"<link rel=stylesheet href=a.css><link rel=stylesheet href=b.css><p id=p>x</p>",
            site=site,
        )
        element = page.get_element_by_id("p")
        assert element is not None
        assert pseudo_element_declarations(page, element, "before") == [
            Declaration("content", '"é"')
        ]


class TestSelectors:
    PAGE = (
        "<div id=root class='box main'>"
        "<p id=p1 class=first lang=en-GB>a</p>"
        "<p id=p2 data-x='Hello World' title=x>b</p>"
        "<span id=s1></span>"
        "<p id=p3 class='last item'><a id=a1 href='/x.pdf' rel=nofollow>c</a></p>"
        "</div><ul id=list><li id=l1>1</li><li id=l2>2</li><li id=l3>3</li><li id=l4>4</li></ul>"
        "<input id=i1 type=checkbox checked disabled><input id=i2 type=text required>"
    )

    @pytest.mark.parametrize(
        ("selector", "expected"),
        [
            ("p", ["p1", "p2", "p3"]),
            ("div > p", ["p1", "p2", "p3"]),
            ("div p a", ["a1"]),
            ("#p1 + p", ["p2"]),
            ("#p1 ~ p", ["p2", "p3"]),
            (".box.main > .item", ["p3"]),
            ("[title]", ["p2"]),
            ("[data-x='Hello World']", ["p2"]),
            ("[data-x='hello world' i]", ["p2"]),
            ("[data-x='hello world']", []),
            ("[data-x~=World]", ["p2"]),
            ("[lang|=en]", ["p1"]),
            ("[href^='/x']", ["a1"]),
            ("[href$='.pdf']", ["a1"]),
            ("[href*=x]", ["a1"]),
            ("[href*='']", []),
            ("p:not(.first)", ["p2", "p3"]),
            ("p:not(.first, .last)", ["p2"]),
            (":is(#p1, #l1)", ["p1", "l1"]),
            ("li:nth-child(2n+1)", ["l1", "l3"]),
            ("li:nth-child(odd of :not(#l1))", ["l2", "l4"]),
            ("li:nth-last-child(1)", ["l4"]),
            ("div > :nth-of-type(2)", ["p2"]),
            ("li:first-child, li:last-child", ["l1", "l4"]),
            ("p:first-of-type", ["p1"]),
            ("span:only-of-type", ["s1"]),
            ("body :empty", ["s1", "i1", "i2"]),
            ("a:link", ["a1"]),
            (":checked", ["i1"]),
            (":disabled", ["i1"]),
            (":required", ["i2"]),
            (":lang(en)", ["p1"]),
            ("a:hover", []),
            ("p::before", []),
            ("UL > LI#l3", ["l3"]),
        ],
    )
    def test_matches(self, selector: str, expected: list[str]) -> None:
        page = parse_page(self.PAGE)
        found = [element.attrs.get("id", element.tag) for element in select(page, selector)]
        if selector == "p::before":
            assert found == ["p1", "p2", "p3"]  # the matcher ignores the pseudo-element
            return
        assert found == expected

    def test_root(self) -> None:
        page = parse_page("<p>")
        assert select(page, ":root") == [page.root]

    def test_invalid(self) -> None:
        page = parse_page("<p>")
        for text in ("p..x", "> p", "p >", "a:bogus", "[x=]", "svg|rect"):
            with pytest.raises(InvalidSelector):
                select(page, text)

    def test_deep_descendant_selectors_stay_linear(self) -> None:
        depth = 20_000
        page = parse_page(
            "<style>.missing span { display: none } body span span { color: red }</style>"
            + "<span>" * depth
        )
        deepest = page.elements[-1]
        assert computed_style(page, deepest).display == "inline"
        assert computed_style(page, deepest).get("color") == "red"
        assert len(select(page, ".missing span")) == 0


class TestStates:
    def test_focus_rules_are_visible_only_in_state(self) -> None:
        page = parse_page(
            "<style>a { outline: 2px solid blue } a:focus { outline: none }"
            " .x:hover { color: red } :focus-visible { box-shadow: 0 0 0 2px red }</style>"
            "<a id=a class=x href=#>x</a>"
        )
        element = page.get_element_by_id("a")
        assert element is not None
        style = computed_style(page, element)
        assert style.get("outline-style") == "solid"
        assert style.get("color") != "red"
        focus = style_rules_for(page, element, "focus")
        outline = [d.value for d in focus if d.name == "outline-style"]
        assert outline[-1] == "none"
        assert Declaration("box-shadow", "0 0 0 2px red") in focus
        assert all(d.name != "color" for d in focus)
        hover = style_rules_for(page, element, "hover")
        assert hover == [Declaration("color", "red")]


class TestHostileSheets:
    @pytest.mark.parametrize(
        "css",
        [
            "p" + ":not(" * 5000 + "a" + ")" * 5000 + "{color:red}",
            "p{color:" + "(" * 100_000 + "}",
            "@media screen{" * 5000 + "p{color:red}" + "}" * 5000,
            "p" + ":is(" * 3000 + "p" + ")" * 3000 + "{color:blue}",
            "[" * 100_000,
        ],
    )
    def test_deeply_nested_css_is_dropped_not_recursed(self, css: str) -> None:
        for markup in (f"<style>{css}</style><p>x", f"<p style='{css}'>x"):
            page = parse_page(markup)
            element = page.by_tag("p")[0]
            assert computed_style(page, element).get("color") == "canvastext"

    def test_nesting_within_the_limit_still_works(self) -> None:
        page = parse_page("<style>p" + ":not(" * 9 + "a" + ")" * 9 + "{color:red}</style><p>x")
        element = page.by_tag("p")[0]
        assert computed_style(page, element).get("color") == "red"


class TestLayers:
    def test_unlayered_beats_layers_and_later_layers_beat_earlier(self) -> None:
        page = parse_page(
            "<style>@layer base, utilities;"
            "@layer utilities { .hidden { display: none } #u { color: red } }"
            "@layer base { #u { color: blue; display: flex } p { display: grid } }"
            ".visible { display: block }</style>"
            "<p id=u class='hidden visible'>x</p><p id=v class=hidden>y</p>"
        )
        assert style_of(page, "u", "display") == "block"  # unlayered, despite lower order
        assert style_of(page, "u", "color") == "red"  # utilities declared after base
        assert style_of(page, "v", "display") == "none"

    def test_important_reverses_the_layer_order(self) -> None:
        page = parse_page(
            "<style>@layer a { p { color: red !important } }"
            "@layer b { p { color: blue !important } } p { color: green !important }</style>"
            "<p id=p>x</p>"
        )
        assert style_of(page, "p", "color") == "red"

    def test_nested_and_imported_layers(self) -> None:
        site = MappingSite({"lib.css": b"@layer x { p { color: red } } p { display: none }"})
        page = parse_page(
            b"<style>@import 'lib.css' layer(lib); @layer lib { p { display: grid } }"
            b"@layer lib.x { p { font-weight: bold } } p { font-style: italic }</style>"
            b"<p id=p>x</p>",
            site=site,
        )
        assert style_of(page, "p", "display") == "grid"  # lib's own rules, later
        assert style_of(page, "p", "color") == "red"  # lib.x
        assert style_of(page, "p", "font-weight") == "700"
        assert style_of(page, "p", "font-style") == "italic"
