"""Rendered reports kept on disk under ``DATA_DIR``, removed with their session.

Layout::

    DATA_DIR/reports/<session id>/<analysis id>-<variant>.<extension>   a finished report
    DATA_DIR/reports/<session id>/.<random>.part                        one being written

A report is written to a ``.part`` file while it streams to the client and renamed into
place only once complete, so a reader never sees half a report; a ``.part`` left by a
crashed or disconnected download is removed by the cleanup pass once it is old. The
variant names everything that changes the bytes (format, options, renderer version), so a
new version never serves an old file.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from accessibility_analyzer.storage.files import RemovalStats, remove_folder, unlink_file

_ID_PATTERN = re.compile(r"[0-9a-f]{32}")
_VARIANT_PATTERN = re.compile(r"[0-9A-Za-z_-]{1,64}")
_EXTENSION_PATTERN = re.compile(r"[0-9a-z]{1,8}")
PART_SUFFIX = ".part"


def _checked(value: str, pattern: re.Pattern[str], what: str) -> str:
    """Refuse anything but a generated id or a plain name: no path can escape the folder."""
    if not pattern.fullmatch(value):
        raise ValueError(f"invalid {what}: {value!r}")
    return value


@dataclass(frozen=True, slots=True)
class ReportFiles:
    """The report folder of one ``DATA_DIR``."""

    root: Path

    @classmethod
    def under(cls, data_dir: Path) -> ReportFiles:
        """The report files of ``DATA_DIR`` (``DATA_DIR/reports``)."""
        return cls(data_dir / "reports")

    def session_dir(self, session_id: str) -> Path:
        """Folder of a session's reports."""
        return self.root / _checked(session_id, _ID_PATTERN, "session id")

    def path_for(self, session_id: str, analysis_id: str, variant: str, extension: str) -> Path:
        """Where a finished report lives (whether or not it exists yet)."""
        name = (
            f"{_checked(analysis_id, _ID_PATTERN, 'analysis id')}-"
            f"{_checked(variant, _VARIANT_PATTERN, 'variant')}."
            f"{_checked(extension, _EXTENSION_PATTERN, 'extension')}"
        )
        return self.session_dir(session_id) / name

    def open_part(self, session_id: str) -> tuple[Path, BinaryIO]:
        """A new ``.part`` file in the session's folder, open for writing."""
        folder = self.session_dir(session_id)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f".{secrets.token_hex(16)}{PART_SUFFIX}"
        return path, path.open("xb")

    def remove_session(self, session_id: str) -> RemovalStats:
        """Delete a session's reports and folder; tolerant of concurrent removal."""
        return remove_folder(self.session_dir(session_id))

    def session_ids(self) -> list[str]:
        """Sessions that have a report folder (for the orphan scan)."""
        try:
            return [
                entry.name for entry in self.root.iterdir() if _ID_PATTERN.fullmatch(entry.name)
            ]
        except FileNotFoundError:
            return []

    def remove_stale_parts(self, older_than_seconds: float) -> RemovalStats:
        """Delete ``.part`` files older than the given age (downloads that never finished)."""
        stats = RemovalStats()
        cutoff = time.time() - older_than_seconds
        for session_id in self.session_ids():
            with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                for entry in self.session_dir(session_id).glob(f".*{PART_SUFFIX}"):
                    with contextlib.suppress(FileNotFoundError):
                        if entry.stat().st_mtime < cutoff:
                            stats.add(unlink_file(entry))
        return stats


def install(part: Path, target: Path) -> None:
    """Move a complete ``.part`` file into place atomically (replacing an equal report)."""
    part.replace(target)


def discard(part: Path) -> None:
    """Remove a ``.part`` file that will not be installed; gone already is fine."""
    with contextlib.suppress(FileNotFoundError):
        part.unlink()


__all__ = ["PART_SUFFIX", "ReportFiles", "discard", "install"]
