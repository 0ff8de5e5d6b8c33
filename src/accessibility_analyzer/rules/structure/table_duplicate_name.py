"""table-duplicate-name: a table's caption and summary say different things."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import is_included_in_accessibility_tree
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict

DIFFERENT = Diagnostic.passed("The caption and the summary differ")
SAME = Diagnostic.failed(
    "A table's caption and summary should not be the same text",
    fix_hint="Keep the caption as the table's title and let summary explain its structure "
    "(or drop summary, which is obsolete).",
)
_MAX_SHOWN = 60


def _caption(table: Element) -> Element | None:
    for child in table.element_children():
        if child.is_html and child.tag == "caption":
            return child
    return None


def _normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


class TableDuplicateName(Rule):
    """Tables should not have the same summary and caption.

    ## What it checks
    Every HTML `<table>` in the accessibility tree with a non-empty `<caption>` and a
    non-empty `summary` attribute has different texts in them (compared ignoring case and
    extra whitespace).

    ## Why it matters
    Screen readers read both; the same text twice is noise, and the summary is meant to
    explain how the table is organised, which the caption does not.

    ## Fails
        <table summary="Prices"><caption>Prices</caption>…</table>

    ## Passes
        <table summary="Rows are teas, columns are sizes"><caption>Prices</caption>…</table>

    ## Limitations
    Only exact duplicates are found; a summary that paraphrases the caption passes.
    """

    meta = RuleMeta(
        id="table-duplicate-name",
        name="A table's caption and summary differ",
        wcag=(),
        act_rules=(),
        impact=Impact.MINOR,
        tags=("cat.tables", "best-practice"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Exposed HTML tables with a non-empty caption and summary."""
        for table in page.by_tag("table"):
            caption = _caption(table)
            if (
                table.is_html
                and (table.attrs.get("summary") or "").strip()
                and caption is not None
                and caption.text_content().strip()
                and is_included_in_accessibility_tree(page, table)
            ):
                yield table

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The two texts differ."""
        caption = _caption(target)
        assert caption is not None  # applicability guarantees it
        text = _normalised(caption.text_content())
        if text == _normalised(target.attrs.get("summary") or ""):
            return Verdict(SAME, f'both say "{text[:_MAX_SHOWN]}"')
        return Verdict(DIFFERENT)
