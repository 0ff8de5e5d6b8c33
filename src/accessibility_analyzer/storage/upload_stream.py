"""Receive a ``multipart/form-data`` upload chunk by chunk, straight into a staging area.

The request body is never held in memory: the push parser of the ``multipart`` package
(the one Litestar itself uses) yields each file's bytes as they arrive, and they go to a
staged file at once. Limits are enforced while receiving, so an oversized body is refused
as soon as it crosses the limit rather than after it has been read whole, and a file of an
unsupported type is refused as soon as its part header arrives.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import multipart

from accessibility_analyzer.storage.files import StagedFile, StagingArea
from accessibility_analyzer.storage.intake import PAGE_TYPES, ReceivedFile, check_upload_name
from accessibility_analyzer.storage.limits import UploadLimits, UploadRejected

FILES_FIELD = "files"
_ACCEPTED_SUFFIXES = (*PAGE_TYPES, ".zip")
_MAX_PART_HEADER_BYTES = 8 * 1024


def multipart_boundary(content_type: str | None) -> str:
    """Return the boundary of a ``multipart/form-data`` content type.

    Raises:
        UploadRejected: The body is not ``multipart/form-data`` (415) or has no boundary (400).
    """
    media_type, options = multipart.parse_options_header(content_type or "")
    if media_type != "multipart/form-data":
        raise UploadRejected(
            "unsupported_media_type",
            415,
            "send the files as multipart/form-data in the field 'files'",
        )
    boundary = str(options.get("boundary") or "")
    if not boundary:
        raise UploadRejected(
            "malformed_multipart", 400, "the multipart content type has no boundary"
        )
    return boundary


def check_content_length(content_length: str | None, limits: UploadLimits) -> None:
    """Refuse a body whose declared length is already over the limit (before reading it).

    Raises:
        UploadRejected: The declared length exceeds ``max_upload_bytes`` (413) or is not a
            number (400).
    """
    if content_length is None:
        return
    try:
        declared = int(content_length)
    except ValueError:
        raise UploadRejected(
            "malformed_request", 400, "the Content-Length header is not a number"
        ) from None
    if declared > limits.max_upload_bytes:
        raise _upload_too_large(limits)


def _upload_too_large(limits: UploadLimits) -> UploadRejected:
    return UploadRejected(
        "upload_too_large",
        413,
        f"the upload is larger than the limit of {limits.max_upload_bytes} bytes",
    )


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


class _Receiver:
    """State of one upload being received: the current part and the running totals."""

    def __init__(self, area: StagingArea, limits: UploadLimits) -> None:
        self.area = area
        self.limits = limits
        self.received: list[ReceivedFile] = []
        self.body_bytes = 0
        self.current: StagedFile | None = None
        self.current_limit = 0
        self.current_name = ""

    def start(self, segment: multipart.MultipartSegment) -> None:
        if segment.name != FILES_FIELD:
            raise UploadRejected(
                "unexpected_field",
                400,
                f"unexpected form field {segment.name!r}; send files in the field 'files'",
            )
        name = check_upload_name(segment.filename)
        suffix = _suffix(name)
        if suffix not in _ACCEPTED_SUFFIXES:
            raise UploadRejected(
                "unsupported_type",
                415,
                f"{name}: unsupported file type; upload .html, .htm, .xhtml or .zip files",
            )
        if len(self.received) >= self.limits.max_files_per_upload:
            raise UploadRejected(
                "too_many_files",
                413,
                f"an upload may contain at most {self.limits.max_files_per_upload} files",
            )
        self.current = self.area.new_file()
        self.current_name = name
        # A ZIP is bounded by the request limit; its entries are checked when extracted.
        self.current_limit = (
            self.limits.max_upload_bytes if suffix == ".zip" else self.limits.max_file_bytes
        )

    def data(self, chunk: bytes) -> None:
        if self.current is None:
            raise UploadRejected("malformed_multipart", 400, "file data outside of a part")
        self.current.write(chunk)
        if self.current.size_bytes > self.current_limit:
            raise UploadRejected(
                "file_too_large",
                413,
                f"{self.current_name} is larger than the limit of {self.current_limit} bytes",
            )

    def end(self) -> None:
        if self.current is not None:
            self.current.close()
            self.received.append(ReceivedFile(filename=self.current_name, staged=self.current))
        self.current = None

    def count(self, chunk: bytes) -> None:
        self.body_bytes += len(chunk)
        if self.body_bytes > self.limits.max_upload_bytes:
            raise _upload_too_large(self.limits)


async def receive_files(
    chunks: AsyncIterator[bytes],
    *,
    content_type: str | None,
    area: StagingArea,
    limits: UploadLimits,
) -> list[ReceivedFile]:
    """Stream a multipart body into ``area`` and return the files it carried.

    Args:
        chunks: The request body as it arrives.
        content_type: The request's ``Content-Type`` header.
        area: Where the files are written (the caller discards it on failure).
        limits: Request, file and file-count limits.

    Returns:
        The uploaded files in order, closed, with their sizes and hashes.

    Raises:
        UploadRejected: The body is not a valid upload or breaks a limit.
    """
    boundary = multipart_boundary(content_type)
    receiver = _Receiver(area, limits)
    # Page writes are small appends to the page cache; they do not need a thread each.
    try:
        with multipart.PushMultipartParser(
            boundary,
            max_header_size=_MAX_PART_HEADER_BYTES,
            max_header_count=16,
        ) as parser:
            async for chunk in chunks:
                if not chunk:
                    continue
                receiver.count(chunk)
                for event in parser.parse(chunk):
                    if isinstance(event, multipart.MultipartSegment):
                        receiver.start(event)
                    elif event:
                        receiver.data(event)
                    else:
                        receiver.end()
        # Leaving the parser's context checks that the closing boundary arrived.
    except multipart.ParserError as error:
        raise UploadRejected(
            "malformed_multipart", 400, f"the multipart body is malformed ({error})"
        ) from None
    if not receiver.received:
        raise UploadRejected("empty_upload", 400, "the upload contains no files")
    return receiver.received


__all__ = ["FILES_FIELD", "check_content_length", "multipart_boundary", "receive_files"]
