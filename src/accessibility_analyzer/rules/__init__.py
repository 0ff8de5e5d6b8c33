"""The rule registry: every rule the engine runs, listed explicitly, family by family.

A rule exists when it is in ``ALL_RULES``; nothing is discovered by scanning modules. Each
family package lists its rules in its own ``RULES`` tuple.
"""

from __future__ import annotations

from accessibility_analyzer.engine.rule import Rule

ALL_RULES: tuple[type[Rule], ...] = ()

__all__ = ["ALL_RULES"]
