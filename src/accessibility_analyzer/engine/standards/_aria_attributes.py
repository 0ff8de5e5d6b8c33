# Source: WAI-ARIA 1.2, W3C Recommendation 6 June 2023, §6.6 "Definitions of States and
# Properties" and §6.4 "Global States and Properties", https://www.w3.org/TR/wai-aria-1.2/
"""The WAI-ARIA 1.2 states and properties with their value types and allowed tokens.

Three ARIA 1.3 (Working Draft, https://w3c.github.io/aria/) global properties that
browsers ship are included and marked ``since="1.3"``: ``aria-description``,
``aria-braillelabel`` and ``aria-brailleroledescription`` (the ACT rules' test cases use
them).
"""

from __future__ import annotations

from accessibility_analyzer.engine.standards._aria_types import AttributeSpec, ValueType

_T = ValueType

ATTRIBUTE_ROWS: tuple[AttributeSpec, ...] = (
    AttributeSpec(name="aria-activedescendant", value_type=_T.IDREF),
    AttributeSpec(
        name="aria-atomic",
        value_type=_T.TRUE_FALSE,
        values=("true", "false"),
        is_global=True,
        default="false",
    ),
    AttributeSpec(
        name="aria-autocomplete",
        value_type=_T.TOKEN,
        values=("inline", "list", "both", "none"),
        default="none",
    ),
    AttributeSpec(
        name="aria-busy",
        value_type=_T.TRUE_FALSE,
        values=("true", "false"),
        is_global=True,
        default="false",
    ),
    AttributeSpec(
        name="aria-checked",
        value_type=_T.TRISTATE,
        values=("false", "mixed", "true", "undefined"),
        default="undefined",
    ),
    AttributeSpec(name="aria-colcount", value_type=_T.INTEGER),
    AttributeSpec(name="aria-colindex", value_type=_T.INTEGER),
    AttributeSpec(name="aria-colspan", value_type=_T.INTEGER),
    AttributeSpec(name="aria-controls", value_type=_T.IDREFS, is_global=True),
    AttributeSpec(
        name="aria-current",
        value_type=_T.TOKEN,
        values=("page", "step", "location", "date", "time", "true", "false"),
        is_global=True,
        default="false",
    ),
    AttributeSpec(name="aria-describedby", value_type=_T.IDREFS, is_global=True),
    AttributeSpec(name="aria-details", value_type=_T.IDREF, is_global=True),
    AttributeSpec(name="aria-description", value_type=_T.STRING, is_global=True, since="1.3"),
    AttributeSpec(name="aria-braillelabel", value_type=_T.STRING, is_global=True, since="1.3"),
    AttributeSpec(
        name="aria-brailleroledescription", value_type=_T.STRING, is_global=True, since="1.3"
    ),
    AttributeSpec(
        name="aria-disabled",
        value_type=_T.TRUE_FALSE,
        values=("true", "false"),
        is_global=True,
        deprecated_as_global=True,
        default="false",
    ),
    AttributeSpec(
        name="aria-dropeffect",
        value_type=_T.TOKENS,
        values=("copy", "execute", "link", "move", "none", "popup"),
        is_global=True,
        deprecated_in_1_2=True,
        default="none",
    ),
    AttributeSpec(
        name="aria-errormessage",
        value_type=_T.IDREF,
        is_global=True,
        deprecated_as_global=True,
    ),
    AttributeSpec(
        name="aria-expanded",
        value_type=_T.TRUE_FALSE_UNDEFINED,
        values=("false", "true", "undefined"),
        default="undefined",
    ),
    AttributeSpec(name="aria-flowto", value_type=_T.IDREFS, is_global=True),
    AttributeSpec(
        name="aria-grabbed",
        value_type=_T.TRUE_FALSE_UNDEFINED,
        values=("false", "true", "undefined"),
        is_global=True,
        deprecated_in_1_2=True,
        default="undefined",
    ),
    AttributeSpec(
        name="aria-haspopup",
        value_type=_T.TOKEN,
        values=("false", "true", "menu", "listbox", "tree", "grid", "dialog"),
        is_global=True,
        deprecated_as_global=True,
        default="false",
    ),
    AttributeSpec(
        name="aria-hidden",
        value_type=_T.TRUE_FALSE_UNDEFINED,
        values=("false", "true", "undefined"),
        is_global=True,
        default="undefined",
    ),
    AttributeSpec(
        name="aria-invalid",
        value_type=_T.TOKEN,
        values=("grammar", "false", "spelling", "true"),
        is_global=True,
        deprecated_as_global=True,
        default="false",
    ),
    AttributeSpec(name="aria-keyshortcuts", value_type=_T.STRING, is_global=True),
    AttributeSpec(name="aria-label", value_type=_T.STRING, is_global=True),
    AttributeSpec(name="aria-labelledby", value_type=_T.IDREFS, is_global=True),
    AttributeSpec(name="aria-level", value_type=_T.INTEGER),
    AttributeSpec(
        name="aria-live",
        value_type=_T.TOKEN,
        values=("assertive", "off", "polite"),
        is_global=True,
        default="off",
    ),
    AttributeSpec(
        name="aria-modal", value_type=_T.TRUE_FALSE, values=("true", "false"), default="false"
    ),
    AttributeSpec(
        name="aria-multiline",
        value_type=_T.TRUE_FALSE,
        values=("true", "false"),
        default="false",
    ),
    AttributeSpec(
        name="aria-multiselectable",
        value_type=_T.TRUE_FALSE,
        values=("true", "false"),
        default="false",
    ),
    AttributeSpec(
        name="aria-orientation",
        value_type=_T.TOKEN,
        values=("horizontal", "undefined", "vertical"),
        default="undefined",
    ),
    AttributeSpec(name="aria-owns", value_type=_T.IDREFS, is_global=True),
    AttributeSpec(name="aria-placeholder", value_type=_T.STRING),
    AttributeSpec(name="aria-posinset", value_type=_T.INTEGER),
    AttributeSpec(
        name="aria-pressed",
        value_type=_T.TRISTATE,
        values=("false", "mixed", "true", "undefined"),
        default="undefined",
    ),
    AttributeSpec(
        name="aria-readonly",
        value_type=_T.TRUE_FALSE,
        values=("true", "false"),
        default="false",
    ),
    AttributeSpec(
        name="aria-relevant",
        value_type=_T.TOKENS,
        values=("additions", "all", "removals", "text"),
        is_global=True,
        default="additions text",
    ),
    AttributeSpec(
        name="aria-required",
        value_type=_T.TRUE_FALSE,
        values=("true", "false"),
        default="false",
    ),
    AttributeSpec(name="aria-roledescription", value_type=_T.STRING, is_global=True),
    AttributeSpec(name="aria-rowcount", value_type=_T.INTEGER),
    AttributeSpec(name="aria-rowindex", value_type=_T.INTEGER),
    AttributeSpec(name="aria-rowspan", value_type=_T.INTEGER),
    AttributeSpec(
        name="aria-selected",
        value_type=_T.TRUE_FALSE_UNDEFINED,
        values=("false", "true", "undefined"),
        default="undefined",
    ),
    AttributeSpec(name="aria-setsize", value_type=_T.INTEGER),
    AttributeSpec(
        name="aria-sort",
        value_type=_T.TOKEN,
        values=("ascending", "descending", "none", "other"),
        default="none",
    ),
    AttributeSpec(name="aria-valuemax", value_type=_T.NUMBER),
    AttributeSpec(name="aria-valuemin", value_type=_T.NUMBER),
    AttributeSpec(name="aria-valuenow", value_type=_T.NUMBER),
    AttributeSpec(name="aria-valuetext", value_type=_T.STRING),
)
