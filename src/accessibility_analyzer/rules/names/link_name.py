"""link-name: links have a non-empty accessible name."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.engine.standards.aria import LINK_ROLES
from accessibility_analyzer.rules._common import NonEmptyNameRule, exposed_elements_with_role

HAS_NAME = Diagnostic.passed("The link has an accessible name")
NO_NAME = Diagnostic.failed(
    "A link must have an accessible name",
    fix_hint=(
        "Put text inside the link, give its image an alt text, or add an aria-label naming "
        "the destination."
    ),
)


class LinkName(NonEmptyNameRule):
    """Links must have an accessible name.

    ## What it checks
    Every HTML element included in the accessibility tree whose semantic role is `link` or a
    role inheriting from it (`doc-biblioref`, `doc-noteref`, …) has a non-empty accessible
    name: text content, the `alt` of an image inside, `aria-label`, `aria-labelledby` or
    `title`. Image-map `<area>` links are checked by `area-alt`.

    ## Why it matters
    Link names are how screen-reader users pick links from a list and how voice-control users
    activate them; an empty link is announced as "link" or by its URL (WCAG 2.4.4 Link Purpose,
    4.1.2 Name, Role, Value).

    ## Fails
        <a href="/home"></a>
        <a href="/home"><img src="logo.png" role="presentation"></a>

    ## Passes
        <a href="/home">Home</a>
        <a href="/home"><img src="logo.png" alt="Home"></a>

    ## Limitations
    Text from CSS generated content (`::before`/`::after` strings and `attr()`) is
    part of the name; when the only content is a counter, a quote, an image without
    alternative text or an icon font glyph, an empty name is `cantTell`.
    Whether the name describes the destination is not judged.
    """

    meta = RuleMeta(
        id="link-name",
        name="Links have an accessible name",
        wcag=("2.4.4", "4.1.2"),
        act_rules=("c487ae",),
        impact=Impact.SERIOUS,
        tags=("cat.names", "wcag2a", "act"),
    )
    has_name = HAS_NAME
    no_name = NO_NAME

    def applicability(self, page: Page) -> Iterator[Element]:
        """HTML link-role elements (except ``area``) in the accessibility tree."""
        for element in exposed_elements_with_role(page, LINK_ROLES):
            if element.tag != "area":
                yield element
