"""What a pool child does for one page: read it and its site from disk, run the engine.

The parent passes file paths, never file contents, so its memory stays flat however large
the upload is: a child reads the page itself and reads stylesheets (through
:class:`ManifestSite`) only when the engine asks for them. The site's path -> file map is
written once per analysis to a manifest file (see :func:`write_manifest`); children load it
once and keep a few recent ones.

The result goes back as msgpack bytes of a :class:`DocumentResult` (msgspec encodes it far
faster than pickle walks the structs, and the parent decodes it straight into the struct).
"""

from __future__ import annotations

import traceback
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path

import msgspec

from accessibility_analyzer.engine import analyze_document
from accessibility_analyzer.engine.oracle import AnsweredQuestion, AnswerTable
from accessibility_analyzer.engine.result import DocumentResult, OutcomeCounts
from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.resultcache import ResultCache, analyse_or_reuse
from accessibility_analyzer.rules import ALL_RULES, DEFAULT_RULES
from accessibility_analyzer.storage.storable import storable

# A stylesheet is read by every page that links it; keep recent ones up to this many bytes.
_SITE_CACHE_BYTES = 32 * 1024 * 1024
_MANIFESTS_KEPT = 4
RESULT_CACHE_FOLDER = "result-cache"
_EVICT_EVERY = 256  # stores between two size checks of the cache folder
_caches: dict[str, ResultCache] = {}


def forget_caches() -> None:
    """Drop this process's result caches and rule selections (``process_state`` resets)."""
    _caches.clear()
    _rules_by_selection.clear()


_encoder = msgspec.msgpack.Encoder()
_manifest_decoder = msgspec.msgpack.Decoder(dict[str, str])
_result_decoder = msgspec.msgpack.Decoder(DocumentResult)
_answers_decoder = msgspec.msgpack.Decoder(tuple[AnsweredQuestion, ...])


def write_manifest(path: Path, files: Mapping[str, str]) -> None:
    """Write the site map of one analysis: site-relative path -> absolute file path on disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(_encoder.encode(dict(files)))
    temporary.replace(path)  # atomic: a child never reads half a manifest


class ManifestSite:
    """The engine's :class:`~accessibility_analyzer.engine.dom.Site`, backed by files on disk."""

    def __init__(self, files: Mapping[str, str]) -> None:
        self._files = files
        self._cache: OrderedDict[str, bytes] = OrderedDict()
        self._cached_bytes = 0

    def exists(self, path: str) -> bool:
        """Whether the upload holds a file at ``path``."""
        return path in self._files

    def location(self, path: str) -> str | None:
        """Where the file at ``path`` is stored on disk (``None`` when there is none)."""
        return self._files.get(path)

    def read(self, path: str) -> bytes | None:
        """The file's bytes, or ``None`` when the upload has no such file (or it vanished)."""
        cached = self._cache.get(path)
        if cached is not None:
            self._cache.move_to_end(path)
            return cached
        location = self._files.get(path)
        if location is None:
            return None
        try:
            data = Path(location).read_bytes()
        except OSError:  # removed by cleanup meanwhile: the page is analysed without it
            return None
        self._remember(path, data)
        return data

    def _remember(self, path: str, data: bytes) -> None:
        if len(data) > _SITE_CACHE_BYTES // 4:
            return
        self._cache[path] = data
        self._cached_bytes += len(data)
        while self._cached_bytes > _SITE_CACHE_BYTES:
            _, evicted = self._cache.popitem(last=False)
            self._cached_bytes -= len(evicted)


# Per-child state: loaded manifests (with their site caches) and resolved rule selections.
_sites: OrderedDict[str, ManifestSite] = OrderedDict()
_rules_by_selection: dict[tuple[str, ...] | None, tuple[type[Rule], ...]] = {}


def _site(manifest_path: str) -> ManifestSite:
    site = _sites.get(manifest_path)
    if site is None:
        files = _manifest_decoder.decode(Path(manifest_path).read_bytes())
        site = _sites[manifest_path] = ManifestSite(files)
        while len(_sites) > _MANIFESTS_KEPT:
            _sites.popitem(last=False)
    else:
        _sites.move_to_end(manifest_path)
    return site


def _rules(rule_ids: tuple[str, ...] | None) -> tuple[type[Rule], ...]:
    rules = _rules_by_selection.get(rule_ids)
    if rules is None:
        if rule_ids is None:
            rules = DEFAULT_RULES
        else:
            wanted = set(rule_ids)
            rules = tuple(rule for rule in ALL_RULES if rule.meta.id in wanted)
        _rules_by_selection[rule_ids] = rules
    return rules


def error_result(path: str, error: str) -> DocumentResult:
    """The entry recorded for a page that could not be analysed."""
    return DocumentResult(path=path, title=None, findings=[], counts=OutcomeCounts(), error=error)


def load_site(manifest_path: str) -> ManifestSite:
    """The site of an analysis's manifest (kept with a few recent ones in this process)."""
    return _site(manifest_path)


def analyse_page(
    manifest_path: str,
    page_path: str,
    rule_ids: tuple[str, ...] | None,
    answers: bytes | None = None,
) -> bytes:
    """Analyse one page of an upload; runs in a pool child.

    Args:
        manifest_path: the analysis's manifest file (see :func:`write_manifest`).
        page_path: site-relative path of the page (a key of the manifest).
        rule_ids: ids of the rules to run (already validated), ``None`` for all rules.
        answers: msgpack of the oracle's answers (``AnsweredQuestion`` entries) for a second
            pass of an ``{"oracle": "llm"}`` analysis; ``None`` answers nothing.

    Returns:
        msgpack bytes of the page's :class:`DocumentResult`. A page that cannot be read or
        makes the engine raise yields a result with ``error`` set, never an exception, so
        one bad page never fails the analysis.
    """
    try:
        site = _site(manifest_path)
        location = site.location(page_path)
        if location is None:
            return _encode(error_result(page_path, "the page's file is missing"))
        source = Path(location).read_bytes()
        if answers is not None:  # pass 2 of an oracle run: decided by answers, never cached
            oracle = AnswerTable(_answers_decoder.decode(answers))
            return _encode(
                analyze_document(
                    source, path=page_path, site=site, rules=_rules(rule_ids), oracle=oracle
                )
            )
        payload, _ = analyse_or_reuse(
            _result_cache(manifest_path),
            source,
            path=page_path,
            site=site,
            rules=_rules(rule_ids),
            encode=_encode,
        )
    except Exception as exc:  # the engine promises not to raise; a bug still must not fail
        detail = traceback.format_exception_only(exc)[-1].strip()
        return _encode(error_result(page_path, f"analysis failed: {detail}"))
    return payload


def _result_cache(manifest_path: str) -> ResultCache:
    """The result cache beside the manifests (``DATA_DIR/jobs/result-cache``), one per child.

    A page uploaded again unchanged (same bytes, stylesheets, rules and engine code) reuses
    its stored findings instead of running the engine; see :mod:`accessibility_analyzer.
    resultcache`. Bounded at 512 MB, least recently used entries go first.
    """
    folder = str(Path(manifest_path).parent / RESULT_CACHE_FOLDER)
    cache = _caches.get(folder)
    if cache is None:
        cache = _caches[folder] = ResultCache(Path(folder), evict_every=_EVICT_EVERY)
    return cache


def _encode(result: DocumentResult) -> bytes:
    """msgpack bytes of ``result``; text UTF-8 cannot encode (lone surrogates) is replaced."""
    try:
        return _encoder.encode(result)
    except UnicodeEncodeError:
        cleaned = storable(msgspec.to_builtins(result, str_keys=True))
        return _encoder.encode(msgspec.convert(cleaned, DocumentResult))


def encode_answers(entries: tuple[AnsweredQuestion, ...]) -> bytes:
    """What :func:`analyse_page` takes as ``answers``."""
    return _encoder.encode(entries)


def decode_result(payload: bytes) -> DocumentResult:
    """Decode what :func:`analyse_page` returned (in the parent)."""
    return _result_decoder.decode(payload)
