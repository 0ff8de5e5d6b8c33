"""`a11y worker`: run analyses from the arq queue on Valkey.

Start one or more next to `a11y serve` (with the same ``VALKEY_URL``, ``DATABASE_URL`` and a
``DATA_DIR`` both can read). Each worker uses every core through its own process pool
(``ENGINE_PROCESSES`` to change that). A worker killed mid-job loses nothing: the job is
handed to another worker (or to this one once restarted) within about two
``JOB_LEASE_SECONDS``, and it continues after the pages already stored. A Valkey restart or
outage does not end it: it reconnects with backoff (logging the outage once) and stops only
on SIGINT/SIGTERM.

Exit codes: 0 after a clean stop (SIGINT/SIGTERM, or the queue is empty with ``--burst``),
2 for a configuration error (a malformed setting, or no ``VALKEY_URL``).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from accessibility_analyzer.settings import Settings, SettingsError


def register(subparsers: Any) -> None:
    """Add the `worker` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "worker",
        help="run background analyses from the Valkey queue",
        description="Run analyses queued by `a11y serve` (needs VALKEY_URL; see README).",
    )
    parser.add_argument(
        "--burst",
        action="store_true",
        help="stop once the queue is empty instead of waiting for more jobs",
    )
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        print(f"a11y worker: {error}", file=sys.stderr)
        return 2
    if settings.valkey_url is None:
        print(
            "a11y worker: VALKEY_URL is not set; the worker takes its jobs from Valkey "
            "(e.g. VALKEY_URL=redis://127.0.0.1:6379/0). Without it, `a11y serve` runs "
            "analyses in-process and no worker is needed.",
            file=sys.stderr,
        )
        return 2

    # Imported here so that `a11y --help` and the other commands never load arq.
    from accessibility_analyzer.jobs.resilient_worker import run_resilient_worker  # noqa: PLC0415
    from accessibility_analyzer.jobs.worker import worker_options  # noqa: PLC0415
    from accessibility_analyzer.observability.logging import configure_logging  # noqa: PLC0415
    from accessibility_analyzer.observability.sentry import init_sentry  # noqa: PLC0415

    configure_logging(settings)
    init_sentry(settings)  # before the worker: the arq integration wraps jobs in create_worker
    run_resilient_worker(worker_options(settings), burst=args.burst)
    return 0
