"""Findings are indexed by analysis and id, the order every findings page is read in.

Without it, a page of an analysis's findings (``WHERE analysis_id = ? AND id > ? ORDER BY
id LIMIT n``, the keyset cursor) found the analysis's rows through another index and sorted
all of them for every page: 2.1 ms per page at 3,700 findings on SQLite, growing with the
analysis. With it, a page reads its rows in order and stops after ``n``.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the index."""
    op.create_index("ix_findings_analysis_id_id", "findings", ["analysis_id", "id"])


def downgrade() -> None:
    """Drop the index."""
    op.drop_index("ix_findings_analysis_id_id", table_name="findings")
