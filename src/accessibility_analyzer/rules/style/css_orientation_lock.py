"""css-orientation-lock: CSS does not lock the page to one display orientation."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import tinycss2

from accessibility_analyzer.engine.aria import is_visible
from accessibility_analyzer.engine.css import InvalidSelector, matches, select
from accessibility_analyzer.engine.css.selectors import parse_selector_text
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules.style._rotation import (
    mentions_rotation,
    rotate_angle,
    transform_angle,
)
from accessibility_analyzer.rules.style._sheets import (
    ORIENTATIONS,
    SheetDeclaration,
    page_sheets,
    sheets_mention,
)

_ROTATING_PROPERTIES = ("transform", "rotate")
_QUARTER_TURNS = (90.0, 270.0)
_TOLERANCE_DEGREES = 0.5
_INLINE_SPECIFICITY = (1_000, 0, 0)  # a style attribute beats every selector

NOT_LOCKED = Diagnostic.passed("The element is not rotated a quarter turn between orientations")
LOCKED = Diagnostic.failed(
    "CSS must not rotate content a quarter turn between portrait and landscape",
    fix_hint=(
        "Remove the rotation under @media (orientation: …); let the content reflow for "
        "both orientations instead."
    ),
)
UNKNOWN = Diagnostic.cant_tell("The rotation between orientations cannot be computed")


@dataclass(frozen=True)
class _Candidate:
    name: str
    value: str
    orientation: str
    key: tuple[int, tuple[int, int, int], int]


def _top_level_selectors(selector_list: str) -> list[str]:
    parts: list[list[object]] = [[]]
    for token in tinycss2.parse_component_value_list(selector_list):
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [tinycss2.serialize(part).strip() for part in parts if part]


def _specificity_if_matching(
    page: Page, element: Element, selector_list: str
) -> tuple[int, int, int] | None:
    best: tuple[int, int, int] | None = None
    for selector in _top_level_selectors(selector_list):
        try:
            if matches(page, element, selector):
                specificity = parse_selector_text(selector)[0].specificity
                best = specificity if best is None else max(best, specificity)
        except (InvalidSelector, IndexError):
            continue
    return best


def _is_orientation_rotation(declaration: SheetDeclaration) -> bool:
    return (
        declaration.orientation != ""
        and declaration.name in _ROTATING_PROPERTIES
        and mentions_rotation(declaration.name, declaration.value)
    )


def _inline(element: Element) -> list[_Candidate]:
    text = element.attrs.get("style")
    if not text:
        return []
    found = []
    for position, item in enumerate(tinycss2.parse_declaration_list(text, skip_comments=True)):
        if item.type == "declaration" and item.lower_name in _ROTATING_PROPERTIES:
            value = tinycss2.serialize(item.value).strip().lower()
            key = (int(item.important), _INLINE_SPECIFICITY, position)
            found.append(_Candidate(item.lower_name, value, "", key))
    return found


def _candidates(page: Page, element: Element) -> list[_Candidate]:
    found = []
    for order, declaration in enumerate(page_sheets(page).declarations):
        if declaration.name not in _ROTATING_PROPERTIES:
            continue
        specificity = _specificity_if_matching(page, element, declaration.selector)
        if specificity is not None:
            key = (int(declaration.important), specificity, order)
            found.append(
                _Candidate(declaration.name, declaration.value, declaration.orientation, key)
            )
    return found + _inline(element)


def _rotation(candidates: list[_Candidate], orientation: str) -> float | None:
    """The Z rotation in one orientation: the winning transform plus the winning rotate."""
    total = 0.0
    for name in _ROTATING_PROPERTIES:
        applying = [c for c in candidates if c.name == name and c.orientation in ("", orientation)]
        if not applying:
            continue
        winner = max(applying, key=lambda candidate: candidate.key)
        angle = transform_angle(winner.value) if name == "transform" else rotate_angle(winner.value)
        if angle is None:
            return None
        total += angle
    return total


class CssOrientationLock(Rule):
    """The page orientation must not be locked with CSS transforms.

    ## What it checks
    Every visible HTML element that a style sheet rotates (`rotate`, or `transform` with
    `rotate()`, `rotate3d()`, `rotateZ()`, `matrix()` or `matrix3d()`) inside an
    `@media (orientation: portrait|landscape)` rule is not rotated by a quarter turn (90° or
    270°) in one orientation relative to the other. The rotation of each orientation comes
    from the winning `transform` and `rotate` declarations (by importance, specificity and
    order), including unconditional ones and the `style` attribute.

    ## Why it matters
    Rotating content a quarter turn when the device turns cancels the turn: the page stays
    stuck in one orientation, which users with a device mounted on a wheelchair cannot
    change (WCAG 1.3.4 Orientation).

    ## Fails
        @media (orientation: portrait) { html { transform: rotate(90deg) } }

    ## Passes
        @media (orientation: portrait) { html { transform: rotate(1turn) } }
        @media (orientation: portrait) { body { transform: translateX(10px) } }

    ## Limitations
    Media queries are evaluated for the default desktop screen (1280 x 1024) turned to each
    orientation, everything else unchanged. Sheets that cannot be read (remote, missing)
    are assumed to rotate nothing. Transforms that flip, skew or rotate out of the screen
    plane give `cantTell`. Rotations set by scripts are not seen.
    """

    meta = RuleMeta(
        id="css-orientation-lock",
        name="CSS does not lock the display orientation",
        wcag=("1.3.4",),
        act_rules=("b33eff",),
        impact=Impact.SERIOUS,
        tags=("cat.style", "wcag21aa", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Visible HTML elements rotated under an orientation media query."""
        if not sheets_mention(page, "orientation"):
            return
        targets: dict[int, Element] = {}
        for declaration in page_sheets(page).declarations:
            if not _is_orientation_rotation(declaration):
                continue
            try:
                matched = select(page, declaration.selector)
            except InvalidSelector:
                continue
            for element in matched:
                if element.is_html and is_visible(page, element) is not False:
                    targets[element.order] = element
        yield from (targets[order] for order in sorted(targets))

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The rotation differs between orientations by anything but a quarter turn."""
        candidates = _candidates(page, target)
        landscape, portrait = (_rotation(candidates, o) for o in ORIENTATIONS)
        if landscape is None or portrait is None:
            return Verdict(UNKNOWN, "a transform that is not a pure rotation applies")
        difference = (portrait - landscape) % 360
        reason = f"rotated {portrait:.4g}° in portrait, {landscape:.4g}° in landscape"
        if any(abs(difference - turn) <= _TOLERANCE_DEGREES for turn in _QUARTER_TURNS):
            return Verdict(LOCKED, reason)
        return Verdict(NOT_LOCKED, reason)
