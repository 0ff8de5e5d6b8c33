"""aria-roles: a ``role`` attribute names at least one valid, non-abstract role."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    explicit_role_tokens,
    is_programmatically_hidden,
    is_valid_role,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules.aria._shared import is_html_or_svg, quoted_attribute

VALID_ROLE = Diagnostic.passed("The role attribute names a valid ARIA role")
INVALID_ROLE = Diagnostic.failed(
    "The role attribute must contain at least one valid, non-abstract ARIA role",
    fix_hint='Use a role from WAI-ARIA (role="button", not role="btn"), or remove the attribute.',
)


class AriaRoles(Rule):
    """Role attributes must have a valid value.

    ## What it checks
    Every `role` attribute that is not empty or only whitespace, on an HTML or SVG element
    that is not programmatically hidden, contains at least one token that is a non-abstract
    role of WAI-ARIA 1.2, DPUB-ARIA or Graphics-ARIA (matched case-insensitively). Further
    tokens are fallbacks and may be unknown.

    ## Why it matters
    An unknown or abstract role is ignored: the element keeps its native role (often none),
    so assistive technology announces it wrongly (WCAG 4.1.2, 1.3.1).

    ## Fails
        <div role="btn" tabindex="0">Save</div>
        <div role="range">50%</div>

    ## Passes
        <div role="button" tabindex="0">Save</div>
        <div role="switch button" aria-checked="true">Wi-Fi</div>

    ## Limitations
    Whether the role suits the element's behaviour is not judged.
    """

    meta = RuleMeta(
        id="aria-roles",
        name="Role attributes have a valid value",
        wcag=("1.3.1", "4.1.2"),
        act_rules=("674b10",),
        impact=Impact.CRITICAL,
        tags=("cat.aria", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Non-hidden HTML/SVG elements with a role attribute that has some token."""
        for element in page.elements:
            if (
                explicit_role_tokens(element)
                and is_html_or_svg(element)
                and not is_programmatically_hidden(page, element)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """At least one token is a valid non-abstract role."""
        valid = any(is_valid_role(token) for token in explicit_role_tokens(target))
        return Verdict(VALID_ROLE if valid else INVALID_ROLE, quoted_attribute(target, "role"))
