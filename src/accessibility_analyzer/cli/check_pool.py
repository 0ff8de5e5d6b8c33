"""Checking many pages on every core, results in command-line order, memory bounded.

Pages are looked up in the result cache here, in the parent (a hit costs a hash of the page
and of the site files it read, each hashed once per run); misses go to a pool of worker
processes, started only when the first miss comes. Results leave in the order the pages were
given, whatever order the workers finish in: at most a window of a few pages per worker is
held while an earlier page is still being checked, so memory stays flat for any number of
pages. On Linux the workers are forked from this process, which has already imported the
engine and the rules, so starting one costs milliseconds, not an import (elsewhere they are
forked from a forkserver that imported them once).
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from accessibility_analyzer.cli.answers import PageAnswers, page_name
from accessibility_analyzer.cli.check_task import (
    DOCUMENT_DECODER,
    CheckOptions,
    PageChecker,
    PageTask,
    check_in_worker,
    init_worker,
)
from accessibility_analyzer.cli.inputs import PageInput, SiteRef
from accessibility_analyzer.engine.oracle import AnsweredQuestion
from accessibility_analyzer.engine.result import DocumentResult
from accessibility_analyzer.resultcache import ResultCache, page_key
from accessibility_analyzer.resultcache.recording import still_valid

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

_WINDOW_PER_WORKER = 4  # pages in flight (or finished, waiting for an earlier one) per worker
# Below this many pages per worker, a run without an explicit --jobs checks in its own
# process. Forked workers cost ~40 ms of CPU each (their own registry, default and site
# stylesheets), less than a page; through a forkserver (not Linux) about 0.3 s, ~10 pages.
AUTO_POOL_MIN_PAGES_PER_WORKER = 2 if sys.platform == "linux" else 8


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counter is not None:
        return int(counter() or 1)
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class CheckRun:
    """Checks pages with one set of options over ``jobs`` processes.

    Args:
        options: rules, ignored selectors and cache settings.
        jobs: worker processes; 1 checks in this process.
        min_pages_per_worker: fewer pages than this per worker are checked in this process.
        answers: a tester's answers per page (keyed by :func:`~.answers.page_name` of the
            page's display name); each page is checked with its own.
    """

    def __init__(
        self,
        options: CheckOptions,
        jobs: int,
        min_pages_per_worker: int = 1,
        answers: PageAnswers | None = None,
    ) -> None:
        self.options = options
        self.answers: PageAnswers = answers or {}
        self.jobs = max(1, jobs)
        self.min_pages_per_worker = max(1, min_pages_per_worker)
        self.cache = (
            ResultCache(Path(options.cache_dir), options.cache_max_bytes)
            if options.cache_dir is not None
            else None
        )
        self.cache_hits = 0
        self._digests: dict[SiteRef, dict[str, str]] = {}
        self._checker: PageChecker | None = None
        self._pool: ProcessPoolExecutor | None = None

    def results(self, pages: Sequence[PageInput]) -> Iterator[DocumentResult]:
        """The checked pages, in the order of ``pages``."""
        try:
            yield from self._ordered(pages)
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None
            if self.cache is not None:
                self.cache.evict()

    def _ordered(self, pages: Sequence[PageInput]) -> Iterator[DocumentResult]:
        parallel = self.jobs > 1 and len(pages) >= max(2, self.jobs * self.min_pages_per_worker)
        window = self.jobs * _WINDOW_PER_WORKER
        pending: deque[tuple[PageInput, DocumentResult | Future[bytes]]] = deque()
        for page in pages:
            answers = self._answers_of(page)
            cached = self._cached(page, answers)
            if cached is not None:
                pending.append((page, cached))
            elif parallel:
                task = PageTask(page.site.ref, page.site_path, answers)
                pending.append((page, self._workers().submit(check_in_worker, task)))
            else:
                pending.append((page, self._check_here(page, answers)))
            while pending and (len(pending) > window or _ready(pending[0][1])):
                yield _finish(*pending.popleft())
        while pending:
            yield _finish(*pending.popleft())

    def _answers_of(self, page: PageInput) -> tuple[AnsweredQuestion, ...]:
        if not self.answers:
            return ()
        return self.answers.get(page_name(page.display), ())

    def _cached(
        self, page: PageInput, answers: tuple[AnsweredQuestion, ...]
    ) -> DocumentResult | None:
        if self.cache is None:
            return None
        source = page.site.read(page.site_path)
        if source is None:
            return None  # checked again: it becomes the page's error entry
        key = page_key(
            source,
            site_path=page.site_path,
            rule_ids=self.options.rule_ids,
            variant=self.options.variant_with(answers),
        )
        entry = self.cache.load(key)
        if entry is None:
            return None
        dependencies, payload = entry
        digests = self._digests.setdefault(page.site.ref, {})
        if not still_valid(page.site, dependencies, digests):
            return None
        self.cache_hits += 1
        return DOCUMENT_DECODER.decode(payload)

    def _check_here(self, page: PageInput, answers: tuple[AnsweredQuestion, ...]) -> DocumentResult:
        if self._checker is None:
            self._checker = PageChecker(self.options)
        return DOCUMENT_DECODER.decode(self._checker.check(page.site, page.site_path, answers))

    def _workers(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # Imported here: a run that checks in its own process never pays for them.
            import multiprocessing  # noqa: PLC0415
            from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

            if sys.platform == "linux":
                # Forked from this process, which has imported the engine and the rules and
                # has no other thread yet (multiprocessing flushes stdout and stderr first,
                # so no worker writes their buffered bytes again): it starts in milliseconds.
                context = multiprocessing.get_context("fork")
            else:  # fork is unsafe on macOS: a forkserver imports the engine once instead
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(["accessibility_analyzer.cli.check_task"])
            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=context,
                initializer=init_worker,
                initargs=(self.options,),
            )
        return self._pool


def _ready(item: DocumentResult | Future[bytes]) -> bool:
    return not isinstance(item, Future) or item.done()


def _finish(page: PageInput, item: DocumentResult | Future[bytes]) -> DocumentResult:
    checked = DOCUMENT_DECODER.decode(item.result()) if isinstance(item, Future) else item
    checked.path = page.display
    return checked
