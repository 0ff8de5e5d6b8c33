"""landmark-unique: landmarks of the same role have different names."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import accessible_name, role_of
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._reasons import describe
from accessibility_analyzer.rules.landmarks._shared import is_landmark_page, landmarks

UNIQUE = Diagnostic.passed("No earlier landmark has the same role and name")
NOT_UNIQUE = Diagnostic.failed(
    "Landmarks of the same role should have different accessible names",
    fix_hint='Name each one after its content: <nav aria-label="Main">, <nav aria-label="Footer">.',
)
_MAX_NAME = 60


def _key(page: Page, element: Element) -> tuple[str, str]:
    name = " ".join(accessible_name(page, element).split()).casefold()
    return role_of(page, element) or "", name


def _first_with_key(page: Page) -> dict[tuple[str, str], Element]:
    """(role, name) -> the first landmark with it (memoised per page)."""
    memo: dict[int, dict[tuple[str, str], Element]] = page.memo_table("rules.landmark_keys")
    found = memo.get(page.root.order)
    if found is None:
        found = {}
        for element in landmarks(page):
            found.setdefault(_key(page, element), element)
        memo[page.root.order] = found
    return found


class LandmarkUnique(Rule):
    """Landmarks should have a unique role or role and name combination.

    ## What it checks
    Every landmark in the accessibility tree differs from each earlier landmark of the page
    in its role or in its accessible name (compared ignoring case and extra whitespace). The
    first landmark of a role and name passes; later ones with the same pair fail.

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
        """Every landmark in the accessibility tree."""
        if is_landmark_page(page):
            yield from landmarks(page)

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The target is the first landmark with its role and name."""
        role, name = _key(page, target)
        shown = f'{role} "{name[:_MAX_NAME]}"' if name else f"{role} without a name"
        first = _first_with_key(page)[(role, name)]
        if first is target:
            return Verdict(UNIQUE, shown)
        return Verdict(NOT_UNIQUE, f"{shown}, like {describe(first)}")
