"""duplicate-id-aria: ids that ARIA and labels refer to are unique."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules.aria._shared import referenced_ids

UNIQUE = Diagnostic.passed("The referenced id is unique")
DUPLICATE = Diagnostic.failed(
    "Ids referenced by ARIA attributes or labels must be unique",
    fix_hint="Give each element its own id, and point the reference at the one you mean.",
)


class DuplicateIdAria(Rule):
    """Ids referenced by ARIA and labels must be unique.

    ## What it checks
    Every element whose `id` is referenced by `aria-labelledby`, `aria-describedby`,
    `aria-controls`, `aria-owns`, `aria-activedescendant`, `aria-errormessage`,
    `aria-details`, `aria-flowto` or a `<label for>` is the only element with that id.
    Each element carrying a duplicated referenced id fails.

    ## Why it matters
    A reference resolves to the first element with the id only: the label, description or
    relation may come from the wrong element, and the author's intended one is ignored
    (WCAG 4.1.2 Name, Role, Value; 1.3.1).

    ## Fails
        <label for="email">Email</label><input id="email"><input id="email">
        <div id="hint">8+ characters</div><div id="hint">Optional</div>
        <input aria-describedby="hint">

    ## Passes
        <label for="email">Email</label><input id="email">
        <span id="hint">8+ characters</span><input aria-describedby="hint">

    ## Limitations
    Ids inside templates and shadow DOM, and ids created by scripts, are not seen.
    """

    meta = RuleMeta(
        id="duplicate-id-aria",
        name="Ids referenced by ARIA and labels are unique",
        wcag=("1.3.1", "4.1.2"),
        act_rules=(),
        impact=Impact.CRITICAL,
        tags=("cat.aria", "wcag2a"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Elements whose id some reference attribute names."""
        referenced = referenced_ids(page)
        if not referenced:
            return
        for element in page.elements:
            element_id = element.attrs.get("id")
            if element_id and element_id in referenced:
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """No other element has the same id."""
        element_id = target.attrs.get("id", "")
        count = len(page.by_id(element_id))
        via = referenced_ids(page).get(element_id, "a reference")
        reason = f'id="{element_id[:60]}" is referenced by {via}'
        if count > 1:
            return Verdict(DUPLICATE, f"{reason} and used {count} times")
        return Verdict(UNIQUE, reason)
