"""What the motion rules share: whether the page's own script listens to device motion.

Only script text in the page is read (inline ``<script>`` and event-handler attributes):
``devicemotion``/``deviceorientation`` listeners there make the page applicable. Scripts in
other files are not read, so a page that listens only from them is missed (inapplicable).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import Question
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, Verdict

_MOTION_EVENT = re.compile(
    r"\b(?:on)?(devicemotion|deviceorientation(?:absolute)?|DeviceMotionEvent|"
    r"DeviceOrientationEvent)\b"
)
_MEMO = "rules.motion.events"


def _find_motion_event(page: Page) -> str | None:
    for script in page.by_tag("script"):
        if script.is_html and not script.get("src"):
            match = _MOTION_EVENT.search(script.text_content())
            if match:
                return match.group(1)
    body = page.by_tag("body")
    if body:
        for name in ("ondevicemotion", "ondeviceorientation"):
            if body[0].has(name):
                return name[2:]
    return None


def motion_event(page: Page) -> str | None:
    """The motion event the page's inline script names, or ``None``."""
    memo: dict[int, str | None] = page.memo_table(_MEMO)
    if page.root.order not in memo:
        memo[page.root.order] = _find_motion_event(page)
    return memo[page.root.order]


class MotionRule(Rule):
    """A page-level motion rule: applicable when inline script listens to device motion."""

    question: ClassVar[Question]
    holds: ClassVar[Diagnostic]
    fails: ClassVar[Diagnostic]

    def applicability(self, page: Page) -> Iterator[Element]:
        """The page (its root), when its script listens to device motion."""
        if motion_event(page) is not None:
            yield page.root

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The oracle judges what the listener does."""
        verdict = self.ask(oracle, self.question, page, target, yes=self.holds, no=self.fails)
        if verdict.question is None:
            return verdict
        return verdict.with_reason(
            f"{verdict.reason}; the page's script listens to {motion_event(page)}"
        )
