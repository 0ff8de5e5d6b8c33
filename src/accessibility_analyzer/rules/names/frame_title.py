"""frame-title: inline frames have a non-empty accessible name."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    has_global_aria_attribute,
    is_included_in_accessibility_tree,
    tabindex_of,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules._common import NonEmptyNameRule, is_marked_decorative

HAS_NAME = Diagnostic.passed("The iframe has an accessible name")
NO_NAME = Diagnostic.failed(
    "An iframe must have an accessible name",
    fix_hint='Add a title attribute describing the frame\'s content (title="Grocery list").',
)


def _is_decorative_frame(page: Page, element: Element) -> bool:
    """Marked decorative, unless made focusable (``tabindex`` >= 0) or given a global ARIA
    attribute: WAI-ARIA's presentational role conflict resolution then exposes a frame."""
    if not is_marked_decorative(page, element):
        return False
    tabindex = tabindex_of(element)
    made_focusable = tabindex is not None and tabindex >= 0
    return not (made_focusable or has_global_aria_attribute(element))


class FrameTitle(NonEmptyNameRule):
    """Inline frames must have an accessible name.

    ## What it checks
    Every `<iframe>` included in the accessibility tree has a non-empty accessible name
    (`title`, `aria-label` or `aria-labelledby`), unless it is taken out of the tab order
    (`tabindex="-1"`) or marked as decorative (`role="none"`): how browsers treat those varies.
    A decorative frame made focusable (`tabindex="0"`) or given a global ARIA attribute is a
    frame again (the presentational role is overridden) and needs a name.
    The `name` attribute is not a name for assistive technology.

    ## Why it matters
    Screen readers announce a frame by its name when the user enters it or lists the frames of
    a page; an unnamed frame gives no hint of what it contains (WCAG 4.1.2 Name, Role, Value).

    ## Fails
        <iframe src="list.html" name="Grocery List"></iframe>
        <iframe src="list.html" title=""></iframe>
        <iframe src="list.html" role="presentation" tabindex="0"></iframe>

    ## Passes
        <iframe src="list.html" title="Grocery list"></iframe>

    ## Limitations
    The frame's own document title is not used as a fallback (browsers differ).
    """

    meta = RuleMeta(
        id="frame-title",
        name="Inline frames have an accessible name",
        wcag=("4.1.2",),
        act_rules=("cae760",),
        impact=Impact.SERIOUS,
        tags=("cat.names", "wcag2a", "act"),
    )
    has_name = HAS_NAME
    no_name = NO_NAME

    def applicability(self, page: Page) -> Iterator[Element]:
        """Exposed ``iframe`` elements without negative tabindex, not marked decorative."""
        for element in page.by_tag("iframe"):
            tabindex = tabindex_of(element)
            if (
                element.is_html
                and (tabindex is None or tabindex >= 0)
                and not _is_decorative_frame(page, element)
                and is_included_in_accessibility_tree(page, element)
            ):
                yield element
