"""hidden-image-decorative: images hidden from assistive technology are decorative (oracle)."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    accessible_name,
    explicit_role,
    is_included_in_accessibility_tree,
    is_visible,
    role_of,
)
from accessibility_analyzer.engine.dom import Element, Namespace, Page
from accessibility_analyzer.engine.questions import IMAGE_IS_DECORATIVE
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.aria import PRESENTATIONAL_ROLES
from accessibility_analyzer.rules.text_alternatives._images import (
    has_author_named_ancestor,
    image_candidates,
    is_image_content,
)

DECORATIVE = Diagnostic.passed("The hidden image is purely decorative")
INFORMATIVE = Diagnostic.failed(
    "An image that conveys information must not be hidden from assistive technology",
    fix_hint=(
        'Give the image a text alternative (alt, aria-label) instead of alt="", '
        "aria-hidden or role=none, unless the same information is in text next to it."
    ),
)


def _is_ignored_by_assistive_technology(page: Page, element: Element) -> bool:
    """Excluded from the tree, or an unnamed SVG document / role-less canvas (ACT e88epe)."""
    # A presentational role removes the element itself from the tree (its content stays).
    if not is_included_in_accessibility_tree(page, element) or (
        role_of(page, element) in PRESENTATIONAL_ROLES
    ):
        return True
    if accessible_name(page, element).strip():
        return False
    if element.namespace is Namespace.SVG:
        return role_of(page, element) == "graphics-document"
    return element.tag == "canvas" and explicit_role(page, element) is None


class HiddenImageDecorative(Rule):
    """Images hidden from assistive technology must be purely decorative.

    ## What it checks
    For every visible `<img>`, `<canvas>` and `<svg>` that assistive technologies ignore
    (`alt=""`, `role="none"`, `aria-hidden="true"`, or an unnamed `<svg>`/`<canvas>`), and that
    is not inside an element named by `aria-label`/`aria-labelledby`, asks the question
    `image-is-decorative`. "Yes" passes, "no" fails; without an answer the outcome is
    `cantTell`.

    ## Why it matters
    Marking an informative image as decorative removes its information for screen-reader
    users just as surely as a missing alt text does (WCAG 1.1.1 Non-text Content).

    ## Fails
        <img src="opening-hours.png" alt="">  (the image shows the opening hours)

    ## Passes
        <img src="divider-swirl.png" alt="">

    ## Limitations
    Needs judgement (a person or the LLM oracle). An icon whose meaning is repeated in text
    right next to it fails this rule although the page may still conform (WCAG conforming
    alternative), so failures are worth a look, not an automatic fix.
    """

    meta = RuleMeta(
        id="hidden-image-decorative",
        name="Images hidden from assistive technology are decorative",
        wcag=("1.1.1",),
        act_rules=("e88epe",),
        impact=Impact.SERIOUS,
        tags=("cat.text-alternatives", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Visible image content that assistive technologies ignore."""
        for element in image_candidates(page):
            if (
                is_image_content(element)
                and is_visible(page, element) is not False
                and _is_ignored_by_assistive_technology(page, element)
                and not has_author_named_ancestor(page, element)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The oracle judges whether the image is pure decoration."""
        return self.ask(oracle, IMAGE_IS_DECORATIVE, page, target, yes=DECORATIVE, no=INFORMATIVE)
