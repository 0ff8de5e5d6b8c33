# Sources: Digital Publishing WAI-ARIA Module 1.0, W3C Recommendation 14 December 2017,
# https://www.w3.org/TR/dpub-aria-1.0/ ; Digital Publishing WAI-ARIA Module 1.1,
# https://www.w3.org/TR/dpub-aria-1.1/ (deprecations) ; WAI-ARIA Graphics Module 1.0, W3C
# Recommendation 2 October 2018, https://www.w3.org/TR/graphics-aria-1.0/
"""The DPUB-ARIA (``doc-*``) and Graphics-ARIA (``graphics-*``) roles.

They are part of the "WAI-ARIA specifications" the ACT rules accept, so they must not be
reported as invalid roles. The DPUB-ARIA 1.1 revision deprecates ``doc-biblioentry`` and
``doc-endnote`` and drops their required context; both are kept valid here and marked
deprecated (aria-deprecated-role reports them), and their context/owned constraints are not
enforced because the two revisions disagree.
"""

from __future__ import annotations

from accessibility_analyzer.engine.standards._aria_types import NameFrom, RoleRow

_CONTENTS = (NameFrom.CONTENTS, NameFrom.AUTHOR)


def _dpub(
    name: str,
    superclass: str,
    *,
    name_from: tuple[NameFrom, ...] = (NameFrom.AUTHOR,),
    name_required: bool = False,
    children_presentational: bool = False,
    deprecated: bool = False,
) -> RoleRow:
    return RoleRow(
        name=name,
        superclass=(superclass,),
        name_from=name_from,
        name_required=name_required,
        children_presentational=children_presentational,
        deprecated=deprecated,
        module="dpub",
    )


DPUB_ROLE_ROWS: tuple[RoleRow, ...] = (
    _dpub("doc-abstract", "section"),
    _dpub("doc-acknowledgments", "landmark"),
    _dpub("doc-afterword", "landmark"),
    _dpub("doc-appendix", "landmark"),
    _dpub("doc-backlink", "link", name_from=_CONTENTS, name_required=True),
    _dpub("doc-biblioentry", "listitem", name_required=True, deprecated=True),
    _dpub("doc-bibliography", "landmark"),
    _dpub("doc-biblioref", "link", name_from=_CONTENTS, name_required=True),
    _dpub("doc-chapter", "landmark"),
    _dpub("doc-colophon", "section"),
    _dpub("doc-conclusion", "landmark"),
    _dpub("doc-cover", "img"),
    _dpub("doc-credit", "section"),
    _dpub("doc-credits", "landmark"),
    _dpub("doc-dedication", "section"),
    _dpub("doc-endnote", "listitem", deprecated=True),
    _dpub("doc-endnotes", "landmark"),
    _dpub("doc-epigraph", "section"),
    _dpub("doc-epilogue", "landmark"),
    _dpub("doc-errata", "landmark"),
    _dpub("doc-example", "section"),
    _dpub("doc-footnote", "section"),
    _dpub("doc-foreword", "landmark"),
    _dpub("doc-glossary", "landmark"),
    _dpub("doc-glossref", "link", name_from=_CONTENTS, name_required=True),
    _dpub("doc-index", "navigation"),
    _dpub("doc-introduction", "landmark"),
    _dpub("doc-noteref", "link", name_from=_CONTENTS, name_required=True),
    _dpub("doc-notice", "note"),
    _dpub("doc-pagebreak", "separator", children_presentational=True, name_required=True),
    _dpub("doc-pagelist", "navigation"),
    _dpub("doc-part", "landmark", name_required=True),
    _dpub("doc-preface", "landmark"),
    _dpub("doc-prologue", "landmark"),
    _dpub("doc-pullquote", "none"),
    _dpub("doc-qna", "section"),
    _dpub("doc-subtitle", "sectionhead"),
    _dpub("doc-tip", "note"),
    _dpub("doc-toc", "navigation"),
)

GRAPHICS_ROLE_ROWS: tuple[RoleRow, ...] = (
    RoleRow(
        name="graphics-document",
        superclass=("document",),
        name_required=True,
        module="graphics",
    ),
    RoleRow(name="graphics-object", superclass=("group",), module="graphics"),
    RoleRow(
        name="graphics-symbol",
        superclass=("img",),
        children_presentational=True,
        module="graphics",
    ),
)
