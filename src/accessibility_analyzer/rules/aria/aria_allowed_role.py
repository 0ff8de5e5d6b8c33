"""aria-allowed-role: the role attribute gives a role ARIA in HTML allows on the element."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    explicit_role,
    implicit_role,
    is_programmatically_hidden,
    is_role_allowed,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.html_aam import CONTEXTUAL_IMPLICIT_ROLES

ALLOWED = Diagnostic.passed("ARIA in HTML allows this role on the element")
NOT_ALLOWED = Diagnostic.failed(
    "The role should be one that ARIA in HTML allows on the element",
    fix_hint=(
        "Use an element whose semantics fit the role (a <button>, not <h2 role=button>), or "
        "wrap the element in one that carries the role."
    ),
)


class AriaAllowedRole(Rule):
    """ARIA role should be appropriate for the element.

    ## What it checks
    Every HTML element that is not programmatically hidden and whose `role` attribute gives
    it a valid role has a role that ARIA in HTML allows on that element, or one of its own
    implicit roles (`<aside role="complementary">` inside `<main>` restates what an aside
    is). Custom elements accept any role.

    ## Why it matters
    A role that overrides strong native semantics (`<button role="heading">`, `<h2
    role="button">`) makes the element behave one way and be announced another, and
    browsers may ignore it (WCAG 4.1.2 in spirit; a best practice here).

    ## Fails
        <button role="heading">Next</button>
        <ul role="button"><li>Menu</li></ul>

    ## Passes
        <a href="#" role="button">Open</a>
        <div role="button" tabindex="0">Open</div>

    ## Limitations
    Only the first valid role token is checked (the one browsers use).
    """

    meta = RuleMeta(
        id="aria-allowed-role",
        name="The role is allowed on the element",
        wcag=(),
        act_rules=(),
        impact=Impact.MINOR,
        tags=("cat.aria", "best-practice"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Non-hidden HTML elements whose role attribute gives a valid role."""
        for element in page.elements:
            if (
                "role" in element.attrs
                and element.is_html
                and explicit_role(page, element) is not None
                and not is_programmatically_hidden(page, element)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The role is allowed, or is the element's implicit role."""
        role = explicit_role(page, target) or ""
        shown = f'role="{role}" on <{target.tag}>'
        if (
            role == implicit_role(page, target)
            or role in CONTEXTUAL_IMPLICIT_ROLES.get(target.tag, ())
            or is_role_allowed(target, role)
        ):
            return Verdict(ALLOWED, shown)
        return Verdict(NOT_ALLOWED, shown)
