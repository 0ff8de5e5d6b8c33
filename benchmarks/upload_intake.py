"""Upload intake: throughput and memory of a streamed upload, as the upload size grows.

Usage::

    uv run python benchmarks/upload_intake.py                 # 5, 20 and 80 MB
    uv run python benchmarks/upload_intake.py --sizes-mb 1 4 --pages 200

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

from accessibility_analyzer.storage.database import (
    Database,
    normalise_database_url,
    upgrade_database,
)
from accessibility_analyzer.storage.files import FileStore
from accessibility_analyzer.storage.limits import MIB, UploadLimits
from accessibility_analyzer.storage.sessions import create_session
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
    args = parser.parse_args()
    print(f"{'upload MB':>10} {'documents':>10} {'seconds':>8} {'MB/s':>7} {'peak MB':>8}")
    for result in asyncio.run(run(args.sizes_mb, args.pages)):
        megabytes = result.size_bytes / MIB
        print(
            f"{megabytes:>10.1f} {result.documents:>10} {result.seconds:>8.2f} "
            f"{megabytes / result.seconds:>7.1f} {result.peak_traced_bytes / MIB:>8.2f}"
        )


if __name__ == "__main__":
    main()
