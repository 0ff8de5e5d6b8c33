"""What the landmark rules share: which elements are landmarks, their nesting, two bases."""

from __future__ import annotations

from abc import ABC
from collections.abc import Iterator
from typing import ClassVar

from accessibility_analyzer.engine.aria import (
    accessible_name,
    is_included_in_accessibility_tree,
    role_of,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, Verdict
from accessibility_analyzer.engine.standards.aria import LANDMARK_ROLES, NAMED_ONLY_LANDMARK_ROLES
from accessibility_analyzer.rules._common import elements_with_roles, is_html_document
from accessibility_analyzer.rules._reasons import describe


def landmarks(page: Page) -> list[Element]:
    """Landmarks in the accessibility tree, in document order (memoised per page).

    ``form`` and ``region`` count only with a non-empty accessible name.
    """
    memo: dict[int, list[Element]] = page.memo_table("rules.landmarks")
    found = memo.get(page.root.order)
    if found is None:
        found = [
            element
            for element in elements_with_roles(page, LANDMARK_ROLES)
            if is_included_in_accessibility_tree(page, element)
            and (
                role_of(page, element) not in NAMED_ONLY_LANDMARK_ROLES
                or accessible_name(page, element).strip()
            )
        ]
        memo[page.root.order] = found
    return found


def landmark_orders(page: Page) -> frozenset[int]:
    """Orders of the landmark elements (memoised with :func:`landmarks`)."""
    memo: dict[int, frozenset[int]] = page.memo_table("rules.landmark_orders")
    found = memo.get(page.root.order)
    if found is None:
        found = memo[page.root.order] = frozenset(element.order for element in landmarks(page))
    return found


def enclosing_landmark(page: Page, element: Element) -> Element | None:
    """The nearest ancestor (exclusive) that is a landmark."""
    orders = landmark_orders(page)
    node = element.parent
    while node is not None:
        if node.order in orders:
            return node
        node = node.parent
    return None


def landmarks_with_role(page: Page, role: str) -> list[Element]:
    """Landmarks whose role is ``role``."""
    return [element for element in landmarks(page) if role_of(page, element) == role]


def is_landmark_page(page: Page) -> bool:
    """Whether the page-level landmark rules apply: an HTML document with a body."""
    return is_html_document(page) and bool(page.by_tag("body"))


class PageLevelRule(Rule, ABC):
    """Base of the rules about the page as a whole (one finding, on ``<html>``).

    They apply to an HTML document with a body; subclasses set ``meta`` and ``expect``.
    """

    def applicability(self, page: Page) -> Iterator[Element]:
        """The root element of an HTML page with a body."""
        if is_landmark_page(page):
            yield page.root


class NoDuplicateLandmarkRule(Rule, ABC):
    """Base of landmark-no-duplicate-*: the page's first landmark of the role is the target.

    It fails when later landmarks share the role, and its reason names them: one finding per
    page, on the element axe-core reports (its later duplicates are related nodes there).
    Subclasses set ``meta``, ``landmark_role`` and the two diagnostics.
    """

    landmark_role: ClassVar[str]
    only_one: ClassVar[Diagnostic]
    duplicate: ClassVar[Diagnostic]

    def applicability(self, page: Page) -> Iterator[Element]:
        """The first landmark with the role."""
        if is_landmark_page(page):
            yield from landmarks_with_role(page, self.landmark_role)[:1]

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """No later landmark has the role."""
        found = landmarks_with_role(page, self.landmark_role)
        if len(found) == 1:
            return Verdict(self.only_one)
        reason = f"{len(found)} {self.landmark_role} landmarks; {others(found[1:])}"
        return Verdict(self.duplicate, reason)


def others(elements: list[Element]) -> str:
    """``the next is <footer class="x">`` or ``the next is <footer>, and 2 more``."""
    more = f", and {len(elements) - 1} more" if len(elements) > 1 else ""
    return f"the next is {describe(elements[0])}{more}"


class TopLevelLandmarkRule(Rule, ABC):
    """Base of landmark-*-is-top-level: the landmark is not inside another landmark.

    Subclasses set ``meta``, ``landmark_role`` and the two diagnostics.
    """

    landmark_role: ClassVar[str]
    top_level: ClassVar[Diagnostic]
    nested: ClassVar[Diagnostic]

    def applicability(self, page: Page) -> Iterator[Element]:
        """Every landmark with the role."""
        if is_landmark_page(page):
            yield from landmarks_with_role(page, self.landmark_role)

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """No ancestor is a landmark."""
        outer = enclosing_landmark(page, target)
        if outer is None:
            return Verdict(self.top_level)
        return Verdict(self.nested, f"inside the {role_of(page, outer)} landmark {describe(outer)}")
