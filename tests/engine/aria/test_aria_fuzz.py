"""Random and mutated markup: every semantics function answers without raising."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accessibility_analyzer.engine import aria
from accessibility_analyzer.engine.parse import parse_page

TAGS = [
    "a",
    "button",
    "input",
    "select",
    "option",
    "label",
    "fieldset",
    "legend",
    "table",
    "tr",
    "td",
    "th",
    "img",
    "svg",
    "title",
    "div",
    "span",
    "ul",
    "li",
    "details",
    "summary",
    "section",
    "header",
    "iframe",
    "textarea",
    "area",
    "map",
    "p",
    "h1",
]
ATTRIBUTES = [
    "id",
    "role",
    "aria-label",
    "aria-labelledby",
    "aria-describedby",
    "aria-hidden",
    "aria-owns",
    "hidden",
    "inert",
    "tabindex",
    "href",
    "alt",
    "title",
    "lang",
    "type",
    "value",
    "style",
    "disabled",
    "for",
    "headers",
    "contenteditable",
    "aria-valuenow",
    "aria-selected",
    "name",
]
VALUES = st.sampled_from(
    ["a", "b", "a b", "", "button", "none", "true", "-1", "0", "display:none", "en", "x y"]
)


@st.composite
def markup(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(st.sampled_from(TAGS))
        attributes = draw(st.dictionaries(st.sampled_from(ATTRIBUTES), VALUES, max_size=4))
        rendered = "".join(f' {name}="{value}"' for name, value in attributes.items())
        parts.append(draw(st.sampled_from([f"<{tag}{rendered}>", f"</{tag}>", "text ", "<"])))
    return "".join(parts)


PROBES = (
    aria.role_of,
    aria.implicit_role,
    aria.explicit_role,
    aria.accessible_name,
    aria.accessible_description,
    aria.name_source,
    aria.is_hidden,
    aria.is_visible,
    aria.is_included_in_accessibility_tree,
    aria.is_focusable,
    aria.is_in_sequential_focus_navigation,
    aria.is_disabled,
    aria.element_language,
    aria.accessibility_children,
    aria.accessibility_parent,
    aria.has_presentational_conflict,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markup())
def test_semantics_never_raise(source: str) -> None:
    page = parse_page(source)
    for element in page.elements:
        for probe in PROBES:
            probe(page, element)
        name = aria.accessible_name(page, element)
        assert name == name.strip()
        assert "  " not in name
        role = aria.role_of(page, element)
        assert role is None or aria.is_valid_role(role)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_language_tags_never_raise(value: str) -> None:
    parsed = aria.parse_language_tag(value)
    assert (parsed is not None) is aria.is_valid_language_tag(value)
    primary = aria.primary_language(value)
    assert primary is None or primary == primary.lower()
    aria.parse_autocomplete(value)
