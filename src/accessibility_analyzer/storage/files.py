"""File store: uploaded files on disk under ``DATA_DIR``, named by random keys.

Layout::

    DATA_DIR/files/<session id>/<storage key>   stored documents
    DATA_DIR/staging/<upload id>/<random>       an upload in progress

A stored file's name is its storage key (32 random hex digits), never anything the client
sent. Staging lives on the same filesystem as ``files/`` so installing a staged file is one
atomic ``rename``. Every removal tolerates files that are already gone, because two cleanup
processes (or a cleanup and a session delete) may race for the same file.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import secrets
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

_KEY_PATTERN = re.compile(r"[0-9a-f]{32}")


def new_storage_key() -> str:
    """Return a fresh random storage key (32 hex digits)."""
    return secrets.token_hex(16)


def _checked(value: str, what: str) -> str:
    """Refuse anything but a generated key, so no caller can make a path escape the store."""
    if not _KEY_PATTERN.fullmatch(value):
        raise ValueError(f"invalid {what}: {value!r}")
    return value


@dataclass(slots=True)
class RemovalStats:
    """What a removal actually deleted (files someone else removed first are not counted)."""

    files: int = 0
    bytes: int = 0

    def add(self, other: RemovalStats) -> None:
        """Add another removal's figures to these."""
        self.files += other.files
        self.bytes += other.bytes


@dataclass(frozen=True, slots=True)
class StoredFile:
    """A file found in the store while scanning it."""

    session_id: str
    storage_key: str
    path: Path
    size_bytes: int
    modified_at: float  # POSIX timestamp


class StagedFile:
    """A file being written into a staging area, hashed and counted as it goes.

    Use as a context manager or call `close()`; `size_bytes` and `sha256` are final after
    closing.
    """

    def __init__(self, path: Path) -> None:
        """Create the file at ``path`` (it must not exist yet)."""
        self.path = path
        self.size_bytes = 0
        self._digest = hashlib.sha256()
        self._handle: BinaryIO | None = path.open("xb")
        self.head = b""  # the first bytes, for content sniffing (nested archives)

    def write(self, chunk: bytes) -> None:
        """Append ``chunk``."""
        if self._handle is None:
            raise ValueError("write to a closed staged file")
        if len(self.head) < 8:
            self.head = (self.head + chunk)[:8]
        self._handle.write(chunk)
        self._digest.update(chunk)
        self.size_bytes += len(chunk)

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of everything written so far."""
        return self._digest.hexdigest()

    def close(self) -> None:
        """Flush and close the file (idempotent)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> StagedFile:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


@dataclass
class StagingArea:
    """A private folder for one upload; removed with everything left in it on `discard()`."""

    root: Path
    _files: list[StagedFile] = field(default_factory=list)

    def new_file(self) -> StagedFile:
        """Create an empty staged file with a random name."""
        staged = StagedFile(self.root / secrets.token_hex(16))
        self._files.append(staged)
        return staged

    def discard(self) -> None:
        """Close every staged file and delete the folder (tolerant of partial states)."""
        for staged in self._files:
            staged.close()
        shutil.rmtree(self.root, ignore_errors=True)


class FileStore:
    """Documents on disk, one folder per session."""

    def __init__(self, data_dir: Path) -> None:
        """Use ``data_dir`` (``DATA_DIR``); folders are created on first use."""
        self.data_dir = data_dir
        self.files_root = data_dir / "files"
        self.staging_root = data_dir / "staging"

    def session_dir(self, session_id: str) -> Path:
        """Folder of a session's documents."""
        return self.files_root / _checked(session_id, "session id")

    def path_for(self, session_id: str, storage_key: str) -> Path:
        """Where a stored document lives (whether or not it exists)."""
        return self.session_dir(session_id) / _checked(storage_key, "storage key")

    def read_bytes(self, session_id: str, storage_key: str) -> bytes:
        """Read a stored document whole (pages are small; limits cap them)."""
        return self.path_for(session_id, storage_key).read_bytes()

    def new_staging_area(self) -> StagingArea:
        """Create a private staging folder for one upload."""
        self.staging_root.mkdir(parents=True, exist_ok=True)
        root = self.staging_root / secrets.token_hex(16)
        root.mkdir()
        return StagingArea(root)

    def install(self, staged: StagedFile, session_id: str, storage_key: str) -> Path:
        """Move a closed staged file into the session's folder under ``storage_key``."""
        target = self.path_for(session_id, storage_key)
        target.parent.mkdir(parents=True, exist_ok=True)
        staged.close()
        staged.path.replace(target)
        return target

    def remove(self, session_id: str, storage_key: str) -> RemovalStats:
        """Delete one stored document; a file already gone counts as nothing."""
        return unlink_file(self.path_for(session_id, storage_key))

    def remove_session(self, session_id: str) -> RemovalStats:
        """Delete a session's folder and everything in it; tolerant of concurrent removal."""
        return remove_folder(self.session_dir(session_id))

    def iter_files(self) -> Iterator[StoredFile]:
        """Every stored document (for the orphan scan); skips what vanishes meanwhile."""
        try:
            session_dirs = list(self.files_root.iterdir())
        except FileNotFoundError:
            return
        for folder in session_dirs:
            if not _KEY_PATTERN.fullmatch(folder.name):
                continue
            try:
                entries = list(folder.iterdir())
            except (FileNotFoundError, NotADirectoryError):
                continue
            for entry in entries:
                try:
                    info = entry.stat()
                except FileNotFoundError:
                    continue
                yield StoredFile(folder.name, entry.name, entry, info.st_size, info.st_mtime)

    def remove_stale_staging(self, older_than_seconds: float) -> RemovalStats:
        """Delete staging folders left by crashed uploads, older than the given age."""
        stats = RemovalStats()
        cutoff = time.time() - older_than_seconds
        try:
            areas = list(self.staging_root.iterdir())
        except FileNotFoundError:
            return stats
        for area in areas:
            try:
                if area.stat().st_mtime >= cutoff:
                    continue
                entries = list(area.iterdir())
            except FileNotFoundError:
                continue
            for entry in entries:
                stats.add(unlink_file(entry))
            shutil.rmtree(area, ignore_errors=True)
        return stats

    def remove_empty_session_dir(self, session_id: str) -> None:
        """Remove a session folder if it is empty (after orphans were taken out of it)."""
        with contextlib.suppress(OSError):  # not empty, or already gone
            self.session_dir(session_id).rmdir()


def remove_folder(folder: Path) -> RemovalStats:
    """Delete a flat folder and its files; tolerant of concurrent removal.

    A file another process adds meanwhile stays (and so does the folder): the next pass
    takes it.
    """
    stats = RemovalStats()
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return stats
    for entry in entries:
        stats.add(unlink_file(entry))
    with contextlib.suppress(OSError):
        folder.rmdir()
    return stats


def unlink_file(path: Path) -> RemovalStats:
    """Delete one file and count it; a file already gone counts as nothing."""
    try:
        size = path.stat().st_size
        path.unlink()
    except FileNotFoundError:
        return RemovalStats()
    return RemovalStats(files=1, bytes=size)


__all__ = [
    "FileStore",
    "RemovalStats",
    "StagedFile",
    "StagingArea",
    "StoredFile",
    "new_storage_key",
    "remove_folder",
    "unlink_file",
]
