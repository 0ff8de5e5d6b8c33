"""Results kept in a folder, one file per key: safe under concurrent runs, bounded in size.

Each entry holds the dependencies a page's analysis recorded (:mod:`.recording`) and the
result's bytes. A writer writes a temporary file next to the entry and renames it into place,
so a reader sees the old entry, the new one or none, never half of one, whichever process
wrote it. Reading an entry touches its modification time; :meth:`ResultCache.evict` removes the
least recently used entries once the folder holds more than its limit.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
import zlib
from pathlib import Path

import msgspec

from accessibility_analyzer.resultcache.recording import Dependency

DEFAULT_MAX_MEGABYTES = 512
_SUFFIX = ".a11y"
_LOW_WATER = 0.8  # evicting down to 80% of the limit leaves room for the next run
_STALE_TEMPORARY_SECONDS = 3600  # a writer killed between write and rename leaves its .tmp


class _Entry(msgspec.Struct, array_like=True):
    dependencies: list[Dependency]
    payload: bytes


_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(_Entry)


class ResultCache:
    """A folder of cached results.

    Args:
        directory: where entries live (created on first write).
        max_bytes: size above which :meth:`evict` removes the oldest entries.
        evict_every: call :meth:`evict` after this many stores (0: only when asked), for
            long-lived processes that never reach an end of run.
    """

    def __init__(
        self, directory: Path, max_bytes: int = DEFAULT_MAX_MEGABYTES << 20, evict_every: int = 0
    ) -> None:
        self.directory = directory
        self.max_bytes = max_bytes
        self.evict_every = evict_every
        self._stores = 0

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}{_SUFFIX}"

    def load(self, key: str) -> tuple[list[Dependency], bytes] | None:
        """The dependencies and result bytes stored under ``key``, or ``None``.

        A missing, truncated or foreign file is a miss, never an error.
        """
        path = self._path(key)
        try:
            raw = path.read_bytes()
            entry = _DECODER.decode(zlib.decompress(raw))
        except (OSError, zlib.error, msgspec.DecodeError, msgspec.ValidationError):
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: evicted last
        return entry.dependencies, entry.payload

    def store(self, key: str, dependencies: list[Dependency], payload: bytes) -> None:
        """Keep ``payload`` under ``key``; a full disk or a read-only folder is ignored."""
        path = self._path(key)
        data = zlib.compress(_ENCODER.encode(_Entry(dependencies, payload)), 1)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                Path(temporary).replace(path)  # atomic: readers never see half an entry
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return  # a cache that cannot be written only costs time
        self._stores += 1
        if self.evict_every and self._stores % self.evict_every == 0:
            self.evict()

    def evict(self) -> int:
        """Remove the least recently used entries while the folder is over its limit.

        Returns:
            The number of entries removed.
        """
        entries: list[tuple[float, int, Path]] = []
        total = 0
        try:
            shards = [shard for shard in self.directory.iterdir() if shard.is_dir()]
        except OSError:
            return 0
        for shard in shards:
            with contextlib.suppress(OSError):
                for item in os.scandir(shard):
                    if item.name.endswith(".tmp"):
                        _remove_if_stale(item)
                        continue
                    if not item.name.endswith(_SUFFIX):
                        continue
                    with contextlib.suppress(OSError):
                        stat = item.stat()
                        entries.append((stat.st_mtime, stat.st_size, Path(item.path)))
                        total += stat.st_size
        if total <= self.max_bytes:
            return 0
        removed = 0
        target = self.max_bytes * _LOW_WATER
        for _, size, path in sorted(entries, key=lambda entry: entry[0]):
            if total <= target:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
            total -= size
        return removed


def _remove_if_stale(item: os.DirEntry[str]) -> None:
    with contextlib.suppress(OSError):
        if time.time() - item.stat().st_mtime > _STALE_TEMPORARY_SECONDS:
            Path(item.path).unlink()
