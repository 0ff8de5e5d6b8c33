"""focus-visible: elements reached with Tab show that they have focus."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from accessibility_analyzer.engine import inline_declarations, style_rules_for
from accessibility_analyzer.engine.aria import input_type, is_in_sequential_focus_navigation
from accessibility_analyzer.engine.css import InvalidSelector, matches
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._common import is_html_document, with_stylesheet_assumption
from accessibility_analyzer.rules._focus import may_be_focusable
from accessibility_analyzer.rules.style._sheets import (
    SheetDeclaration,
    page_sheets,
    sheets_mention,
)

_OUTLINE_PROPERTIES = frozenset({"outline", "outline-style", "outline-width"})
_NO_OUTLINE_STYLES = frozenset({"none", "hidden"})
_ZERO_WIDTHS = frozenset({"0", "0px"})
_FOCUS_WORD = "focus"
# Fields where focus shows a text caret, a visible change the engine does not model.
_TEXT_INPUT_TYPES = frozenset(
    {"text", "search", "email", "url", "tel", "password", "number", "date", "time"}
)

BROWSER_INDICATOR = Diagnostic.passed("Nothing removes the browser's focus indicator")
NO_INDICATOR = Diagnostic.failed(
    "Elements in the tab order must show a visible change when they receive focus",
    fix_hint=(
        "Do not remove the outline on :focus, or replace it with another visible style "
        "(a :focus-visible outline, border, box-shadow or background)."
    ),
)
MAYBE_REPLACED = Diagnostic.cant_tell(
    "The focus outline is removed; whether something else shows focus needs rendering"
)


def _removes_outline(name: str, value: str) -> bool:
    """Whether an outline declaration (longhand or shorthand) leaves no outline."""
    tokens = value.replace("!important", "").split()
    if name == "outline-width":
        return value in _ZERO_WIDTHS
    if name == "outline-style":
        return value in _NO_OUTLINE_STYLES
    return bool(tokens) and all(
        token in _NO_OUTLINE_STYLES or token in _ZERO_WIDTHS for token in tokens
    )


def _is_focus_rule(declaration: SheetDeclaration) -> bool:
    return _FOCUS_WORD in declaration.selector.lower()


@dataclass(frozen=True)
class _FocusFacts:
    """What the page's sheets say about focus, computed once per page.

    Attributes:
        static_removals: selectors of rules without ``:focus`` that remove the outline.
        static_setters: selectors of rules without ``:focus`` that set any other outline.
        restores_outline: some focus rule sets a visible outline.
        other_focus_property: a non-outline property some focus rule sets, if any.
    """

    static_removals: tuple[str, ...]
    static_setters: tuple[str, ...]
    restores_outline: bool
    other_focus_property: str | None


def _focus_facts(page: Page) -> _FocusFacts:
    table = page.memo_table("rules.focus_facts")
    found: _FocusFacts | None = table.get(page.root.order)
    if found is not None:
        return found
    removals: list[str] = []
    setters: list[str] = []
    restores = False
    other: str | None = None
    for rule in page_sheets(page).declarations:
        focus = _is_focus_rule(rule)
        outline = rule.name in _OUTLINE_PROPERTIES
        removes = outline and _removes_outline(rule.name, rule.value)
        if focus and not outline:
            other = other or rule.name
        elif focus and not removes:
            restores = True
        elif not focus and removes and rule.orientation == "":
            removals.append(rule.selector)
        elif not focus and outline:
            setters.append(rule.selector)
    found = _FocusFacts(tuple(removals), tuple(setters), restores, other)
    table[page.root.order] = found
    return found


def _static_outline_removed(page: Page, element: Element) -> bool:
    """Whether an author rule that applies without focus removes the outline.

    Author styles beat the browser's own ``:focus-visible`` outline whatever their
    selector, so ``a { outline: none }`` removes the focus ring too.
    """
    for declaration in inline_declarations(element):
        if declaration.name in _OUTLINE_PROPERTIES and _removes_outline(
            declaration.name, declaration.value
        ):
            return True
    return sheets_mention(page, "outline") and any(
        _selector_matches(page, element, selector)
        for selector in _focus_facts(page).static_removals
    )


def _selector_matches(page: Page, element: Element, selector: str) -> bool:
    try:
        return matches(page, element, selector)
    except InvalidSelector:
        return False


def _static_outline_set(page: Page, element: Element) -> bool:
    """Whether a rule without ``:focus`` also gives the element an outline (or reverts to
    the browser's): which one wins is then not decided here."""
    if any(
        declaration.name in _OUTLINE_PROPERTIES
        and not _removes_outline(declaration.name, declaration.value)
        for declaration in inline_declarations(element)
    ):
        return True
    return any(
        _selector_matches(page, element, selector) for selector in _focus_facts(page).static_setters
    )


def _focus_outline_removed(page: Page, element: Element) -> bool:
    """Whether the winning outline in the focused state is none or zero wide.

    The browser's own ``:focus-visible`` outline comes first in the list (lowest
    priority), so the last outline declaration is an author's whenever one applies.
    """
    style = width = None
    for declaration in style_rules_for(page, element, "focus"):
        if declaration.name == "outline-style":
            style = declaration.value
        elif declaration.name == "outline-width":
            width = declaration.value
    return style in _NO_OUTLINE_STYLES or width in _ZERO_WIDTHS


def _has_scripts(page: Page) -> bool:
    """Whether the page has a script element or an event handler attribute (memoised)."""
    table = page.memo_table("rules.has_scripts")
    found: bool | None = table.get(page.root.order)
    if found is None:
        found = bool(page.by_tag("script")) or any(
            name.startswith("on") for element in page.elements for name in element.attrs
        )
        table[page.root.order] = found
    return found


def _why_undecided(page: Page, element: Element) -> str | None:
    """A reason the removal may be compensated, or ``None`` when nothing can."""
    if _has_scripts(page):
        return "scripts may show focus another way"
    if (
        element.tag == "textarea"
        or (element.tag == "input" and input_type(element) in _TEXT_INPUT_TYPES)
        or "contenteditable" in element.attrs
    ):
        return "a text field shows a caret when focused"
    facts = _focus_facts(page)
    if facts.other_focus_property is not None:
        return f"a focus rule sets {facts.other_focus_property}"
    if facts.restores_outline:
        return "a focus rule sets an outline"
    return None


class FocusVisible(Rule):
    """Elements in the sequential focus order must have a visible focus indicator.

    ## What it checks
    Every element of an HTML document that is reached with Tab keeps the browser's focus
    indicator, or gets another one. It fails only when an author style removes the outline
    (`:focus { outline: none }`, or `outline: none` without `:focus`, which beats the
    browser's own focus style) and nothing else on the page can show focus: no other
    declaration in any focus rule, no scripts, and the element is not a text field (whose
    caret shows focus). Otherwise, with the outline removed, the outcome is `cantTell`.
    Style sheets that cannot be read (remote, missing) are assumed to change nothing; a
    failure's reason then says so.

    ## Why it matters
    Keyboard users must see where they are on the page; without a focus indicator they
    cannot tell which link or control Enter will activate (WCAG 2.4.7 Focus Visible).

    ## Fails
        <style>a:focus { outline: none }</style>
        <a href="/">Home</a>

    ## Passes
        <a href="/">Home</a>
        <style>a:focus { outline: none } a:focus-visible { outline: 3px solid navy }</style>

    ## Limitations
    Rendering is not compared: a replacement style may be invisible (same colour as
    before), and a removed outline may be compensated by a change the engine does not
    see; both give `cantTell` rather than a guess.
    """

    meta = RuleMeta(
        id="focus-visible",
        name="Elements in the tab order have a visible focus indicator",
        wcag=("2.4.7",),
        act_rules=("oj04fd",),
        impact=Impact.SERIOUS,
        tags=("cat.style", "wcag2aa", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Elements in sequential focus navigation, in HTML documents."""
        if not is_html_document(page):
            return
        for element in page.elements:
            if may_be_focusable(element) and is_in_sequential_focus_navigation(page, element):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Passes unless an author style removes the outline; fails only when nothing else
        can show focus."""
        if _focus_outline_removed(page, target):
            how = "a :focus rule removes the outline"
        elif _static_outline_removed(page, target) and not _focus_facts(page).restores_outline:
            how = "an author style removes the outline in every state"
            if _static_outline_set(page, target):
                # A later rule sets an outline (or reverts to the browser's): undecided.
                return Verdict(MAYBE_REPLACED, f"{how}, but another rule sets one back")
        else:
            return Verdict(BROWSER_INDICATOR)
        undecided = _why_undecided(page, target)
        if undecided is not None:
            return Verdict(MAYBE_REPLACED, f"{how}; {undecided}")
        return Verdict(NO_INDICATOR, with_stylesheet_assumption(page, how))
