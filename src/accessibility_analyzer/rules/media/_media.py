"""What the media rules share: which audio and video elements play, what the markup tells
about their tracks, and the base class of rules that ask the oracle what only watching or
listening can tell.

The markup decides little about media: a `<track kind="captions">` says captions exist (not
that they are right), `controls` gives a native way to pause, `autoplay` without `muted`
starts sound, a media fragment (`#t=10,12`) bounds what plays. Whether a video has sound,
what it shows and how long it lasts are in the media file, which the engine does not decode;
those are questions for the oracle (:mod:`engine.questions`).
"""

from __future__ import annotations

import re
from abc import ABC
from collections.abc import Iterator
from typing import ClassVar

from accessibility_analyzer.engine.aria import accessible_name, is_hidden, is_visible
from accessibility_analyzer.engine.dom import Element, Page, Text
from accessibility_analyzer.engine.questions import Question
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, Verdict

MEDIA_TAGS = frozenset({"audio", "video"})
# Elements whose text is never on-screen text a user could read as an alternative.
_NOT_TEXT = frozenset({"audio", "video", "script", "style", "template", "noscript", "head"})
# Elements that can carry or lead to an alternative the markup does not show.
_CARRIERS = frozenset({"a", "area", "iframe", "object", "embed", "details"})
_TRANSCRIPT_WORDS = re.compile(r"\b(transcript|transcription|text version)\b", re.IGNORECASE)
# A temporal media fragment: #t=start[,end] in seconds (npt, the common form).
_FRAGMENT = re.compile(r"[#&]t=(?:npt:)?(?P<start>\d*\.?\d*)(?:,(?P<end>\d+\.?\d*))?")
_PAGE_HAS_TEXT = "rules.media.page_text"


def has_source(element: Element) -> bool:
    """Whether the media element names something to play (``src`` or a ``<source>``)."""
    if (element.get("src") or "").strip():
        return True
    return any(
        child.tag == "source" and (child.get("src") or "").strip()
        for child in element.element_children()
    )


def is_played_video(page: Page, element: Element) -> bool:
    """A ``<video>`` that can be seen and has something to play."""
    return (
        element.is_html
        and element.tag == "video"
        and has_source(element)
        and is_visible(page, element) is not False
    )


def is_played_audio(page: Page, element: Element) -> bool:
    """An ``<audio>`` that plays: on its own (``autoplay``) or from its visible controls."""
    if not (element.is_html and element.tag == "audio" and has_source(element)):
        return False
    if element.has("autoplay"):
        return True
    return element.has("controls") and not is_hidden(page, element)


def tracks(element: Element, *kinds: str) -> list[Element]:
    """The element's ``<track>`` children of these kinds that name a file."""
    found = []
    for child in element.element_children():
        if child.tag != "track" or not (child.get("src") or "").strip():
            continue
        # An absent or unknown kind means subtitles (HTML's missing and invalid value default).
        kind = (child.get("kind") or "subtitles").strip().lower()
        if kind not in {"subtitles", "captions", "descriptions", "chapters", "metadata"}:
            kind = "subtitles"
        if kind in kinds:
            found.append(child)
    return found


def plays_sound_on_load(element: Element) -> bool:
    """``autoplay`` without ``muted``: the element starts sound when the page loads."""
    return element.has("autoplay") and not element.has("muted")


def media_urls(element: Element) -> list[str]:
    """The URLs the element may play (``src``, then each ``<source>``)."""
    urls = [element.get("src") or ""]
    urls.extend(
        child.get("src") or "" for child in element.element_children() if child.tag == "source"
    )
    return [url.strip() for url in urls if url.strip()]


def fragment_seconds(element: Element) -> float | None:
    """How long the element plays when every URL bounds it by ``#t=start,end``, else None."""
    lengths = []
    for url in media_urls(element):
        match = _FRAGMENT.search(url)
        if match is None or match.group("end") is None:
            return None
        start = float(match.group("start") or 0)
        lengths.append(float(match.group("end")) - start)
    return max(lengths) if lengths else None


def page_may_hold_alternative(page: Page) -> bool:
    """Whether anything outside media elements could be a text alternative of them.

    ``False`` only when the page has no text outside ``<audio>``/``<video>`` (their fallback
    text is not shown when they play), no link, no frame, no object: then no transcript or
    text the media could stand for exists, and no answer is needed.
    """
    memo: dict[int, bool] = page.memo_table(_PAGE_HAS_TEXT)
    known = memo.get(page.root.order)
    if known is None:
        known = _scan_for_text(page.root)
        memo[page.root.order] = known
    return known


def _scan_for_text(root: Element) -> bool:
    stack: list[Element | Text] = list(root.children)
    while stack:
        node = stack.pop()
        if isinstance(node, Text):
            if node.data.strip():
                return True
            continue
        if node.tag in _CARRIERS or (node.tag == "img" and (node.get("alt") or "").strip()):
            return True
        if node.tag not in _NOT_TEXT:
            stack.extend(node.children)
    return False


def transcript_links(page: Page) -> list[str]:
    """Names of links that say they lead to a transcript (for the reason of a question)."""
    names = []
    for link in page.by_tag("a"):
        if link.has("href"):
            name = " ".join(accessible_name(page, link).split())
            if _TRANSCRIPT_WORDS.search(name):
                names.append(name)
    return names


class MediaQuestionRule(Rule, ABC):
    """A media rule the markup decides in a few cases and the oracle in the others.

    Subclasses set ``media_tag``, the ``question`` and the diagnostics its answers pick, and
    may decide from the markup in :meth:`decide` (``None``: ask).
    """

    media_tag: ClassVar[str]
    question: ClassVar[Question]
    answered_yes: ClassVar[Diagnostic]
    answered_no: ClassVar[Diagnostic]

    def applicability(self, page: Page) -> Iterator[Element]:
        """Played ``<audio>`` or visible ``<video>`` elements with a source."""
        played = is_played_video if self.media_tag == "video" else is_played_audio
        for element in page.by_tag(self.media_tag):
            if played(page, element):
                yield element

    def decide(self, page: Page, target: Element) -> Verdict | None:
        """A verdict the markup gives on its own, or ``None`` to ask the oracle."""
        return None

    def context(self, page: Page, target: Element) -> str | None:
        """What the markup does show, for the reason of an unanswered question."""
        links = transcript_links(page)
        if links:
            return f'the page links to "{links[0][:60]}": is it right and complete?'
        return None

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The markup's verdict, else the oracle's answer, else cantTell with the question."""
        decided = self.decide(page, target)
        if decided is not None:
            return decided
        verdict = self.ask(
            oracle, self.question, page, target, yes=self.answered_yes, no=self.answered_no
        )
        if verdict.question is None:
            return verdict
        extra = self.context(page, target)
        if extra is None:
            return verdict
        return verdict.with_reason(f"{verdict.reason}; {extra}")
