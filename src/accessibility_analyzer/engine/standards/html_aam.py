# Sources: HTML Accessibility API Mappings 1.0, W3C Working Draft,
# https://www.w3.org/TR/html-aam-1.0/ (§4 element mappings) ; ARIA in HTML, W3C
# Recommendation (2023 edition), https://www.w3.org/TR/html-aria/ (§4 document conformance
# requirements: implicit roles and allowed roles per element) ; SVG Accessibility API
# Mappings, https://www.w3.org/TR/svg-aam-1.0/ (the ``svg`` root).
"""Implicit ARIA roles of HTML elements and the roles authors may give each element.

Only lookups live here. The conditional mappings (``a`` with ``href``, ``img`` with
``alt=""``, ``input`` by ``type``, ``header`` scoped to sectioning content, table cells by
the table's role, ...) are decided in :mod:`accessibility_analyzer.engine.aria.implicit`,
which reads the keyed variants below.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

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

_ANY: frozenset[str] | None = None
_NO_ROLE: frozenset[str] = frozenset()
_LIST_ROLES = frozenset(
    {
        "directory",
        "group",
        "listbox",
        "menu",
        "menubar",
        "none",
        "presentation",
        "radiogroup",
        "tablist",
        "toolbar",
        "tree",
    }
)
_HEADING_ROLES = frozenset({"none", "presentation", "tab", "doc-subtitle"})
_PRESENTATIONAL = frozenset({"none", "presentation"})
_IMG_WITH_ALT_ROLES = frozenset(
    {
        "button",
        "checkbox",
        "link",
        "menuitem",
        "menuitemcheckbox",
        "menuitemradio",
        "meter",
        "option",
        "progressbar",
        "radio",
        "scrollbar",
        "separator",
        "slider",
        "switch",
        "tab",
        "treeitem",
        "doc-cover",
    }
)
_SECTION_ROLES = frozenset(
    {
        "alert",
        "alertdialog",
        "application",
        "banner",
        "complementary",
        "contentinfo",
        "dialog",
        "document",
        "feed",
        "group",
        "log",
        "main",
        "marquee",
        "navigation",
        "none",
        "note",
        "presentation",
        "search",
        "status",
        "tabpanel",
    }
) | frozenset(
    "doc-" + name
    for name in [
        "abstract",
        "acknowledgments",
        "afterword",
        "appendix",
        "bibliography",
        "chapter",
        "colophon",
        "conclusion",
        "credit",
        "credits",
        "dedication",
        "endnotes",
        "epigraph",
        "epilogue",
        "errata",
        "example",
        "foreword",
        "glossary",
        "index",
        "introduction",
        "notice",
        "pagelist",
        "part",
        "preface",
        "prologue",
        "pullquote",
        "qna",
        "toc",
    ]
)

# ARIA in HTML: the roles an author may set on each element, keyed by tag or by a variant
# key (``a[href]``, ``img[alt=""]``, ``input[type=text]``, ``select[listbox]``). ``None``
# means any role; an empty set means no role may be set. Elements not listed (custom
# elements, span, div, ...) accept any role.
ALLOWED_ROLES: Mapping[str, frozenset[str] | None] = MappingProxyType(
    {
        "a[href]": frozenset(
            {
                "button",
                "checkbox",
                "menuitem",
                "menuitemcheckbox",
                "menuitemradio",
                "option",
                "radio",
                "switch",
                "tab",
                "treeitem",
                "doc-backlink",
                "doc-biblioref",
                "doc-glossref",
                "doc-noteref",
            }
        ),
        "a": _ANY,
        "area[href]": _NO_ROLE,
        "area": frozenset({"button", "generic", "link"}),
        "article": frozenset(
            {"application", "document", "feed", "main", "none", "presentation", "region"}
        ),
        "aside": frozenset(
            {
                "doc-dedication",
                "doc-example",
                "doc-footnote",
                "doc-glossary",
                "doc-pullquote",
                "doc-tip",
                "feed",
                "none",
                "note",
                "presentation",
                "region",
                "search",
            }
        ),
        "audio": frozenset({"application"}),
        "base": _NO_ROLE,
        "body": _NO_ROLE,
        "br": _PRESENTATIONAL,
        "button": frozenset(
            {
                "checkbox",
                "combobox",
                "gridcell",
                "link",
                "menuitem",
                "menuitemcheckbox",
                "menuitemradio",
                "option",
                "radio",
                "separator",
                "slider",
                "switch",
                "tab",
                "treeitem",
            }
        ),
        "caption": _NO_ROLE,
        "col": _NO_ROLE,
        "colgroup": _NO_ROLE,
        "datalist": _NO_ROLE,
        "dd": _NO_ROLE,
        "details": _NO_ROLE,
        "dialog": frozenset({"alertdialog"}),
        "dl": frozenset({"group", "list", "none", "presentation"}),
        "dt": frozenset({"listitem"}),
        "embed": frozenset({"application", "document", "img", "none", "presentation"}),
        "fieldset": frozenset({"none", "presentation", "radiogroup"}),
        "figcaption": frozenset({"group", "none", "presentation"}),
        "footer": frozenset({"group", "none", "presentation", "doc-footnote"}),
        "form": frozenset({"none", "presentation", "search"}),
        "h1": _HEADING_ROLES,
        "h2": _HEADING_ROLES,
        "h3": _HEADING_ROLES,
        "h4": _HEADING_ROLES,
        "h5": _HEADING_ROLES,
        "h6": _HEADING_ROLES,
        "head": _NO_ROLE,
        "header": frozenset({"group", "none", "presentation"}),
        "hr": frozenset({"none", "presentation", "doc-pagebreak"}),
        "html": _NO_ROLE,
        "iframe": frozenset({"application", "document", "img", "none", "presentation"}),
        'img[alt=""]': _PRESENTATIONAL,
        "img[alt]": _IMG_WITH_ALT_ROLES,
        "img": _IMG_WITH_ALT_ROLES,
        "input[type=button]": frozenset(
            {
                "checkbox",
                "combobox",
                "link",
                "menuitem",
                "menuitemcheckbox",
                "menuitemradio",
                "option",
                "radio",
                "switch",
                "tab",
            }
        ),
        "input[type=checkbox]": frozenset({"button", "menuitemcheckbox", "option", "switch"}),
        "input[type=image]": frozenset(
            {"link", "menuitem", "menuitemcheckbox", "menuitemradio", "radio", "switch"}
        ),
        "input[type=radio]": frozenset({"menuitemradio"}),
        "input[type=text]": frozenset({"combobox", "searchbox", "spinbutton"}),
        "input": _NO_ROLE,
        "label": _NO_ROLE,
        "legend": _NO_ROLE,
        "li": frozenset(
            {
                "menuitem",
                "menuitemcheckbox",
                "menuitemradio",
                "option",
                "none",
                "presentation",
                "radio",
                "separator",
                "tab",
                "treeitem",
                "doc-biblioentry",
                "doc-endnote",
            }
        ),
        "link": _NO_ROLE,
        "main": _NO_ROLE,
        "map": _NO_ROLE,
        "math": _NO_ROLE,
        "menu": _LIST_ROLES,
        "meta": _NO_ROLE,
        "meter": _NO_ROLE,
        "nav": frozenset(
            {
                "doc-index",
                "doc-pagelist",
                "doc-toc",
                "menu",
                "menubar",
                "none",
                "presentation",
                "tablist",
            }
        ),
        "noscript": _NO_ROLE,
        "object": frozenset({"application", "document", "img"}),
        "ol": _LIST_ROLES,
        "optgroup": _NO_ROLE,
        "option": _NO_ROLE,
        "param": _NO_ROLE,
        "picture": _NO_ROLE,
        "progress": _NO_ROLE,
        "script": _NO_ROLE,
        "search": frozenset({"form", "group", "none", "presentation", "region", "search"}),
        "section": _SECTION_ROLES | frozenset({"region"}),
        "select[combobox]": frozenset({"menu"}),
        "select[listbox]": _NO_ROLE,
        "slot": _NO_ROLE,
        "source": _NO_ROLE,
        "style": _NO_ROLE,
        "summary": _NO_ROLE,
        "template": _NO_ROLE,
        "textarea": _NO_ROLE,
        "title": _NO_ROLE,
        "track": _NO_ROLE,
        "ul": _LIST_ROLES,
        "video": frozenset({"application"}),
        "wbr": _PRESENTATIONAL,
    }
)
