"""Retention: stored questions, knowledge gaps and feedback comments are kept for a limited time.

``purge_expired`` deletes answers (with their feedback), gaps and feedback older than the
retention period (``COPILOT_AUDIT_RETENTION_DAYS``, 0 keeps everything). ``copilot audit purge``
runs it, and so does the web app: at start-up and then daily (:class:`DailyPurge`).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import sessionmaker

from copilot.audit.models import AnswerRow, FeedbackRow, GapRow, utc_now

logger = logging.getLogger("copilot.audit")
DAY_S = 24 * 3600


@dataclass(frozen=True)
class Purged:
    """How many rows one purge deleted."""

    answers: int = 0
    feedback: int = 0
    gaps: int = 0


def purge_before(engine: Engine, cutoff: datetime) -> Purged:
    """Delete everything stored before ``cutoff``: answers and their feedback, feedback given
    before it, and knowledge gaps."""
    old_answers = select(AnswerRow.id).where(AnswerRow.created_at < cutoff)
    with sessionmaker(engine).begin() as session:
        feedback = session.execute(
            delete(FeedbackRow).where(
                (FeedbackRow.created_at < cutoff) | FeedbackRow.answer_id.in_(old_answers)
            )
        ).rowcount
        answers = session.execute(delete(AnswerRow).where(AnswerRow.created_at < cutoff)).rowcount
        gaps = session.execute(delete(GapRow).where(GapRow.created_at < cutoff)).rowcount
    return Purged(answers=answers, feedback=feedback, gaps=gaps)


def purge_expired(engine: Engine, retention_days: int, now: datetime | None = None) -> Purged:
    """Delete what is older than ``retention_days`` (nothing when it is 0)."""
    if retention_days <= 0:
        return Purged()
    return purge_before(engine, (now or utc_now()) - timedelta(days=retention_days))


class DailyPurge:
    """Purge at start-up and then every day, in a background thread, until ``stop()``."""

    def __init__(self, engine: Engine, retention_days: int, every_s: float = DAY_S) -> None:
        self.engine = engine
        self.retention_days = retention_days
        self.every_s = every_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="audit-purge", daemon=True)

    def start(self) -> DailyPurge:
        if self.retention_days > 0:
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while True:
            try:
                purged = purge_expired(self.engine, self.retention_days)
                logger.info(
                    "audit purge: %d answers, %d feedback, %d gaps older than %d days deleted",
                    purged.answers, purged.feedback, purged.gaps, self.retention_days,
                )
            except Exception as error:  # the database may be briefly away; try again tomorrow
                logger.error("audit purge failed (%s)", type(error).__name__)
            if self._stop.wait(self.every_s):
                return
