"""Motion: what moving the device does has another way, and can be turned off."""

from __future__ import annotations

from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules.motion.motion_actuation_alternative import (
    MotionActuationAlternative,
)
from accessibility_analyzer.rules.motion.motion_actuation_disable import MotionActuationDisable

RULES: tuple[type[Rule], ...] = (MotionActuationAlternative, MotionActuationDisable)

__all__ = ["RULES"]
