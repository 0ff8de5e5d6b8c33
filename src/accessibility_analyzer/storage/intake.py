"""Safe intake: turn the files of one upload into site files ready to store, or reject it.

Accepted uploads are ``.html``, ``.htm`` and ``.xhtml`` pages and ``.zip`` archives of a
site. Inside a ZIP, pages are kept, CSS, images and fonts are kept as assets, and anything
else is ignored. Every check that fails raises `UploadRejected` with a reason code; the
caller then discards the staging area, so a rejected upload stores nothing.

ZIP archives are distrusted throughout:

* entry names are checked for ZIP slip (``..``, absolute paths, drive letters, backslashes),
  control characters, and symlink entries (Unix mode in ``external_attr``);
* encrypted entries, nested archives and unreadable (corrupt) data are refused;
* bombs are caught while extracting, by counting the bytes decompression actually produces
  against the per-file, per-upload and compression-ratio limits. The ratio is measured
  against the compressed bytes the entry really occupies in the file, not the size its
  header claims, so a header that lies does not raise the allowance.

This module does blocking file I/O and decompression; call `take_in` from a worker thread.
"""

from __future__ import annotations

import bisect
import posixpath
import re
import stat
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from accessibility_analyzer.storage.files import StagedFile, StagingArea
from accessibility_analyzer.storage.limits import UploadLimits, UploadRejected

PAGE_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
}
ASSET_TYPES = {
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".svg": "image/svg+xml",
    ".ico": "image/vnd.microsoft.icon",
    ".bmp": "image/bmp",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".eot": "application/vnd.ms-fontobject",
}
# Nested ZIP archives are refused outright (an archive in an archive is the classic way to
# multiply a bomb). Office files and other ZIP-based formats are merely ignored like any
# other download a site links to, since they are never read.
ARCHIVE_SUFFIXES = {".zip"}
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
_DRIVE_LETTER = re.compile(r"^[A-Za-z]:")
_MAX_NAME_LENGTH = 255
_MAX_PATH_LENGTH = 1024
_CHUNK = 64 * 1024
_ENCRYPTED_FLAG = 0x1

Kind = Literal["page", "asset"]


@dataclass(frozen=True, slots=True)
class ReceivedFile:
    """One file part of an upload, already streamed into the staging area."""

    filename: str
    staged: StagedFile


@dataclass(frozen=True, slots=True)
class IntakeItem:
    """A file that passed intake and will become a document."""

    path: str  # normalised site-relative POSIX path
    kind: Kind
    media_type: str
    size_bytes: int
    sha256: str
    staged: StagedFile


@dataclass(slots=True)
class IntakeResult:
    """What an upload yields: files to store, and ZIP entries skipped as irrelevant."""

    items: list[IntakeItem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    paths: set[str] = field(default_factory=set)
    """The site paths of all kept files, kept up to date by ``add`` (a duplicate check per
    file must not rebuild it: that made intake quadratic in the number of files)."""

    def add(self, item: IntakeItem, max_items: int) -> None:
        """Keep ``item``; refuse a path seen before and an upload over ``max_items`` files.

        Raises:
            UploadRejected: the path occurs twice (422) or the upload would store more than
                ``max_items`` files (413).
        """
        if item.path in self.paths:
            raise UploadRejected(
                "duplicate_path", 422, f"{item.path} occurs more than once in this upload"
            )
        if len(self.items) >= max_items:
            raise UploadRejected(
                "too_many_files",
                413,
                f"an upload may store at most {max_items} files (files inside ZIPs count)",
            )
        self.paths.add(item.path)
        self.items.append(item)


def check_upload_name(name: str | None) -> str:
    """Validate the file name a client sent for an uploaded file and return it.

    Raises:
        UploadRejected: The name is missing, too long, or contains control characters or
            path separators (400).
    """
    if not name:
        raise UploadRejected("missing_file_name", 400, "every uploaded file needs a file name")
    if _CONTROL_CHARACTERS.search(name):
        raise UploadRejected(
            "invalid_file_name", 400, f"file name {name!r} contains control characters"
        )
    if "/" in name or "\\" in name:
        raise UploadRejected(
            "invalid_file_name", 400, f"file name {name!r} contains a path separator"
        )
    if name in {".", ".."} or len(name) > _MAX_NAME_LENGTH or not name.strip():
        raise UploadRejected("invalid_file_name", 400, f"file name {name!r} is not usable")
    return name


def _suffix(name: str) -> str:
    return posixpath.splitext(name)[1].lower()


def take_in(
    received: Iterable[ReceivedFile], area: StagingArea, limits: UploadLimits
) -> IntakeResult:
    """Validate every received file and extract ZIPs into ``area``.

    Args:
        received: The upload's files in the order they arrived.
        area: The upload's staging area; extracted ZIP entries are written into it.
        limits: The limits to enforce.

    Returns:
        The files to store (pages and assets) and the ZIP entries that were ignored.

    Raises:
        UploadRejected: Any check failed; the upload must be discarded as a whole.
    """
    result = IntakeResult()
    budget = _ExpansionBudget(limits)
    for upload in received:
        name = check_upload_name(upload.filename)
        suffix = _suffix(name)
        if upload.staged.size_bytes == 0:
            raise UploadRejected("empty_file", 400, f"{name} is empty")
        if suffix in PAGE_TYPES:
            if upload.staged.size_bytes > limits.max_file_bytes:
                raise _file_too_large(name, limits)
            result.add(
                _item(name, "page", PAGE_TYPES[suffix], upload.staged),
                limits.max_stored_files_per_upload,
            )
        elif suffix == ".zip":
            _extract_zip(
                name, upload.staged, area=area, limits=limits, budget=budget, result=result
            )
        else:
            raise UploadRejected(
                "unsupported_type",
                415,
                f"{name}: unsupported file type; upload .html, .htm, .xhtml or .zip files",
            )
    if not result.items:
        raise UploadRejected(
            "nothing_to_store", 422, "the upload contains no pages, stylesheets, images or fonts"
        )
    return result


def _item(path: str, kind: Kind, media_type: str, staged: StagedFile) -> IntakeItem:
    return IntakeItem(
        path=path,
        kind=kind,
        media_type=media_type,
        size_bytes=staged.size_bytes,
        sha256=staged.sha256,
        staged=staged,
    )


def _file_too_large(name: str, limits: UploadLimits) -> UploadRejected:
    return UploadRejected(
        "file_too_large", 413, f"{name} is larger than the limit of {limits.max_file_bytes} bytes"
    )


class _ExpansionBudget:
    """Bytes all ZIP entries of one upload may still expand to."""

    def __init__(self, limits: UploadLimits) -> None:
        self.remaining = limits.zip_max_uncompressed_bytes
        self.limit = limits.zip_max_uncompressed_bytes

    def spend(self, amount: int, archive: str) -> None:
        self.remaining -= amount
        if self.remaining < 0:
            raise UploadRejected(
                "zip_too_large",
                413,
                f"{archive} expands to more than the limit of {self.limit} bytes",
            )


def normalise_entry_path(archive: str, name: str) -> str:
    """Check a ZIP entry name and return it as a clean site-relative POSIX path.

    Raises:
        UploadRejected: The name could write outside the site (``..``, an absolute path,
            a drive letter, a backslash) or contains control characters (422).
    """
    if _CONTROL_CHARACTERS.search(name):
        raise UploadRejected(
            "zip_bad_name", 422, f"{archive}: entry {name!r} contains control characters"
        )
    if "\\" in name:
        raise UploadRejected(
            "zip_slip", 422, f"{archive}: entry {name!r} contains a backslash path separator"
        )
    if name.startswith("/") or _DRIVE_LETTER.match(name):
        raise UploadRejected("zip_slip", 422, f"{archive}: entry {name!r} is an absolute path")
    parts = [part for part in name.split("/") if part not in {"", "."}]
    if ".." in parts:
        raise UploadRejected(
            "zip_slip", 422, f"{archive}: entry {name!r} points outside the archive"
        )
    if not parts or len(name) > _MAX_PATH_LENGTH:
        raise UploadRejected("zip_bad_name", 422, f"{archive}: entry {name!r} is not usable")
    return "/".join(parts)


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return stat.S_ISLNK(mode)


def _open_archive(archive: str, staged: StagedFile) -> zipfile.ZipFile:
    staged.close()
    try:
        return zipfile.ZipFile(staged.path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise UploadRejected(
            "corrupt_zip", 422, f"{archive} is not a readable ZIP archive ({error})"
        ) from None


def _extract_zip(
    archive: str,
    staged: StagedFile,
    *,
    area: StagingArea,
    limits: UploadLimits,
    budget: _ExpansionBudget,
    result: IntakeResult,
) -> None:
    with _open_archive(archive, staged) as zip_file:
        entries = zip_file.infolist()
        if len(entries) > limits.zip_max_entries:
            raise UploadRejected(
                "zip_too_many_entries",
                413,
                f"{archive} has {len(entries)} entries; the limit is {limits.zip_max_entries}",
            )
        spans = _compressed_spans(zip_file, entries)
        kept_before = len(result.items)
        for info, span in zip(entries, spans, strict=True):
            path = normalise_entry_path(archive, info.filename)
            if _is_symlink(info):
                raise UploadRejected(
                    "zip_symlink", 422, f"{archive}: entry {info.filename!r} is a symbolic link"
                )
            if info.is_dir():
                continue
            if info.flag_bits & _ENCRYPTED_FLAG:
                raise UploadRejected(
                    "zip_encrypted", 422, f"{archive}: entry {info.filename!r} is encrypted"
                )
            suffix = _suffix(path)
            if suffix in ARCHIVE_SUFFIXES:
                raise UploadRejected(
                    "zip_nested", 422, f"{archive}: nested archive {info.filename!r} is not allowed"
                )
            if suffix in PAGE_TYPES:
                kind: Kind = "page"
                media_type = PAGE_TYPES[suffix]
            elif suffix in ASSET_TYPES:
                kind, media_type = "asset", ASSET_TYPES[suffix]
            else:
                result.ignored.append(path)
                continue
            extracted = _extract_entry(
                archive,
                zip_file,
                info,
                compressed_bytes=span,
                area=area,
                limits=limits,
                budget=budget,
            )
            if extracted.size_bytes == 0:  # an empty stylesheet is harmless, and useless
                result.ignored.append(path)
                continue
            result.add(_item(path, kind, media_type, extracted), limits.max_stored_files_per_upload)
        if len(result.items) == kept_before:
            raise UploadRejected(
                "zip_empty", 422, f"{archive} contains no pages, stylesheets, images or fonts"
            )


def _compressed_spans(zip_file: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> list[int]:
    """Bytes each entry really occupies in the file: up to the next entry or the directory.

    Used instead of the header's ``compress_size`` as the denominator of the ratio check:
    a header claiming a large compressed size would otherwise allow a huge expansion.
    """
    directory_start = int(getattr(zip_file, "start_dir", 0)) or None
    offsets = sorted({info.header_offset for info in entries})
    spans: list[int] = []
    for info in entries:
        following = bisect.bisect_right(offsets, info.header_offset)
        end = offsets[following] if following < len(offsets) else directory_start
        span = info.compress_size if end is None else end - info.header_offset
        spans.append(max(1, min(info.compress_size, span)))
    return spans


def _extract_entry(
    archive: str,
    zip_file: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    *,
    compressed_bytes: int,
    area: StagingArea,
    limits: UploadLimits,
    budget: _ExpansionBudget,
) -> StagedFile:
    """Decompress one entry into the staging area, enforcing the limits chunk by chunk."""
    label = f"{archive}: {info.filename}"
    staged = area.new_file()
    try:
        with staged, zip_file.open(info) as source:
            while chunk := source.read(_CHUNK):
                if staged.size_bytes == 0 and chunk.startswith(_ZIP_MAGIC):
                    raise UploadRejected("zip_nested", 422, f"{label} is itself a ZIP archive")
                staged.write(chunk)
                budget.spend(len(chunk), archive)
                if staged.size_bytes > limits.max_file_bytes:
                    raise _file_too_large(label, limits)
                if (
                    staged.size_bytes > limits.ratio_floor_bytes
                    and staged.size_bytes > limits.zip_max_ratio * compressed_bytes
                ):
                    raise UploadRejected(
                        "zip_bomb",
                        413,
                        f"{label} expands more than {limits.zip_max_ratio:g} times its "
                        "compressed size",
                    )
    except UploadRejected:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
        raise UploadRejected("corrupt_zip", 422, f"{label} cannot be read ({error})") from None
    except NotImplementedError as error:  # compression method zipfile does not support
        raise UploadRejected("corrupt_zip", 422, f"{label} cannot be read ({error})") from None
    except RuntimeError as error:  # encrypted without the flag in the central directory
        raise UploadRejected("zip_encrypted", 422, f"{label} cannot be read ({error})") from None
    return staged


__all__ = [
    "ASSET_TYPES",
    "PAGE_TYPES",
    "IntakeItem",
    "IntakeResult",
    "ReceivedFile",
    "check_upload_name",
    "normalise_entry_path",
    "take_in",
]
