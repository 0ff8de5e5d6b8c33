"""empty-heading: headings have a non-empty accessible name."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules._common import NonEmptyNameRule, exposed_elements_with_role

_HEADING = frozenset({"heading"})

HAS_NAME = Diagnostic.passed("The heading has an accessible name")
NO_NAME = Diagnostic.failed(
    "A heading must have a non-empty accessible name",
    fix_hint="Put text in the heading (or alt text on its image), or remove the empty heading.",
)


class EmptyHeading(NonEmptyNameRule):
    """Headings must have a non-empty accessible name.

    ## What it checks
    Every HTML element in the accessibility tree whose semantic role is `heading` (`<h1>` to
    `<h6>`, `role="heading"`) has a non-empty accessible name: text content, the `alt` of an
    image inside it, or `aria-label`/`aria-labelledby`.

    ## Why it matters
    Screen-reader users navigate by headings; an empty one is announced as "heading level
    2" with nothing else, a dead stop that says nothing about the section (WCAG 1.3.1: the
    heading markup promises a structure the page does not have).

    ## Fails
        <h2></h2>
        <h1><img src="logo.png" alt=""></h1>

    ## Passes
        <h2>Opening hours</h2>
        <h1><img src="logo.png" alt="ACME"></h1>

    ## Limitations
    Text from CSS generated content (`::before`/`::after` strings and `attr()`) is
    part of the name; when the only content is a counter, a quote, an image without
    alternative text or an icon font glyph, an empty name is `cantTell`. Whether the text
    describes the section is not judged.
    """

    meta = RuleMeta(
        id="empty-heading",
        name="Headings have a non-empty accessible name",
        wcag=("1.3.1",),
        act_rules=("ffd0e9",),
        impact=Impact.MINOR,
        tags=("cat.structure", "wcag2a", "act"),
    )
    has_name = HAS_NAME
    no_name = NO_NAME

    def applicability(self, page: Page) -> Iterator[Element]:
        """HTML elements with the heading role in the accessibility tree."""
        yield from exposed_elements_with_role(page, _HEADING)
