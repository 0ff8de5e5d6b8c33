"""Consistency of the standards tables: every reference resolves, nothing contradicts."""

from __future__ import annotations

import re

import pytest

from accessibility_analyzer.engine.standards.aria import (
    ATTRIBUTES,
    GLOBAL_ATTRIBUTES,
    ROLES,
    ValueType,
    superclass_closure,
)
from accessibility_analyzer.engine.standards.autocomplete import (
    CONTACT_FIELD_NAMES,
    CONTROL_GROUP_CONTROLS,
    FIELD_NAMES,
)
from accessibility_analyzer.engine.standards.html_aam import (
    ALLOWED_ROLES,
    INPUT_TYPE_ROLES,
    UNCONDITIONAL_ROLES,
)
from accessibility_analyzer.engine.standards.wcag import SUCCESS_CRITERIA

ARIA_1_2_CONCRETE_ROLES = [
    "alert",
    "alertdialog",
    "application",
    "article",
    "banner",
    "blockquote",
    "button",
    "caption",
    "cell",
    "checkbox",
    "code",
    "columnheader",
    "combobox",
    "complementary",
    "contentinfo",
    "definition",
    "deletion",
    "dialog",
    "directory",
    "document",
    "emphasis",
    "feed",
    "figure",
    "form",
    "generic",
    "grid",
    "gridcell",
    "group",
    "heading",
    "img",
    "insertion",
    "link",
    "list",
    "listbox",
    "listitem",
    "log",
    "main",
    "marquee",
    "math",
    "menu",
    "menubar",
    "menuitem",
    "menuitemcheckbox",
    "menuitemradio",
    "meter",
    "navigation",
    "none",
    "note",
    "option",
    "paragraph",
    "presentation",
    "progressbar",
    "radio",
    "radiogroup",
    "region",
    "row",
    "rowgroup",
    "rowheader",
    "scrollbar",
    "search",
    "searchbox",
    "separator",
    "slider",
    "spinbutton",
    "status",
    "strong",
    "subscript",
    "superscript",
    "switch",
    "tab",
    "table",
    "tablist",
    "tabpanel",
    "term",
    "textbox",
    "time",
    "timer",
    "toolbar",
    "tooltip",
    "tree",
    "treegrid",
    "treeitem",
]
ABSTRACT_ROLES = [
    "command",
    "composite",
    "input",
    "landmark",
    "range",
    "roletype",
    "section",
    "sectionhead",
    "select",
    "structure",
    "widget",
    "window",
]


def test_every_aria_1_2_role_is_defined_and_concrete() -> None:
    expected = set(ARIA_1_2_CONCRETE_ROLES)
    assert len(expected) == 82
    for name in expected:
        assert name in ROLES, name
        assert not ROLES[name].abstract, name
    for name in ABSTRACT_ROLES:
        assert ROLES[name].abstract, name


def test_modules_roles_are_present() -> None:
    dpub = [name for name, spec in ROLES.items() if spec.module == "dpub"]
    graphics = [name for name, spec in ROLES.items() if spec.module == "graphics"]
    assert len(dpub) == 39
    assert all(name.startswith("doc-") for name in dpub)
    assert sorted(graphics) == ["graphics-document", "graphics-object", "graphics-symbol"]


@pytest.mark.parametrize("role", sorted(ROLES))
def test_role_references_resolve(role: str) -> None:
    spec = ROLES[role]
    for superclass in spec.superclass_roles:
        assert superclass in ROLES
    for attribute in (spec.required_states | spec.supported_states | spec.prohibited_states) | set(
        spec.implicit_values
    ):
        assert attribute in ATTRIBUTES, attribute
    for context in spec.required_context_roles:
        assert context in ROLES and not ROLES[context].abstract
    for owned in spec.required_owned_elements:
        for part in owned.split(" -> "):
            assert part in ROLES and not ROLES[part].abstract, owned


@pytest.mark.parametrize("role", sorted(ROLES))
def test_no_role_both_requires_and_prohibits(role: str) -> None:
    spec = ROLES[role]
    assert not spec.required_states & spec.prohibited_states
    assert spec.required_states <= spec.supported_states
    assert not spec.supported_states & spec.prohibited_states


def test_hierarchy_has_no_cycles_and_reaches_roletype() -> None:
    for name in ROLES:
        ancestors = superclass_closure(name)
        assert name not in ancestors
        if name != "roletype":
            assert "roletype" in ancestors, name


def test_inherited_states_are_supported() -> None:
    assert "aria-checked" in ROLES["menuitemradio"].supported_states
    assert "aria-valuenow" in ROLES["slider"].supported_states  # from range
    assert "aria-activedescendant" in ROLES["listbox"].supported_states  # from composite
    assert ROLES["button"].supported_states >= GLOBAL_ATTRIBUTES
    assert "aria-label" in ROLES["generic"].prohibited_states
    assert "aria-label" not in ROLES["generic"].supported_states
    assert "aria-pressed" not in ROLES["link"].supported_states


def test_role_characteristics_match_aria_1_2() -> None:
    assert ROLES["checkbox"].required_states == {"aria-checked"}
    assert ROLES["combobox"].required_states == {"aria-controls", "aria-expanded"}
    assert ROLES["heading"].implicit_values["aria-level"] == "2"
    assert ROLES["listitem"].required_context_roles == ("directory", "list")
    assert "group -> menuitem" in ROLES["menu"].required_owned_elements
    assert ROLES["button"].children_presentational
    assert not ROLES["link"].children_presentational
    assert ROLES["directory"].deprecated
    assert "contents" in ROLES["link"].name_from
    assert "contents" not in ROLES["navigation"].name_from


def test_attribute_table() -> None:
    assert len(ATTRIBUTES) == 51  # 48 of ARIA 1.2, 3 of the 1.3 draft
    assert len(GLOBAL_ATTRIBUTES) == 21
    for spec in ATTRIBUTES.values():
        assert spec.name.startswith("aria-")
        if spec.value_type in (ValueType.TOKEN, ValueType.TOKENS):
            assert spec.values, spec.name
        if spec.default is not None and spec.value_type is ValueType.TOKEN:
            assert spec.default in spec.values, spec.name
    assert ATTRIBUTES["aria-grabbed"].deprecated_in_1_2
    assert ATTRIBUTES["aria-haspopup"].deprecated_as_global
    assert ATTRIBUTES["aria-current"].values == (
        "page",
        "step",
        "location",
        "date",
        "time",
        "true",
        "false",
    )


def test_html_mappings_name_real_roles() -> None:
    for role in (*UNCONDITIONAL_ROLES.values(), *INPUT_TYPE_ROLES.values()):
        assert role in ROLES and not ROLES[role].abstract, role
    for key, allowed in ALLOWED_ROLES.items():
        for role in allowed or ():
            assert role in ROLES and not ROLES[role].abstract, (key, role)


def test_wcag_2_2_criteria() -> None:
    assert len(SUCCESS_CRITERIA) == 87  # 86 in WCAG 2.2, plus the obsolete 4.1.1
    assert [sc.number for sc in SUCCESS_CRITERIA.values() if sc.obsolete] == ["4.1.1"]
    levels = {sc.level for sc in SUCCESS_CRITERIA.values()}
    assert levels == {"A", "AA", "AAA"}
    assert SUCCESS_CRITERIA["2.5.8"].title == "Target Size (Minimum)"
    assert SUCCESS_CRITERIA["1.4.3"].principle == "Perceivable"
    assert SUCCESS_CRITERIA["4.1.2"].guideline == "4.1 Compatible"
    for number in SUCCESS_CRITERIA:
        assert re.fullmatch(r"[1-4]\.\d{1,2}\.\d{1,2}", number)


def test_autofill_tables() -> None:
    for group in (*FIELD_NAMES.values(), *CONTACT_FIELD_NAMES.values()):
        assert group in CONTROL_GROUP_CONTROLS
    assert FIELD_NAMES["street-address"] == "multiline"
    assert CONTACT_FIELD_NAMES["email"] == "username"
