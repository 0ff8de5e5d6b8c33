"""label-title-only: form fields are not labelled by title or aria-describedby alone."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    accessible_description,
    accessible_name,
    input_type,
    is_included_in_accessibility_tree,
    name_source,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict

VISIBLE_LABEL = Diagnostic.passed("The field has a label other than title or aria-describedby")
TITLE_ONLY = Diagnostic.failed(
    "Form fields should not be labelled only by title or aria-describedby",
    fix_hint=(
        'Add a visible <label for="…"> (a title shows only on hover; a description is no name).'
    ),
)

_FIELD_TAGS = frozenset({"input", "select", "textarea"})
# Input types that are not fields to fill (buttons name themselves; hidden is not shown).
_NOT_FIELDS = frozenset({"button", "hidden", "image", "reset", "submit"})


def _is_field(element: Element) -> bool:
    return (
        element.is_html
        and element.tag in _FIELD_TAGS
        and not (element.tag == "input" and input_type(element) in _NOT_FIELDS)
    )


class LabelTitleOnly(Rule):
    """Form fields should not be labelled only by title or aria-describedby.

    ## What it checks
    Every `<input>` (other than buttons and hidden inputs), `<select>` and `<textarea>` in
    the accessibility tree gets its accessible name from something other than its `title`
    attribute, and, when it has no name at all, has no `aria-describedby` standing in for a
    label. Fields with neither a name nor a description are left to `label`.

    ## Why it matters
    A title shows only when the mouse hovers (never on touch or keyboard), and a description
    is read after the field, not as its name: sighted and screen-reader users both lack a
    proper label.

    ## Fails
        <input type="text" title="Search">
        <span id="hint">Search</span><input type="text" aria-describedby="hint">

    ## Passes
        <label>Search <input type="text" title="Words to find"></label>
        <input type="text" aria-label="Search">

    ## Limitations
    Whether a `<label>` is actually visible (not moved off-screen) is not checked.
    """

    meta = RuleMeta(
        id="label-title-only",
        name="Form fields are not labelled only by title or aria-describedby",
        wcag=(),
        act_rules=(),
        impact=Impact.SERIOUS,
        tags=("cat.forms", "best-practice"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Form fields in the accessibility tree with a name or a description."""
        for tag in _FIELD_TAGS:
            for element in page.by_tag(tag):
                if (
                    _is_field(element)
                    and is_included_in_accessibility_tree(page, element)
                    and (
                        accessible_name(page, element).strip()
                        or accessible_description(page, element).strip()
                    )
                ):
                    yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The name comes from a label, aria-label(ledby), placeholder... not title alone."""
        source = name_source(page, target)
        if source == "title":
            return Verdict(TITLE_ONLY, "the only name is the title attribute")
        if not accessible_name(page, target).strip():
            return Verdict(TITLE_ONLY, "no name; only aria-describedby describes the field")
        return Verdict(VISIBLE_LABEL, f"name from {source}")
