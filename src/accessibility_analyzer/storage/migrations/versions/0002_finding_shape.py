"""Findings record how they were decided and what they measured.

``mode`` (automatic / semiAuto: an oracle's answer decided), ``question`` (the open question of
a cantTell finding), ``details`` (measured values such as a contrast ratio) and
``fingerprint`` (the element's identity across edits, for baselines).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the four columns; existing findings were all decided automatically."""
    with op.batch_alter_table("findings") as batch:
        batch.add_column(
            sa.Column("mode", sa.String(16), nullable=False, server_default="automatic")
        )
        batch.add_column(sa.Column("question", sa.String(100), nullable=True))
        batch.add_column(sa.Column("details", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("fingerprint", sa.String(32), nullable=True))


def downgrade() -> None:
    """Drop the four columns."""
    with op.batch_alter_table("findings") as batch:
        batch.drop_column("fingerprint")
        batch.drop_column("details")
        batch.drop_column("question")
        batch.drop_column("mode")
