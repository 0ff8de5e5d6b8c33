"""Upload limits and the rejection every intake check raises."""

from __future__ import annotations

from dataclasses import dataclass

from accessibility_analyzer.settings import Settings

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class UploadLimits:
    """Limits one upload request must stay within (see the upload section of `Settings`).

    Attributes:
        max_upload_bytes: Bytes of the whole request body.
        max_file_bytes: Bytes of one stored file: an uploaded page or one entry of a ZIP.
        max_files_per_upload: File parts in one request.
        max_stored_files_per_upload: Files one request may store in all, pages and assets,
            the files inside its ZIPs included.
        zip_max_entries: Entries of one ZIP archive (files and folders).
        zip_max_uncompressed_bytes: Bytes all ZIP entries of one request expand to.
        zip_max_ratio: Largest expanded/compressed ratio of one ZIP entry.
        ratio_floor_bytes: Entries smaller than this are never ratio-checked: a tiny file of
            repeated markup compresses very well and is harmless.
    """

    max_upload_bytes: int = 50 * MIB
    max_file_bytes: int = 10 * MIB
    max_files_per_upload: int = 100
    max_stored_files_per_upload: int = 20_000
    zip_max_entries: int = 5000
    zip_max_uncompressed_bytes: int = 200 * MIB
    zip_max_ratio: float = 100.0
    ratio_floor_bytes: int = 16 * 1024

    @classmethod
    def from_settings(cls, settings: Settings) -> UploadLimits:
        """Take the limits from the service settings."""
        return cls(
            max_upload_bytes=settings.max_upload_bytes,
            max_file_bytes=settings.max_file_bytes,
            max_files_per_upload=settings.max_files_per_upload,
            max_stored_files_per_upload=settings.max_stored_files_per_upload,
            zip_max_entries=settings.zip_max_entries,
            zip_max_uncompressed_bytes=settings.zip_max_uncompressed_bytes,
            zip_max_ratio=settings.zip_max_ratio,
        )


class UploadRejected(Exception):
    """An upload breaks a rule; nothing of it is stored.

    Attributes:
        reason: Stable machine-readable code (``zip_slip``, ``file_too_large``, ...), sent to
            the client as the problem's ``reason``.
        status_code: The HTTP status to answer with (400, 409, 413, 415 or 422).
        message: One sentence for a person: what was wrong and with which file.
    """

    def __init__(self, reason: str, status_code: int, message: str) -> None:
        """Record the reason, the status and the message."""
        super().__init__(message)
        self.reason = reason
        self.status_code = status_code
        self.message = message

    def __repr__(self) -> str:
        return f"UploadRejected({self.reason!r}, {self.status_code}, {self.message!r})"


__all__ = ["MIB", "UploadLimits", "UploadRejected"]
