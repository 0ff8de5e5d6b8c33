"""What `a11y check` reads: pages from files, folders and ZIP archives, each with its site.

A folder or a ZIP is a site: its root is the root for root-relative URLs (``/css/a.css``), and
its other files (stylesheets, images, linked pages) are what the engine may look up. A single
file's site is its own folder unless ``--base-dir`` names another.

Style sheets of a folder's pages are found as a browser opening the file would: a relative
``<link>`` or ``@import`` URL is followed wherever it leads on the disk (``../../_static/a.css``
above the folder included); the site's root only anchors root-relative URLs.
"""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Literal
from urllib.parse import unquote, urlsplit

from accessibility_analyzer.engine.dom import Site
from accessibility_analyzer.engine.site import FetchedSheet, UnavailableSheet, is_remote_url

PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# Reading a ZIP for the CLI is the user's own file, but a bomb would still exhaust memory:
# cap what one entry may expand to.
MAX_ZIP_ENTRY_BYTES = 50 * 1024 * 1024


class InputError(Exception):
    """A path given on the command line cannot be checked."""


@dataclass(frozen=True)
class SiteRef:
    """How to open a site again in another process: its kind and its folder or archive."""

    kind: Literal["folder", "zip"]
    location: str

    def open(self) -> Site:
        """The site (opened once per process and reused)."""
        return _open_site(self.kind, self.location)


@lru_cache(maxsize=64)
def _open_site(kind: str, location: str) -> Site:
    if kind == "zip":
        return ZipSite(zipfile.ZipFile(location))
    return DirectorySite(Path(location))


class DirectorySite:
    """Files under one folder, looked up by site-relative POSIX path; nothing outside it."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.ref = SiteRef("folder", str(self.root))

    def _locate(self, path: str) -> Path | None:
        candidate = (self.root / path.lstrip("/")).resolve()
        if candidate != self.root and self.root not in candidate.parents:
            return None  # `../` must not escape the site
        return candidate if candidate.is_file() else None

    def read(self, path: str) -> bytes | None:
        """Bytes of the file, or ``None`` when the site has no such file."""
        found = self._locate(path)
        if found is None:
            return None
        try:
            return found.read_bytes()
        except OSError:
            return None

    def exists(self, path: str) -> bool:
        """Whether the site holds this file."""
        return self._locate(path) is not None

    def fetch_stylesheet(self, referrer: str, url: str) -> FetchedSheet | UnavailableSheet:
        """The sheet ``url`` names, as a browser opening the page's file finds it.

        ``referrer`` is the page's site path or an absolute file path (a sheet's location).
        Relative URLs are followed anywhere on the disk, root-relative ones from the site's
        root; ``file:`` URLs name absolute paths; other schemes and hosts are remote.
        """
        parts = urlsplit(url.strip().replace("\\", "/"))
        if parts.scheme.lower() == "file":
            target = Path(unquote(parts.path))
        elif is_remote_url(url):
            return UnavailableSheet(url, "remote")
        else:
            path = unquote(parts.path)
            if not path:
                return UnavailableSheet(url, "missing")
            if path.startswith("/"):
                target = self.root / path.lstrip("/")
            else:
                referring = Path(referrer) if referrer.startswith("/") else self.root / referrer
                target = referring.parent / path
        try:
            resolved = target.resolve()
            # Only regular files: a device or FIFO (`file:///dev/zero`) never ends.
            if not resolved.is_file():
                return UnavailableSheet(url, "missing")
            if resolved.stat().st_size > MAX_ZIP_ENTRY_BYTES:
                return UnavailableSheet(url, f"over {MAX_ZIP_ENTRY_BYTES >> 20} MB")
            return FetchedSheet(resolved.as_posix(), resolved.read_bytes())
        except (OSError, ValueError):
            return UnavailableSheet(url, "missing")


class ZipSite:
    """Files inside a ZIP archive (entries with unsafe names are invisible)."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.ref = SiteRef("zip", str(Path(str(archive.filename)).resolve()))
        self._entries: dict[str, zipfile.ZipInfo] = {}
        for info in archive.infolist():
            name = _safe_entry_name(info)
            if name is not None:
                self._entries[name] = info

    @property
    def names(self) -> list[str]:
        """Safe entry names, in archive order."""
        return list(self._entries)

    def read(self, path: str) -> bytes | None:
        """Bytes of the entry, or ``None`` when absent, too large, encrypted or corrupt."""
        info = self._entries.get(path.lstrip("/"))
        if info is None or info.file_size > MAX_ZIP_ENTRY_BYTES or info.flag_bits & 0x1:
            return None
        try:
            with self.archive.open(info) as handle:
                data = handle.read(MAX_ZIP_ENTRY_BYTES + 1)
        except Exception:
            # Damaged data raises whatever its codec raises (zlib.error, EOFError, LZMAError,
            # BadZipFile on a CRC mismatch...): the entry is unreadable, the archive is not.
            return None
        return data if len(data) <= MAX_ZIP_ENTRY_BYTES else None

    def exists(self, path: str) -> bool:
        """Whether the archive holds this entry."""
        return path.lstrip("/") in self._entries


def _safe_entry_name(info: zipfile.ZipInfo) -> str | None:
    if info.is_dir():
        return None
    name = info.filename.replace("\\", "/")
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or ":" in parts[0] or ".." in parts:
        return None
    if (info.external_attr >> 16) & 0o170000 == 0o120000:  # a symlink entry
        return None
    return "/".join(parts)


@dataclass(frozen=True)
class PageInput:
    """One page to check.

    Attributes:
        display: how the page is named in output (a filesystem path, or ``site.zip!a/b.html``).
        site_path: the page's path inside its site (what the engine resolves URLs against).
        site: the page's site.
    """

    display: str
    site_path: str
    site: DirectorySite | ZipSite

    def read(self) -> bytes:
        """The page's bytes (empty when it vanished since it was listed)."""
        return self.site.read(self.site_path) or b""


def collect_pages(paths: list[Path], base_dir: Path | None = None) -> list[PageInput]:
    """Turn command-line paths into pages, in a stable order.

    Raises:
        InputError: a path does not exist or is not a page, folder or ZIP.
    """
    pages: list[PageInput] = []
    seen: set[str] = set()
    for path in paths:
        for page in _pages_of(path, base_dir):
            # A page named twice (`site/` and `site/a.html`) is checked and reported once.
            identity = _identity(page)
            if identity not in seen:
                seen.add(identity)
                pages.append(page)
    return pages


def _identity(page: PageInput) -> str:
    ref = page.site.ref
    if ref.kind == "zip":
        return f"{ref.location}!{page.site_path}"
    return str(Path(ref.location) / page.site_path)


def _pages_of(path: Path, base_dir: Path | None) -> Iterator[PageInput]:
    if path.is_dir():
        site = DirectorySite(path)
        outside: list[Path] = []
        for file in sorted(path.rglob("*")):
            if file.is_file() and file.suffix.lower() in PAGE_SUFFIXES:
                resolved = file.resolve()
                if site.root not in resolved.parents:
                    outside.append(file)  # a symbolic link out of the folder
                    continue
                yield PageInput(str(file), resolved.relative_to(site.root).as_posix(), site)
        if outside:
            named = ", ".join(map(str, outside[:3])) + (", ..." if len(outside) > 3 else "")
            print(
                f"a11y check: {len(outside)} page(s) link outside {path}, not checked "
                f"(check their folder instead): {named}",
                file=sys.stderr,
            )
        return
    if not path.is_file():
        raise InputError(f"{path}: no such file or folder")
    suffix = path.suffix.lower()
    if suffix == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as error:
            raise InputError(f"{path}: not a readable ZIP archive ({error})") from error
        zip_site = ZipSite(archive)
        for name in zip_site.names:
            if PurePosixPath(name).suffix.lower() in PAGE_SUFFIXES:
                yield PageInput(f"{path}!{name}", name, zip_site)
        return
    if suffix not in PAGE_SUFFIXES:
        raise InputError(f"{path}: not an HTML page (.html, .htm, .xhtml), folder or ZIP")
    root = (base_dir or path.parent).resolve()
    resolved = path.resolve()
    if root not in resolved.parents:
        raise InputError(f"{path}: not inside the base directory {root}")
    yield PageInput(str(path), resolved.relative_to(root).as_posix(), DirectorySite(root))
