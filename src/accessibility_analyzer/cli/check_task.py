"""Checking one page: the same function in `a11y check`'s own process and in its workers.

A worker process gets the options once (:func:`init_worker`) and then one small
:class:`PageTask` per page; it opens each site once, so the engine's cache of parsed
stylesheets (keyed by their text) serves every page of the site that process checks. It
answers with the page's result (every finding: the report writers count passes per rule)
encoded as MessagePack, which the parent decodes.

With a cache, the worker stores what it computed under the page's key, together with the site
files the analysis read (:mod:`accessibility_analyzer.resultcache.recording`). A page checked
with a tester's answers (`--answers`) is stored under a variant naming those answers, so a
result never outlives the answers that decided it.
"""

from __future__ import annotations

import hashlib
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from accessibility_analyzer.cli.inputs import MAX_ZIP_ENTRY_BYTES, SiteRef
from accessibility_analyzer.engine import analyze_document, parse_page, xpath
from accessibility_analyzer.engine.css import InvalidSelector, select
from accessibility_analyzer.engine.dom import Site
from accessibility_analyzer.engine.oracle import AnsweredQuestion, AnswerTable
from accessibility_analyzer.engine.result import DocumentResult, OutcomeCounts
from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.engine.runner import count_outcomes
from accessibility_analyzer.resultcache import RecordingSite, ResultCache, page_key
from accessibility_analyzer.rules import select_rules

UNREADABLE_PAGE = (
    "cannot read the page (gone, no permission, or a ZIP entry that is encrypted, damaged "
    f"or over {MAX_ZIP_ENTRY_BYTES >> 20} MB)"
)


@dataclass(frozen=True)
class CheckOptions:
    """What every page of one run is checked with (sent once to each worker process).

    Attributes:
        rule_ids: the rules to run, in order.
        cache_dir: the result cache's folder, or ``None`` without a cache.
        cache_max_bytes: the cache's size limit.
        ignore_selectors: findings on elements matching these (or inside them) are dropped.
        locate_passed: passed findings carry their location; ``False`` when the output only
            counts passes (the engine then skips most of a finding's cost).
    """

    rule_ids: tuple[str, ...]
    cache_dir: str | None
    cache_max_bytes: int
    ignore_selectors: tuple[str, ...] = ()
    locate_passed: bool = True

    @property
    def variant(self) -> str:
        """What shapes a stored result besides the page and the rules."""
        # "document" is also the service's variant: both store whole DocumentResults. Results
        # with unlocated passes are stored apart: a later run listing passes must not get them.
        shape = "document" if self.locate_passed else "document-unlocated-passes"
        return "\x1f".join((shape, *self.ignore_selectors))

    def variant_with(self, answers: tuple[AnsweredQuestion, ...]) -> str:
        """The variant of a page checked with ``answers`` (a digest of them; none: plain)."""
        if not answers:
            return self.variant
        digest = hashlib.sha256(_ENCODER.encode(sorted(answers, key=_answer_order)))
        return f"{self.variant}\x1fanswers:{digest.hexdigest()}"


def _answer_order(entry: AnsweredQuestion) -> tuple[str, str]:
    return (entry.question, entry.xpath)


@dataclass(frozen=True)
class PageTask:
    """One page for a worker process."""

    site: SiteRef
    site_path: str
    answers: tuple[AnsweredQuestion, ...] = ()


class PageChecker:
    """Checks pages with fixed options; one per process."""

    def __init__(self, options: CheckOptions) -> None:
        self.options = options
        self.rules: tuple[type[Rule], ...] = select_rules(ids=list(options.rule_ids))
        self.cache = (
            ResultCache(Path(options.cache_dir), options.cache_max_bytes)
            if options.cache_dir is not None
            else None
        )

    def check(
        self, site: Site, site_path: str, answers: tuple[AnsweredQuestion, ...] = ()
    ) -> bytes:
        """The page's result, encoded (stored in the cache as well when there is one).

        ``answers`` are a tester's answers to the rules' questions about this page.
        """
        source = site.read(site_path)
        if source is None:  # unreadable: an error entry, not the findings of an empty page
            return encode_document(
                DocumentResult(
                    path=site_path,
                    title=None,
                    findings=[],
                    counts=OutcomeCounts(),
                    error=UNREADABLE_PAGE,
                )
            )
        recording = RecordingSite(site)
        document = analyze_document(
            source,
            path=site_path,
            site=recording,
            rules=self.rules,
            oracle=AnswerTable(answers) if answers else None,
            locate_passed=self.options.locate_passed,
        )
        if self.options.ignore_selectors and document.error is None:
            document = without_ignored(document, source, site, self.options.ignore_selectors)
        payload = encode_document(document)
        if self.cache is not None and document.error is None:
            key = page_key(
                source,
                site_path=site_path,
                rule_ids=self.options.rule_ids,
                variant=self.options.variant_with(answers),
            )
            self.cache.store(key, recording.dependencies, payload)
        return payload


def without_ignored(
    document: DocumentResult, source: bytes, site: Site, selectors: tuple[str, ...]
) -> DocumentResult:
    """``document`` without findings on elements matching ``selectors`` or inside them.

    The page is parsed again to match the selectors (only when a project ignores some): the
    engine's result names elements by XPath, and an element's descendants share its prefix.
    """
    page = parse_page(source, path=document.path, site=site)
    ignored: list[str] = []
    for selector in selectors:
        try:
            ignored.extend(xpath(element, page) for element in select(page, selector))
        except InvalidSelector:
            continue  # checked when the configuration was read
    if not ignored:
        return document
    prefixes = tuple(f"{path}/" for path in ignored)
    exact = frozenset(ignored)
    findings = [
        finding
        for finding in document.findings
        if finding.xpath is None
        or (finding.xpath not in exact and not finding.xpath.startswith(prefixes))
    ]
    document.findings = findings
    document.counts = count_outcomes(findings)
    return document


_ENCODER = msgspec.msgpack.Encoder()
DOCUMENT_DECODER = msgspec.msgpack.Decoder(DocumentResult)


def encode_document(document: DocumentResult) -> bytes:
    """MessagePack bytes of ``document``; text UTF-8 cannot hold (lone surrogates) becomes ?."""
    try:
        return _ENCODER.encode(document)
    except UnicodeEncodeError:
        return _ENCODER.encode(msgspec.convert(_scrub(msgspec.to_builtins(document)),
                                               DocumentResult))  # fmt: skip


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, list):
        return [_scrub(item) for item in value]
    if isinstance(value, dict):
        return {_scrub(key): _scrub(item) for key, item in value.items()}
    return value


_checker: PageChecker | None = None


def init_worker(options: CheckOptions) -> None:
    """Set up a worker process: its checker; Ctrl-C is the parent's to handle."""
    global _checker  # noqa: PLW0603 - one checker per worker process, set once
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _checker = PageChecker(options)


def check_in_worker(task: PageTask) -> bytes:
    """Check one page in a worker process set up by :func:`init_worker`."""
    if _checker is None:
        raise RuntimeError("init_worker was not called in this process")
    return _checker.check(task.site.open(), task.site_path, task.answers)
