"""zoomed-text-not-clipped: text in a box that hides overflow is not cut off at 200% zoom."""

from __future__ import annotations

import re
from collections.abc import Iterator

from accessibility_analyzer.engine import computed_style
from accessibility_analyzer.engine.aria import is_aria_hidden, is_visible
from accessibility_analyzer.engine.css import may_declare
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import ZOOMED_TEXT_FITS
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules.reflow._zoomed_sheets import zoom_only_clipping

GROWS = Diagnostic.passed("The box that hides overflow grows with its text")
CUT_OFF = Diagnostic.failed(
    "Text must not be cut off by a box that hides overflow",
    fix_hint="Let the text wrap (drop white-space: nowrap) or the box grow (no fixed width or "
    "height), or let it scroll (overflow: auto).",
)
FITS = Diagnostic.passed("The text fits its box at 200% zoom")
_CLIPPING = frozenset({"hidden", "clip"})
_OVERFLOW = frozenset({"overflow-x", "overflow-y"})
_WRAPPING = frozenset({"normal", "pre-wrap", "pre-line", "break-spaces"})
_LENGTH = re.compile(r"^([-+]?(?:\d+\.?\d*|\.\d+))(px|em|rem)?$")
_ROOT_FONT_PX = 16.0
# No font draws text narrower than this per visible character (thin glyphs such as "i" and
# "l" are about 0.22em in common fonts): text longer than this bound surely overflows.
_NARROWEST_EM_PER_CHAR = 0.15


def _px(value: str | None, font_px: float | None, *, unitless_is_factor: bool) -> float | None:
    """A ``px``/``em``/``rem`` length (a bare number times the font size where allowed)."""
    match = _LENGTH.match((value or "").strip())
    if match is None:
        return None
    number = float(match.group(1))
    unit = match.group(2) or ("em" if unitless_is_factor else "px")
    if unit == "px":
        return number
    if unit == "rem":
        return number * _ROOT_FONT_PX
    return None if font_px is None else number * font_px


def _declares_clipping(page: Page, element: Element) -> bool:
    if not may_declare(page, element, _OVERFLOW):
        return False  # both initial (visible): no need to style every element of the page
    style = computed_style(page, element)
    return any((style.get(prop) or "") in _CLIPPING for prop in ("overflow-x", "overflow-y"))


def _vertical_problem(page: Page, element: Element) -> str | None:
    """Why text may be cut off at the bottom, or ``None`` when it cannot be."""
    style = computed_style(page, element)
    if style.get("overflow-y") not in _CLIPPING:
        return None
    height, max_height = style.get("height") or "auto", style.get("max-height") or "none"
    if height == "auto" and max_height == "none":
        return None
    font_px = _px(style.get("font-size"), None, unitless_is_factor=False)
    box = _px(height if height != "auto" else max_height, font_px, unitless_is_factor=False)
    line = _px(style.get("line-height"), font_px, unitless_is_factor=True)
    if box is not None and line is not None and line >= box:
        return None  # a single line box: ACT's exception, the text scales with the box
    return f"height {height}, max-height {max_height}"


def _horizontal_problem(page: Page, element: Element) -> str | None:
    """Why text may be cut off at the side, or ``None`` when it wraps in a growing box."""
    style = computed_style(page, element)
    if style.get("overflow-x") not in _CLIPPING:
        return None
    width, max_width = style.get("width") or "auto", style.get("max-width") or "none"
    white_space = style.get("white-space") or "normal"
    if width == "auto" and max_width == "none" and white_space in _WRAPPING:
        return None
    if white_space not in _WRAPPING and style.get("text-overflow") not in (None, "clip"):
        return None  # ACT's exception: unwrapped text ending in an ellipsis
    return f"width {width}, max-width {max_width}, white-space {white_space}"


def surely_overflows_width(page: Page, element: Element) -> str | None:
    """Why unwrapped text surely overflows the box's fixed width, or ``None``.

    Only for a box that holds text alone (no child element could break the line), does not
    wrap, ends cut text without an ellipsis, and has a pixel width and font size: its text
    is wider than the box at any zoom, since both scale together.
    """
    style = computed_style(page, element)
    if (
        style.get("overflow-x") not in _CLIPPING
        or style.get("white-space") not in ("nowrap", "pre")
        or style.get("text-overflow") != "clip"
        or style.get("letter-spacing") not in ("normal", "0px", "0")
        or any(True for _ in element.element_children())
    ):
        return None
    font_px = _px(style.get("font-size"), None, unitless_is_factor=False)
    width = _px(style.get("width"), font_px, unitless_is_factor=False)
    if font_px is None or width is None:
        return None
    lines = element.text_content().split("\n") if style.get("white-space") == "pre" else None
    longest = max(lines or [element.text_content()], key=len)
    visible_chars = len("".join(longest.split()))
    narrowest = visible_chars * _NARROWEST_EM_PER_CHAR * font_px
    if narrowest <= width:
        return None
    return (
        f"{visible_chars} characters on one line need at least {narrowest:.0f}px; width {width:g}px"
    )


class ZoomedTextNotClipped(Rule):
    """Text must not be cut off by a box that hides overflow when the page is zoomed to 200%.

    ## What it checks
    Every visible element, not `aria-hidden`, that declares `overflow` (or `overflow-x`,
    `overflow-y`) `hidden` or `clip` and contains text, on the default 1280 x 1024 screen or
    only at 200% zoom (a rule under an `@media` condition that a 640 x 512 viewport meets and
    the default screen does not; one that also shrinks its box to a pixel, the
    visually-hidden technique, is left out). It passes when the box grows with its
    text: no definite `height`/`max-height` in a clipped vertical direction (or a line height
    at least the box's height: one line scales with it), and no definite
    `width`/`max-width` nor `nowrap` in a clipped horizontal direction (unwrapped text ending
    in an ellipsis, `text-overflow` other than `clip`, is an exception). A box holding only
    unwrapped text that, at 0.15em per visible character (narrower than any font's thinnest
    glyphs), is wider than its pixel width fails: both scale with zoom. Otherwise whether the
    text fits at 200% zoom (a 640 x 512 viewport) needs layout: the question
    `zoomed-text-fits` decides; without an answer, `cantTell`, with the sizes in the reason
    (or the `@media` condition that hides overflow only at zoom).

    ## Why it matters
    Users with low vision zoom to 200%; text in a fixed-size box that hides overflow is then
    cut off and lost (WCAG 1.4.4 Resize Text).

    ## Fails
        <div style="overflow-x: hidden; white-space: nowrap; width: 50px">Once upon a midnight
        dreary, while I pondered, weak and weary</div>

    ## Passes
        <div style="overflow: hidden">Once upon a midnight dreary, while I pondered…</div>
        <div style="overflow: hidden; white-space: nowrap">Once upon a midnight dreary,<br>
        while I pondered…</div>  (each line fits at 640 px, per the oracle)

    ## Limitations
    No layout: text width and line count are unknown, so fixed boxes are asked about. The
    other properties are computed for 1280 x 1024: a box that hides overflow only at zoom is
    always asked about. Off by default (tag `experimental`).
    """

    meta = RuleMeta(
        id="zoomed-text-not-clipped",
        name="Text is not cut off at 200% zoom",
        wcag=("1.4.4",),
        act_rules=("59br37",),
        impact=Impact.SERIOUS,
        tags=("cat.sensory-and-visual-cues", "wcag2aa", "act", "experimental"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Visible boxes that declare hidden or clipped overflow (maybe only at zoom) and hold
        text."""
        zoom_only = zoom_only_clipping(page)
        for element in page.elements:
            if (
                element.is_html
                and (element.order in zoom_only or _declares_clipping(page, element))
                and element.text_content().strip()
                and not is_aria_hidden(page, element)
                and is_visible(page, element) is not False
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Text surely wider than its box fails; growing boxes pass; fixed ones are asked."""
        if not _declares_clipping(page, target):
            media = zoom_only_clipping(page)[target.order]
            return self._ask(page, target, oracle, f"overflow hidden at 200% zoom (@media {media})")
        overflow = surely_overflows_width(page, target)
        if overflow is not None:
            return Verdict(CUT_OFF, overflow)
        problems = [
            problem
            for problem in (_vertical_problem(page, target), _horizontal_problem(page, target))
            if problem is not None
        ]
        if not problems:
            return Verdict(GROWS, "no fixed size in a direction that hides overflow")
        return self._ask(page, target, oracle, "; ".join(problems))

    def _ask(self, page: Page, target: Element, oracle: Oracle, why: str) -> Verdict:
        verdict = self.ask(oracle, ZOOMED_TEXT_FITS, page, target, yes=FITS, no=CUT_OFF)
        if verdict.question is None:
            return verdict
        return verdict.with_reason(f"{verdict.reason}; {why}")
