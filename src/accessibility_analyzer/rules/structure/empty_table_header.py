"""empty-table-header: table header cells have text."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules._common import NonEmptyNameRule, exposed_elements_with_role
from accessibility_analyzer.rules.structure._tables import HEADER_ROLES

HAS_TEXT = Diagnostic.passed("The table header has text")
EMPTY = Diagnostic.failed(
    "Table header cells should have text",
    fix_hint="Put the header's text in it, or make an empty corner cell a td.",
)


class EmptyTableHeader(NonEmptyNameRule):
    """Table header cells should not be empty.

    ## What it checks
    Every HTML element in the accessibility tree with the role `columnheader` or `rowheader`
    (`th`, or the roles) has a non-empty accessible name: its text, the alt text of an image
    in it, or `aria-label`/`aria-labelledby`.

    ## Why it matters
    Screen readers announce a cell's headers as the user moves through the table; an empty
    header announces nothing, so the column or row has no meaning.

    ## Fails
        <table><tr><th></th><th>Price</th></tr><tr><th>Tea</th><td>3</td></tr></table>

    ## Passes
        <table><tr><td></td><th>Price</th></tr><tr><th>Tea</th><td>3</td></tr></table>
        <table><tr><th><img src="p.png" alt="Price"></th></tr></table>

    ## Limitations
    Text from CSS generated content (`::before`/`::after` strings and `attr()`) counts;
    when the only content is a counter, a quote, an image without alternative text or an
    icon font glyph, an empty header is `cantTell`.
    """

    meta = RuleMeta(
        id="empty-table-header",
        name="Table header cells have text",
        wcag=(),
        act_rules=(),
        impact=Impact.MINOR,
        tags=("cat.tables", "best-practice"),
    )
    has_name = HAS_TEXT
    no_name = EMPTY

    def applicability(self, page: Page) -> Iterator[Element]:
        """HTML header cells in the accessibility tree."""
        yield from exposed_elements_with_role(page, HEADER_ROLES)
