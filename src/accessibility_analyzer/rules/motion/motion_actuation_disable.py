"""motion-actuation-disable: responding to device motion can be turned off."""

from __future__ import annotations

from accessibility_analyzer.engine.questions import MOTION_CAN_BE_DISABLED
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.motion._motion import MotionRule

CAN_DISABLE = Diagnostic.passed("Responding to device motion can be turned off")
CANNOT_DISABLE = Diagnostic.failed(
    "Responding to device motion must be possible to turn off",
    fix_hint="Add a setting (a checkbox) that stops the page reacting to motion.",
)


class MotionActuationDisable(MotionRule):
    """Responding to device motion must be possible to turn off.

    ## What it checks
    Once per page (the target is `<html>`) whose inline script or `<body>` handler names
    `devicemotion` or `deviceorientation`: the question `motion-can-be-disabled` asks
    whether the page's response to motion can be switched off. A listener that changes
    nothing on screen answers yes. Without an answer, `cantTell`.

    ## Why it matters
    Tremors or a wheelchair-mounted device move the device by accident; users must be able
    to stop that from changing the page (WCAG 2.5.4 Motion Actuation).

    ## Fails
        <script>addEventListener('deviceorientation', moveSlider)</script>  (per the oracle)

    ## Passes
        <label><input type="checkbox" onchange="toggleMotion(this)"> Motion control</label>
        (per the oracle)

    ## Limitations
    Scripts in other files are not read: a page listening only there is inapplicable.
    """

    meta = RuleMeta(
        id="motion-actuation-disable",
        name="Responding to device motion can be turned off",
        wcag=("2.5.4",),
        act_rules=("c249d5",),
        impact=Impact.SERIOUS,
        tags=("cat.sensory-and-visual-cues", "wcag21a", "act"),
    )
    question = MOTION_CAN_BE_DISABLED
    holds = CAN_DISABLE
    fails = CANNOT_DISABLE
