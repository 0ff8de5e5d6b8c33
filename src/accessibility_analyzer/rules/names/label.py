"""label: form fields have a non-empty accessible name."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import is_included_in_accessibility_tree, role_of
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.engine.standards.aria import FIELD_ROLES
from accessibility_analyzer.engine.standards.html_aam import ROLELESS_INPUT_TYPES
from accessibility_analyzer.rules._common import NonEmptyNameRule, elements_with_roles

HAS_NAME = Diagnostic.passed("The form field has an accessible name")
NO_NAME = Diagnostic.failed(
    "A form field must have an accessible name",
    fix_hint=(
        'Associate a visible <label for="…"> with the field (or wrap the field in it); '
        "aria-label or aria-labelledby work where a visible label cannot be shown."
    ),
)


def _is_roleless_field(page: Page, element: Element) -> bool:
    return (
        element.is_html
        and (element.attrs.get("type") or "").strip().lower() in ROLELESS_INPUT_TYPES
        and role_of(page, element) is None
    )


class Label(NonEmptyNameRule):
    """Form fields must have an accessible name.

    ## What it checks
    Every element included in the accessibility tree whose semantic role is a form field
    (`textbox`, `searchbox`, `checkbox`, `radio`, `combobox`, `listbox`, `slider`, `spinbutton`,
    `switch`, `menuitemcheckbox`, `menuitemradio`), and every `<input>` of a type without a
    role (`password`, `date`, `color`, `file`, …), has a non-empty accessible name from a
    `<label>`, `aria-label`, `aria-labelledby`, `title` or, as a last resort, `placeholder`.
    Disabled fields are included: assistive technologies list them too.

    ## Why it matters
    Without a programmatic name a screen reader announces only "edit text" and the user cannot
    know what to enter; clicking a `<label>` also gives a larger target (WCAG 1.3.1 Info and
    Relationships, 4.1.2 Name, Role, Value).

    ## Fails
        <div>Last name</div> <input>
        <label>Date of birth</label> <input type="date">

    ## Passes
        <label>First name <input></label>
        <label for="country">Country</label> <select id="country">…</select>

    ## Limitations
    A text next to the field that is not associated with it does not count, even when it
    looks like a label (that is the failure). Label text from CSS generated content
    (`::before`/`::after` strings, `attr()`) counts; counters, quotes, images and icon font
    glyphs there make an empty name `cantTell`. Whether the name is descriptive is not
    judged. Decided: a label hidden with `display: none` (or `hidden`) names nothing, so its
    field fails (accname 1.2 step 2A, as Chromium and axe-core do); a field hidden with its
    label is not in the accessibility tree anyway.
    """

    meta = RuleMeta(
        id="label",
        name="Form fields have an accessible name",
        wcag=("1.3.1", "4.1.2"),
        act_rules=("e086e5",),
        impact=Impact.CRITICAL,
        tags=("cat.names", "wcag2a", "act"),
    )
    has_name = HAS_NAME
    no_name = NO_NAME

    def applicability(self, page: Page) -> Iterator[Element]:
        """Form-field roles and role-less input types, in the accessibility tree."""
        roleless = [e for e in page.by_tag("input") if _is_roleless_field(page, e)]
        fields = [*elements_with_roles(page, FIELD_ROLES), *roleless]
        for element in sorted(fields, key=lambda element: element.order):
            if is_included_in_accessibility_tree(page, element):
                yield element
