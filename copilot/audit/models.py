"""The audit tables (SQLAlchemy 2, portable SQL: SQLite by default, PostgreSQL works too).

Only redacted text is ever stored: the question column holds ``AnswerResult.redacted_question``;
question, gap and comment text can also be encrypted at rest (``sealing``).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from copilot.audit.sealing import SealedText


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes, stored naive-UTC so SQLite and PostgreSQL compare alike."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


def utc_now() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class AnswerRow(Base):
    """One answer the copilot gave, with what it was asked (redacted) and how it was checked."""

    __tablename__ = "audit_answers"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    user_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32))
    conversation_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    redacted_question: Mapped[str] = mapped_column(SealedText)
    answer: Mapped[str] = mapped_column(Text)
    sources: Mapped[list] = mapped_column(JSON, default=list)
    verdict: Mapped[str] = mapped_column(String(16))
    violations: Mapped[list] = mapped_column(JSON, default=list)
    notes: Mapped[list] = mapped_column(JSON, default=list)
    redaction_labels: Mapped[list] = mapped_column(JSON, default=list)
    drafter: Mapped[str] = mapped_column(String(32), default="")
    found: Mapped[bool] = mapped_column(Boolean, default=True)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    latency_ms: Mapped[float] = mapped_column(Float, default=0.0)

    __table_args__ = (
        Index("ix_audit_answers_created_at", "created_at"),
        Index("ix_audit_answers_conversation", "conversation_id", "created_at"),
    )


class FeedbackRow(Base):
    """A thumbs up or down (with an optional, redacted comment) on one answer."""

    __tablename__ = "audit_feedback"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    answer_id: Mapped[str] = mapped_column(ForeignKey("audit_answers.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)
    user_name: Mapped[str] = mapped_column(String(64))
    rating: Mapped[str] = mapped_column(String(8))
    comment: Mapped[str] = mapped_column(SealedText, default="")


class GapRow(Base):
    """A question the documents did not answer well: a to-do for content owners."""

    __tablename__ = "audit_gaps"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)
    user_name: Mapped[str] = mapped_column(String(64))
    redacted_question: Mapped[str] = mapped_column(SealedText)


class LoginFailureRow(Base):
    """A failed sign-in, under a keyed hash of (user name, address): never the name as typed."""

    __tablename__ = "login_failures"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    __table_args__ = (Index("ix_login_failures_key", "key", "created_at"),)


class SessionVersionRow(Base):
    """A user's session version: cookies carry it, and moving it on ends every older session."""

    __tablename__ = "session_versions"

    user_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)


class JobRow(Base):
    """A content change or re-index run by the app's index worker: what was asked, how far it got
    and how it ended (kept here so that a restart or another replica can report it)."""

    __tablename__ = "index_jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default="queued")
    user_name: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(String(512), default="")
    action: Mapped[str] = mapped_column(String(16), default="")
    rebuild: Mapped[bool] = mapped_column(Boolean, default=False)
    owner: Mapped[str] = mapped_column(String(128))
    phase: Mapped[str] = mapped_column(String(64), default="")
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    error: Mapped[str] = mapped_column(Text, default="")
    gaps_closed: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (Index("ix_index_jobs_state", "state", "created_at"),)
