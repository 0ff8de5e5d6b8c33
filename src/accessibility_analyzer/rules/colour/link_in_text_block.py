"""link-in-text-block: links inside running text are told apart by more than colour."""

from __future__ import annotations

import math
from collections.abc import Iterator

from accessibility_analyzer.engine.aria import explicit_role, is_hidden, is_visible, role_of
from accessibility_analyzer.engine.css import computed_style, style_rules_for
from accessibility_analyzer.engine.css.colour import contrast_ratio
from accessibility_analyzer.engine.dom import Element, Page, Text
from accessibility_analyzer.engine.result import DetailValue, Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.aria import superclass_closure
from accessibility_analyzer.rules.colour._backdrop import backdrop, foreground

DISTINCT = Diagnostic.passed("The link is told apart from the text around it by its style")
CONTRASTED = Diagnostic.passed(
    "The link's colour contrasts 3:1 with the text around it, and hovering adds a cue"
)
NOT_DISTINCT = Diagnostic.failed(
    "A link inside text must be told apart from it by more than colour",
    fix_hint="Underline the link (or give it a border, a different weight or style), or make "
    "its colour contrast at least 3:1 with the text and add an underline on hover and focus.",
)
UNKNOWN = Diagnostic.cant_tell("Whether the link stands out from the text needs review")

# Computed `display` values that make a box a block of its own (axe-core's list).
_BLOCKS = frozenset({"block", "list-item", "table", "flex", "grid", "flow-root"})
_INLINE_BLOCKS = frozenset({"inline-block", "inline-flex", "inline-grid", "inline-table"})
_REQUIRED_CONTRAST = 3.0
# Styles that set the link apart whatever its colour, compared with the text block's.
_DISTINCT_PROPERTIES = ("text-decoration-line", "font-weight", "font-style", "font-size")
# What a hover rule may add that is not a colour.
_HOVER_CUES = frozenset(
    {"text-decoration-line", "border-bottom-style", "border-style", "font-weight",
     "background-image", "outline-style"}
)  # fmt: skip


def _is_block(page: Page, element: Element) -> bool:
    display = computed_style(page, element).display
    return display in _BLOCKS or display.startswith("table")


def _block_of(page: Page, element: Element) -> Element | None:
    for ancestor in element.ancestors():
        if _is_block(page, ancestor):
            return ancestor
    return None


def _is_widget(page: Page, element: Element) -> bool:
    role = role_of(page, element)
    return role is not None and (role == "widget" or "widget" in superclass_closure(role))


def _text_outside_widgets(page: Page, block: Element) -> tuple[int, int]:
    """Characters of the block's own text (outside nested blocks) outside and inside
    widgets (axe-core's "in a text block" test)."""
    plain = widget = 0
    stack: list[Element | Text] = list(reversed(block.children))
    while stack:
        node = stack.pop()
        if isinstance(node, Text):
            plain += len(node.data.strip())
            continue
        if is_hidden(page, node) or _is_block(page, node):
            continue
        if _is_widget(page, node):
            widget += len(node.text_content().strip())
            continue
        stack.extend(reversed(node.children))
    return plain, widget


def _is_text_block(page: Page, block: Element) -> bool:
    """Whether the block has more text outside widgets than inside (memoised per block)."""
    table = page.memo_table("colour.text_block")
    known = table.get(block.order)
    if known is None:
        plain, widget = _text_outside_widgets(page, block)
        known = table[block.order] = plain > widget
    return bool(known)


def _differs(page: Page, link: Element, block: Element) -> str | None:
    """The first style that sets the link apart from its block, if any."""
    link_style, block_style = computed_style(page, link), computed_style(page, block)
    if (link_style.get("background-image") or "none") != "none":
        return "a background image"
    if (link_style.get("border-bottom-style") or "none") not in ("none", "hidden"):
        return "a bottom border"
    for prop in _DISTINCT_PROPERTIES:
        if link_style.get(prop) != block_style.get(prop):
            return f"{prop} {link_style.get(prop)} (the text: {block_style.get(prop)})"
    link_font = (link_style.get("font-family") or "").split(",")[0].strip().lower()
    block_font = (block_style.get("font-family") or "").split(",")[0].strip().lower()
    if link_font != block_font:
        return f"font {link_font} (the text: {block_font})"
    return None


def _hover_cue(page: Page, link: Element) -> bool:
    for declaration in style_rules_for(page, link, "hover"):
        if declaration.name in _HOVER_CUES and declaration.value not in ("none", "initial"):
            return True
    return False


class LinkInTextBlock(Rule):
    """Links inside a block of text must be told apart from it by more than colour.

    ## What it checks
    Every visible link (`a[href]`, or an element whose explicit role is `link`) with text,
    inline inside a block whose own text (outside links and other widgets) is longer than
    its widgets' text, differs from that block's text by style: an underline or other
    decoration, a bottom border, a background image, font weight, style, size or family.
    A link told apart by colour only passes when its text colour (or background) contrasts
    at least 3:1 with the block's and a `:hover` rule adds a non-colour cue.

    ## Why it matters
    Readers who cannot tell the colours apart (colour blindness, monochrome screens) do not
    see links that differ from the surrounding text by their colour alone (WCAG 1.4.1).

    ## Fails
        <p>Read <a href="/a" style="text-decoration: none">the guide</a> before you start.</p>

    ## Passes
        <p>Read <a href="/a">the guide</a> (underlined by the browser) before you start.</p>
        <p>Read <a href="/a" style="text-decoration: none; font-weight: bold">it</a> now.</p>

    ## Limitations
    A link that stands out only by a 3:1 colour difference and has no `:hover` rule adding a
    cue gives `cantTell` (axe-core passes it): the static cascade sees no focus or hover
    rendering beyond its rules. Colours the engine cannot compute (`var()`, images behind
    the text) give `cantTell`. Blocks split by `<br>` count as one block.
    """

    meta = RuleMeta(
        id="link-in-text-block",
        name="Links in text are told apart by more than colour",
        wcag=("1.4.1",),
        act_rules=(),
        impact=Impact.SERIOUS,
        tags=("cat.color", "wcag2a"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Visible inline links with text inside a block of text (cheap tests first)."""
        candidates = [*page.by_tag("a"), *(e for e in page.elements if "role" in e.attrs)]
        seen: set[int] = set()
        for link in sorted(candidates, key=lambda element: element.order):
            if link.order in seen or not link.is_html:
                continue
            seen.add(link.order)
            role = explicit_role(page, link)
            is_link = role == "link" or (link.tag == "a" and "href" in link.attrs and not role)
            if not is_link or is_hidden(page, link):
                continue
            display = computed_style(page, link).display
            if display in _INLINE_BLOCKS or display in _BLOCKS or display.startswith("table"):
                continue
            block = _block_of(page, link)
            if (
                block is not None
                and _is_text_block(page, block)
                and link.text_content().strip()
                and is_visible(page, link) is not False
            ):
                yield link

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Distinct by style, or by 3:1 colour contrast plus a hover cue."""
        block = _block_of(page, target)
        assert block is not None  # applicability found one
        distinct = _differs(page, target, block)
        if distinct is not None:
            return Verdict(DISTINCT, f"the link differs by {distinct}")
        link_colour, text_colour = foreground(page, target), foreground(page, block)
        link_behind, block_behind = backdrop(page, target), backdrop(page, block)
        link_pixels = link_behind.flatten(link_colour) if link_colour else None
        text_pixels = block_behind.flatten(text_colour) if text_colour else None
        link_ground, block_ground = link_behind.flatten(), block_behind.flatten()
        if not link_pixels or not text_pixels or not link_ground or not block_ground:
            return Verdict(UNKNOWN, "the colours of the link or the text are not computed")
        text_contrast = contrast_ratio(link_pixels[0], text_pixels[0])
        background_contrast = contrast_ratio(link_ground[0], block_ground[0])
        ratio = max(text_contrast, background_contrast)
        reason = (
            f"link {link_pixels[0].hex()} on {link_ground[0].hex()}, text "
            f"{text_pixels[0].hex()} on {block_ground[0].hex()}: contrast {ratio:.2f}:1 "
            "(3:1 needed)"
        )
        details: dict[str, DetailValue] = {
            "contrastRatio": math.floor(ratio * 100) / 100,
            "expectedRatio": _REQUIRED_CONTRAST,
            "foreground": link_pixels[0].hex(),
            "background": link_ground[0].hex(),
            "textColor": text_pixels[0].hex(),
            "textBackground": block_ground[0].hex(),
        }
        if ratio < _REQUIRED_CONTRAST:
            if ratio <= 1.0 + 1e-9:
                why = "the link looks the same as the text"
                return Verdict(UNKNOWN, f"{why}; {reason}", details=details)
            why = "only the colour differs"
            return Verdict(NOT_DISTINCT, f"{why}; {reason}", details=details)
        if _hover_cue(page, target):
            return Verdict(CONTRASTED, reason, details=details)
        why = "told apart by colour only; no :hover rule adds another cue"
        return Verdict(UNKNOWN, f"{why}; {reason}", details=details)
