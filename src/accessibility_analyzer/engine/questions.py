"""The catalog of judgement questions rules may ask (Siteimprove Alfa's "questions as values").

A rule that cannot decide from the markup asks one of these questions about its target. The
question travels on the ``cantTell`` finding (``Finding.question``); whoever answers it later
(a person, or the LLM oracle in a job) answers *this* wording, and the page is re-checked with
the answers (:class:`~accessibility_analyzer.engine.oracle.AnswerTable`), so the rule, not the
answerer, decides the outcome. Every question a rule asks must be listed here (a test checks
it): the catalog is what an oracle implementation promises to understand.

Attributes of a question:
    id: stable kebab-case id; part of answer cache keys, never reused for another meaning.
    text: the question as a person (or a model) reads it; a yes/no question.
    subject: ``element`` (about the target element) or ``page`` (about the whole page).
    needs_image: the answer depends on the image's pixels; an oracle that can see images
        should be shown the image when the upload holds it.
    version: bumped when the wording changes meaning, so cached answers are not reused.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Subject(StrEnum):
    """What a question is about."""

    ELEMENT = "element"
    PAGE = "page"


@dataclass(frozen=True, kw_only=True)
class Question:
    """A named yes/no question a rule asks when the markup cannot decide."""

    id: str
    text: str
    subject: Subject = Subject.ELEMENT
    needs_image: bool = False
    version: int = 1


IMAGE_CONTAINS_TEXT = Question(
    id="image-contains-text",
    text=(
        "Does this image show text that matters to its meaning, is not available as real text "
        "on the page, and whose visual presentation is not essential (as a logo is)?"
    ),
    needs_image=True,
)
IMAGE_IS_DECORATIVE = Question(
    id="image-is-decorative",
    text=(
        "Is this image pure decoration, so that removing it would not lose any information "
        "or function?"
    ),
    needs_image=True,
)
ALT_IS_DESCRIPTIVE = Question(
    id="alt-is-descriptive",
    text="Does the accessible name of this image serve the same purpose as the image itself?",
    needs_image=True,
)
LANGUAGE_MATCHES = Question(
    id="lang-matches-content",
    text=(
        "Is the primary language of this element's lang attribute the language most of the "
        "text that inherits it is written in?"
    ),
)
TITLE_IS_DESCRIPTIVE = Question(
    id="title-is-descriptive",
    text="Does the page title describe the topic or purpose of the page's content?",
    subject=Subject.PAGE,
)
PAGE_LANGUAGE_MATCHES = Question(
    id="page-language-matches",
    text=(
        "Is the primary language of the <html> element's lang attribute the language most of "
        "the page's text is written in?"
    ),
    subject=Subject.PAGE,
)

MAIN_CONTENT_FIRST = Question(
    id="main-content-first",
    text=(
        "Does the page begin with its own main content, rather than with blocks repeated on "
        "other pages (navigation, banners, side notes) that users would have to go through?"
    ),
    subject=Subject.PAGE,
)
LINKS_SAME_PURPOSE = Question(
    id="links-same-purpose",
    text=(
        "These links have the same accessible name but different targets: do they lead to "
        "resources that serve the same purpose (the same content, or equivalent pages)?"
    ),
)

QUESTIONS: dict[str, Question] = {
    question.id: question
    for question in (
        IMAGE_CONTAINS_TEXT,
        IMAGE_IS_DECORATIVE,
        ALT_IS_DESCRIPTIVE,
        LANGUAGE_MATCHES,
        TITLE_IS_DESCRIPTIVE,
        PAGE_LANGUAGE_MATCHES,
        MAIN_CONTENT_FIRST,
        LINKS_SAME_PURPOSE,
    )
}
"""Every question by id. Add a question here, next to its constant, when a rule needs it."""


def question_by_id(question_id: str) -> Question | None:
    """The catalog question with this id, or ``None``."""
    return QUESTIONS.get(question_id)
