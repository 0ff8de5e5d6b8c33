"""`a11y db`: bring the database schema up to date, or show where it stands.

``a11y db upgrade`` applies every migration the installed code ships (the server also does
this at start-up; running it first keeps a fleet's start-up free of schema work).
``a11y db current`` prints the database's revision and the newest one available.
Both use ``DATABASE_URL`` (default: the SQLite file under ``DATA_DIR``).

Exit codes: 0 on success (``current``: also when the database is behind, the output says so),
1 when the database cannot be reached or migrated, 2 for a configuration error.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import TYPE_CHECKING, Any

from accessibility_analyzer.settings import Settings, SettingsError

if TYPE_CHECKING:
    from accessibility_analyzer.storage.database import Database


def register(subparsers: Any) -> None:
    """Add the `db` sub-command with its `upgrade` and `current` actions."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "db",
        help="migrate the database (upgrade) or show its revision (current)",
        description="Manage the schema of the database named by DATABASE_URL.",
    )
    actions = parser.add_subparsers(dest="db_action", required=True, metavar="ACTION")
    actions.add_parser("upgrade", help="apply every pending migration")
    actions.add_parser("current", help="print the current and the newest revision")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    # SQLAlchemy and Alembic cost ~0.6 s to import: only `a11y db` pays for them.
    from sqlalchemy.exc import SQLAlchemyError  # noqa: PLC0415

    from accessibility_analyzer.storage.database import (  # noqa: PLC0415
        Database,
        normalise_database_url,
    )

    try:
        settings = Settings.from_env()
        url = normalise_database_url(settings.database_url, settings.data_path)
    except (SettingsError, ValueError) as error:
        print(f"a11y db: {error}", file=sys.stderr)
        return 2
    try:
        return asyncio.run(_act(args.db_action, Database.from_url(url)))
    except (SQLAlchemyError, OSError) as error:
        print(f"a11y db: the database cannot be used: {error}", file=sys.stderr)
        return 1


async def _act(action: str, database: Database) -> int:
    from accessibility_analyzer.storage.database import (  # noqa: PLC0415
        current_revision,
        head_revision,
        upgrade_database,
    )

    try:
        if action == "upgrade":
            await upgrade_database(database)
            print(f"database at revision {await current_revision(database)} ({database.dialect})")
            return 0
        current = await current_revision(database)
        head = head_revision()
        state = "up to date" if current == head else "behind: run `a11y db upgrade`"
        print(f"current: {current or 'none'}\nnewest:  {head}\n{state}")
        return 0
    finally:
        await database.dispose()
