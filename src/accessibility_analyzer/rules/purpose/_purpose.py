"""What the purpose rules share: the text they show the oracle, the elements they ask about."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import accessible_name
from accessibility_analyzer.engine.dom import Element, Namespace, Page
from accessibility_analyzer.engine.questions import Question
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, Verdict
from accessibility_analyzer.engine.standards.aria import LINK_ROLES
from accessibility_analyzer.rules._common import exposed_elements_with_role

_MAX_SHOWN = 80


def shown_name(page: Page, element: Element) -> str:
    """The accessible name, whitespace collapsed and cut, for a reason."""
    name = " ".join(accessible_name(page, element).split())
    return name if len(name) <= _MAX_SHOWN else name[: _MAX_SHOWN - 1] + "…"


def matching_name(page: Page, element: Element) -> str:
    """The accessible name compared as ACT "matching": whitespace collapsed, case ignored."""
    return " ".join(accessible_name(page, element).split()).casefold()


def named_links(page: Page) -> Iterator[Element]:
    """Exposed HTML and SVG links with a name (the targets of the link purpose rules)."""
    for element in exposed_elements_with_role(page, LINK_ROLES, html_only=False):
        if element.namespace is not Namespace.MATHML and shown_name(page, element):
            yield element


def ask_about_link(
    rule: Rule,
    oracle: Oracle,
    question: Question,
    page: Page,
    target: Element,
    *,
    yes: Diagnostic,
    no: Diagnostic,
) -> Verdict:
    """Ask ``question`` about a link; an open question's reason quotes the link's name."""
    verdict = rule.ask(oracle, question, page, target, yes=yes, no=no)
    if verdict.question is None:
        return verdict
    return verdict.with_reason(f'{verdict.reason}; link "{shown_name(page, target)}"')
