"""role-img-alt: HTML elements with the ``img`` role (other than ``<img>``) have a name."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import is_programmatically_hidden
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules._common import NonEmptyNameRule, elements_with_roles

IMG_ROLE = frozenset({"img"})

HAS_NAME = Diagnostic.passed("The element with role img has a text alternative")
NO_NAME = Diagnostic.failed(
    "An element with role img must have a text alternative",
    fix_hint="Give it an aria-label, or aria-labelledby pointing at text that describes the image.",
)


class RoleImgAlt(NonEmptyNameRule):
    """Elements with role img must have a text alternative.

    ## What it checks
    Every HTML element other than `<img>` whose semantic role is `img` (usually
    `<div role="img">` showing a CSS background image or a group of emoji) and that is not
    programmatically hidden has a non-empty accessible name, normally from `aria-label` or
    `aria-labelledby`. `<img>` elements are checked by `image-alt`, SVG by `svg-img-alt`.

    ## Why it matters
    `role="img"` tells assistive technology to treat the element as one picture and to ignore
    its content; without a name the picture is announced as an unlabelled image, or skipped
    (WCAG 1.1.1 Non-text Content).

    ## Fails
        <div role="img" style="background-image: url(logo.png)"></div>

    ## Passes
        <div role="img" aria-label="W3C logo" style="background-image: url(logo.png)"></div>

    ## Limitations
    Whether the name describes the picture is not judged here.
    """

    meta = RuleMeta(
        id="role-img-alt",
        name="Elements with role img have a text alternative",
        wcag=("1.1.1",),
        act_rules=("23a2a8",),
        impact=Impact.SERIOUS,
        tags=("cat.text-alternatives", "wcag2a", "act"),
    )
    has_name = HAS_NAME
    no_name = NO_NAME

    def applicability(self, page: Page) -> Iterator[Element]:
        """HTML elements except ``img`` with semantic role img, not programmatically hidden."""
        for element in elements_with_roles(page, IMG_ROLE):
            if (
                element.is_html
                and element.tag != "img"
                and not is_programmatically_hidden(page, element)
            ):
                yield element
