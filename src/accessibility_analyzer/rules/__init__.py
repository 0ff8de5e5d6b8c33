"""The rule registry: every rule the engine runs, listed explicitly, family by family.

A rule exists when it is in ``ALL_RULES``; nothing is discovered by scanning modules. Each
family package lists its rules in its own ``RULES`` tuple, and this module concatenates them.
``DEFAULT_RULES`` are the ones that run when a selection names no rule ids: rules tagged
``experimental`` (see ``engine.rule.DEFAULT_OFF_TAGS``) run only when named by id or by that tag.
"""

from __future__ import annotations

from collections.abc import Iterable

from accessibility_analyzer.engine.rule import DEFAULT_OFF_TAGS, Rule
from accessibility_analyzer.rules import (
    aria,
    colour,
    document,
    forms,
    keyboard,
    landmarks,
    media,
    motion,
    names,
    purpose,
    reflow,
    structure,
    style,
    text_alternatives,
)

ALL_RULES: tuple[type[Rule], ...] = (
    *aria.RULES,
    *colour.RULES,
    *document.RULES,
    *forms.RULES,
    *keyboard.RULES,
    *landmarks.RULES,
    *media.RULES,
    *motion.RULES,
    *names.RULES,
    *purpose.RULES,
    *reflow.RULES,
    *structure.RULES,
    *style.RULES,
    *text_alternatives.RULES,
)

DEFAULT_RULES: tuple[type[Rule], ...] = tuple(rule for rule in ALL_RULES if rule.meta.on_by_default)

_LEVELS = ("A", "AA", "AAA")


class UnknownRuleError(ValueError):
    """Raised when a selection names rule ids that do not exist."""

    def __init__(self, unknown: Iterable[str]) -> None:
        self.unknown = tuple(sorted(unknown))
        super().__init__(f"unknown rule id(s): {', '.join(self.unknown)}")


def rule_by_id(rule_id: str) -> type[Rule] | None:
    """The registered rule with this id, or ``None``."""
    return _BY_ID.get(rule_id)


def select_rules(
    ids: Iterable[str] | None = None,
    tags: Iterable[str] | None = None,
    level: str | None = None,
) -> tuple[type[Rule], ...]:
    """Pick rules from the registry; all three filters must hold (an omitted one is ignored).

    Without ``ids``, rules that are off by default are left out unless ``tags`` names one of
    ``DEFAULT_OFF_TAGS`` that they carry (``--tags experimental``).

    Args:
        ids: rule ids to run (off-by-default rules included); unknown ids raise
            :class:`UnknownRuleError`.
        tags: keep rules carrying at least one of these tags (``cat.aria``, ``wcag2aa``...).
        level: ``A``, ``AA`` or ``AAA``: keep WCAG rules of that level or below (best-practice
            rules, which map to no criterion, are dropped).

    Raises:
        UnknownRuleError: an id is not registered.
        ValueError: the level is not one of A, AA, AAA.
    """
    selected = ALL_RULES
    if ids is not None:
        wanted = set(ids)
        unknown = wanted - _BY_ID.keys()
        if unknown:
            raise UnknownRuleError(unknown)
        selected = tuple(rule for rule in selected if rule.meta.id in wanted)
    else:
        off_wanted = DEFAULT_OFF_TAGS.intersection(tags or ())
        selected = tuple(
            rule
            for rule in selected
            if rule.meta.on_by_default or not off_wanted.isdisjoint(rule.meta.tags)
        )
    if tags is not None:
        tag_set = set(tags)
        selected = tuple(rule for rule in selected if tag_set.intersection(rule.meta.tags))
    if level is not None:
        if level not in _LEVELS:
            raise ValueError(f"level must be one of {', '.join(_LEVELS)}, not {level!r}")
        allowed = _LEVELS[: _LEVELS.index(level) + 1]
        selected = tuple(rule for rule in selected if rule.meta.level in allowed)
    return selected


_BY_ID: dict[str, type[Rule]] = {rule.meta.id: rule for rule in ALL_RULES}

__all__ = ["ALL_RULES", "DEFAULT_RULES", "UnknownRuleError", "rule_by_id", "select_rules"]
