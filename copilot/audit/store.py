"""``AuditStore``: the audit trail, conversations, feedback and knowledge gaps in one database.

Everything another replica needs lives here, not in process memory. Only redacted text is stored.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, delete, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from copilot.answer.model import AnswerResult, Turn
from copilot.audit.models import AnswerRow, Base, FeedbackRow, GapRow, LoginFailureRow, utc_now
from copilot.audit.sealing import seal_with, text_cipher

RATINGS = ("up", "down")
MAX_TURN_CHARS = 8000


class UnknownAnswer(LookupError):
    """Feedback named an answer id the audit trail does not hold."""


class NotYourAnswer(PermissionError):
    """Feedback on an answer given to someone else (only QA and admins may rate any answer)."""


@dataclass(frozen=True)
class FeedbackRecord:
    answer_id: str
    created_at: datetime
    user: str
    rating: str
    comment: str


@dataclass(frozen=True)
class AnswerRecord:
    """One audited answer, as exported by ``copilot audit export``."""

    id: str
    created_at: datetime
    user: str
    role: str
    conversation_id: str | None
    redacted_question: str
    answer: str
    sources: list[str]
    verdict: str
    violations: list[dict]
    notes: list[str]
    redaction_labels: list[str]
    drafter: str
    found: bool
    urgent: bool
    latency_ms: float
    feedback: list[FeedbackRecord] = field(default_factory=list)


@dataclass(frozen=True)
class GapRecord:
    """A question (redacted) that found no good answer, how often and when last asked."""

    redacted_question: str
    count: int
    last_asked: datetime

    @property
    def key(self) -> str:
        """A stable id for the gap (its question's hash): what a dismissal names."""
        return hashlib.sha256(self.redacted_question.encode()).hexdigest()[:16]


def _new_id() -> str:
    return uuid.uuid4().hex


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _engine_for(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


class AuditStore:
    """Record and read answers, feedback, conversations and knowledge gaps."""

    def __init__(self, engine: Engine, encryption_key: str | None = None) -> None:
        self.engine = engine
        seal_with(engine, text_cipher(encryption_key))
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        Base.metadata.create_all(engine)

    @classmethod
    def from_url(cls, url: str, encryption_key: str | None = None) -> AuditStore:
        """Open (and create tables in) the database at a SQLAlchemy URL; with a Fernet
        ``encryption_key`` stored question, gap and comment text is encrypted."""
        return cls(_engine_for(url), encryption_key)

    @classmethod
    def from_settings(cls, settings) -> AuditStore:
        """The store for these settings (database URL and encryption key)."""
        key = settings.audit_encryption_key
        return cls.from_url(settings.sqlalchemy_url(), key.get_secret_value() if key else None)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def record_answer(
        self, user: str, role: str, result: AnswerResult, conversation_id: str | None = None
    ) -> str:
        """Store one answer (never the raw question); returns its id for feedback."""
        row = AnswerRow(
            id=_new_id(),
            user_name=user,
            role=role,
            conversation_id=conversation_id,
            redacted_question=result.redacted_question,
            answer=result.answer,
            sources=sorted({c.source for c in result.citations}),
            verdict=result.verdict,
            violations=[{"rule": v.rule, "message": v.message} for v in result.violations],
            notes=list(result.notes),
            redaction_labels=[r.label for r in result.redactions],
            drafter=result.drafter,
            found=result.found,
            urgent=result.urgent,
            latency_ms=result.latency_ms,
        )
        with self._session() as session:
            session.add(row)
        return row.id

    def record_feedback(
        self, answer_id: str, user: str, rating: str, comment: str = "", any_answer: bool = False
    ) -> str:
        """Store a rating ("up" or "down") on an answer; ``comment`` must already be redacted.

        One entry per user and answer: rating again (say, adding a comment) updates it. Only
        the user the answer was given to may rate it, unless ``any_answer`` (QA, admins).
        """
        if rating not in RATINGS:
            raise ValueError(f"rating must be one of {RATINGS}, got {rating!r}")
        with self._session() as session:
            answer = session.get(AnswerRow, answer_id)
            if answer is None:
                raise UnknownAnswer(f"no answer with id {answer_id!r}")
            if answer.user_name != user and not any_answer:
                raise NotYourAnswer("only the agent who got an answer may rate it")
            query = select(FeedbackRow).where(
                FeedbackRow.answer_id == answer_id, FeedbackRow.user_name == user
            )
            row = session.scalars(query).first()
            if row is None:
                row = FeedbackRow(id=_new_id(), answer_id=answer_id, user_name=user)
                session.add(row)
            row.rating, row.comment, row.created_at = rating, comment, utc_now()
        return row.id

    def conversation(
        self, conversation_id: str, user: str | None = None, max_exchanges: int = 5
    ) -> list[Turn]:
        """The last exchanges of a conversation as redacted turns, oldest first.

        With ``user`` only that user's answers count, so nobody reads another's conversation.
        """
        query = select(AnswerRow).where(AnswerRow.conversation_id == conversation_id)
        if user is not None:
            query = query.where(AnswerRow.user_name == user)
        query = query.order_by(AnswerRow.created_at.desc()).limit(max_exchanges)
        with self._session() as session:
            rows = list(session.scalars(query))
        turns: list[Turn] = []
        for row in reversed(rows):
            turns.append(Turn(role="agent", text=row.redacted_question[:MAX_TURN_CHARS]))
            turns.append(Turn(role="copilot", text=row.answer[:MAX_TURN_CHARS]))
        return turns

    def conversation_answers(
        self, conversation_id: str, user: str, limit: int = 50
    ) -> list[AnswerRecord]:
        """One user's answers in a conversation (redacted, as stored), oldest first: what the side
        panel shows again after a reload."""
        query = (
            select(AnswerRow)
            .where(AnswerRow.conversation_id == conversation_id, AnswerRow.user_name == user)
            .order_by(AnswerRow.created_at.desc())
            .limit(limit)
        )
        with self._session() as session:
            rows = list(session.scalars(query))
        return [_answer_record(row, []) for row in reversed(rows)]

    def recent_answers(self, user: str, limit: int = 200) -> list[AnswerRecord]:
        """One user's latest answers in conversations, newest first (the panel's history list)."""
        query = (
            select(AnswerRow)
            .where(AnswerRow.user_name == user, AnswerRow.conversation_id.is_not(None))
            .order_by(AnswerRow.created_at.desc())
            .limit(limit)
        )
        with self._session() as session:
            rows = list(session.scalars(query))
        return [_answer_record(row, []) for row in rows]

    def record_gap(self, redacted_question: str, user: str) -> str:
        """Note a question the documents did not cover (already redacted)."""
        row = GapRow(id=_new_id(), user_name=user, redacted_question=redacted_question)
        with self._session() as session:
            session.add(row)
        return row.id

    def login_failures(self, key: str, since: datetime) -> list[datetime]:
        """Times of the failed sign-ins recorded under ``key`` since ``since``."""
        query = select(LoginFailureRow.created_at).where(
            LoginFailureRow.key == key, LoginFailureRow.created_at >= since
        )
        with self._session() as session:
            return [_utc(moment) for moment in session.scalars(query)]

    def record_login_failure(self, key: str, forget_before: datetime) -> None:
        """Count one failed sign-in under ``key`` (see ``SessionCodec.login_key``); failures
        older than ``forget_before`` no longer matter and are deleted."""
        with self._session() as session:
            session.execute(
                delete(LoginFailureRow).where(LoginFailureRow.created_at < forget_before)
            )
            session.add(LoginFailureRow(id=_new_id(), key=key))

    def clear_login_failures(self, key: str) -> None:
        """Forget the failed sign-ins under ``key`` (after a successful sign-in)."""
        with self._session() as session:
            session.execute(delete(LoginFailureRow).where(LoginFailureRow.key == key))

    def gaps(self, limit: int = 100) -> list[GapRecord]:
        """Knowledge gaps, most asked first (identical redacted questions grouped).

        Grouped here rather than in SQL: encrypted questions differ in the database even when
        they are the same (the retention period keeps the table small).
        """
        query = select(GapRow.redacted_question, GapRow.created_at)
        grouped: dict[str, tuple[int, datetime]] = {}
        with self._session() as session:
            for question, asked in session.execute(query):
                count, last = grouped.get(question, (0, asked))
                grouped[question] = (count + 1, max(last, asked))
        ranked = sorted(grouped.items(), key=lambda item: (item[1][0], item[1][1]), reverse=True)
        return [GapRecord(q, n, _utc(last)) for q, (n, last) in ranked[:limit]]

    def close_gaps(self, questions: set[str]) -> int:
        """Close the gaps asking any of ``questions`` (answered now, or dismissed by a content
        owner); asked again, a question opens a new gap. Returns how many were closed."""
        if not questions:
            return 0
        with self._session() as session:
            rows = session.execute(select(GapRow.id, GapRow.redacted_question)).all()
            ids = [gap_id for gap_id, question in rows if question in questions]
            for start in range(0, len(ids), 500):  # stay under SQL parameter limits
                session.execute(delete(GapRow).where(GapRow.id.in_(ids[start : start + 500])))
        return len({question for _, question in rows if question in questions})

    def answers(self, since: datetime | None = None) -> list[AnswerRecord]:
        """Audited answers (oldest first) with their feedback, optionally from ``since`` on."""
        query = select(AnswerRow).order_by(AnswerRow.created_at)
        if since is not None:
            query = query.where(AnswerRow.created_at >= _utc(since))
        with self._session() as session:
            rows = list(session.scalars(query))
            feedback = self._feedback_for(session, [row.id for row in rows])
        return [_answer_record(row, feedback.get(row.id, [])) for row in rows]

    def feedback_cases(self, since: datetime | None = None, rating: str = "down") -> list[dict]:
        """Rated answers for QA's ``copilot eval from-feedback``: one dict per feedback entry.

        Keys: answer_id, created_at (ISO), user, rating, comment, question (redacted), answer,
        sources, verdict, violations.
        """
        query = (
            select(FeedbackRow, AnswerRow)
            .join(AnswerRow, FeedbackRow.answer_id == AnswerRow.id)
            .where(FeedbackRow.rating == rating)
            .order_by(FeedbackRow.created_at)
        )
        if since is not None:
            query = query.where(FeedbackRow.created_at >= _utc(since))
        with self._session() as session:
            pairs = session.execute(query).all()
        return [
            {
                "answer_id": answer.id,
                "created_at": fb.created_at.isoformat(),
                "user": fb.user_name,
                "rating": fb.rating,
                "comment": fb.comment,
                "question": answer.redacted_question,
                "answer": answer.answer,
                "sources": list(answer.sources),
                "verdict": answer.verdict,
                "violations": list(answer.violations),
            }
            for fb, answer in pairs
        ]

    @staticmethod
    def _feedback_for(session: Session, ids: list[str]) -> dict[str, list[FeedbackRecord]]:
        found: dict[str, list[FeedbackRecord]] = {}
        for start in range(0, len(ids), 500):  # stay under SQL parameter limits
            query = (
                select(FeedbackRow)
                .where(FeedbackRow.answer_id.in_(ids[start : start + 500]))
                .order_by(FeedbackRow.created_at)
            )
            for row in session.scalars(query):
                found.setdefault(row.answer_id, []).append(
                    FeedbackRecord(
                        row.answer_id, row.created_at, row.user_name, row.rating, row.comment
                    )
                )
        return found

    def ping(self) -> bool:
        """Whether the database answers a trivial query."""
        with self._session() as session:
            session.execute(select(1))
        return True

    def close(self) -> None:
        """Release database connections."""
        self.engine.dispose()


def _answer_record(row: AnswerRow, feedback: list[FeedbackRecord]) -> AnswerRecord:
    return AnswerRecord(
        id=row.id,
        created_at=row.created_at,
        user=row.user_name,
        role=row.role,
        conversation_id=row.conversation_id,
        redacted_question=row.redacted_question,
        answer=row.answer,
        sources=list(row.sources),
        verdict=row.verdict,
        violations=list(row.violations),
        notes=list(row.notes),
        redaction_labels=list(row.redaction_labels),
        drafter=row.drafter,
        found=row.found,
        urgent=row.urgent,
        latency_ms=row.latency_ms,
        feedback=feedback,
    )
