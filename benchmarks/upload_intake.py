"""Upload intake: throughput and memory of a streamed upload, as its size and file count grow.

Usage::

    uv run python benchmarks/upload_intake.py                 # 5, 20 and 80 MB
    uv run python benchmarks/upload_intake.py --sizes-mb 1 4 --pages 200
    uv run python benchmarks/upload_intake.py --files 1000 10000 40000   # time per file
    uv run python benchmarks/upload_intake.py --files 1000 40000 \
        --database-url postgresql://postgres@127.0.0.1:5432/bench        # on PostgreSQL

``--files N ...``: for each N, one request of ZIP parts of up to 5,000 tiny pages each (the
shape of the worst case: many parts, each just under ``ZIP_MAX_ENTRIES``) is stored, and the
time per stored file is printed. The target: it stays flat from 1,000 to 40,000 files
(intake, duplicate checks and the database work are linear in the number of files).

For each size, a ZIP site of ``--pages`` pages plus one incompressible image padding it to the
size is streamed in 64 KiB chunks through ``store_upload`` (multipart parsing, staging,
extraction with limit checks, SQLite transaction, rename into place), as the documents
endpoint does. Printed per size: wall time, MB/s, and the peak of memory allocated by Python
during the upload (``tracemalloc``). The target: that peak stays flat (well under 1 MB of
growth per 10 MB of upload) because nothing is held in memory whole. Figures are printed,
never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import io
import os
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from accessibility_analyzer.storage.cleanup import purge_session
from accessibility_analyzer.storage.database import (
    Database,
    normalise_database_url,
    upgrade_database,
)
from accessibility_analyzer.storage.files import FileStore
from accessibility_analyzer.storage.limits import MIB, UploadLimits
from accessibility_analyzer.storage.sessions import create_session, mark_deleted
from accessibility_analyzer.storage.uploads import store_upload

BOUNDARY = "bench-boundary"
PAGE = b"<!doctype html><html lang=en><title>Page %d</title><main><h1>Page %d</h1>%s</main></html>"
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Measurement:
    """One upload's figures."""

    size_bytes: int
    documents: int
    seconds: float
    peak_traced_bytes: int


def build_body(size_bytes: int, pages: int) -> bytes:
    """A multipart body holding one site ZIP of about ``size_bytes``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(pages):
            filler = b"<p>Paragraph text for the benchmark.</p>" * 20
            archive.writestr(f"site/p{number}.html", PAGE % (number, number, filler))
        padding = max(0, size_bytes - buffer.tell())
        archive.writestr("site/photo.png", os.urandom(padding), zipfile.ZIP_STORED)
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; '
        'filename="site.zip"\r\nContent-Type: application/zip\r\n\r\n'
    ).encode()
    return head + buffer.getvalue() + f"\r\n--{BOUNDARY}--\r\n".encode()


async def chunks(body: bytes) -> AsyncIterator[bytes]:
    """The body as a network delivers it; views avoid copying the source in memory."""
    view = memoryview(body)
    for start in range(0, len(body), CHUNK):
        yield bytes(view[start : start + CHUNK])
        await asyncio.sleep(0)


async def measure(size_mb: float, pages: int, data_dir: Path) -> Measurement:
    """Upload one body of ``size_mb`` into a fresh session and measure it."""
    database = Database.from_url(normalise_database_url(None, data_dir))
    await upgrade_database(database)
    store = FileStore(data_dir)
    limits = UploadLimits(
        max_upload_bytes=1024 * MIB,
        max_file_bytes=512 * MIB,
        zip_max_uncompressed_bytes=1024 * MIB,
        zip_max_entries=pages + 10,
    )
    body = build_body(int(size_mb * MIB), pages)
    session = await create_session(database, owner="bench", name=None, lifetime=timedelta(hours=1))
    gc.collect()  # finalizers of earlier garbage must not run (and allocate) while measured
    tracemalloc.start()
    started = time.perf_counter()
    outcome = await store_upload(
        database,
        store,
        session_id=session.id,
        owner="bench",
        body=chunks(body),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        limits=limits,
    )
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    await database.dispose()
    return Measurement(len(body), len(outcome.documents), seconds, peak)


FILES_PER_ZIP = 5_000


@dataclass(frozen=True)
class FileCountMeasurement:
    """One many-files upload's figures."""

    files: int
    documents: int
    seconds: float

    @property
    def microseconds_per_file(self) -> float:
        """Wall time per stored file."""
        return self.seconds * 1e6 / max(1, self.documents)


def build_many_files_body(files: int) -> bytes:
    """A multipart body of ZIP parts holding ``files`` tiny pages in all."""
    parts: list[bytes] = []
    for part, start in enumerate(range(0, files, FILES_PER_ZIP)):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for number in range(start, min(files, start + FILES_PER_ZIP)):
                archive.writestr(f"part{part}/p{number}.html", PAGE % (number, number, b""))
        head = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; '
            f'filename="part{part}.zip"\r\nContent-Type: application/zip\r\n\r\n'
        ).encode()
        parts.append(head + buffer.getvalue() + b"\r\n")
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


async def measure_files(
    files: int, data_dir: Path, database_url: str | None = None
) -> FileCountMeasurement:
    """Store one upload of ``files`` pages into a fresh session and time it."""
    database = Database.from_url(normalise_database_url(database_url, data_dir))
    await upgrade_database(database)
    limits = UploadLimits(
        max_upload_bytes=1024 * MIB,
        max_files_per_upload=1 + files // FILES_PER_ZIP,
        max_stored_files_per_upload=files,
        zip_max_entries=FILES_PER_ZIP,
        zip_max_uncompressed_bytes=1024 * MIB,
    )
    body = build_many_files_body(files)
    session = await create_session(database, owner="bench", name=None, lifetime=timedelta(hours=1))
    try:
        started = time.perf_counter()
        outcome = await store_upload(
            database,
            FileStore(data_dir),
            session_id=session.id,
            owner="bench",
            body=chunks(body),
            content_type=f"multipart/form-data; boundary={BOUNDARY}",
            limits=limits,
        )
        seconds = time.perf_counter() - started
    finally:
        await mark_deleted(database, session.id, owner="bench")
        await purge_session(database, FileStore(data_dir), session.id)
        await database.dispose()
    return FileCountMeasurement(files, len(outcome.documents), seconds)


async def run_files(counts: list[int], database_url: str | None) -> list[FileCountMeasurement]:
    """Measure each file count in its own DATA_DIR."""
    results = []
    for count in counts:
        with tempfile.TemporaryDirectory() as directory:
            results.append(await measure_files(count, Path(directory), database_url))
    return results


async def run(sizes_mb: list[float], pages: int) -> list[Measurement]:
    """Measure each size in its own DATA_DIR."""
    results = []
    for size in sizes_mb:
        with tempfile.TemporaryDirectory() as directory:
            results.append(await measure(size, pages, Path(directory)))
    return results


def main() -> None:
    """Parse the arguments, measure, print one line per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes-mb", type=float, nargs="+", default=[5, 20, 80])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--files", type=int, nargs="+", help="time per file at these counts")
    parser.add_argument("--database-url", help="database for --files (default: SQLite)")
    args = parser.parse_args()
    if args.files:
        print(f"{'files':>8} {'stored':>8} {'seconds':>8} {'us/file':>8}")
        for counted in asyncio.run(run_files(args.files, args.database_url)):
            print(
                f"{counted.files:>8} {counted.documents:>8} {counted.seconds:>8.2f} "
                f"{counted.microseconds_per_file:>8.0f}"
            )
        return
    print(f"{'upload MB':>10} {'documents':>10} {'seconds':>8} {'MB/s':>7} {'peak MB':>8}")
    for result in asyncio.run(run(args.sizes_mb, args.pages)):
        megabytes = result.size_bytes / MIB
        print(
            f"{megabytes:>10.1f} {result.documents:>10} {result.seconds:>8.2f} "
            f"{megabytes / result.seconds:>7.1f} {result.peak_traced_bytes / MIB:>8.2f}"
        )


if __name__ == "__main__":
    main()
