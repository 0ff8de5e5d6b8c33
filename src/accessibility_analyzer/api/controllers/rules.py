"""Rules: what the engine checks, with each rule's documentation (its docstring)."""

from __future__ import annotations

from typing import Annotated, Final

import msgspec
from litestar import Controller, get
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, QueryParameter

from accessibility_analyzer.api.errors import PROBLEM_MEDIA_TYPE, ApiProblem
from accessibility_analyzer.api.schemas import ProblemDetails
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.engine.rule_docs import rule_documentation
from accessibility_analyzer.rules import ALL_RULES, rule_by_id

__all__ = ["RuleController"]

_NOT_FOUND: Final = ResponseSpec(
    data_container=ProblemDetails, description="No rule has this id", media_type=PROBLEM_MEDIA_TYPE
)


class RuleSummary(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    """A rule as listed."""

    id: str
    name: str
    summary: str
    wcag: tuple[str, ...]
    level: str
    act_rules: tuple[str, ...]
    impact: Impact
    tags: tuple[str, ...]
    on_by_default: bool  # False: runs only when an analysis names it (rules or tags)


class RuleDetail(RuleSummary, frozen=True, kw_only=True, rename="camel"):
    """A rule with its documentation (Markdown: what it checks, why, fails, passes, limits)."""

    documentation: str


class RuleList(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    """The rules matching the filters."""

    items: list[RuleSummary]
    total: int


def _doc(rule: type[Rule]) -> str:
    return rule_documentation(rule)


def _summary(rule: type[Rule]) -> RuleSummary:
    meta = rule.meta
    return RuleSummary(
        id=meta.id,
        name=meta.name,
        summary=_doc(rule).split("\n", 1)[0],
        wcag=meta.wcag,
        level=meta.level,
        act_rules=meta.act_rules,
        impact=meta.impact,
        tags=meta.tags,
        on_by_default=meta.on_by_default,
    )


class RuleController(Controller):
    """The engine's rules and their documentation."""

    path = "/v1/rules"
    tags = ("rules",)

    @get("/", operation_id="listRules", summary="List the rules")
    async def list_rules(
        self,
        tag: Annotated[str | None, QueryParameter(description="Only rules with this tag")] = None,
        wcag: Annotated[
            str | None, QueryParameter(description="Only rules for this success criterion")
        ] = None,
    ) -> RuleList:
        """Every rule the engine runs, sorted by id; filter by tag or WCAG criterion."""
        rules = sorted(ALL_RULES, key=lambda rule: rule.meta.id)
        items = [
            _summary(rule)
            for rule in rules
            if (tag is None or tag in rule.meta.tags) and (wcag is None or wcag in rule.meta.wcag)
        ]
        return RuleList(items=items, total=len(items))

    @get(
        "/{rule_id:str}",
        operation_id="getRule",
        summary="Read one rule with its documentation",
        responses={404: _NOT_FOUND},
    )
    async def get_rule(self, rule_id: FromPath[str]) -> RuleDetail:
        """The rule's metadata and documentation (the docstring of the rule's class)."""
        rule = rule_by_id(rule_id)
        if rule is None:
            raise ApiProblem(404, f"No rule has the id {rule_id!r}.", reason="not_found")
        summary = _summary(rule)
        return RuleDetail(**msgspec.structs.asdict(summary), documentation=_doc(rule))
