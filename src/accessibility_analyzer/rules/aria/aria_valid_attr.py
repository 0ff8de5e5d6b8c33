"""aria-valid-attr: every ``aria-*`` attribute is defined in WAI-ARIA."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import aria_attributes
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.aria import ATTRIBUTES
from accessibility_analyzer.rules.aria._shared import elements_with_aria, listing

ALL_DEFINED = Diagnostic.passed("Every aria-* attribute is defined in WAI-ARIA")
UNDEFINED = Diagnostic.failed(
    "aria-* attributes must be defined in WAI-ARIA",
    fix_hint="Fix the spelling (aria-labelledby, not aria-labeledby) or remove the attribute.",
)


class AriaValidAttr(Rule):
    """ARIA attributes must be defined in WAI-ARIA.

    ## What it checks
    Every attribute whose name starts with `aria-` is a state or property defined in WAI-ARIA
    1.2 or its modules (the ARIA 1.3 attributes browsers already support, such as
    `aria-description`, count as defined). One finding per element lists every unknown name.

    ## Why it matters
    A misspelt attribute (`aria-labeledby`) is ignored by browsers: the label, state or
    relation the author meant never reaches assistive technology (WCAG 4.1.2, 1.3.1).

    ## Fails
        <div role="button" aria-pressed="false" aria-labeledby="x">Bold</div>
        <input aria-requried="true">

    ## Passes
        <div role="checkbox" aria-checked="false">Subscribe</div>
        <span aria-hidden="true">★</span>

    ## Limitations
    Attributes set by scripts after load are not seen.
    """

    meta = RuleMeta(
        id="aria-valid-attr",
        name="ARIA attributes are defined in WAI-ARIA",
        wcag=("1.3.1", "4.1.2"),
        act_rules=("5f99a7",),
        impact=Impact.CRITICAL,
        tags=("cat.aria", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Elements with at least one attribute starting with ``aria-``."""
        for element in elements_with_aria(page):
            if any(name.startswith("aria-") for name in element.attrs):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Every ``aria-*`` attribute is in the WAI-ARIA attribute table."""
        unknown = [name for name in aria_attributes(target) if name not in ATTRIBUTES]
        if unknown:
            return Verdict(UNDEFINED, f"not defined: {listing(unknown)}")
        return Verdict(ALL_DEFINED, listing(aria_attributes(target)))
