"""The shared shape of the three text-spacing rules (ACT 24afc2, 78fd32, 9e45ec).

Each applies to HTML elements with visible text node children whose spacing property is
declared ``!important`` in their own ``style`` attribute (so users cannot override it),
and checks that the computed value is at least a factor of the font size. ``initial``
is a value like any other (``normal``); the inheriting keywords (``inherit``, ``unset``,
``revert``: no browser sets these properties) make the element inapplicable, as ACT
24afc2's inapplicable example 9 says: the value comes from an ancestor's declaration.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import ClassVar

from accessibility_analyzer.engine import Declaration, inline_declarations
from accessibility_analyzer.engine.aria import is_visible
from accessibility_analyzer.engine.dom import Element, Page, Text
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, Verdict
from accessibility_analyzer.rules.style._lengths import font_size_px, resolve_length

_INHERITING = frozenset({"inherit", "unset", "revert", "revert-layer"})


def important_inline_value(element: Element, prop: str) -> str | None:
    """The value of the last ``!important`` declaration of ``prop`` in the style attribute.

    An important declaration in a ``style`` attribute beats every author style sheet, so
    it is the computed value's source.
    """
    found: Declaration | None = None
    for declaration in inline_declarations(element):
        if declaration.name == prop and declaration.important:
            found = declaration
    return found.value if found is not None else None


def has_text_children(element: Element) -> bool:
    """Whether some direct child is a text node with non-whitespace text."""
    return any(isinstance(child, Text) and child.data.strip() for child in element.children)


class ImportantSpacingRule(Rule, ABC):
    """Base of the text-spacing rules: subclasses set the property, factor and messages.

    ``check_applies`` lets a subclass add a condition that may need layout (line height
    matters only for wrapped text): ``True`` applies, ``False`` does not, ``None`` unknown.
    """

    prop: ClassVar[str]
    factor: ClassVar[float]
    normal_px_factor: ClassVar[float]  # the value of ``normal`` as a factor of font size
    wide_enough: ClassVar[Diagnostic]
    too_narrow: ClassVar[Diagnostic]
    unknown: ClassVar[Diagnostic]
    unitless_is_factor: ClassVar[bool] = False

    def applicability(self, page: Page) -> Iterator[Element]:
        """HTML elements with text children, an important inline value, and not invisible."""
        for element in page.elements:
            if "style" not in element.attrs or not element.is_html:
                continue
            value = important_inline_value(element, self.prop)
            if (
                value is not None
                and value not in _INHERITING
                and has_text_children(element)
                and is_visible(page, element) is not False
                and self.check_applies(page, element) is not False
            ):
                yield element

    @abstractmethod
    def check_applies(self, page: Page, element: Element) -> bool | None:
        """The property's own applicability condition, beyond the shared ones."""

    def spacing_px(self, page: Page, element: Element, value: str) -> float | None:
        """The computed value in pixels (``normal``, the initial value, as its usual factor
        of the font size)."""
        if value in ("initial", "normal"):
            font_size = font_size_px(page, element)
            return None if font_size is None else self.normal_px_factor * font_size
        return resolve_length(page, element, value, unitless_is_factor=self.unitless_is_factor)

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The value is at least ``factor`` times the font size."""
        value = important_inline_value(target, self.prop) or ""
        font_size = font_size_px(page, target)
        spacing = self.spacing_px(page, target, value)
        if font_size is None or spacing is None:
            return Verdict(self.unknown, f"{self.prop}: {value} !important needs layout")
        needed = self.factor * font_size
        reason = (
            f"{self.prop}: {value} !important computes to {spacing:.4g}px; "
            f"{self.factor:g} × font-size {font_size:.4g}px = {needed:.4g}px"
        )
        if spacing >= needed - 1e-9:
            return Verdict(self.wide_enough, reason)
        if is_visible(page, target) is None or self.check_applies(page, target) is None:
            return Verdict(self.unknown, f"{reason}; whether the text shows needs layout")
        return Verdict(self.too_narrow, reason)
