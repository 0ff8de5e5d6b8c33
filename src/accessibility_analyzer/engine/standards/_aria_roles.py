# Source: WAI-ARIA 1.2, W3C Recommendation 6 June 2023, §5.4 "Definition of Roles",
# https://www.w3.org/TR/wai-aria-1.2/ (each row lists only the role's own characteristics;
# inherited and global states are added when the table is built).
"""The WAI-ARIA 1.2 roles, abstract ones included: the abstract, document structure,
landmark, live region and window roles (the widget roles are in ``_aria_widget_roles``)."""

from __future__ import annotations

from accessibility_analyzer.engine.standards._aria_types import NameFrom, RoleRow

_CONTENTS = (NameFrom.CONTENTS, NameFrom.AUTHOR)
_PROHIBITED = (NameFrom.PROHIBITED,)
# Roles whose name is prohibited also prohibit the naming attributes (ARIA 1.2 §5.2.8.6),
# and the ARIA 1.3 braille label with them.
_NO_NAME = ("aria-label", "aria-labelledby", "aria-braillelabel")
# generic (ARIA 1.2) and the presentational roles also prohibit role descriptions.
_NO_ROLE_DESCRIPTION = ("aria-roledescription", "aria-brailleroledescription")

ARIA_ROLE_ROWS: tuple[RoleRow, ...] = (
    # Abstract roles: the hierarchy, never valid in a role attribute.
    RoleRow(name="roletype", abstract=True),
    RoleRow(name="structure", superclass=("roletype",), abstract=True),
    RoleRow(name="widget", superclass=("roletype",), abstract=True),
    RoleRow(name="window", superclass=("roletype",), abstract=True),
    RoleRow(name="command", superclass=("widget",), abstract=True),
    RoleRow(
        name="composite",
        superclass=("widget",),
        abstract=True,
        supported=("aria-activedescendant", "aria-disabled"),
    ),
    RoleRow(name="input", superclass=("widget",), abstract=True, supported=("aria-disabled",)),
    RoleRow(
        name="range",
        superclass=("structure",),
        abstract=True,
        supported=("aria-valuemax", "aria-valuemin", "aria-valuenow", "aria-valuetext"),
    ),
    RoleRow(name="section", superclass=("structure",), abstract=True),
    RoleRow(name="sectionhead", superclass=("structure",), abstract=True, name_from=_CONTENTS),
    RoleRow(name="landmark", superclass=("section",), abstract=True),
    RoleRow(
        name="select",
        superclass=("composite", "group"),
        abstract=True,
        supported=("aria-orientation",),
    ),
    # Concrete roles, alphabetical as in the specification.
    RoleRow(name="alert", superclass=("section",), implicit_values=(("aria-live", "assertive"),)),
    RoleRow(name="alertdialog", superclass=("alert", "dialog"), name_required=True),
    RoleRow(
        name="application",
        superclass=("structure",),
        supported=(
            "aria-activedescendant",
            "aria-disabled",
            "aria-expanded",
            "aria-haspopup",
            "aria-errormessage",
            "aria-invalid",
        ),
        name_required=True,
    ),
    RoleRow(name="article", superclass=("document",), supported=("aria-posinset", "aria-setsize")),
    RoleRow(name="banner", superclass=("landmark",)),
    RoleRow(name="blockquote", superclass=("section",)),
    RoleRow(
        name="caption",
        superclass=("section",),
        prohibited=_NO_NAME,
        context=("figure", "grid", "table", "treegrid"),
        name_from=_PROHIBITED,
    ),
    RoleRow(
        name="cell",
        superclass=("section",),
        supported=("aria-colindex", "aria-colspan", "aria-rowindex", "aria-rowspan"),
        context=("row",),
        name_from=_CONTENTS,
    ),
    RoleRow(name="code", superclass=("section",), prohibited=_NO_NAME, name_from=_PROHIBITED),
    RoleRow(
        name="columnheader",
        superclass=("cell", "gridcell", "sectionhead"),
        supported=("aria-sort",),
        context=("row",),
        name_from=_CONTENTS,
        name_required=True,
    ),
    RoleRow(name="complementary", superclass=("landmark",)),
    RoleRow(name="contentinfo", superclass=("landmark",)),
    RoleRow(name="definition", superclass=("section",)),
    RoleRow(name="deletion", superclass=("section",), prohibited=_NO_NAME, name_from=_PROHIBITED),
    RoleRow(name="dialog", superclass=("window",), supported=("aria-modal",), name_required=True),
    RoleRow(name="directory", superclass=("list",), owned=("listitem",), deprecated=True),
    RoleRow(name="document", superclass=("structure",)),
    RoleRow(name="emphasis", superclass=("section",), prohibited=_NO_NAME, name_from=_PROHIBITED),
    RoleRow(name="feed", superclass=("list",), owned=("article",)),
    RoleRow(name="figure", superclass=("section",)),
    RoleRow(name="form", superclass=("landmark",)),
    RoleRow(
        name="generic",
        superclass=("structure",),
        prohibited=_NO_NAME + _NO_ROLE_DESCRIPTION,
        name_from=_PROHIBITED,
    ),
    RoleRow(name="group", superclass=("section",), supported=("aria-activedescendant",)),
    RoleRow(
        name="heading",
        superclass=("sectionhead",),
        required=("aria-level",),
        supported=("aria-level",),
        implicit_values=(("aria-level", "2"),),
        name_from=_CONTENTS,
        name_required=True,
    ),
    RoleRow(name="img", superclass=("section",), children_presentational=True, name_required=True),
    RoleRow(name="insertion", superclass=("section",), prohibited=_NO_NAME, name_from=_PROHIBITED),
    RoleRow(name="list", superclass=("section",), owned=("listitem",)),
    RoleRow(
        name="listitem",
        superclass=("section",),
        supported=("aria-level", "aria-posinset", "aria-setsize"),
        context=("directory", "list"),
    ),
    RoleRow(name="log", superclass=("section",), implicit_values=(("aria-live", "polite"),)),
    RoleRow(name="main", superclass=("landmark",)),
    RoleRow(name="marquee", superclass=("section",)),
    RoleRow(name="math", superclass=("section",), children_presentational=True),
    RoleRow(
        name="meter",
        superclass=("range",),
        required=("aria-valuenow",),
        implicit_values=(("aria-valuemin", "0"), ("aria-valuemax", "100")),
        children_presentational=True,
        name_required=True,
    ),
    RoleRow(name="navigation", superclass=("landmark",)),
    RoleRow(
        name="none",
        superclass=("structure",),
        prohibited=(*_NO_NAME, "aria-brailleroledescription"),
        name_from=_PROHIBITED,
    ),
    RoleRow(name="note", superclass=("section",)),
    RoleRow(name="paragraph", superclass=("section",), prohibited=_NO_NAME, name_from=_PROHIBITED),
    RoleRow(
        name="presentation",
        superclass=("structure",),
        prohibited=(*_NO_NAME, "aria-brailleroledescription"),
        name_from=_PROHIBITED,
    ),
    RoleRow(name="region", superclass=("landmark",), name_required=True),
    RoleRow(
        name="row",
        superclass=("group", "widget"),
        supported=(
            "aria-colindex",
            "aria-expanded",
            "aria-level",
            "aria-posinset",
            "aria-rowindex",
            "aria-selected",
            "aria-setsize",
        ),
        context=("grid", "rowgroup", "table", "treegrid"),
        owned=("cell", "columnheader", "gridcell", "rowheader"),
        name_from=_CONTENTS,
    ),
    RoleRow(
        name="rowgroup",
        superclass=("structure",),
        context=("grid", "table", "treegrid"),
        owned=("row",),
    ),
    RoleRow(
        name="rowheader",
        superclass=("cell", "gridcell", "sectionhead"),
        supported=("aria-expanded", "aria-sort"),
        context=("row",),
        name_from=_CONTENTS,
        name_required=True,
    ),
    RoleRow(name="search", superclass=("landmark",)),
    RoleRow(
        name="status",
        superclass=("section",),
        implicit_values=(("aria-live", "polite"), ("aria-atomic", "true")),
    ),
    RoleRow(name="strong", superclass=("section",), prohibited=_NO_NAME, name_from=_PROHIBITED),
    RoleRow(name="subscript", superclass=("section",), prohibited=_NO_NAME, name_from=_PROHIBITED),
    RoleRow(
        name="superscript", superclass=("section",), prohibited=_NO_NAME, name_from=_PROHIBITED
    ),
    RoleRow(
        name="table",
        superclass=("section",),
        supported=("aria-colcount", "aria-rowcount"),
        owned=("row", "rowgroup -> row"),
    ),
    RoleRow(name="tabpanel", superclass=("section",)),
    RoleRow(name="term", superclass=("section",)),
    RoleRow(name="time", superclass=("section",)),
    RoleRow(name="timer", superclass=("status",)),
    RoleRow(
        name="toolbar",
        superclass=("group",),
        supported=("aria-orientation",),
        implicit_values=(("aria-orientation", "horizontal"),),
    ),
    RoleRow(name="tooltip", superclass=("section",), name_from=_CONTENTS),
)
