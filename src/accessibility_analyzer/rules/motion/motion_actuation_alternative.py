"""motion-actuation-alternative: what moving the device does, the interface also does."""

from __future__ import annotations

from accessibility_analyzer.engine.questions import MOTION_HAS_UI_ALTERNATIVE
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.motion._motion import MotionRule

HAS_ALTERNATIVE = Diagnostic.passed("What device motion changes can also be done with controls")
NO_ALTERNATIVE = Diagnostic.failed(
    "What moving the device changes must also be possible with the page's controls",
    fix_hint="Add buttons or a slider that do what tilting or shaking does.",
)


class MotionActuationAlternative(MotionRule):
    """Changes made by moving the device must also be possible through the interface.

    ## What it checks
    Once per page (the target is `<html>`) whose inline script or `<body>` handler names
    `devicemotion` or `deviceorientation`: the question `motion-has-ui-alternative` asks
    whether every change the motion makes can also be made with the page's controls. A
    listener that changes nothing on screen answers yes. Without an answer, `cantTell`.

    ## Why it matters
    People who cannot hold or tilt a device, or whose device is mounted, cannot use a
    feature that only motion drives (WCAG 2.5.4 Motion Actuation).

    ## Fails
        <script>addEventListener('deviceorientation', moveSlider)</script>
        <input type="range" disabled>  (no other way to move it, per the oracle)

    ## Passes
        <script>addEventListener('devicemotion', moveSlider)</script>
        <button onclick="step(1)">Increase</button>  (per the oracle)

    ## Limitations
    Scripts in other files are not read: a page listening only there is inapplicable.
    """

    meta = RuleMeta(
        id="motion-actuation-alternative",
        name="Device motion has an interface alternative",
        wcag=("2.5.4",),
        act_rules=("7677a9",),
        impact=Impact.SERIOUS,
        tags=("cat.sensory-and-visual-cues", "wcag21a", "act"),
    )
    question = MOTION_HAS_UI_ALTERNATIVE
    holds = HAS_ALTERNATIVE
    fails = NO_ALTERNATIVE
