"""landmark-unique: landmarks of the same role have different names."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import accessible_name, role_of
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules.landmarks._shared import is_landmark_page, landmarks, others

UNIQUE = Diagnostic.passed("No other landmark has the same role and name")
NOT_UNIQUE = Diagnostic.failed(
    "Landmarks of the same role should have different accessible names",
    fix_hint='Name each one after its content: <nav aria-label="Main">, <nav aria-label="Footer">.',
)
_MAX_NAME = 60


def _key(page: Page, element: Element) -> tuple[str, str]:
    name = " ".join(accessible_name(page, element).split()).casefold()
    return role_of(page, element) or "", name


def _groups(page: Page) -> dict[tuple[str, str], list[Element]]:
    """(role, name) -> the landmarks with it, in document order (memoised per page)."""
    memo: dict[int, dict[tuple[str, str], list[Element]]] = page.memo_table("rules.landmark_keys")
    found = memo.get(page.root.order)
    if found is None:
        found = {}
        for element in landmarks(page):
            found.setdefault(_key(page, element), []).append(element)
        memo[page.root.order] = found
    return found


class LandmarkUnique(Rule):
    """Landmarks should have a unique role or role and name combination.

    ## What it checks
    Landmarks in the accessibility tree differ in their role or in their accessible name
    (compared ignoring case and extra whitespace). The targets are the first landmark of each
    role and name pair: it fails when later landmarks share the pair, and the reason names
    the next. One finding a group, on the element axe-core reports (the later landmarks are
    its related nodes there, and not targets here).

    ## Why it matters
    Landmark lists read "navigation, navigation": users cannot tell which is which without
    entering each. Distinct names ("Main", "Footer") make them tell apart.

    ## Fails
        <nav><a href="/">Home</a></nav> <nav><a href="/help">Help</a></nav>
        <nav aria-label="Links">…</nav> <nav aria-label="links">…</nav>

    ## Passes
        <nav aria-label="Main">…</nav> <nav aria-label="Footer">…</nav>
        <header>…</header> <main>…</main>

    ## Limitations
    Names from CSS generated content are not computed.
    """

    meta = RuleMeta(
        id="landmark-unique",
        name="Landmarks have a unique role and name",
        wcag=(),
        act_rules=(),
        impact=Impact.MODERATE,
        tags=("cat.semantics", "best-practice"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """The first landmark of each role and name pair."""
        if is_landmark_page(page):
            for group in _groups(page).values():
                yield group[0]

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """No later landmark has the target's role and name."""
        role, name = _key(page, target)
        shown = f'{role} "{name[:_MAX_NAME]}"' if name else f"{role} without a name"
        group = _groups(page)[(role, name)]
        if len(group) == 1:
            return Verdict(UNIQUE, shown)
        return Verdict(NOT_UNIQUE, f"{shown}: {len(group)} landmarks; {others(group[1:])}")
