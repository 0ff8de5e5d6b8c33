"""How a rule is written: metadata, applicability, expectations (the W3C ACT Rules Format).

A rule is a class with a :class:`RuleMeta` and two methods. ``applicability`` yields the test
targets (elements; page-level rules yield the root ``<html>``). ``expect`` returns a
:class:`Verdict` for one target. A rule whose applicability yields nothing is
``inapplicable`` for the page. Messages are module-level :class:`Diagnostic` constants next
to the rule; per-target detail (an attribute value, a role) goes into ``Verdict.reason``.

Questions that need judgement come from the catalog in :mod:`engine.questions` and are asked
of an :class:`~accessibility_analyzer.engine.oracle.Oracle` through :meth:`Rule.ask`; without an
answer the verdict is ``cantTell`` and carries the question, so the answer can be sought
later and the page re-checked with it.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import ClassVar, Final

from accessibility_analyzer._native import mypyc_attr
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.oracle import Answer, NoOracle, Oracle
from accessibility_analyzer.engine.questions import Question
from accessibility_analyzer.engine.result import DetailValue, Impact, Outcome, RuleInfo
from accessibility_analyzer.engine.standards.wcag import SUCCESS_CRITERIA

__all__ = [
    "ACT_ID",
    "CANNOT_DECIDE",
    "RULE_ID",
    "WCAG_SC",
    "Answer",
    "Diagnostic",
    "NoOracle",
    "Oracle",
    "Question",
    "Rule",
    "RuleMeta",
    "Verdict",
    "expect",
    "unanswered_reason",
]

ACT_ID = re.compile(r"^[a-z0-9]{6}$")
WCAG_SC = re.compile(r"^[1-4]\.[0-9]{1,2}\.[0-9]{1,2}$")
RULE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

# Tags that keep a rule out of the default selection: its cantTell would fire on most
# elements of most pages (it needs layout), so it runs only when asked for by id or tag.
DEFAULT_OFF_TAGS = frozenset({"experimental"})
_LEVEL_ORDER = ("A", "AA", "AAA")


def lowest_level(criteria: Iterable[str]) -> str:
    """The lowest WCAG conformance level among ``criteria`` (``""`` for none).

    Raises:
        KeyError: a criterion is not a WCAG 2.2 success criterion.
    """
    levels = [SUCCESS_CRITERIA[number].level for number in criteria]
    return min(levels, key=_LEVEL_ORDER.index) if levels else ""


@dataclass(frozen=True, kw_only=True)
class RuleMeta:
    """Declarative metadata of a rule.

    Attributes:
        id: kebab-case, unique, never reused (``image-alt``).
        name: one readable sentence of what must hold (``Images have a text alternative``).
        wcag: WCAG 2.2 success criteria the failures break (``("1.1.1",)``).
        level: derived, never typed: the lowest WCAG level among ``wcag`` (a failure breaks
            conformance from that level up, so ``--level A`` keeps a rule mapping 1.3.1 and
            2.4.6), or ``""`` for best-practice rules that map to no criterion.
        act_rules: W3C ACT rule ids this rule implements (consistently) (``("23a2a8",)``).
        impact: how badly a failure hurts users.
        tags: free tags used for selection (``("cat.text-alternatives", "wcag2a")``); the
            first is the category, starting with ``cat.``. A rule tagged with one of
            ``DEFAULT_OFF_TAGS`` (``experimental``) is off by default: it runs only when a
            selection names its id or that tag.
    """

    id: str
    name: str
    wcag: tuple[str, ...]
    act_rules: tuple[str, ...]
    impact: Impact
    tags: tuple[str, ...]
    level: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "level", lowest_level(self.wcag))

    @property
    def on_by_default(self) -> bool:
        """Whether the rule runs when a selection names no rule ids (see ``DEFAULT_OFF_TAGS``)."""
        return DEFAULT_OFF_TAGS.isdisjoint(self.tags)

    def info(self) -> RuleInfo:
        """The public view of this metadata (as results and `a11y rules` list it)."""
        return RuleInfo(
            id=self.id,
            name=self.name,
            act_rules=self.act_rules,
            wcag=self.wcag,
            level=self.level,
            impact=self.impact,
            tags=self.tags,
            on_by_default=self.on_by_default,
        )


@dataclass(frozen=True)
class Diagnostic:
    """A named outcome message of a rule: what was found, and (for failures) how to fix it."""

    outcome: Outcome
    message: str
    fix_hint: str | None = None

    @classmethod
    def passed(cls, message: str) -> Diagnostic:
        """A passing diagnostic."""
        return cls(Outcome.PASSED, message)

    @classmethod
    def failed(cls, message: str, fix_hint: str) -> Diagnostic:
        """A failing diagnostic; every failure says how to fix it."""
        return cls(Outcome.FAILED, message, fix_hint)

    @classmethod
    def cant_tell(cls, message: str) -> Diagnostic:
        """An undecidable diagnostic (needs review); the verdict's reason says why."""
        return cls(Outcome.CANT_TELL, message)


class Verdict:
    """The outcome of one rule for one target: a diagnostic plus optional detail.

    Read-only: mypy rejects writes to its ``Final`` attributes, and the compiled engine
    refuses them at run time. A plain class, not a frozen dataclass: rules build ~1,100
    verdicts per page, and a dataclass's generated ``__init__`` stays interpreted Python in
    the compiled engine (~3% of its time there).

    Attributes:
        diagnostic: the named message (and outcome) of the rule.
        reason: per-target detail: why it failed, or why it cannot be told.
        semi_auto: an oracle's answer decided it (the finding's mode is ``semiAuto``).
        question: the open question of a ``cantTell`` verdict, for someone to answer later.
        details: measured values behind the outcome (a contrast ratio, colours), camelCase
            keys; the runner copies them into the finding.
    """

    __slots__ = ("details", "diagnostic", "question", "reason", "semi_auto")

    def __init__(
        self,
        diagnostic: Diagnostic,
        reason: str | None = None,
        semi_auto: bool = False,
        question: Question | None = None,
        details: Mapping[str, DetailValue] | None = None,
    ) -> None:
        self.diagnostic: Final = diagnostic
        self.reason: Final = reason
        self.semi_auto: Final = semi_auto
        self.question: Final = question
        self.details: Final = details

    def _fields(self) -> tuple[object, ...]:
        return (self.diagnostic, self.reason, self.semi_auto, self.question, self.details)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Verdict)
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (
            f"Verdict(diagnostic={self.diagnostic!r}, reason={self.reason!r}, "
            f"semi_auto={self.semi_auto!r}, question={self.question!r}, "
            f"details={self.details!r})"
        )

    @property
    def outcome(self) -> Outcome:
        """The ACT outcome."""
        return self.diagnostic.outcome

    def with_reason(self, reason: str | None) -> Verdict:
        """The same verdict with another reason. Rules add context to most verdicts they
        ask about; ``dataclasses.replace`` inspects every field each time (~10x slower)."""
        return Verdict(self.diagnostic, reason, self.semi_auto, self.question, self.details)


def expect(
    holds: bool | None,
    passed: Diagnostic,
    failed: Diagnostic,
    *,
    unknown: Diagnostic | None = None,
    reason: str | None = None,
) -> Verdict:
    """Turn a three-valued check into a verdict (``None`` means the markup cannot decide).

    Args:
        holds: ``True`` passes, ``False`` fails, ``None`` gives ``cantTell``.
        passed: diagnostic when it holds.
        failed: diagnostic when it does not.
        unknown: diagnostic when undecidable (a generic one when omitted).
        reason: detail for the verdict (why it failed, or why it cannot be told).
    """
    if holds is True:
        return Verdict(passed, reason)
    if holds is False:
        return Verdict(failed, reason)
    return Verdict(unknown or CANNOT_DECIDE, reason or "the markup alone cannot decide")


CANNOT_DECIDE = Diagnostic.cant_tell("This needs a human (or an oracle) to decide")


def unanswered_reason(question: Question) -> str:
    """The reason of a cantTell verdict whose question nobody answered."""
    return _unanswered(question.text, question.id)[1]


@lru_cache(maxsize=1024)
def _unanswered(text: str, question_id: str) -> tuple[Diagnostic, str]:
    """The diagnostic and reason of an unanswered question (built once per question: a page
    asks ~180 times, and both are immutable)."""
    return (
        Diagnostic.cant_tell(text),
        f"needs review: question {question_id!r} has no answer from the markup or an oracle",
    )


# Compiled with mypyc, a class defined in Python (a test's rule, a plug-in's) may subclass it.
@mypyc_attr(allow_interpreted_subclasses=True)
class Rule(ABC):
    """Base class of every rule. Subclasses set ``meta`` and implement the two methods.

    The class docstring is the rule's documentation and must have the sections
    ``What it checks``, ``Why it matters``, ``Fails``, ``Passes`` and ``Limitations``
    (as ``## Heading`` lines); `GET /api/v1/rules/{id}` serves it.
    """

    meta: ClassVar[RuleMeta]

    @abstractmethod
    def applicability(self, page: Page) -> Iterable[Element]:
        """Yield the test targets of this rule in ``page``, in document order."""

    @abstractmethod
    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Decide the outcome for one target."""

    def ask(
        self,
        oracle: Oracle,
        question: Question,
        page: Page,
        target: Element,
        *,
        yes: Diagnostic,
        no: Diagnostic,
    ) -> Verdict:
        """Ask the oracle; its answer picks ``yes`` or ``no`` (semi-automatically).

        Without an answer the verdict is ``cantTell`` with the question attached, so a later
        pass with an answer table can decide it. Which answer passes is the rule's business:
        ``yes`` may well be the failing diagnostic ("does this image show text?").
        """
        answer = oracle.answer(question, page, target)
        if answer is None:
            diagnostic, reason = _unanswered(question.text, question.id)
            return Verdict(diagnostic, reason, question=question)
        return Verdict(yes if answer.value else no, answer.reason, semi_auto=True)
