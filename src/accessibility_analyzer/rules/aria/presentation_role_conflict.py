"""presentation-role-conflict: elements marked presentational are really ignored."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    explicit_role,
    has_global_aria_attribute,
    has_presentational_conflict,
    is_focusable,
    is_programmatically_hidden,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.aria import PRESENTATIONAL_ROLES

IGNORED = Diagnostic.passed("The presentational element is ignored by assistive technology")
CONFLICT = Diagnostic.failed(
    "Elements marked presentational should be neither focusable nor carry global ARIA attributes",
    fix_hint=(
        'Remove role="none"/"presentation" (the element is exposed anyway), or remove its '
        "tabindex and global aria-* attributes."
    ),
)


def _is_marked_presentational(page: Page, element: Element) -> bool:
    """An explicit none/presentation role, or an ``<img alt="">`` without a role."""
    role = explicit_role(page, element)
    if role in PRESENTATIONAL_ROLES:
        return True
    return role is None and element.is_html and element.tag == "img" and element.get("alt") == ""


class PresentationRoleConflict(Rule):
    """Elements marked as presentational should be consistently ignored.

    ## What it checks
    Every rendered element with `role="none"` or `role="presentation"` (and every
    `<img alt="">`) is neither focusable nor carries a global ARIA attribute. Either one
    makes browsers ignore the presentational role (WAI-ARIA presentational roles conflict
    resolution) and expose the element with its native role.

    ## Why it matters
    The author meant the element to be ignored, but screen readers announce it anyway, often
    without a name ("button", "image"), which confuses users.

    ## Fails
        <button role="none">Close</button>
        <img src="divider.png" alt="" aria-label="Divider">

    ## Passes
        <table role="presentation"><tr><td>Layout</td></tr></table>
        <img src="divider.png" alt="">

    ## Limitations
    Focusability comes from markup; handlers added by scripts are not seen.
    """

    meta = RuleMeta(
        id="presentation-role-conflict",
        name="Presentational elements are not exposed through a conflict",
        wcag=(),
        level="",
        act_rules=(),
        impact=Impact.MINOR,
        tags=("cat.aria", "best-practice"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Elements marked presentational that are not programmatically hidden."""
        for element in page.elements:
            if (
                ("role" in element.attrs or element.tag == "img")
                and _is_marked_presentational(page, element)
                and not is_programmatically_hidden(page, element)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """No focusability and no global ARIA attribute overrides the presentational role."""
        if not has_presentational_conflict(page, target):
            return Verdict(IGNORED)
        causes = []
        if is_focusable(page, target):
            causes.append("it is focusable")
        if has_global_aria_attribute(target):
            causes.append("it has a global ARIA attribute")
        return Verdict(CONFLICT, " and ".join(causes) or None)
