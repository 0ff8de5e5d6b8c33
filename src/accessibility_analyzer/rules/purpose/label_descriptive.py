"""label-descriptive: the visible label of a form field describes it (asks an oracle)."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    input_type,
    is_included_in_accessibility_tree,
    is_visible,
    labels_of,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import LABEL_IS_DESCRIPTIVE
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.aria import FIELD_ROLES
from accessibility_analyzer.engine.standards.html_aam import ROLELESS_INPUT_TYPES
from accessibility_analyzer.rules._common import elements_with_roles

DESCRIPTIVE = Diagnostic.passed("The form field's label describes it")
NOT_DESCRIPTIVE = Diagnostic.failed(
    "The label of a form field must describe what to enter or choose",
    fix_hint='Say what the field is for in its label ("First name", not "Menu").',
)
_MAX_SHOWN = 60


def form_fields(page: Page) -> list[Element]:
    """Elements with a form-field role, and inputs of the roleless field types."""
    fields = list(elements_with_roles(page, FIELD_ROLES))
    fields.extend(
        element
        for element in page.by_tag("input")
        if element.is_html and input_type(element) in ROLELESS_INPUT_TYPES
    )
    return sorted(fields, key=lambda element: element.order)


def visible_labels(page: Page, field: Element) -> list[str]:
    """Texts of the field's programmatic labels (``<label>``, ``aria-labelledby``) that show."""
    labels = list(labels_of(page, field))
    for label_id in (field.get("aria-labelledby") or "").split():
        labels.extend(page.by_id(label_id)[:1])
    texts = []
    for label in labels:
        text = " ".join(label.text_content().split())
        if text and is_visible(page, label) is not False:
            texts.append(text[:_MAX_SHOWN])
    return texts


class LabelDescriptive(Rule):
    """The visible label of a form field must describe its purpose.

    ## What it checks
    Every element with a form-field role (`textbox`, `checkbox`, `combobox`, `slider`…)
    in the accessibility tree with at least one visible programmatic label (a `<label>`
    for or around it, or an element it names in `aria-labelledby`) asks the question
    `label-is-descriptive`. Without an answer, `cantTell`.

    ## Why it matters
    Everyone fills a field in from its label: "Menu" on a first-name field misleads sighted
    users and screen-reader users alike (WCAG 2.4.6 Headings and Labels).

    ## Fails
        <label>Menu <input name="fname"></label>  (per the oracle)

    ## Passes
        <label>First name <input name="fname"></label>  (per the oracle)

    ## Limitations
    Needs judgement for every labelled field: off by default (tag `experimental`). Visual
    labels that are not programmatic labels (text merely next to the field) are not asked
    about; `label` checks that a name exists.
    """

    meta = RuleMeta(
        id="label-descriptive",
        name="Form field labels describe their purpose",
        wcag=("2.4.6",),
        act_rules=("cc0f0a",),
        impact=Impact.MODERATE,
        tags=("cat.forms", "wcag2aa", "act", "experimental"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Exposed form fields with a visible programmatic label."""
        for element in form_fields(page):
            if is_included_in_accessibility_tree(page, element) and visible_labels(page, element):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The oracle judges; the reason quotes the labels."""
        verdict = self.ask(
            oracle, LABEL_IS_DESCRIPTIVE, page, target, yes=DESCRIPTIVE, no=NOT_DESCRIPTIVE
        )
        if verdict.question is None:
            return verdict
        shown = " / ".join(f'"{text}"' for text in visible_labels(page, target))
        return verdict.with_reason(f"{verdict.reason}; label {shown}")
