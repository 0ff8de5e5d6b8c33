"""Intake checks that need no upload: names, ZIP entry paths, extraction limits."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from accessibility_analyzer.storage.files import FileStore
from accessibility_analyzer.storage.intake import (
    ReceivedFile,
    check_upload_name,
    normalise_entry_path,
    take_in,
)
from accessibility_analyzer.storage.limits import UploadLimits, UploadRejected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("index.html", "index.html"),
        ("./site//about/./index.html", "site/about/index.html"),
        ("site/", "site"),
        ("déjà vu/page.html", "déjà vu/page.html"),
    ],
)
def test_safe_entry_names_become_clean_site_paths(name: str, expected: str) -> None:
    """Redundant ``.`` and empty segments are dropped; everything else is kept as is."""
    assert normalise_entry_path("a.zip", name) == expected


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../x.html", "zip_slip"),
        ("a/../b.html", "zip_slip"),
        ("a/b/../../../x.html", "zip_slip"),
        ("/abs.html", "zip_slip"),
        ("C:/x.html", "zip_slip"),
        ("c:x.html", "zip_slip"),
        ("a\\b.html", "zip_slip"),
        ("a\nb.html", "zip_bad_name"),
        ("a\x00b.html", "zip_bad_name"),
        ("./", "zip_bad_name"),
    ],
)
def test_unsafe_entry_names_are_refused(name: str, reason: str) -> None:
    """Anything that could leave the site folder or confuse a terminal is refused."""
    with pytest.raises(UploadRejected) as rejected:
        normalise_entry_path("a.zip", name)
    assert rejected.value.reason == reason
    assert rejected.value.status_code == 422


@pytest.mark.parametrize("name", [None, "", ".", "..", "a/b.html", "a\\b.html", "a\tb.html", " "])
def test_unusable_upload_names_are_refused(name: str | None) -> None:
    """Upload names are only ever labels; separators and control characters are refused."""
    with pytest.raises(UploadRejected) as rejected:
        check_upload_name(name)
    assert rejected.value.status_code == 400


def _zip_upload(tmp_path: Path, entries: dict[str, bytes]) -> tuple[FileStore, list[ReceivedFile]]:
    store = FileStore(tmp_path)
    area = store.new_staging_area()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    staged = area.new_file()
    staged.write(buffer.getvalue())
    staged.close()
    return store, [ReceivedFile("site.zip", staged)]


def test_a_bomb_is_stopped_after_a_bounded_amount_of_output(tmp_path: Path) -> None:
    """Extraction stops near the ratio limit instead of writing the whole expansion to disk."""
    limits = UploadLimits(zip_max_ratio=20, ratio_floor_bytes=1024, max_file_bytes=50 * 1024**2)
    store, received = _zip_upload(tmp_path, {"zeros.css": b"\x00" * (20 * 1024 * 1024)})
    area = store.new_staging_area()
    with pytest.raises(UploadRejected) as rejected:
        take_in(received, area, limits)
    assert rejected.value.reason == "zip_bomb"
    with zipfile.ZipFile(received[0].staged.path) as archive:
        compressed = archive.getinfo("zeros.css").compress_size
    written = sum(path.stat().st_size for path in area.root.iterdir())
    assert written <= 20 * compressed + 64 * 1024  # the allowance plus one read chunk
    assert written < 1024 * 1024  # of the 20 MB the entry would expand to


def test_small_well_compressed_files_are_not_mistaken_for_bombs(tmp_path: Path) -> None:
    """Below the floor a high ratio is harmless (a short page of repeated markup)."""
    store, received = _zip_upload(tmp_path, {"index.html": b"<p>a</p>" * 1000})
    result = take_in(received, store.new_staging_area(), UploadLimits(zip_max_ratio=5))
    assert [item.path for item in result.items] == ["index.html"]
    assert result.items[0].size_bytes == 8000
