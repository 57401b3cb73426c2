"""Index jobs in the app database: a document change or re-index, its progress and its outcome.

A job row is written when a request is accepted and updated by the worker that runs it, so any
replica (and the same server after a restart) can answer ``GET /api/jobs/{id}``. ``owner`` names
the process that accepted the job: at start-up, jobs whose owner died are closed as failed.
Finished jobs are pruned (:meth:`JobStore.prune`) so that the table stays bounded.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel
from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import sessionmaker

from copilot.audit.models import Base, JobRow, utc_now

JobKind = Literal["upload", "delete", "reindex"]
JobState = Literal["queued", "running", "done", "failed"]
PENDING = ("queued", "running")
FINISHED = ("done", "failed")


class JobRecord(BaseModel):
    """One job as the API shows it."""

    id: str
    kind: JobKind
    state: JobState
    user: str
    path: str = ""
    action: str = ""
    rebuild: bool = False
    owner: str = ""
    phase: str = ""
    done: int = 0
    total: int = 0
    report: dict | None = None
    error: str = ""
    gaps_closed: int = 0
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None = None


def _record(row: JobRow) -> JobRecord:
    return JobRecord(
        id=row.id,
        kind=row.kind,
        state=row.state,
        user=row.user_name,
        path=row.path,
        action=row.action,
        rebuild=row.rebuild,
        owner=row.owner,
        phase=row.phase,
        done=row.done,
        total=row.total,
        report=row.report,
        error=row.error,
        gaps_closed=row.gaps_closed,
        created_at=row.created_at,
        updated_at=row.updated_at,
        finished_at=row.finished_at,
    )


def new_job_id() -> str:
    return uuid.uuid4().hex


class JobStore:
    """Create, move on and read index jobs."""

    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        Base.metadata.create_all(engine, tables=[JobRow.__table__])

    def create(
        self,
        kind: JobKind,
        user: str,
        owner: str,
        *,
        job_id: str | None = None,
        path: str = "",
        action: str = "",
        rebuild: bool = False,
        phase: str = "queued",
    ) -> JobRecord:
        """A new queued job."""
        row = JobRow(
            id=job_id or new_job_id(),
            kind=kind,
            state="queued",
            user_name=user,
            path=path,
            action=action,
            rebuild=rebuild,
            owner=owner,
            phase=phase,
        )
        with self._sessions.begin() as session:
            session.add(row)
        return self.get(row.id)

    def get(self, job_id: str) -> JobRecord | None:
        with self._sessions() as session:
            row = session.get(JobRow, job_id)
            return _record(row) if row is not None else None

    def recent(self, limit: int = 20) -> list[JobRecord]:
        """The latest jobs, newest first."""
        query = select(JobRow).order_by(JobRow.created_at.desc()).limit(limit)
        with self._sessions() as session:
            return [_record(row) for row in session.scalars(query)]

    def pending(self) -> list[JobRecord]:
        """Queued and running jobs, oldest first."""
        query = select(JobRow).where(JobRow.state.in_(PENDING)).order_by(JobRow.created_at)
        with self._sessions() as session:
            return [_record(row) for row in session.scalars(query)]

    def prune(self, keep: int, keep_days: float, now: datetime | None = None) -> int:
        """Delete the finished jobs that are neither among the ``keep`` newest finished ones nor
        finished within ``keep_days`` days (0: age keeps none); queued and running jobs stay.
        Returns how many were deleted."""
        if keep < 1 or keep_days < 0:
            raise ValueError(f"keep must be >= 1 (got {keep}), keep_days >= 0 (got {keep_days})")
        cutoff = (now or utc_now()) - timedelta(days=keep_days)
        finished = JobRow.state.in_(FINISHED)
        newest = select(JobRow.finished_at).where(finished, JobRow.finished_at.is_not(None))
        with self._sessions.begin() as session:
            boundary = session.scalar(
                newest.order_by(JobRow.finished_at.desc()).offset(keep - 1).limit(1)
            )
            if boundary is None:  # no more than ``keep`` finished jobs
                return 0
            older = delete(JobRow).where(finished, JobRow.finished_at < min(boundary, cutoff))
            return session.execute(older).rowcount

    def _set(self, job_id: str, **values) -> None:
        with self._sessions.begin() as session:
            session.execute(
                update(JobRow).where(JobRow.id == job_id).values(updated_at=utc_now(), **values)
            )

    def note(self, job_id: str, phase: str) -> None:
        """What a job is doing, its state unchanged (a queued job waiting for the index lock)."""
        self._set(job_id, phase=phase)

    def progress(self, job_id: str, phase: str, done: int = 0, total: int = 0) -> None:
        """The job is running: what it is doing and how far it got (items done of total)."""
        self._set(job_id, state="running", phase=phase, done=done, total=total)

    def finish(self, job_id: str, report: dict | None, gaps_closed: int = 0) -> None:
        self._set(
            job_id,
            state="done",
            phase="done",
            report=report,
            gaps_closed=gaps_closed,
            finished_at=utc_now(),
        )

    def fail(self, job_id: str, error: str, report: dict | None = None) -> None:
        self._set(
            job_id, state="failed", phase="failed", error=error, report=report,
            finished_at=utc_now(),
        )
