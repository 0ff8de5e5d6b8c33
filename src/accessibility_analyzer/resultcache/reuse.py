"""Analyse a page, or reuse the result stored for the same key: the service's entry point.

The service's engine processes call :func:`analyse_or_reuse` for each page of an analysis. A
page uploaded again (the same bytes at the same path, the same stylesheets and other files
its analysis read, the same rules and engine code) gets the stored findings back without the
engine running; the job stores them like any other result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from accessibility_analyzer.engine import analyze_document
from accessibility_analyzer.engine.dom import Site
from accessibility_analyzer.engine.result import DocumentResult
from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.resultcache.key import page_key
from accessibility_analyzer.resultcache.recording import RecordingSite, still_valid
from accessibility_analyzer.resultcache.store import ResultCache

_VARIANT = "document"  # the whole DocumentResult, every outcome


def analyse_or_reuse(
    cache: ResultCache,
    source: bytes,
    *,
    path: str,
    site: Site,
    rules: Sequence[type[Rule]],
    encode: Callable[[DocumentResult], bytes],
) -> tuple[bytes, bool]:
    """The page's encoded result and whether it came from ``cache``.

    Args:
        cache: where results are kept.
        source: the page's bytes.
        path: its path inside its site.
        site: the other files of the upload.
        rules: the rules to run, in order.
        encode: turns a result into the bytes stored and returned.
    """
    key = page_key(source, site_path=path, rule_ids=[rule.meta.id for rule in rules],
                   variant=_VARIANT)  # fmt: skip
    entry = cache.load(key)
    if entry is not None:
        dependencies, payload = entry
        if still_valid(site, dependencies, {}):
            return payload, True
    recording = RecordingSite(site)
    result = analyze_document(source, path=path, site=recording, rules=rules)
    payload = encode(result)
    if result.error is None:
        cache.store(key, recording.dependencies, payload)
    return payload, False
