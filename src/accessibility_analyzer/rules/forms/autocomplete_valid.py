"""autocomplete-valid: ``autocomplete`` values are valid autofill detail tokens."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    input_type,
    is_disabled,
    is_in_sequential_focus_navigation,
    is_included_in_accessibility_tree,
    is_visible,
    parse_autocomplete,
    role_of,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.aria import superclass_closure

_FIELD_TAGS = frozenset({"input", "select", "textarea"})
# Input types whose value the user does not type: autofill does not apply (ACT "fixed value").
_FIXED_VALUE_TYPES = frozenset({"button", "checkbox", "file", "image", "radio", "reset", "submit"})
_TOGGLES = frozenset({"on", "off"})
_MAX_VALUE = 80

VALID = Diagnostic.passed("The autocomplete value is a valid autofill token list")
INVALID = Diagnostic.failed(
    "The autocomplete attribute must hold valid autofill detail tokens",
    fix_hint=(
        'Use a field name from the HTML autofill table (autocomplete="email", "given-name", '
        '"shipping street-address"), in the order section-*, shipping/billing, home/work..., '
        "field name, webauthn."
    ),
)
MAYBE_HIDDEN = Diagnostic.cant_tell(
    "The autocomplete value is invalid, but the field may be hidden from everyone"
)


def _is_widget(role: str | None) -> bool:
    return role is not None and (role == "widget" or "widget" in superclass_closure(role))


def _has_checked_value(element: Element) -> bool:
    value = element.attrs.get("autocomplete")
    if value is None or not value.strip():
        return False
    tokens = value.lower().split()
    return not (len(tokens) == 1 and tokens[0] in _TOGGLES)


def _is_exempt(page: Page, element: Element) -> bool:
    """The ACT exceptions other than hidden-ness: disabled, fixed value, static."""
    if element.tag == "input" and input_type(element) in _FIXED_VALUE_TYPES:
        return True
    if is_disabled(page, element):
        return True
    return not is_in_sequential_focus_navigation(page, element) and not _is_widget(
        role_of(page, element)
    )


class AutocompleteValid(Rule):
    """Autocomplete attributes must have a valid value.

    ## What it checks
    Every `input`, `select` and `textarea` with an `autocomplete` value other than empty,
    `on` or `off` has a valid list of autofill detail tokens: an optional `section-*`, an
    optional `shipping`/`billing`, an optional `home`/`work`/`mobile`/`fax`/`pager` before a
    contact field (`email`, `tel`...), one field name from the HTML autofill table, and an
    optional `webauthn`. Disabled fields, buttons, checkboxes, radios, file inputs, fields
    hidden from everyone, and fields that are neither tabbable nor widgets are exempt.

    ## Why it matters
    Browsers fill in, and personalisation tools relabel, fields whose purpose they can
    identify; an invented value (`autocomplete="mail"`) identifies nothing (WCAG 1.3.5
    Identify Input Purpose).

    ## Fails
        <input type="email" autocomplete="mail">
        <input autocomplete="email work">

    ## Passes
        <input type="email" autocomplete="work email">
        <input autocomplete="section-primary shipping street-address">

    ## Limitations
    Whether the field name suits the control (`autocomplete="email"` on a checkbox) is not
    judged, as in the ACT rule. A field hidden only by layout (`is_visible` unknown) that is
    outside the accessibility tree gives `cantTell` when its value is invalid.
    """

    meta = RuleMeta(
        id="autocomplete-valid",
        name="Autocomplete attributes have a valid value",
        wcag=("1.3.5",),
        act_rules=("73f2c2",),
        impact=Impact.SERIOUS,
        tags=("cat.forms", "wcag21aa", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Form fields with a non-toggle autocomplete value, minus the ACT exceptions."""
        fields = sorted(
            (element for tag in _FIELD_TAGS for element in page.by_tag(tag)),
            key=lambda element: element.order,
        )
        for element in fields:
            if not (element.is_html and _has_checked_value(element)):
                continue
            if _is_exempt(page, element):
                continue
            if is_visible(page, element) is False and not is_included_in_accessibility_tree(
                page, element
            ):
                continue
            yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The value parses as autofill detail tokens."""
        value = target.attrs.get("autocomplete", "")
        reason = f'autocomplete="{value.strip()[:_MAX_VALUE]}"'
        if parse_autocomplete(value) is not None:
            return Verdict(VALID, reason)
        if is_visible(page, target) is None and not is_included_in_accessibility_tree(page, target):
            return Verdict(MAYBE_HIDDEN, f"{reason}; visibility depends on layout")
        return Verdict(INVALID, reason)
