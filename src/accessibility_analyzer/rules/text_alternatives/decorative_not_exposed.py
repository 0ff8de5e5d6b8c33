"""decorative-not-exposed: elements marked decorative are not exposed to assistive technology."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    has_presentational_conflict,
    is_included_in_accessibility_tree,
    role_of,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.aria import PRESENTATIONAL_ROLES
from accessibility_analyzer.rules._common import is_marked_decorative

NOT_EXPOSED = Diagnostic.passed("The decorative element is not exposed to assistive technology")
EXPOSED = Diagnostic.failed(
    "An element marked as decorative should not be exposed to assistive technology",
    fix_hint=(
        "Either remove role=none/presentation (or the empty alt) and give the element a name, "
        "or remove the tabindex and global aria-* attributes that make browsers expose it."
    ),
)


class DecorativeNotExposed(Rule):
    """Elements marked as decorative should not be exposed to assistive technology.

    ## What it checks
    Every element marked as decorative (an explicit role `none` or `presentation`, or an
    `<img alt="">` without explicit role) is either not included in the accessibility tree or
    keeps its presentational role. Browsers ignore the decorative marking (the presentational
    role conflict resolution of WAI-ARIA 1.2) when the element is focusable or carries a global
    `aria-*` attribute such as `aria-label`. This is also what axe-core calls
    `presentation-role-conflict`; one rule reports it, so a conflict is never reported twice.

    ## Why it matters
    The author meant the element to be ignored, but browsers announce it with its native role,
    often without a usable name: users hear an unlabelled image or region that was supposed to
    be silent. On decorative non-text content this also breaks WCAG 1.1.1, which the rule
    maps to only as a secondary requirement, so it is reported as a best practice.

    ## Fails
        <nav role="presentation" aria-label="global">…</nav>
        <img src="swirl.png" alt="" tabindex="0">

    ## Passes
        <img src="swirl.png" alt="">
        <img src="logo.png" role="presentation" alt="W3C logo">

    ## Limitations
    Browsers differ slightly in how they resolve the conflict; the rule follows WAI-ARIA 1.2.
    """

    meta = RuleMeta(
        id="decorative-not-exposed",
        name="Elements marked as decorative are not exposed",
        wcag=(),
        act_rules=("46ca7f",),
        impact=Impact.MINOR,
        tags=("cat.text-alternatives", "best-practice", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Elements with explicit role none/presentation, and ``img alt=""`` without a role."""
        for element in page.elements:
            if ("role" in element.attrs or element.tag == "img") and is_marked_decorative(
                page, element
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Not in the accessibility tree, or still presentational after conflict resolution."""
        if not is_included_in_accessibility_tree(page, target):
            return Verdict(NOT_EXPOSED, "not included in the accessibility tree")
        role = role_of(page, target)
        if has_presentational_conflict(page, target) or role not in {*PRESENTATIONAL_ROLES, None}:
            return Verdict(EXPOSED, f"exposed with role {role or 'generic'}")
        return Verdict(NOT_EXPOSED, "its role stays presentational")
