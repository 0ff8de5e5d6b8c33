# Source: ARIA in HTML, W3C Recommendation (2023 edition), https://www.w3.org/TR/html-aria/
# (§4 "Document conformance requirements for use of ARIA attributes in HTML": the roles
# allowed on each element).
"""The roles ARIA in HTML allows authors to set on each HTML element."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

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
