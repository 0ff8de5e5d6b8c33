"""svg-img-alt: SVG elements given an image role have an accessible name."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import explicit_role, is_included_in_accessibility_tree
from accessibility_analyzer.engine.dom import Element, Namespace, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules._common import NonEmptyNameRule

IMAGE_ROLES = frozenset({"img", "graphics-document", "graphics-symbol"})

HAS_NAME = Diagnostic.passed("The SVG image has an accessible name")
NO_NAME = Diagnostic.failed(
    "An SVG element with an image role must have an accessible name",
    fix_hint="Add a <title> as the first child of the element, or an aria-label.",
)


class SvgImgAlt(NonEmptyNameRule):
    """SVG elements with an image role must have an accessible name.

    ## What it checks
    Every SVG element (the `<svg>` root or a shape inside it) whose explicit role is `img`,
    `graphics-document` or `graphics-symbol`, and that is included in the accessibility tree,
    has a non-empty accessible name: from `aria-labelledby`, `aria-label`, a child `<title>`
    element or `xlink:title`.

    ## Why it matters
    Giving an SVG an image role says it conveys information; screen-reader users then need a
    text alternative to get that information (WCAG 1.1.1 Non-text Content).

    ## Fails
        <svg role="img"><circle cx="50" cy="50" r="40"/></svg>

    ## Passes
        <svg role="img"><title>1 circle</title><circle cx="50" cy="50" r="40"/></svg>

    ## Limitations
    SVG without an explicit role is not checked: browser support for the implicit
    `graphics-document` role is inconsistent (see ACT rule 7d6734), so whether it needs a name
    is left to `image-alt-descriptive` and human review.
    """

    meta = RuleMeta(
        id="svg-img-alt",
        name="SVG elements with an image role have a text alternative",
        wcag=("1.1.1",),
        act_rules=("7d6734",),
        impact=Impact.SERIOUS,
        tags=("cat.text-alternatives", "wcag2a", "act"),
    )
    has_name = HAS_NAME
    no_name = NO_NAME

    def applicability(self, page: Page) -> Iterator[Element]:
        """SVG elements with an explicit image role, included in the accessibility tree."""
        for element in page.elements:
            if (
                element.namespace is Namespace.SVG
                and "role" in element.attrs
                and explicit_role(page, element) in IMAGE_ROLES
                and is_included_in_accessibility_tree(page, element)
            ):
                yield element
