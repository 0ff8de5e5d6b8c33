# Sources: HTML Accessibility API Mappings 1.0, W3C Working Draft,
# https://www.w3.org/TR/html-aam-1.0/ (§4 element mappings) ; ARIA in HTML, W3C
# Recommendation (2023 edition), https://www.w3.org/TR/html-aria/ (§4 document conformance
# requirements: implicit roles and allowed roles per element) ; SVG Accessibility API
# Mappings, https://www.w3.org/TR/svg-aam-1.0/ (the ``svg`` root).
"""Implicit ARIA roles of HTML elements and the roles authors may give each element.

Only lookups live here. The conditional mappings (``a`` with ``href``, ``img`` with
``alt=""``, ``input`` by ``type``, ``header`` scoped to sectioning content, table cells by
the table's role, ...) are decided in :mod:`accessibility_analyzer.engine.aria.implicit`,
which reads the keyed variants below. ``ALLOWED_ROLES`` (ARIA in HTML) comes from
:mod:`._html_allowed_roles`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# The allowed roles per element live in their own module (a long table); re-exported here.
from accessibility_analyzer.engine.standards._html_allowed_roles import ALLOWED_ROLES

# Elements whose implicit role does not depend on attributes or context. Elements missing
# here and from the conditional keys below have no corresponding role (generic or none).
UNCONDITIONAL_ROLES: Mapping[str, str] = MappingProxyType(
    {
        "address": "group",
        "article": "article",
        "blockquote": "blockquote",
        "button": "button",
        "caption": "caption",
        "code": "code",
        "datalist": "listbox",
        "dd": "definition",
        "del": "deletion",
        "details": "group",
        "dfn": "term",
        "dialog": "dialog",
        "dt": "term",
        "em": "emphasis",
        "fieldset": "group",
        "figure": "figure",
        "form": "form",
        "h1": "heading",
        "h2": "heading",
        "h3": "heading",
        "h4": "heading",
        "h5": "heading",
        "h6": "heading",
        "hr": "separator",
        "html": "document",
        "ins": "insertion",
        "main": "main",
        "math": "math",
        "menu": "list",
        "meter": "meter",
        "nav": "navigation",
        "ol": "list",
        "optgroup": "group",
        "option": "option",
        "output": "status",
        "p": "paragraph",
        "progress": "progressbar",
        "search": "search",
        "strong": "strong",
        "sub": "subscript",
        "sup": "superscript",
        "table": "table",
        "textarea": "textbox",
        "time": "time",
        "ul": "list",
    }
)

# input[type] -> role when the input has no ``list`` attribute. Types missing here (color,
# date, datetime-local, file, hidden, month, time, week) have no ARIA role.
INPUT_TYPE_ROLES: Mapping[str, str] = MappingProxyType(
    {
        "button": "button",
        "checkbox": "checkbox",
        "email": "textbox",
        "image": "button",
        "number": "spinbutton",
        # ARIA in HTML gives password fields no role, but browsers expose them as textbox
        # and the ACT rules treat them as text fields (textbox attributes are allowed).
        "password": "textbox",
        "radio": "radio",
        "range": "slider",
        "reset": "button",
        "search": "searchbox",
        "submit": "button",
        "tel": "textbox",
        "text": "textbox",
        "url": "textbox",
    }
)

# Input types that become a combobox when they have a ``list`` attribute (a datalist).
INPUT_TYPES_WITH_SUGGESTIONS: frozenset[str] = frozenset({"email", "search", "tel", "text", "url"})

# The input types a browser knows; any other value of ``type`` means ``text``.
# Input types HTML-AAM maps to no ARIA role that are still form fields needing a name
# (ACT e086e5 and cc0f0a, the date example).
ROLELESS_INPUT_TYPES: frozenset[str] = frozenset(
    {"color", "date", "datetime-local", "file", "month", "password", "time", "week"}
)
KNOWN_INPUT_TYPES: frozenset[str] = frozenset(
    {
        "button",
        "checkbox",
        "color",
        "date",
        "datetime-local",
        "email",
        "file",
        "hidden",
        "image",
        "month",
        "number",
        "password",
        "radio",
        "range",
        "reset",
        "search",
        "submit",
        "tel",
        "text",
        "time",
        "url",
        "week",
    }
)

# Sectioning content and the roles that scope header/footer/aside (HTML-AAM: a header
# "scoped to the main element or a sectioning content element" is generic).
SECTIONING_SCOPE_TAGS: frozenset[str] = frozenset({"article", "aside", "main", "nav", "section"})
SECTIONING_SCOPE_ROLES: frozenset[str] = frozenset(
    {"article", "complementary", "main", "navigation", "region"}
)

# Form-associated elements that a <label> can label ("labelable elements", HTML §4.10.2).
LABELABLE_TAGS: frozenset[str] = frozenset(
    {"button", "input", "meter", "output", "progress", "select", "textarea"}
)

# Input types whose native state supplies an ARIA state whatever their explicit role: the
# checkedness of a checkbox or radio is its aria-checked (HTML-AAM maps it; ARIA in HTML
# forbids authors to set aria-checked on them), so <input type=checkbox role=switch> has it.
NATIVE_STATES_BY_INPUT_TYPE: Mapping[str, frozenset[str]] = MappingProxyType(
    {"checkbox": frozenset({"aria-checked"}), "radio": frozenset({"aria-checked"})}
)

# ARIA states that mirror a native attribute valid on the input type, so browsers expose them
# whatever WAI-ARIA 1.2 lists for the role: HTML's `required` is valid on a radio button
# (HTML §4.10.5.1.17) and HTML-AAM maps it to aria-required, which ARIA 1.2 puts on
# radiogroup only.
MIRRORED_STATES_BY_INPUT_TYPE: Mapping[str, frozenset[str]] = MappingProxyType(
    {"radio": frozenset({"aria-required"})}
)

# Roles an element has implicitly in some context only (HTML-AAM §4): a header is a banner
# outside sectioning content, an aside complementary, a named section a region, a td a cell
# or gridcell by its table's role. Setting one of them explicitly restates the element's own
# semantics (ARIA in HTML: "should not", never a conformance error).
CONTEXTUAL_IMPLICIT_ROLES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "aside": frozenset({"complementary"}),
        "footer": frozenset({"contentinfo"}),
        "form": frozenset({"form"}),
        "header": frozenset({"banner"}),
        "section": frozenset({"region"}),
        "td": frozenset({"cell", "gridcell"}),
        "th": frozenset({"cell", "columnheader", "gridcell", "rowheader"}),
    }
)

__all__ = [
    "ALLOWED_ROLES",
    "CONTEXTUAL_IMPLICIT_ROLES",
    "INPUT_TYPES_WITH_SUGGESTIONS",
    "INPUT_TYPE_ROLES",
    "KNOWN_INPUT_TYPES",
    "LABELABLE_TAGS",
    "MIRRORED_STATES_BY_INPUT_TYPE",
    "NATIVE_STATES_BY_INPUT_TYPE",
    "SECTIONING_SCOPE_ROLES",
    "SECTIONING_SCOPE_TAGS",
    "UNCONDITIONAL_ROLES",
]
