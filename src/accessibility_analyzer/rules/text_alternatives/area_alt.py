"""area-alt: image-map areas that are links have a text alternative."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import is_included_in_accessibility_tree, role_of
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules._common import NonEmptyNameRule

HAS_NAME = Diagnostic.passed("The image-map area has a text alternative")
NO_NAME = Diagnostic.failed(
    "An image-map area that is a link must have a text alternative",
    fix_hint='Add an alt attribute naming the link target of the area (alt="Sun").',
)


class AreaAlt(NonEmptyNameRule):
    """Image-map areas that are links must have a text alternative.

    ## What it checks
    Every HTML `<area>` element whose semantic role is `link` (it has an `href`) and that is
    included in the accessibility tree has a non-empty accessible name, normally from `alt`.
    Other links are checked by `link-name`.

    ## Why it matters
    Each area of an image map is a separate link drawn on the picture; its `alt` text is the
    only thing a screen-reader or voice-control user can use to identify and activate it
    (WCAG 1.1.1, 2.4.4, 4.1.2).

    ## Fails
        <img src="planets.jpg" alt="Planets" usemap="#map">
        <map name="map"><area shape="rect" coords="0,0,82,126" href="sun.htm"></map>

    ## Passes
        <map name="map"><area shape="rect" coords="0,0,82,126" href="sun.htm" alt="Sun"></map>

    ## Limitations
    Browsers disagree on whether an `<area>` outside a `<map>` is exposed at all; such areas are
    checked as if they were exposed.
    """

    meta = RuleMeta(
        id="area-alt",
        name="Image-map areas have a text alternative",
        wcag=("1.1.1", "2.4.4", "4.1.2"),
        act_rules=("c487ae",),
        impact=Impact.CRITICAL,
        tags=("cat.text-alternatives", "wcag2a", "act"),
    )
    has_name = HAS_NAME
    no_name = NO_NAME

    def applicability(self, page: Page) -> Iterator[Element]:
        """HTML ``area`` elements with the link role, included in the accessibility tree."""
        for element in page.by_tag("area"):
            if (
                element.is_html
                and role_of(page, element) == "link"
                and is_included_in_accessibility_tree(page, element)
            ):
                yield element
