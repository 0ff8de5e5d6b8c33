"""target-size: pointer targets are at least 24 by 24 CSS pixels, or spaced (WCAG 2.5.8)."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine import computed_style
from accessibility_analyzer.engine.aria import (
    is_included_in_accessibility_tree,
    is_interactive_role,
    is_visible,
    role_of,
)
from accessibility_analyzer.engine.dom import Element, Page, Text
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._reasons import describe
from accessibility_analyzer.rules.style._box import Box, box_of

MINIMUM = 24.0  # CSS pixels, WCAG 2.2 2.5.8 Target Size (Minimum)

LARGE_ENOUGH = Diagnostic.passed("The target is at least 24 by 24 CSS pixels")
UA_SIZE = Diagnostic.passed("The target keeps the browser's own size (an exception of 2.5.8)")
TOO_SMALL = Diagnostic.failed(
    "Pointer targets must be at least 24 by 24 CSS pixels, or spaced from other targets",
    fix_hint="Make the target 24px or larger (padding counts), or leave space around it.",
)
LAYOUT_DECIDES = Diagnostic.cant_tell("The target's size or spacing depends on layout")

# Native controls whose size the browser sets (2.5.8's user-agent exception) unless CSS does.
_NATIVE_CONTROLS = frozenset({"input", "select", "textarea"})
_SIZE_PROPERTIES = ("width", "height", "min-width", "min-height")
_INLINE = frozenset({"inline", "contents"})


def _is_target(page: Page, element: Element) -> bool:
    return (
        element.is_html
        and is_interactive_role(role_of(page, element))
        and is_included_in_accessibility_tree(page, element)
        and is_visible(page, element) is not False
    )


def _is_inline_in_text(page: Page, element: Element, display: str) -> bool:
    """The inline exception: an inline target in a line of text (a link in a sentence).

    The text must share the target's line: a ``<br>`` ends a line, so a link alone on its
    line (``<li><a>Title</a><br><a>Source</a>, 2009</li>``: the first link) is not in a
    sentence. Takes the computed ``display``, not the whole box: most links are such
    targets, and their box (sizes, margins) is never needed."""
    parent = element.parent
    if display not in _INLINE or parent is None:
        return False
    if element.tag == "br":  # a line break as the target joins the lines it separates
        return _has_text_on_line_of(parent, element)
    lines = _lines_of(page, parent)
    return lines.has_text[lines.line_of[element.order]]


class _Lines:
    """A parent's children cut into lines at ``<br>``: which line each element child is on,
    and whether each line holds text. Built once per parent: a paragraph of thousands of
    links, each scanning its siblings, made the rule quadratic."""

    def __init__(self, parent: Element) -> None:
        self.line_of: dict[int, int] = {}
        self.has_text: list[bool] = [False]
        self.index_of: dict[int, int] = {}  # element child's order -> index among children
        for index, node in enumerate(parent.children):
            if isinstance(node, Text):
                if not self.has_text[-1] and node.data.strip():
                    self.has_text[-1] = True
            elif isinstance(node, Element):
                self.index_of[node.order] = index
                self.line_of[node.order] = len(self.has_text) - 1
                if node.tag == "br":
                    self.has_text.append(False)


def _lines_of(page: Page, parent: Element) -> _Lines:
    memo: dict[int, _Lines] = page.memo_table("rules.target_size.lines")
    lines = memo.get(parent.order)
    if lines is None:
        lines = memo[parent.order] = _Lines(parent)
    return lines


def _has_text_on_line_of(parent: Element, element: Element) -> bool:
    in_line = False  # the element's own line reached
    has_text = False
    for node in parent.children:
        if node is element:
            in_line = True
        elif isinstance(node, Text):
            has_text = has_text or bool(node.data.strip())
        elif isinstance(node, Element) and node.tag == "br":
            if in_line:
                break
            has_text = False  # the text so far was on an earlier line
    return has_text


def _author_sized(page: Page, element: Element) -> bool:
    style = computed_style(page, element)
    return any(style.get(name) not in (None, "auto") for name in _SIZE_PROPERTIES)


def _adjacent_target(page: Page, element: Element, *, after: bool) -> Element | None:
    """The next (or previous) sibling element when it is a target with nothing between."""
    parent = element.parent
    if parent is None:
        return None
    siblings = parent.children
    index = _lines_of(page, parent).index_of[element.order]
    step = 1 if after else -1
    position = index + step
    while 0 <= position < len(siblings):
        node = siblings[position]
        if isinstance(node, Text):
            if node.data:  # whitespace is a space of unknown width; text separates
                return None
        elif isinstance(node, Element):
            return node if _is_target(page, node) else None
        position += step
    return None


def _crowded(page: Page, element: Element, box: Box) -> Element | None:
    """A neighbour target touching the 24px circle around this undersized target.

    Only a row of inline-block or flex siblings with definite margins is decided: the gap
    to the neighbour is both margins, and the circle reaches (24 - width) / 2 past the edge.
    """
    parent = element.parent
    if box.width is None or parent is None or box.position != "static":
        return None
    parent_box = box_of(page, parent)
    in_row = box.display in ("inline-block", "inline-flex") or (
        parent_box.display in ("flex", "inline-flex")
    )
    if not in_row:
        return None
    reach = (MINIMUM - box.width) / 2
    for after in (True, False):
        neighbour = _adjacent_target(page, element, after=after)
        if neighbour is None or neighbour.tag in _NATIVE_CONTROLS:
            continue
        other = box_of(page, neighbour)
        own_margin = box.margin_right if after else box.margin_left
        other_margin = other.margin_left if after else other.margin_right
        if own_margin is None or other_margin is None or other.position != "static":
            continue
        if own_margin + other_margin < reach:
            return neighbour
    return None


class TargetSize(Rule):
    """Pointer targets should be at least 24 by 24 CSS pixels.

    ## What it checks
    Every visible HTML element in the accessibility tree with an interactive role (links,
    buttons, form controls, tabs...) is at least 24 by 24 CSS pixels when CSS alone decides
    its size (definite `width`/`height` or `min-width`/`min-height` in px, em or rem, with
    padding and border). Inline targets in a line of text (text beside them between the same
    `<br>`s), and native controls the author did not size, are exceptions that pass or do
    not apply. An undersized target fails only when
    CSS also decides it is crowded: a sibling target next to it in a row (inline-block or
    flex items with nothing between) closer than the 24px circle around it allows.

    ## Why it matters
    Small targets close together are hard to hit for people with tremors, limited dexterity
    or a touch screen, who then activate the wrong control (WCAG 2.2 2.5.8).

    ## Fails
        <div style="display:flex"><a href="/a" style="display:block;width:16px;height:16px">
        A</a><a href="/b" style="display:block;width:16px;height:16px">B</a></div>

    ## Passes
        <button style="width:44px;height:44px">Menu</button>
        <p>Read the <a href="/terms">terms</a> first.</p> (inline in text: an exception)

    ## Limitations
    Off by default (tag `experimental`): most sizes depend on layout (text, fonts,
    percentages, flex and grid sizing), so on most pages most targets are `cantTell`. Run it
    with `--rules target-size` or `--tags experimental`. The spacing exception is only
    judged for the simple row described above; everything else about spacing is `cantTell`.
    """

    meta = RuleMeta(
        id="target-size",
        name="Pointer targets are at least 24 by 24 CSS pixels",
        wcag=("2.5.8",),
        act_rules=(),
        impact=Impact.SERIOUS,
        tags=("cat.sensory-and-visual-cues", "wcag22aa", "experimental"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Visible HTML elements in the accessibility tree with an interactive role, except
        inline targets in a line of text."""
        for element in page.elements:
            if (
                ("role" in element.attrs or element.tag in _TARGET_TAGS)
                and _is_target(page, element)
                and not _is_inline_in_text(page, element, computed_style(page, element).display)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Large enough, a user-agent size, too small and crowded, or layout decides."""
        box = box_of(page, target)
        if target.tag in _NATIVE_CONTROLS and not _author_sized(page, target):
            return Verdict(UA_SIZE, f"<{target.tag}> without a width or height")
        sizes = f"{_shown(box.width)} x {_shown(box.height)}"
        if (
            box.width is not None
            and box.height is not None
            and box.width >= MINIMUM
            and box.height >= MINIMUM
        ):
            return Verdict(LARGE_ENOUGH, sizes)
        undersized = (box.width is not None and box.width < MINIMUM) or (
            box.height is not None and box.height < MINIMUM
        )
        if undersized:
            neighbour = _crowded(page, target, box)
            if neighbour is not None:
                return Verdict(TOO_SMALL, f"{sizes}, next to {describe(neighbour)}")
            return Verdict(LAYOUT_DECIDES, f"{sizes}; whether it is spaced needs layout")
        return Verdict(LAYOUT_DECIDES, f"{sizes}: the size needs layout")


# Elements whose implicit role can be interactive; others need a role attribute.
_TARGET_TAGS = frozenset(
    {"a", "area", "button", "details", "input", "option", "select", "summary", "textarea"}
)


def _shown(value: float | None) -> str:
    return "?" if value is None else f"{value:g}px"
