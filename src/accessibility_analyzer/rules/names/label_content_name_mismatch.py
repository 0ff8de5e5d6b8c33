"""label-content-name-mismatch: a widget's visible label is part of its accessible name."""

from __future__ import annotations

import re
from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    accessible_name,
    element_language,
    is_hidden,
    primary_language,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._common import elements_with_roles, with_stylesheet_assumption
from accessibility_analyzer.rules.names._label_in_name import (
    VisibleLabel,
    label_in_name,
    tokenize,
    visible_inner_text,
)

# Widget roles that support name from content (ACT 2ee8b8, background).
WIDGET_ROLES = frozenset(
    {
        "button",
        "checkbox",
        "gridcell",
        "link",
        "menuitem",
        "menuitemcheckbox",
        "menuitemradio",
        "option",
        "radio",
        "searchbox",
        "switch",
        "tab",
        "treeitem",
    }
)
# Languages written without spaces between words: whitespace splitting does not find their
# words, so a mismatch there is not trusted.
_UNSPACED_LANGUAGES = frozenset({"zh", "ja", "ko", "th", "lo", "km", "my", "bo"})
# A word followed by a full stop: the usual shape of an abbreviation ("Ave.", "Dept.").
_ABBREVIATION = re.compile(r"\b(\w+)\.")

LABEL_IN_NAME = Diagnostic.passed("The visible label is part of the accessible name")
MISMATCH = Diagnostic.failed(
    "The accessible name must contain the visible label text",
    fix_hint=(
        "Start the aria-label with the visible text (or drop aria-label and let the visible "
        "text be the name), so speech-input users can say what they see."
    ),
)
UNSURE = Diagnostic.cant_tell("The visible label may not be part of the accessible name")


def _may_abbreviate(label: str, name: str) -> bool:
    """Whether one side seems to abbreviate a word of the other ("Ave." for "Avenue")."""
    for short_text, long_text in ((label, name), (name, label)):
        long_words = tokenize(long_text)
        for match in _ABBREVIATION.finditer(short_text):
            stem = match.group(1).casefold()
            if any(word != stem and word.startswith(stem) for word in long_words):
                return True
    return False


def _visible_label(page: Page, element: Element) -> VisibleLabel | None:
    memo: dict[int, VisibleLabel | None] = page.memo_table("rules.visible_label")
    if element.order not in memo:
        memo[element.order] = visible_inner_text(page, element)
    return memo[element.order]


class LabelContentNameMismatch(Rule):
    """The visible label of a widget must be part of its accessible name.

    ## What it checks
    Every widget that takes its name from content (`button`, `link`, `checkbox`, `tab`,
    `menuitem`, `option`, …), has visible text and an `aria-label` or `aria-labelledby`:
    the words of its visible text (case-folded, punctuation and parenthesised parts removed)
    appear, in order and together, in its accessible name. Widgets whose label or name seems
    to abbreviate a word of the other ("Ave." for "Avenue") are skipped, as the ACT rule
    says.

    ## Why it matters
    Speech-input users activate controls by saying the text they see; when `aria-label`
    replaces it with different words, "click Download specification" does nothing
    (WCAG 2.5.3 Label in Name).

    ## Fails
        <a href="#" aria-label="Discover Italy">Discover It</a>
        <button aria-label="Download the specification">Download specification</button>

    ## Passes
        <a href="#" aria-label="ACT rules">ACT rules</a>
        <button aria-label="Next page">Next…</button>

    ## Limitations
    A single letter such as "X" may be a symbol ("close") rather than text: such labels are
    `cantTell`. Text whose visibility needs layout (clipped, off-screen) makes a mismatch
    `cantTell`; so do languages written without spaces. Style sheets that cannot be read
    (remote, missing) are assumed to hide nothing, and the reason says so. Text inside
    images of text is not seen.
    """

    meta = RuleMeta(
        id="label-content-name-mismatch",
        name="Visible labels are part of accessible names",
        wcag=("2.5.3",),
        act_rules=("2ee8b8",),
        impact=Impact.SERIOUS,
        tags=("cat.names", "wcag21a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Named-from-content widgets with aria-label(ledby) and visible text."""
        for element in elements_with_roles(page, WIDGET_ROLES):
            if not (element.has("aria-label") or element.has("aria-labelledby")):
                continue
            if is_hidden(page, element):
                continue
            label = _visible_label(page, element)
            if label is None:
                yield element  # too large to read: expect() says cantTell
            elif label.possible.strip() and not _may_abbreviate(
                label.possible, accessible_name(page, element)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The tokenized visible label is a contiguous run of the tokenized name."""
        label = _visible_label(page, target)
        if label is None:
            return Verdict(UNSURE, "the widget's content is too large to read its label")
        name = accessible_name(page, target)
        name_words = tokenize(name)
        certain = tokenize(label.certain)
        possible = tokenize(label.possible)
        reason = f'visible label "{" ".join(possible)[:80]}", name "{name.strip()[:80]}"'
        contained_certain = label_in_name(certain, name_words)
        contained_possible = label_in_name(possible, name_words)
        if contained_certain and contained_possible:
            return Verdict(LABEL_IN_NAME, reason)
        if contained_certain or contained_possible:
            return Verdict(UNSURE, f"{reason}; some label text may be invisible")
        return _mismatch(page, target, possible, name_words, reason)


def _mismatch(
    page: Page, target: Element, label: list[str], name: list[str], reason: str
) -> Verdict:
    """Fail a label missing from the name, unless the words may not mean what they seem."""
    if len(label) == 1 and len(label[0]) == 1 and label[0].isalpha():
        return Verdict(UNSURE, f"{reason}; a single letter may be a symbol such as close")
    language = primary_language(element_language(page, target) or "")
    if language in _UNSPACED_LANGUAGES:
        if "".join(label) in "".join(name):
            return Verdict(LABEL_IN_NAME, reason)
        return Verdict(UNSURE, f"{reason}; words of {language} are not split by spaces")
    return Verdict(MISMATCH, with_stylesheet_assumption(page, reason))
