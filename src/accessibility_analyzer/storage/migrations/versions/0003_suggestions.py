"""Suggested fixes of failed findings, kept for the reports.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from accessibility_analyzer.storage.models import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the suggestions table; analyses count their suggestions' progress."""
    with op.batch_alter_table("analyses") as batch:
        batch.add_column(sa.Column("suggestions_done", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("suggestions_total", sa.Integer(), nullable=True))
    op.create_table(
        "suggestions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("analysis_id", sa.String(32), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(32), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["analysis_id"],
            ["analyses.id"],
            name=op.f("fk_suggestions_analysis_id_analyses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestions")),
    )
    op.create_index(
        "ux_suggestions_analysis_id_finding_id",
        "suggestions",
        ["analysis_id", "finding_id"],
        unique=True,
    )


def downgrade() -> None:
    """Drop the suggestions table."""
    op.drop_index("ux_suggestions_analysis_id_finding_id", table_name="suggestions")
    op.drop_table("suggestions")
    with op.batch_alter_table("analyses") as batch:
        batch.drop_column("suggestions_total")
        batch.drop_column("suggestions_done")
