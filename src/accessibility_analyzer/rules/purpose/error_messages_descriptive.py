"""error-messages-descriptive: form error messages name the field and the fix (asks)."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import is_included_in_accessibility_tree, role_of
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import ERROR_MESSAGES_DESCRIPTIVE
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict

DESCRIPTIVE = Diagnostic.passed("Error messages say which field is wrong and why")
NOT_DESCRIPTIVE = Diagnostic.failed(
    "An error message must identify the field in error and describe the problem",
    fix_hint='Show a message next to the field ("Age must be at least 1") and reference it '
    "with aria-describedby or aria-errormessage.",
)
# Fields that take a typed or chosen value a page may reject.
_VALUE_ROLES = frozenset({"textbox", "searchbox", "spinbutton", "combobox", "listbox", "slider"})


def _has_value_field(page: Page) -> bool:
    for tag in ("input", "select", "textarea"):
        for element in page.by_tag(tag):
            if (
                element.is_html
                and role_of(page, element) in _VALUE_ROLES
                and not element.has("disabled")
                and not element.has("readonly")
                and is_included_in_accessibility_tree(page, element)
            ):
                return True
    return False


class ErrorMessagesDescriptive(Rule):
    """Error messages of a form must identify the field and describe the error.

    ## What it checks
    Once per page (the target is `<html>`) with an enabled, exposed field that takes a
    typed or chosen value (`<input>`, `<select>`, `<textarea>` with the role `textbox`,
    `searchbox`, `spinbutton`, `combobox`, `listbox` or `slider`): the question
    `error-messages-descriptive` asks whether a rejected value gets a visible message that
    names the field and the problem. Without an answer, `cantTell`.

    ## Why it matters
    "Please fill the field correctly" above a form of five fields leaves users guessing,
    and a message only shown in colour or far away is missed (WCAG 3.3.1 Error
    Identification).

    ## Fails
        <div>Please fill the field correctly.</div> <input id="age"> <input id="name">
        (per the oracle)

    ## Passes
        <input id="age" aria-describedby="e"> <span id="e">Age must be at least 1.</span>
        (per the oracle)

    ## Limitations
    Values are not entered and forms not submitted: what the page does with a wrong value
    is for the oracle. Off by default (tag `experimental`): most pages have a search field.
    """

    meta = RuleMeta(
        id="error-messages-descriptive",
        name="Error messages identify the field and the error",
        wcag=("3.3.1",),
        act_rules=("36b590",),
        impact=Impact.SERIOUS,
        tags=("cat.forms", "wcag2a", "act", "experimental"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """The page, when it has a field whose value could be rejected."""
        if _has_value_field(page):
            yield page.root

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The oracle judges what the page does with a wrong value."""
        return self.ask(
            oracle, ERROR_MESSAGES_DESCRIPTIVE, page, target, yes=DESCRIPTIVE, no=NOT_DESCRIPTIVE
        )
