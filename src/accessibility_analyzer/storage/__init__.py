"""Storage: the database (sessions, documents, analyses), the file store and safe intake.

* ``database``: async engine for SQLite or PostgreSQL, migrations, health check;
* ``models``: the tables; ``migrations/``: their Alembic revisions;
* ``files``: uploaded files on disk under random keys; ``limits``: upload limits;
* ``upload_stream`` / ``intake`` / ``uploads``: a multipart upload streamed to disk,
  checked (ZIP slip, bombs, types, names) and stored all or nothing;
* ``sessions``: session and document queries; ``analyses``: analysis results (API side),
  ``analysis_runs`` / ``analysis_summary``: what a running job writes, ``analysis_queue``:
  the queue state the reconciler keeps; ``storable``: any page text made storable;
* ``cleanup``: expired sessions, orphaned files, statistics.
"""
