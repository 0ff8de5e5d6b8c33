"""Uploads of many files: a bounded total, linear work, no bind-parameter overflow."""

from __future__ import annotations

import importlib.util
import io
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.files import FileStore
from accessibility_analyzer.storage.intake import ReceivedFile, take_in
from accessibility_analyzer.storage.limits import UploadLimits, UploadRejected
from accessibility_analyzer.storage.uploads import first_existing_path

ROOT = Path(__file__).resolve().parents[2]


def _zip_parts(store: FileStore, archives: list[dict[str, bytes]]) -> list[ReceivedFile]:
    area = store.new_staging_area()
    received = []
    for number, entries in enumerate(archives):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in entries.items():
                archive.writestr(name, data)
        staged = area.new_file()
        staged.write(buffer.getvalue())
        staged.close()
        received.append(ReceivedFile(f"part{number}.zip", staged))
    return received


def test_files_inside_zips_count_against_the_stored_files_limit(tmp_path: Path) -> None:
    """Three ZIPs of four pages each, limit ten: the eleventh file refuses the upload (413)."""
    store = FileStore(tmp_path)
    archives = [{f"z{z}/p{n}.html": b"<p>x" for n in range(4)} for z in range(3)]
    received = _zip_parts(store, archives)
    limits = UploadLimits(max_stored_files_per_upload=10)
    with pytest.raises(UploadRejected) as rejected:
        take_in(received, store.new_staging_area(), limits)
    assert (rejected.value.reason, rejected.value.status_code) == ("too_many_files", 413)
    assert "files inside ZIPs count" in rejected.value.message


def test_an_upload_at_the_limit_and_a_duplicate_across_zips(tmp_path: Path) -> None:
    """Exactly the limit passes; the same path in two ZIPs is still refused (422)."""
    store = FileStore(tmp_path)
    fine = _zip_parts(store, [{f"a/p{n}.html": b"<p>x" for n in range(5)}] * 2)
    # Both parts hold the same paths: the second part's first file is a duplicate.
    with pytest.raises(UploadRejected) as rejected:
        take_in(fine, store.new_staging_area(), UploadLimits(max_stored_files_per_upload=10))
    assert rejected.value.reason == "duplicate_path"
    distinct = _zip_parts(store, [{f"z{z}/p{n}.html": b"<p>x" for n in range(5)} for z in (1, 2)])
    result = take_in(
        distinct, store.new_staging_area(), UploadLimits(max_stored_files_per_upload=10)
    )
    assert len(result.items) == len(result.paths) == 10


@pytest.mark.postgres
async def test_more_paths_than_postgresql_binds_are_checked_in_chunks(
    database: Database,
) -> None:
    """40,000 paths (over asyncpg's 32,767 bind parameters) are looked up without an error."""
    paths = [f"site/p{number}.html" for number in range(40_000)]
    async with database.transaction() as orm:
        assert await first_existing_path(orm, "0" * 32, paths) is None


def _load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "upload_intake_files", ROOT / "benchmarks" / "upload_intake.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


async def test_the_file_count_benchmark_stores_every_file(tmp_path: Path) -> None:
    """The benchmark's --files mode, briefly: two ZIP parts, every file stored and timed."""
    benchmark = _load_benchmark()
    measured = await benchmark.measure_files(6_000, tmp_path / "data")
    assert measured.documents == 6_000
    assert measured.microseconds_per_file > 0
