"""The files of an upload, and how a URL in a page names one of them.

Paths are site-relative POSIX paths without a leading slash. URLs with a scheme (``https:``,
``data:``, ``javascript:``, ``mailto:``) or a host (``//cdn.example``) point outside the
upload and resolve to ``None``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit

from accessibility_analyzer.engine.dom import EmptySite, Page

__all__ = ["EmptySite", "MappingSite", "base_href", "resolve_page_url", "resolve_url"]

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
