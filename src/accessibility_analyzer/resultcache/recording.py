"""A site that notes every file the engine asked it for, and what it answered.

Style sheets are fetched through the wrapped site's resolver (they may lie outside the site,
see :mod:`accessibility_analyzer.engine.site`): such a question is recorded under a path
that names the referrer and the URL, and checked again by fetching the same way.
"""

from __future__ import annotations

import hashlib

import msgspec

from accessibility_analyzer.engine.dom import Site
from accessibility_analyzer.engine.site import FetchedSheet, UnavailableSheet, resolver_for

_SHEET = "\x1fsheet\x1f"  # marks a stylesheet fetch: _SHEET + referrer + "\x1f" + url


class Dependency(msgspec.Struct, frozen=True, array_like=True):
    """One question a page's analysis asked its site, and the answer it got.

    Attributes:
        path: the site-relative path asked about.
        read: ``True`` for ``read`` (``digest`` is the file's hash, ``""`` when absent),
            ``False`` for ``exists`` (``digest`` is ``"1"`` or ``""``).
        digest: the answer, in a form cheap to compare.
    """

    path: str
    read: bool
    digest: str


def digest_of(data: bytes | None) -> str:
    """A file's digest as a dependency records it (``""`` for a missing file)."""
    return "" if data is None else hashlib.blake2b(data, digest_size=16).hexdigest()


class RecordingSite:
    """Wraps a site; answers as it does and records each distinct question."""

    def __init__(self, site: Site) -> None:
        self._site = site
        self._seen: dict[tuple[str, bool], Dependency] = {}

    def read(self, path: str) -> bytes | None:
        """The wrapped site's bytes for ``path``, recorded."""
        data = self._site.read(path)
        self._seen.setdefault((path, True), Dependency(path, True, digest_of(data)))
        return data

    def exists(self, path: str) -> bool:
        """The wrapped site's answer for ``path``, recorded."""
        found = self._site.exists(path)
        self._seen.setdefault((path, False), Dependency(path, False, "1" if found else ""))
        return found

    def fetch_stylesheet(self, referrer: str, url: str) -> FetchedSheet | UnavailableSheet:
        """The wrapped site's resolver's answer for ``url``, recorded."""
        found = resolver_for(self._site).fetch_stylesheet(referrer, url)
        key = f"{_SHEET}{referrer}\x1f{url}"
        self._seen.setdefault((key, True), Dependency(key, True, _sheet_digest(found)))
        return found

    @property
    def dependencies(self) -> list[Dependency]:
        """Every question asked so far, in the order first asked."""
        return list(self._seen.values())


def _sheet_digest(found: FetchedSheet | UnavailableSheet) -> str:
    return digest_of(found.data if isinstance(found, FetchedSheet) else None)


def _current_digest(site: Site, dependency: Dependency) -> str:
    if dependency.path.startswith(_SHEET):
        referrer, _, url = dependency.path.removeprefix(_SHEET).partition("\x1f")
        return _sheet_digest(resolver_for(site).fetch_stylesheet(referrer, url))
    return digest_of(site.read(dependency.path))


def still_valid(site: Site, dependencies: list[Dependency], memo: dict[str, str]) -> bool:
    """Whether ``site`` still answers every recorded question the same way.

    ``memo`` maps a path to its current digest, so one run hashes each shared stylesheet
    once, whatever the number of pages that use it.
    """
    for dependency in dependencies:
        if dependency.read:
            current = memo.get(dependency.path)
            if current is None:
                current = _current_digest(site, dependency)
                memo[dependency.path] = current
        else:
            current = "1" if site.exists(dependency.path) else ""
        if current != dependency.digest:
            return False
    return True
