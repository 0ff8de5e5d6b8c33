"""Fuzzing: random and mutated HTML through parse_page + check_page never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from toy_rules import TOY_RULES, ToyExplodingExpect

from accessibility_analyzer.engine import (
    Outcome,
    analyze_document,
    check_page,
    computed_style,
    css_selector,
    parse_page,
    snippet,
    xpath,
)
from accessibility_analyzer.engine.css import select

SEED = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>T</title>'
    "<style>p { color: red } .x > a:hover { outline: none } @media print { img { display: none } }"
    "</style></head><body><p class=x>a <a href='/b'>b</a></p><img src=a.png alt=''>"
    "<table><tr><td>1<td>2</table><svg><title>s</title><foreignObject><b>f</b></foreignObject>"
    "</svg><template><img></template><noscript><img></noscript><script>if (a<b) x()</script>"
    "<!-- c --><textarea><p></textarea><select><option>o</select></body></html>"
)
XHTML_SEED = (
    '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html>'
    '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en"><head><title>X</title>'
    "<style>p { color: red }</style></head><body><div/><p class='a'>t&amp;<br/></p>"
    '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1"/></svg>'
    "<template><img/></template></body></html>"
)
FRAGMENTS = [
    "<",
    ">",
    "</",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<table>",
    "<tr>",
    "<td>",
    "</table>",
    "<svg>",
    "</svg>",
    "<math>",
    "<img",
    " alt=",
    '"',
    "'",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "<style>",
    "p{color:red}",
    "}",
    "<template>",
    "</template>",
    "<noscript>",
    "&amp;",
    "&",
    "\x00",
    "\r\n",
    "<![CDATA[",
    "]]>",
    "<?xml ",
    "é",
    "\ufffd",
    " style='display:none'",
    " id=x",
    " class=x",
]


def check_everything(data: bytes | str, path: str = "fuzz.html") -> None:
    page = parse_page(data, path=path)
    assert page.root.tag == "html"
    assert all(element.order == index for index, element in enumerate(page.elements))
    result = check_page(page, (*TOY_RULES, ToyExplodingExpect))
    for finding in result.findings:
        assert finding.outcome in Outcome
        assert finding.message
        if finding.outcome is Outcome.INAPPLICABLE:
            assert finding.selector is None
        else:
            assert finding.selector is not None and finding.xpath is not None
            assert finding.snippet is not None and len(finding.snippet) <= 300
    counted = result.counts
    assert counted.passed + counted.failed + counted.cant_tell + counted.inapplicable == len(
        result.findings
    )
    for element in page.elements[:50]:
        computed_style(page, element).get("color")
        assert select(page, css_selector(page, element)) == [element]
        xpath(element, page)
        snippet(page, element)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
@example(b"<A\xc0>")  # tag "aÀ": type selectors lower ASCII letters only
def test_random_bytes(data: bytes) -> None:
    check_everything(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=1000))
def test_random_text(text: str) -> None:
    check_everything(text)


@st.composite
def mutated_html(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from([SEED, XHTML_SEED]))
    for _ in range(draw(st.integers(min_value=1, max_value=12))):
        position = draw(st.integers(min_value=0, max_value=len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate"]))
        if action == "insert":
            text = text[:position] + draw(st.sampled_from(FRAGMENTS)) + text[position:]
        elif action == "delete":
            length = draw(st.integers(min_value=1, max_value=40))
            text = text[:position] + text[position + length :]
        else:
            length = draw(st.integers(min_value=1, max_value=80))
            text = text[:position] + text[position : position + length] * 2 + text[position:]
    return text


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    mutated_html(),
    st.sampled_from(["utf-8", "utf-16", "latin-1"]),
    st.sampled_from(["fuzz.html", "fuzz.xhtml"]),
)
def test_mutated_html(text: str, encoding: str, path: str) -> None:
    check_everything(text, path)
    data = text.encode(encoding, "replace")
    result = analyze_document(data, path="fuzz.html", rules=TOY_RULES)
    assert result.error is None
