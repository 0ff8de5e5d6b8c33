"""The files of an upload, how a URL in a page names one of them, and how sheets are found.

Paths are site-relative POSIX paths without a leading slash. URLs with a scheme (``https:``,
``data:``, ``javascript:``, ``mailto:``) or a host (``//cdn.example``) point outside the
upload and resolve to ``None``.

Style sheets are fetched through a :class:`StylesheetResolver`, which the caller provides
(the engine does no I/O): a :class:`~accessibility_analyzer.engine.dom.Site` that also has
``fetch_stylesheet`` is its own resolver (the CLI's folders follow ``../`` wherever it leads
on the disk); any other site gets an :class:`UploadResolver`, which reads only inside the
upload, as the service must.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol, runtime_checkable
from urllib.parse import unquote, urljoin, urlsplit

from accessibility_analyzer.engine.dom import EmptySite, Page, Site

__all__ = [
    "EmptySite",
    "FetchedSheet",
    "MappingSite",
    "StylesheetResolver",
    "UnavailableSheet",
    "UploadResolver",
    "base_href",
    "is_remote_url",
    "join_base",
    "resolve_page_url",
    "resolve_url",
    "resolver_for",
]

_STRIPPED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class MappingSite:
    """An upload held in memory: site-relative path -> bytes (pure; no file system)."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        self._files = {path.lstrip("/"): data for path, data in files.items()}

    def read(self, path: str) -> bytes | None:
        """Bytes of the file, or ``None``."""
        return self._files.get(path)

    def exists(self, path: str) -> bool:
        """Whether the upload holds the file."""
        return path in self._files


def _directory_of(path: str) -> str:
    return posixpath.dirname(path)


def resolve_url(page_path: str, url: str, *, base: str | None = None) -> str | None:
    """The site-relative path ``url`` names when it appears in the page at ``page_path``.

    Args:
        page_path: site-relative path of the page holding the URL.
        url: the attribute value (``../img/a.png``, ``/css/site.css``, ``#top``).
        base: the page's ``<base href>``, when it has one.

    Returns:
        A normalised site-relative path (query and fragment stripped, ``%20`` decoded, a
        trailing ``/`` read as ``index.html``), or ``None`` for URLs outside the upload.
    """
    cleaned = _STRIPPED.sub("", url).strip(" \f")
    if _SCHEME.match(cleaned) or cleaned.startswith(("//", "\\\\")):
        return None
    directory = _directory_of(page_path.lstrip("/"))
    if base:
        base_path = resolve_url(page_path, base)
        if base_path is None:
            return None  # every relative URL now points outside the upload
        stripped_base = _STRIPPED.sub("", base).strip(" \f").split("#")[0].split("?")[0]
        directory = base_path if stripped_base.endswith("/") else _directory_of(base_path)
        if directory.endswith("index.html") and stripped_base.endswith("/"):
            directory = _directory_of(directory)
    parts = urlsplit(cleaned.replace("\\", "/"))
    path = unquote(parts.path)
    if not path:
        return page_path.lstrip("/")  # "#top", "?q=1", "": the page itself
    joined = path if path.startswith("/") else posixpath.join("/", directory, path)
    normalised = posixpath.normpath(joined)  # clamps ".." at the root, as browsers do
    if path.endswith("/") or normalised == "/":
        normalised = posixpath.join(normalised, "index.html")
    return normalised.lstrip("/")


def base_href(page: Page) -> str | None:
    """The first ``<base href>`` of the page (the one browsers use), if any."""
    for element in page.by_tag("base"):
        if element.is_html and "href" in element.attrs:
            return element.attrs["href"]
    return None


def resolve_page_url(page: Page, url: str) -> str | None:
    """:func:`resolve_url` for a URL in ``page``, honouring its ``<base href>``."""
    return resolve_url(page.path, url, base=base_href(page))


def is_remote_url(url: str) -> bool:
    """Whether ``url`` has a scheme or a host (``https://cdn/x.css``, ``//cdn/x.css``)."""
    cleaned = _STRIPPED.sub("", url).strip(" \f")
    return bool(_SCHEME.match(cleaned)) or cleaned.startswith(("//", "\\\\"))


def join_base(base: str | None, url: str) -> str:
    """``url`` as written in a page whose ``<base href>`` is ``base``, relative to the page.

    Unlike ``urljoin`` this keeps leading ``../`` of relative bases: where they lead is the
    resolver's business (a local file may link above its folder).
    """
    if not base:
        return url
    cleaned = _STRIPPED.sub("", url).strip(" \f")
    if is_remote_url(cleaned) or cleaned.startswith("/"):
        return cleaned
    stripped_base = _STRIPPED.sub("", base).strip(" \f").split("#")[0].split("?")[0]
    if is_remote_url(stripped_base):
        return urljoin(stripped_base, cleaned)
    directory = stripped_base if stripped_base.endswith("/") else posixpath.dirname(stripped_base)
    if not cleaned or cleaned.startswith(("#", "?")):
        return stripped_base + cleaned
    return posixpath.join(directory, cleaned) if directory else cleaned


@dataclass(frozen=True, slots=True)
class FetchedSheet:
    """A sheet's bytes and its location (the referrer of the URLs it contains)."""

    location: str
    data: bytes


@dataclass(frozen=True, slots=True)
class UnavailableSheet:
    """A sheet that could not be read: ``remote`` (another host) or ``missing``."""

    url: str
    reason: str

    def describe(self) -> str:
        """``https://cdn/x.css (remote)``."""
        return f"{self.url} ({self.reason})"


@runtime_checkable
class StylesheetResolver(Protocol):
    """Maps a URL found in a page or a sheet to the sheet's bytes, or says it is unavailable.

    ``referrer`` is the location of what holds the URL: the page's site-relative path for
    ``<link>``/``<style>``, or the ``location`` of a :class:`FetchedSheet` for its imports.
    """

    def fetch_stylesheet(self, referrer: str, url: str) -> FetchedSheet | UnavailableSheet:
        """The sheet ``url`` names, relative to ``referrer``."""
        ...


class UploadResolver:
    """Sheets of an upload only: URLs resolve as on a served site (``..`` stops at the root)."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def fetch_stylesheet(self, referrer: str, url: str) -> FetchedSheet | UnavailableSheet:
        """The upload's file ``url`` names, relative to the site path ``referrer``."""
        path = resolve_url(referrer, url)
        if path is None:
            return UnavailableSheet(url, "remote")
        data = self.site.read(path)
        if data is None:
            return UnavailableSheet(url, "missing")
        return FetchedSheet(path, data)


def resolver_for(site: Site) -> StylesheetResolver:
    """The site itself when it fetches sheets, else an :class:`UploadResolver` over it."""
    if isinstance(site, StylesheetResolver):
        return site
    return UploadResolver(site)
