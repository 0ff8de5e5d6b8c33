"""Database tables: sessions, their documents, analyses and the analyses' results.

One declarative model per table, shared by SQLite and PostgreSQL. Times are stored as UTC
and always come back timezone-aware (SQLite forgets the zone, `UTCDateTime` restores it).
Deleting a session cascades to its documents, analyses and everything the analyses stored,
both in the database (``ON DELETE CASCADE``) and in the ORM.

The schema itself is created by the Alembic migrations in ``storage/migrations``; these
classes must stay in step with them (a test compares the two).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Explicit constraint names keep migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """Return a fresh random identifier (uuid4 as 32 hex digits)."""
    return uuid.uuid4().hex


def utc_now() -> datetime:
    """Return the current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC that always reads back timezone-aware.

    Naive datetimes are refused on write: a naive value is ambiguous and would silently
    shift expiry times by the server's UTC offset.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert an aware datetime to UTC before it is stored."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC timestamp column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Attach UTC to values read back (SQLite returns them naive)."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class DocumentKind(StrEnum):
    """What an uploaded file is: a page to analyse or an asset pages refer to."""

    PAGE = "page"
    ASSET = "asset"


class AnalysisStatus(StrEnum):
    """Life cycle of an analysis."""

    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"


class Base(DeclarativeBase):
    """Declarative base of all tables."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UploadSession(Base):
    """An upload session owned by one API key identity; it expires at ``expires_at``."""

    __tablename__ = "sessions"
    __table_args__ = (Index("ix_sessions_owner_created_at", "owner", "created_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    owner: Mapped[str] = mapped_column(String(128))
    name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    documents: Mapped[list[Document]] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True
    )
    analyses: Mapped[list[Analysis]] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True
    )


class Document(Base):
    """One stored file of a session: a page or an asset (CSS, image, font).

    ``path`` is the normalised site-relative POSIX path the user sees; ``storage_key`` is
    the random name of the file on disk, never derived from the uploaded name.
    """

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("session_id", "path"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    session_id: Mapped[str] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    path: Mapped[str] = mapped_column(String(1024))
    kind: Mapped[str] = mapped_column(String(16))
    media_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)

    session: Mapped[UploadSession] = relationship(back_populates="documents")


class Analysis(Base):
    """One run of the engine over a session's pages (written by the jobs part)."""

    __tablename__ = "analyses"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    session_id: Mapped[str] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    owner: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16), default=AnalysisStatus.QUEUED.value)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    pages_total: Mapped[int] = mapped_column(Integer, default=0)
    pages_done: Mapped[int] = mapped_column(Integer, default=0)
    attempt: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # {"suggestions": true}: failures given a suggestion so far / to give (None: not asked)
    suggestions_done: Mapped[int | None] = mapped_column(Integer)
    suggestions_total: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Queue state (see storage.analysis_queue): times the job was queued again after it was
    # lost, why a queued analysis waits, and the in-process runner's lease.
    requeues: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    waiting_reason: Mapped[str | None] = mapped_column(Text)
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    session: Mapped[UploadSession] = relationship(back_populates="analyses")
    document_results: Mapped[list[DocumentResultRow]] = relationship(
        back_populates="analysis", cascade="all, delete-orphan", passive_deletes=True
    )
    findings: Mapped[list[FindingRow]] = relationship(
        back_populates="analysis", cascade="all, delete-orphan", passive_deletes=True
    )


class DocumentResultRow(Base):
    """The outcome of one page in one analysis (counts, title, or the page's error)."""

    __tablename__ = "document_results"

    analysis_id: Mapped[str] = mapped_column(
        ForeignKey("analyses.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    path: Mapped[str] = mapped_column(String(1024))
    title: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)

    analysis: Mapped[Analysis] = relationship(back_populates="document_results")


class FindingRow(Base):
    """One engine finding of one analysis, flattened for filtering and pagination."""

    __tablename__ = "findings"
    __table_args__ = (
        Index("ix_findings_analysis_id_outcome", "analysis_id", "outcome"),
        Index("ix_findings_analysis_id_rule_id", "analysis_id", "rule_id"),
        Index("ix_findings_analysis_id_document_id", "analysis_id", "document_id"),
        # Pages of findings are read in id order after a cursor (migration 0005).
        Index("ix_findings_analysis_id_id", "analysis_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    analysis_id: Mapped[str] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"))
    document_id: Mapped[str] = mapped_column(String(32))
    path: Mapped[str] = mapped_column(String(1024))
    rule_id: Mapped[str] = mapped_column(String(100))
    outcome: Mapped[str] = mapped_column(String(16))
    impact: Mapped[str] = mapped_column(String(16))
    wcag: Mapped[str] = mapped_column(String(200), default="")  # comma-joined SC numbers
    selector: Mapped[str | None] = mapped_column(Text)
    xpath: Mapped[str | None] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)
    column: Mapped[int | None] = mapped_column(Integer)
    snippet: Mapped[str | None] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)
    fix_hint: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    mode: Mapped[str] = mapped_column(String(16), default="automatic", server_default="automatic")
    question: Mapped[str | None] = mapped_column(String(100))  # open question of a cantTell
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # measured values
    fingerprint: Mapped[str | None] = mapped_column(String(32))

    analysis: Mapped[Analysis] = relationship(back_populates="findings")


class SuggestionRow(Base):
    """The suggested fix of one failed finding (issue 8), kept for the reports.

    ``payload`` is the suggestion as the API serves it (camelCase JSON). One per finding:
    asking again replaces it.
    """

    __tablename__ = "suggestions"
    __table_args__ = (
        Index("ux_suggestions_analysis_id_finding_id", "analysis_id", "finding_id", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    analysis_id: Mapped[str] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"))
    finding_id: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


__all__ = [
    "Analysis",
    "AnalysisStatus",
    "Base",
    "Document",
    "DocumentKind",
    "DocumentResultRow",
    "FindingRow",
    "SuggestionRow",
    "UTCDateTime",
    "UploadSession",
    "new_id",
    "utc_now",
]
