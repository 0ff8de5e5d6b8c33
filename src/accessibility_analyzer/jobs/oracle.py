"""The LLM as the engine's oracle: answer a page's open questions, then check it again.

An analysis with ``{"oracle": "llm"}`` runs each page as usual (pass 1). A ``cantTell``
finding that waits on a catalog question (``Finding.question``) is asked of the model here,
outside the engine's pool and all of one page's questions together; ``yes``/``no`` answers
become an :class:`~accessibility_analyzer.engine.oracle.AnswerTable` and the page runs again
with it (pass 2), so the *rule* turns the answer into an outcome, marked ``semiAuto`` with the
model's reason. ``cannot_tell``, a failed call or an open breaker leave the finding
``cantTell``. Answers are cached like suggestions (provider, model, prompt version, question
and its version, a hash of what was shown), so a re-run asks nothing twice.

Image questions are sent with the image itself when the upload holds it and the provider
takes images (OpenAI ``image_url`` data URI, Anthropic base64 block).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import mimetypes
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import msgspec

from accessibility_analyzer.cache import Cache
from accessibility_analyzer.engine import parse_page
from accessibility_analyzer.engine.dom import Element, Page, Site
from accessibility_analyzer.engine.oracle import Answer, AnsweredQuestion
from accessibility_analyzer.engine.questions import Question, Subject, question_by_id
from accessibility_analyzer.engine.result import DocumentResult, Outcome
from accessibility_analyzer.engine.runner import document_title
from accessibility_analyzer.engine.site import resolve_url
from accessibility_analyzer.jobs.page_worker import (
    analyse_page,
    decode_result,
    encode_answers,
    load_site,
)
from accessibility_analyzer.jobs.pool import EnginePool
from accessibility_analyzer.llm.client import LLMClient
from accessibility_analyzer.llm.errors import LLMError
from accessibility_analyzer.llm.excerpt import (
    Excerpt,
    element_by_xpath,
    excerpt_of,
    strip_invisible,
)
from accessibility_analyzer.llm.prompts import answer_prompt, cache_key
from accessibility_analyzer.llm.request import Image, StructuredRequest

__all__ = ["OpenQuestion", "OracleStep", "answer_questions", "open_questions"]

logger = logging.getLogger(__name__)

_IMAGE_LIMIT = 4 * 1024 * 1024
_IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
_PAGE_TEXT_LIMIT = 2000
_TAGS = re.compile(r"<[^>]*>")
_HIDDEN_BLOCKS = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class OpenQuestion:
    """A question a page's finding waits on, and the element it is about."""

    question: Question
    xpath: str


def open_questions(result: DocumentResult) -> list[OpenQuestion]:
    """The distinct catalog questions of a page's ``cantTell`` findings."""
    seen: set[tuple[str, str]] = set()
    found: list[OpenQuestion] = []
    for finding in result.findings:
        if finding.outcome is not Outcome.CANT_TELL or not finding.question or not finding.xpath:
            continue
        question = question_by_id(finding.question)
        key = (finding.question, finding.xpath)
        if question is None or key in seen:
            continue
        seen.add(key)
        found.append(OpenQuestion(question=question, xpath=finding.xpath))
    return found


@dataclass(frozen=True, slots=True)
class _Shown:
    """What the model is shown for one question."""

    open: OpenQuestion
    excerpt: Excerpt
    image: Image | None


def _page_excerpt(page: Page) -> Excerpt:
    """For questions about the whole page: its title and the start of its text."""
    text = _SPACES.sub(" ", _TAGS.sub(" ", _HIDDEN_BLOCKS.sub(" ", page.source))).strip()
    title = document_title(page)
    return Excerpt(
        element_html=strip_invisible(f"<title>{title or ''}</title>\n{text[:_PAGE_TEXT_LIMIT]}"),
        start=0,
        end=0,
        parent_tag=None,
        label_text=None,
        text_before="",
        text_after="",
        title=title,
        lang=page.root.get("lang"),
    )


def _image_of(page: Page, element: Element, site: Site) -> Image | None:
    source = element.get("src") or element.get("href") or element.get("data")
    if not source:
        return None
    path = resolve_url(page.path, source)
    if path is None:
        return None
    media_type, _ = mimetypes.guess_type(path)
    if media_type not in _IMAGE_TYPES:
        return None
    data = site.read(path)
    if data is None or len(data) > _IMAGE_LIMIT:
        return None
    return Image(data=data, media_type=media_type)


def _shown(
    page_bytes: bytes, page_path: str, site: Site, asked: Sequence[OpenQuestion], images: bool
) -> list[_Shown]:
    page = parse_page(page_bytes, path=page_path, site=site)
    shown: list[_Shown] = []
    for open_question in asked:
        element = element_by_xpath(page, open_question.xpath)
        if element is None:
            continue
        excerpt = None
        if open_question.question.subject is Subject.ELEMENT:
            excerpt = excerpt_of(page, element)
        if excerpt is None:
            excerpt = _page_excerpt(page)
        image = None
        if images and open_question.question.needs_image:
            image = _image_of(page, element, site)
        shown.append(_Shown(open=open_question, excerpt=excerpt, image=image))
    return shown


def _cache_key(client: LLMClient, shown: _Shown) -> str:
    question = shown.open.question
    image = () if shown.image is None else (hashlib.sha256(shown.image.data).digest(),)
    return cache_key(
        "llm-answer",
        client.provider,
        client.model,
        f"{question.id}.v{question.version}",
        shown.excerpt,
        *image,
    )


async def _answer(client: LLMClient, cache: Cache | None, shown: _Shown) -> Answer | None:
    key = _cache_key(client, shown)
    if cache is not None:
        stored = await cache.get(key)
        if stored is not None:
            return msgspec.json.decode(stored, type=Answer | None)
    prompt = answer_prompt(shown.open.question, shown.excerpt, with_image=shown.image is not None)
    try:
        reply = await client.structured(
            StructuredRequest(
                schema_name="submit_answer",
                system=prompt.system,
                user=prompt.user,
                images=(shown.image,) if shown.image is not None else (),
                max_tokens=400,
            )
        )
    except LLMError as error:
        logger.info("question %s not answered: %s", shown.open.question.id, type(error).__name__)
        return None  # not cached: a provider failure says nothing about the page
    word = reply.data["answer"]
    reason = f"{client.provider} {client.model}: {reply.data['reason']}".strip()
    answer = None if word == "cannot_tell" else Answer(value=word == "yes", reason=reason)
    if cache is not None:
        await cache.set(key, msgspec.json.encode(answer))
    return answer


async def answer_questions(
    client: LLMClient,
    cache: Cache | None,
    *,
    page_bytes: bytes,
    page_path: str,
    site: Site,
    asked: Sequence[OpenQuestion],
) -> tuple[AnsweredQuestion, ...]:
    """The model's yes/no answers to a page's open questions (``cannot_tell`` left out)."""
    if not asked or not client.available:
        return ()
    shown = await asyncio.to_thread(
        _shown, page_bytes, page_path, site, asked, client.accepts_images
    )
    answers = await asyncio.gather(*(_answer(client, cache, item) for item in shown))
    return tuple(
        AnsweredQuestion(question=item.open.question.id, xpath=item.open.xpath, answer=answer)
        for item, answer in zip(shown, answers, strict=True)
        if answer is not None
    )


@dataclass(frozen=True, slots=True)
class OracleStep:
    """Pass 2 of one analysis: answer a page's questions and run the page again with them.

    ``await step(document_id, page_path, result)`` returns the result to store: pass 2's when
    any question got a yes or no, else pass 1's unchanged.
    """

    client: LLMClient
    cache: Cache | None
    pool: EnginePool
    manifest: str
    rule_ids: tuple[str, ...] | None

    async def __call__(self, page_path: str, result: DocumentResult) -> DocumentResult:
        """The page's result decided with the model's answers where it gave them."""
        asked = open_questions(result)
        if not asked or result.error is not None:
            return result
        site = load_site(self.manifest)
        location = site.location(page_path)
        if location is None:
            return result
        try:
            page_bytes = await asyncio.to_thread(Path(location).read_bytes)
            entries = await answer_questions(
                self.client,
                self.cache,
                page_bytes=page_bytes,
                page_path=page_path,
                site=site,
                asked=asked,
            )
            if not entries:
                return result
            submitted = self.pool.submit(
                analyse_page, self.manifest, page_path, self.rule_ids, encode_answers(entries)
            )
            decided = decode_result(await asyncio.wrap_future(submitted))
        except Exception:  # the oracle is an extra: pass 1's result still stands
            logger.exception("page %s: the oracle's pass failed; keeping pass 1", page_path)
            return result
        return result if decided.error is not None else decided
