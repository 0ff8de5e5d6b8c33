"""scope-attr-valid: the scope attribute is used on th cells with a valid value."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._reasons import quoted_attribute

# HTML §4.9.10: the scope attribute's keywords (ASCII case-insensitive).
_SCOPE_KEYWORDS = frozenset({"row", "col", "rowgroup", "colgroup"})

VALID = Diagnostic.passed("The scope attribute is on a th cell and has a valid value")
INVALID = Diagnostic.failed(
    "The scope attribute should be used on th cells only, with row, col, rowgroup or colgroup",
    fix_hint='Put scope on the header cell (th): scope="col" or scope="row"; drop it elsewhere.',
)


class ScopeAttrValid(Rule):
    """The scope attribute should be used correctly.

    ## What it checks
    Every HTML element with a `scope` attribute is a `th` (HTML made `scope` on `td`
    obsolete), and the value is `row`, `col`, `rowgroup` or `colgroup` (ignoring case and
    surrounding spaces).

    ## Why it matters
    Screen readers use `scope` to tell which cells a header describes; on a data cell or with
    a misspelt value it is ignored or misleads, and cells get the wrong headers.

    ## Fails
        <td scope="row">Tea</td>
        <th scope="column">Price</th>

    ## Passes
        <th scope="col">Price</th>
        <th scope="ROW">Tea</th>

    ## Limitations
    Whether the scope matches the table's layout (a `scope="row"` header at the top of a
    column) is not checked.
    """

    meta = RuleMeta(
        id="scope-attr-valid",
        name="The scope attribute is used on th with a valid value",
        wcag=(),
        act_rules=(),
        impact=Impact.MODERATE,
        tags=("cat.tables", "best-practice"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """HTML elements with a scope attribute."""
        for element in page.elements:
            if "scope" in element.attrs and element.is_html:
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """A th with one of the four keywords."""
        value = (target.attrs.get("scope") or "").strip().lower()
        shown = f"{quoted_attribute(target, 'scope')} on <{target.tag}>"
        if target.tag == "th" and value in _SCOPE_KEYWORDS:
            return Verdict(VALID, shown)
        return Verdict(INVALID, shown)
