"""image-alt: HTML ``<img>`` elements have a text alternative or are marked decorative."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    accessible_name,
    has_presentational_conflict,
    is_programmatically_hidden,
    role_of,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.aria import PRESENTATIONAL_ROLES
from accessibility_analyzer.rules._common import describe_name

HAS_ALT = Diagnostic.passed("The image has a text alternative")
DECORATIVE = Diagnostic.passed("The image is marked as decorative")
NO_ALT = Diagnostic.failed(
    "The image must have a text alternative",
    fix_hint=(
        'Add an alt attribute describing the image (alt="" if it is purely decorative and '
        "neither focusable nor carrying ARIA attributes)."
    ),
)


class ImageAlt(Rule):
    """Images must have a text alternative, or be marked as decorative.

    ## What it checks
    Every HTML `<img>` element that is not programmatically hidden (`display: none`,
    `visibility: hidden`, inside `aria-hidden="true"`) has a non-empty accessible name
    (from `alt`, `aria-label`, `aria-labelledby` or `title`), or its semantic role is
    `none`/`presentation` (`alt=""` or `role="none"`, without focus or global ARIA attributes
    that would make browsers expose it anyway). Other elements with `role="img"` are checked by
    `role-img-alt`.

    ## Why it matters
    Screen-reader users hear the text alternative instead of seeing the picture; an image
    without one is announced by its file name or not at all (WCAG 1.1.1 Non-text Content).

    ## Fails
        <img src="chart.png">
        <img src="logo.png" role="none" tabindex="0">

    ## Passes
        <img src="chart.png" alt="Sales rose 20% in Q3">
        <img src="swirl.png" alt="">

    ## Limitations
    Whether the text alternative is *equivalent* to the image is a question for a person (see
    `image-alt-descriptive`). Hidden-ness is computed from inline styles and the page's style
    sheets; layout and scripts are not run.
    """

    meta = RuleMeta(
        id="image-alt",
        name="Images have a text alternative",
        wcag=("1.1.1",),
        act_rules=("23a2a8",),
        impact=Impact.CRITICAL,
        tags=("cat.text-alternatives", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """HTML ``img`` elements that are not programmatically hidden."""
        for element in page.by_tag("img"):
            if element.is_html and not is_programmatically_hidden(page, element):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """A non-empty accessible name, or a presentational semantic role."""
        if accessible_name(page, target).strip():
            return Verdict(HAS_ALT, describe_name(page, target))
        role = role_of(page, target)
        if role in PRESENTATIONAL_ROLES:
            return Verdict(DECORATIVE)
        if has_presentational_conflict(page, target):
            return Verdict(NO_ALT, "marked decorative, but focusable or ARIA attributes expose it")
        return Verdict(NO_ALT, "no alt, aria-label, aria-labelledby or title gives it a name")
