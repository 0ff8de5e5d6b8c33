"""Small rules for engine tests (real rules live in ``accessibility_analyzer.rules``)."""

from __future__ import annotations

from collections.abc import Iterable

from accessibility_analyzer.engine import (
    Diagnostic,
    Element,
    Impact,
    Oracle,
    Page,
    Question,
    Rule,
    RuleMeta,
    Verdict,
    computed_style,
    expect,
)

HAS_ALT = Diagnostic.passed("The image has a text alternative")
NO_ALT = Diagnostic.failed("The image has no text alternative", "Add an alt attribute")
DESCRIPTIVE = Question(id="alt-is-descriptive", text="Does the alt text describe the image?")


def _meta(rule_id: str, impact: Impact = Impact.SERIOUS) -> RuleMeta:
    return RuleMeta(
        id=rule_id,
        name=f"Toy rule {rule_id}",
        wcag=("1.1.1",),
        act_rules=(),
        impact=impact,
        tags=("cat.test",),
    )


class ToyImageAlt(Rule):
    """Images have alt; ``alt="?"`` asks the oracle.

    ## What it checks
    ## Why it matters
    ## Fails
    ## Passes
    ## Limitations
    """

    meta = _meta("toy-image-alt", Impact.CRITICAL)

    def applicability(self, page: Page) -> Iterable[Element]:
        for element in page.by_tag("img"):
            if computed_style(page, element).display != "none":
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        alt = target.get("alt")
        if alt == "?":
            return self.ask(oracle, DESCRIPTIVE, page, target, yes=HAS_ALT, no=NO_ALT)
        return expect(alt is not None, HAS_ALT, NO_ALT, reason=None if alt else "alt missing")


class ToyTitle(Rule):
    """The page has a title (a page-level rule: the target is the root).

    ## What it checks
    ## Why it matters
    ## Fails
    ## Passes
    ## Limitations
    """

    meta = _meta("toy-title", Impact.MINOR)

    def applicability(self, page: Page) -> Iterable[Element]:
        yield page.root

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        titles = page.by_tag("title")
        return expect(
            bool(titles and titles[0].text_content().strip()) or None,
            Diagnostic.passed("The page has a title"),
            Diagnostic.failed("No title", "Add a <title>"),
            reason="no title element",
        )


class ToyVideo(Rule):
    """Applies to videos only (usually inapplicable).

    ## What it checks
    ## Why it matters
    ## Fails
    ## Passes
    ## Limitations
    """

    meta = _meta("toy-video", Impact.MODERATE)

    def applicability(self, page: Page) -> Iterable[Element]:
        return page.by_tag("video")

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        return Verdict(Diagnostic.passed("A video"))


class ToyExplodingExpect(Rule):
    """Raises on every second target.

    ## What it checks
    ## Why it matters
    ## Fails
    ## Passes
    ## Limitations
    """

    meta = _meta("toy-exploding-expect")

    def applicability(self, page: Page) -> Iterable[Element]:
        return page.by_tag("p")

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        if target.order % 2:
            raise KeyError("bug")
        return Verdict(Diagnostic.passed("A paragraph"))


class ToyExplodingApplicability(Rule):
    """Raises while listing targets.

    ## What it checks
    ## Why it matters
    ## Fails
    ## Passes
    ## Limitations
    """

    meta = _meta("toy-exploding-applicability")

    def applicability(self, page: Page) -> Iterable[Element]:
        yield page.root
        raise ZeroDivisionError

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        return Verdict(Diagnostic.passed("unreachable"))


TOY_RULES: tuple[type[Rule], ...] = (ToyImageAlt, ToyTitle, ToyVideo)
