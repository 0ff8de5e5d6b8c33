"""aria-deprecated-role: roles deprecated by WAI-ARIA are not used."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import explicit_role, is_programmatically_hidden
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.aria import ROLES

CURRENT = Diagnostic.passed("The role is not deprecated")
DEPRECATED = Diagnostic.failed(
    "Deprecated ARIA roles should not be used",
    fix_hint='Use the current role instead (role="list" for role="directory").',
)


class AriaDeprecatedRole(Rule):
    """Deprecated ARIA roles should not be used.

    ## What it checks
    Every element that is not programmatically hidden and gets an explicit role from its
    `role` attribute uses a role that WAI-ARIA 1.2 (or its modules) has not deprecated,
    such as `directory`.

    ## Why it matters
    Deprecated roles are on their way out of browsers and assistive technology; their
    support is patchy, so the structure they convey may be lost.

    ## Fails
        <ul role="directory"><li>Sales</li></ul>
        <div role="directory"><div role="listitem">Sales</div></div>

    ## Passes
        <ul role="list"><li>Sales</li></ul>
        <nav role="navigation"><a href="/">Home</a></nav>

    ## Limitations
    Only roles are checked; deprecated attributes (`aria-grabbed`) are not.
    """

    meta = RuleMeta(
        id="aria-deprecated-role",
        name="Deprecated ARIA roles are not used",
        wcag=(),
        act_rules=(),
        impact=Impact.MINOR,
        tags=("cat.aria", "best-practice"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Non-hidden elements whose role attribute gives a valid explicit role."""
        for element in page.elements:
            if (
                "role" in element.attrs
                and explicit_role(page, element) is not None
                and not is_programmatically_hidden(page, element)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The explicit role is not deprecated."""
        role = explicit_role(page, target) or ""
        return Verdict(DEPRECATED if ROLES[role].deprecated else CURRENT, f'role="{role}"')
