"""meta-refresh-no-exception: pages never refresh or redirect after a delay (AAA)."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules.document._refresh import first_valid_refresh, refresh_delay

IMMEDIATE = Diagnostic.passed("The page redirects immediately, without a delay")
DELAYED = Diagnostic.failed(
    "The page must not refresh or redirect after any delay",
    fix_hint="Redirect on the server (HTTP 301/302) or with a delay of 0.",
)


class MetaRefreshNoException(Rule):
    """Pages must not refresh or redirect after any delay, however long.

    ## What it checks
    The first `<meta http-equiv="refresh">` with a valid `content` value has a delay of 0.
    Unlike `meta-refresh`, delays over 20 hours fail too.

    ## Why it matters
    Any automatic refresh interrupts users and moves the reading position; at level AAA no
    interruption initiated by the page is allowed (WCAG 2.2.4 Interruptions, 3.2.5 Change on
    Request).

    ## Fails
        <meta http-equiv="refresh" content="72001">

    ## Passes
        <meta http-equiv="refresh" content="0; url=https://example.com/new">

    ## Limitations
    Refreshes done by scripts or the HTTP `Refresh` header are not seen.
    """

    meta = RuleMeta(
        id="meta-refresh-no-exception",
        name="Pages never refresh after a delay",
        wcag=("2.2.4", "3.2.5"),
        act_rules=("bisz58",),
        impact=Impact.MINOR,
        tags=("cat.document", "wcag2aaa", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """The first refresh ``meta`` with a valid content value."""
        return first_valid_refresh(page)

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The delay is exactly 0."""
        delay = refresh_delay(target.attrs.get("content") or "") or 0
        return Verdict(IMMEDIATE if delay == 0 else DELAYED, f"delay of {delay} seconds")
