"""Analyses record how often their job was queued again, why they wait, and who runs them.

``requeues`` counts the times the reconciler queued an analysis again after its job was lost
(Valkey restarted empty, the job expired) so it can give up after ``ANALYSIS_MAX_TRIES``;
``waiting_reason`` says why a queued analysis has not started; ``lease_expires_at`` is the
lease an API process running analyses in-process holds on them (another process takes over
an analysis whose lease lapsed).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from accessibility_analyzer.storage.models import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the three columns."""
    with op.batch_alter_table("analyses") as batch:
        batch.add_column(sa.Column("requeues", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("waiting_reason", sa.Text(), nullable=True))
        batch.add_column(sa.Column("lease_expires_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    """Drop the three columns."""
    with op.batch_alter_table("analyses") as batch:
        batch.drop_column("lease_expires_at")
        batch.drop_column("waiting_reason")
        batch.drop_column("requeues")
