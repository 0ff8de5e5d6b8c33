"""Who answers the rules' questions: nobody (:class:`NoOracle`) or a table of answers.

The engine stays synchronous and pure, so an oracle here never calls anything: answers that
need a person or a model are gathered *outside* the engine (a job asks the LLM for the
questions that pass 1 left on its ``cantTell`` findings) and handed back as an
:class:`AnswerTable` for pass 2. Answers are keyed by the question id and the XPath of the
target, which is stable for the same page bytes; the table is a msgspec struct, so it can be
sent to a pool process as data.
"""

from __future__ import annotations

from typing import Protocol

import msgspec

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.locate import xpath
from accessibility_analyzer.engine.questions import Question


class Answer(msgspec.Struct, frozen=True, kw_only=True):
    """An oracle's answer: ``value`` True for yes, False for no; ``reason`` says why."""

    value: bool
    reason: str | None = None


class Oracle(Protocol):
    """Answers questions about a target; ``None`` when it cannot (then: cantTell)."""

    def answer(self, question: Question, page: Page, target: Element) -> Answer | None:
        """Answer ``question`` for ``target``."""
        ...


class NoOracle:
    """Answers nothing: every question stays open and its finding ``cantTell``."""

    def answer(self, question: Question, page: Page, target: Element) -> Answer | None:
        """No answer."""
        return None


class AnsweredQuestion(msgspec.Struct, frozen=True, kw_only=True):
    """One entry of an :class:`AnswerTable`."""

    question: str  # catalog id
    xpath: str  # the target's XPath in the page the question was asked about
    answer: Answer


class AnswerTable:
    """Answers given ahead of a run, looked up by (question id, target XPath).

    Built from :class:`AnsweredQuestion` entries, which are what travels between processes
    (``msgspec`` encodes them); the table itself is only an index over them.
    """

    __slots__ = ("_index", "entries")

    def __init__(self, entries: tuple[AnsweredQuestion, ...] | list[AnsweredQuestion] = ()) -> None:
        self.entries = tuple(entries)
        self._index = {(entry.question, entry.xpath): entry.answer for entry in self.entries}

    def answer(self, question: Question, page: Page, target: Element) -> Answer | None:
        """The recorded answer for this question and target, if any."""
        if not self._index:
            return None
        return self._index.get((question.id, xpath(target, page)))

    def __len__(self) -> int:
        return len(self.entries)
