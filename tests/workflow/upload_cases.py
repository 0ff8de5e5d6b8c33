"""Bad uploads, built in memory: every case the intake must refuse, with its answer.

Shared by the HTTP tests (status, problem+json, nothing stored) and usable by anything that
needs a hostile ZIP. Each case is a list of ``(file name, bytes)`` parts for the multipart
field ``files`` plus the expected status and reason code. Limits are deliberately small
(`TEST_LIMITS`) so the bombs stay a few megabytes.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import zipfile
from dataclasses import dataclass

from accessibility_analyzer.storage.limits import UploadLimits

PAGE = b"<!doctype html><html lang=en><title>Home</title><h1>Hello</h1></html>"
CSS = b"body { color: #222; background: #fff }"

TEST_LIMITS = UploadLimits(
    max_upload_bytes=6 * 1024 * 1024,
    max_file_bytes=1024 * 1024,
    max_files_per_upload=5,
    zip_max_entries=40,
    zip_max_uncompressed_bytes=2 * 1024 * 1024,
    zip_max_ratio=50.0,
)


def build_zip(
    entries: list[tuple[str, bytes]] | list[tuple[zipfile.ZipInfo | str, bytes]],
    *,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A ZIP archive of ``entries`` (names or prepared ``ZipInfo`` objects)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def site_zip() -> bytes:
    """A small valid site: two pages, a stylesheet, an image and an ignored script."""
    return build_zip(
        [
            ("site/index.html", PAGE),
            ("site/about/index.html", PAGE.replace(b"Home", b"About")),
            ("site/style.css", CSS),
            ("site/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
            ("site/app.js", b"console.log('ignored')"),
            ("site/empty/", b""),
        ]
    )


def _symlink_entry() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("site/link.html")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def encrypted_zip() -> bytes:
    """A ZIP whose only entry has the "encrypted" flag (bit 0) set in both headers.

    zipfile cannot write encrypted entries, so the flag is patched in; no real cipher is
    needed, since the flag alone must be refused.
    """
    patched = bytearray(build_zip([("site/secret.html", PAGE)]))
    local = patched.index(b"PK\x03\x04")
    central = patched.index(b"PK\x01\x02")
    for flags_at in (local + 6, central + 8):
        (flags,) = struct.unpack_from("<H", patched, flags_at)
        struct.pack_into("<H", patched, flags_at, flags | 0x1)
    return bytes(patched)


def _patch_sizes(data: bytes, *, compress_size: int | None, file_size: int | None) -> bytes:
    """Rewrite the sizes of the only entry in both the local and the central header."""
    patched = bytearray(data)
    local = patched.index(b"PK\x03\x04")
    central = patched.index(b"PK\x01\x02")
    if compress_size is not None:
        struct.pack_into("<I", patched, local + 18, compress_size)
        struct.pack_into("<I", patched, central + 20, compress_size)
    if file_size is not None:
        struct.pack_into("<I", patched, local + 22, file_size)
        struct.pack_into("<I", patched, central + 24, file_size)
    return bytes(patched)


def lying_compressed_size_bomb() -> bytes:
    """Headers claim the entry is barely compressed; it really expands ~1000 times."""
    real = build_zip([("site/big.css", b"\x00" * (900 * 1024))])
    return _patch_sizes(real, compress_size=900 * 1024, file_size=None)


def lying_file_size_bomb() -> bytes:
    """Headers claim a tiny file; the data expands far beyond the claim."""
    real = build_zip([("site/big.css", b"a" * (900 * 1024))])
    return _patch_sizes(real, compress_size=None, file_size=100)


def _incompressible(size: int) -> bytes:
    return os.urandom(size // 2).hex().encode()[:size]


@dataclass(frozen=True)
class BadUpload:
    """One refused upload and the answer it must get."""

    id: str
    files: list[tuple[str, bytes]]
    status: int
    reason: str


def bad_uploads() -> list[BadUpload]:
    """Every case of issue 4's list of bad uploads."""
    return [
        BadUpload(
            "zip-slip-parent", [("s.zip", build_zip([("../evil.html", PAGE)]))], 422, "zip_slip"
        ),
        BadUpload(
            "zip-slip-nested-parent",
            [("s.zip", build_zip([("site/../../evil.html", PAGE)]))],
            422,
            "zip_slip",
        ),
        BadUpload(
            "zip-absolute", [("s.zip", build_zip([("/etc/evil.html", PAGE)]))], 422, "zip_slip"
        ),
        BadUpload(
            "zip-drive-letter", [("s.zip", build_zip([("C:/evil.html", PAGE)]))], 422, "zip_slip"
        ),
        BadUpload(
            "zip-backslash", [("s.zip", build_zip([("..\\evil.html", PAGE)]))], 422, "zip_slip"
        ),
        BadUpload(
            "zip-symlink",
            [("s.zip", build_zip([(_symlink_entry(), b"/etc/passwd")]))],
            422,
            "zip_symlink",
        ),
        BadUpload(
            "zip-control-char-name",
            [("s.zip", build_zip([("site/a\x07b.html", PAGE)]))],
            422,
            "zip_bad_name",
        ),
        BadUpload(
            "zip-bomb-ratio",
            [("s.zip", build_zip([("site/zeros.css", b"\x00" * (900 * 1024))]))],
            413,
            "zip_bomb",
        ),
        BadUpload(
            "zip-bomb-entries",
            [("s.zip", build_zip([(f"site/p{i}.html", PAGE) for i in range(41)]))],
            413,
            "zip_too_many_entries",
        ),
        BadUpload(
            "zip-bomb-total",
            [
                (
                    "s.zip",
                    build_zip([(f"site/f{i}.css", _incompressible(800 * 1024)) for i in range(3)]),
                )
            ],
            413,
            "zip_too_large",
        ),
        BadUpload(
            "zip-bomb-lying-compressed-size",
            [("s.zip", lying_compressed_size_bomb())],
            413,
            "zip_bomb",
        ),
        BadUpload(
            "zip-bomb-lying-file-size", [("s.zip", lying_file_size_bomb())], 422, "corrupt_zip"
        ),
        BadUpload(
            "zip-entry-too-large",
            [("s.zip", build_zip([("site/big.html", _incompressible(1024 * 1024 + 10))]))],
            413,
            "file_too_large",
        ),
        BadUpload(
            "zip-nested-by-name",
            [("s.zip", build_zip([("site/inner.zip", build_zip([("a.html", PAGE)]))]))],
            422,
            "zip_nested",
        ),
        BadUpload(
            "zip-nested-by-content",
            [("s.zip", build_zip([("site/inner.png", build_zip([("a.html", PAGE)]))]))],
            422,
            "zip_nested",
        ),
        BadUpload(
            "zip-encrypted",
            [("s.zip", encrypted_zip())],
            422,
            "zip_encrypted",
        ),
        BadUpload(
            "zip-corrupt-garbage",
            [("s.zip", b"this is not a zip archive at all")],
            422,
            "corrupt_zip",
        ),
        BadUpload("zip-corrupt-truncated", [("s.zip", site_zip()[:-30])], 422, "corrupt_zip"),
        BadUpload(
            "zip-without-usable-files",
            [("s.zip", build_zip([("site/app.js", b"x"), ("site/readme.txt", b"y")]))],
            422,
            "zip_empty",
        ),
        BadUpload(
            "zip-duplicate-paths",
            [
                ("a.zip", build_zip([("index.html", PAGE)])),
                ("b.zip", build_zip([("index.html", PAGE)])),
            ],
            422,
            "duplicate_path",
        ),
        BadUpload("empty-file", [("index.html", b"")], 400, "empty_file"),
        BadUpload("name-control-char", [("in\x01dex.html", PAGE)], 400, "invalid_file_name"),
        BadUpload("name-slash", [("../index.html", PAGE)], 400, "invalid_file_name"),
        BadUpload("name-backslash", [("dir\\index.html", PAGE)], 400, "invalid_file_name"),
        BadUpload(
            "page-too-large", [("big.html", b"x" * (1024 * 1024 + 1))], 413, "file_too_large"
        ),
        BadUpload(
            "too-many-files", [(f"p{i}.html", PAGE) for i in range(6)], 413, "too_many_files"
        ),
        BadUpload("unsupported-type", [("report.pdf", b"%PDF-1.7")], 415, "unsupported_type"),
        BadUpload("unsupported-type-exe", [("setup.exe", b"MZ")], 415, "unsupported_type"),
        BadUpload(
            "valid-then-bad",
            [("ok.html", PAGE), ("s.zip", build_zip([("../x.html", PAGE)]))],
            422,
            "zip_slip",
        ),
    ]
