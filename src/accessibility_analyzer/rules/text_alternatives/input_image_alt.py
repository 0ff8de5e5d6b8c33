"""input-image-alt: image buttons have an accessible name other than the browser default."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import accessible_name, is_included_in_accessibility_tree
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._common import describe_name, is_image_button

# HTML-AAM: with no author-provided name an image button is called "Submit Query" (localised);
# ACT 59796f assumes that default never describes the button.
DEFAULT_NAME = "submit query"

HAS_NAME = Diagnostic.passed("The image button has an accessible name")
NO_NAME = Diagnostic.failed(
    "An image button must have a text alternative",
    fix_hint='Add an alt attribute saying what the button does (alt="Search").',
)
DEFAULT_ONLY = Diagnostic.failed(
    'An image button must have a name other than the default "Submit Query"',
    fix_hint='Add an alt attribute saying what the button does (alt="Search").',
)


class InputImageAlt(Rule):
    """Image buttons must have a text alternative.

    ## What it checks
    Every `<input type="image">` included in the accessibility tree has a non-empty accessible
    name that is not the browser's default "Submit Query". Unlike `<img>`, `alt=""` does not
    make an image button decorative: it is still a button.

    ## Why it matters
    The image is the only label of the button; without a text alternative a screen-reader user
    hears "button" or "Submit Query" and cannot tell what it does (WCAG 1.1.1, 4.1.2).

    ## Fails
        <input type="image" src="search.svg">
        <input type="image" src="search.svg" aria-labelledby="missing-id">

    ## Passes
        <input type="image" src="search.svg" alt="Search">
        <input type="image" src="search.svg" title="Search">

    ## Limitations
    Whether the name describes the action is not judged here; a localised default name other
    than the English "Submit Query" is not recognised. Decided: a `<label>` names an image
    button (`<label>Search <input type="image" src="go.png"></label>` passes), as Chromium,
    Firefox and axe-core do, although HTML-AAM's list for image buttons leaves labels out.
    """

    meta = RuleMeta(
        id="input-image-alt",
        name="Image buttons have a text alternative",
        wcag=("1.1.1", "4.1.2"),
        act_rules=("59796f",),
        impact=Impact.CRITICAL,
        tags=("cat.text-alternatives", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """``input type=image`` elements included in the accessibility tree."""
        for element in page.by_tag("input"):
            if is_image_button(element) and is_included_in_accessibility_tree(page, element):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """A name that is neither empty nor the default "Submit Query"."""
        name = accessible_name(page, target).strip()
        if not name:
            return Verdict(NO_NAME, "no alt, aria-label, aria-labelledby or title gives it a name")
        if name.lower() == DEFAULT_NAME:
            return Verdict(DEFAULT_ONLY, describe_name(page, target))
        return Verdict(HAS_NAME, describe_name(page, target))
