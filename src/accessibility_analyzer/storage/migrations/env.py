"""Alembic environment: runs on a connection handed over by `storage.database`.

The service never points Alembic at a URL of its own: `upgrade_database()` opens the
connection (async engine, `run_sync`) and passes it in ``config.attributes["connection"]``,
so migrations use exactly the engine options the application uses (SQLite pragmas included).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from accessibility_analyzer.storage.models import Base


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things in place; batch mode rebuilds tables instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError(
            "run migrations through `a11y db upgrade` (storage.database.upgrade_database)"
        )
    _run(connection)


_main()
