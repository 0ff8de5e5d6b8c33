"""meta-refresh: pages do not refresh or redirect after a delay."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules.document._refresh import first_valid_refresh, refresh_delay

# WCAG 2.2.1 exempts time limits longer than 20 hours.
TWENTY_HOURS = 72_000

NO_DELAY = Diagnostic.passed("The page refreshes without a delay or only after 20 hours")
TIMED_REFRESH = Diagnostic.failed(
    "The page must not refresh or redirect after a delay",
    fix_hint=(
        "Redirect on the server (HTTP 301/302) or with a delay of 0, and let users refresh "
        "content themselves."
    ),
)


class MetaRefresh(Rule):
    """Pages must not refresh or redirect after a timed delay.

    ## What it checks
    The first `<meta http-equiv="refresh">` with a valid `content` value has a delay of 0
    (an immediate redirect) or of more than 20 hours (72,000 seconds). The delay is parsed
    as browsers do; invalid values, which browsers ignore, make the element inapplicable.

    ## Why it matters
    A timed refresh moves the user on before they finished reading or filling in the page,
    and screen readers start over from the top (WCAG 2.2.1 Timing Adjustable; AAA 2.2.4,
    3.2.5).

    ## Fails
        <meta http-equiv="refresh" content="30">
        <meta http-equiv="refresh" content="5; url=https://example.com/new">

    ## Passes
        <meta http-equiv="refresh" content="0; url=https://example.com/new">

    ## Limitations
    Refreshes done by scripts or the HTTP `Refresh` header are not seen. A control that lets
    users turn the refresh off cannot be recognised.
    """

    meta = RuleMeta(
        id="meta-refresh",
        name="Pages do not refresh after a delay",
        wcag=("2.2.1", "2.2.4", "3.2.5"),
        act_rules=("bc659a",),
        impact=Impact.CRITICAL,
        tags=("cat.document", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """The first refresh ``meta`` with a valid content value."""
        return first_valid_refresh(page)

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The delay is 0 or more than 20 hours."""
        delay = refresh_delay(target.attrs.get("content") or "") or 0
        reason = f"delay of {delay} seconds"
        if delay == 0 or delay > TWENTY_HOURS:
            return Verdict(NO_DELAY, reason)
        return Verdict(TIMED_REFRESH, reason)
