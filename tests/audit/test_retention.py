"""Retention: answers, feedback and gaps older than the retention period are deleted (SQLite and
PostgreSQL), by the library, by ``copilot audit purge`` and by the web app's daily purge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update
from typer.testing import CliRunner

from copilot.answer.model import AnswerResult
from copilot.audit import AuditStore
from copilot.audit.models import AnswerRow, FeedbackRow, GapRow
from copilot.audit.retention import DailyPurge, Purged, purge_expired

NOW = datetime.now(UTC)


def backdate(store: AuditStore, model, row_id: str, days: int) -> None:
    with store.engine.begin() as connection:
        connection.execute(
            update(model).where(model.id == row_id).values(created_at=NOW - timedelta(days=days))
        )


def fill(store: AuditStore) -> dict[str, str]:
    """An old and a recent answer (each rated), an old and a recent gap."""
    ids = {}
    for age in ("old", "new"):
        result = AnswerResult(answer="A", redacted_question=f"{age} question")
        ids[age] = store.record_answer("ana", "agent", result)
        ids[f"{age}-feedback"] = store.record_feedback(ids[age], "ana", "down", f"{age} comment")
        ids[f"{age}-gap"] = store.record_gap(f"{age} gap", "ana")
    backdate(store, AnswerRow, ids["old"], 31)
    backdate(store, FeedbackRow, ids["old-feedback"], 31)
    backdate(store, GapRow, ids["old-gap"], 40)
    for key in ("new", "new-feedback"):
        backdate(store, AnswerRow if key == "new" else FeedbackRow, ids[key], 29)
    backdate(store, GapRow, ids["new-gap"], 1)
    return ids


def test_purge_deletes_what_is_older_than_the_retention_period(store):
    fill(store)
    purged = purge_expired(store.engine, 30, now=NOW)
    assert purged == Purged(answers=1, feedback=1, gaps=1)
    (kept,) = store.answers()
    assert kept.redacted_question == "new question"
    assert [f.comment for f in kept.feedback] == ["new comment"]
    assert [g.redacted_question for g in store.gaps()] == ["new gap"]


def test_feedback_on_an_expired_answer_goes_with_it_even_if_recent(store):
    ids = fill(store)
    backdate(store, FeedbackRow, ids["old-feedback"], 2)
    assert purge_expired(store.engine, 30, now=NOW).feedback == 1
    assert [c["comment"] for c in store.feedback_cases()] == ["new comment"]


def test_retention_zero_keeps_everything(store):
    fill(store)
    assert purge_expired(store.engine, 0, now=NOW) == Purged()
    assert len(store.answers()) == 2


def test_the_daily_purge_runs_at_start_and_stops(store):
    fill(store)
    purge = DailyPurge(store.engine, 2).start()
    purge.stop()
    assert store.answers() == []
    assert [g.redacted_question for g in store.gaps()] == ["new gap"]


def test_copilot_audit_purge_uses_the_retention_setting(tmp_path, monkeypatch):
    from copilot.cli import app
    from copilot.settings import get_settings

    monkeypatch.setenv("COPILOT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COPILOT_DATABASE_URL", raising=False)
    monkeypatch.setenv("COPILOT_AUDIT_RETENTION_DAYS", "30")
    get_settings.cache_clear()
    try:
        store = AuditStore.from_settings(get_settings())
        fill(store)
        default = CliRunner().invoke(app, ["audit", "purge"])
        assert default.exit_code == 0, default.output
        assert len(store.answers()) == 1  # 29 days old: kept
        shorter = CliRunner().invoke(app, ["audit", "purge", "--days", "7"])
        assert shorter.exit_code == 0, shorter.output
        assert "purged 1 answers, 1 feedback entries and 0 gaps older than 7 days" in (
            shorter.output
        )
        assert store.answers() == []
        store.close()
    finally:
        get_settings.cache_clear()
