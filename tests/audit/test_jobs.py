"""Index job retention (SQLite and PostgreSQL): finished jobs beyond the newest N that finished
more than D days ago are deleted; queued and running jobs are never deleted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from copilot.audit.jobs import JobStore
from copilot.audit.models import JobRow, utc_now

NOW = utc_now()


def finished(jobs: JobStore, days_ago: float, state: str = "done") -> str:
    """A job that finished ``days_ago`` days before NOW, as done or failed."""
    job = jobs.create("reindex", "owner", "host:1:1")
    if state == "done":
        jobs.finish(job.id, {"chunks": 1})
    else:
        jobs.fail(job.id, "synthetic failure")
    with jobs._sessions.begin() as session:
        when = NOW - timedelta(days=days_ago)
        session.execute(update(JobRow).where(JobRow.id == job.id).values(finished_at=when))
    return job.id


def test_old_finished_jobs_beyond_the_newest_are_pruned_and_pending_ones_stay(store):
    jobs = JobStore(store.engine)
    old = [finished(jobs, days, state) for days, state in ((90, "done"), (80, "failed"))]
    kept_old = finished(jobs, 70)  # old, but among the newest 3 finished
    recent = [finished(jobs, 2), finished(jobs, 1, "failed")]
    queued = jobs.create("upload", "owner", "host:1:1", path="faq/x.md").id
    running = jobs.create("reindex", "owner", "host:1:1").id
    jobs.progress(running, "embedding", 1, 10)

    assert jobs.prune(keep=3, keep_days=30, now=NOW) == 2
    left = {j.id for j in jobs.recent(limit=100)}
    assert left == {kept_old, *recent, queued, running}
    assert not left & set(old)
    assert jobs.prune(keep=3, keep_days=30, now=NOW) == 0  # nothing more to do


def test_age_keeps_recent_jobs_beyond_the_newest_and_zero_days_keeps_only_the_newest(store):
    jobs = JobStore(store.engine)
    ids = [finished(jobs, days) for days in (5, 4, 3, 2, 1)]
    assert jobs.prune(keep=1, keep_days=30, now=NOW) == 0  # all finished within 30 days
    assert jobs.prune(keep=2, keep_days=0, now=NOW) == 3
    assert {j.id for j in jobs.recent(limit=100)} == set(ids[-2:])


@pytest.mark.parametrize(
    ("keep", "days", "named"),
    [(0, 30, "keep must be >= 1 (got 0)"), (5, -1, "keep_days >= 0 (got -1)")],
)
def test_bad_limits_are_refused_naming_the_limit(store, keep, days, named):
    with pytest.raises(ValueError) as caught:
        JobStore(store.engine).prune(keep=keep, keep_days=days)
    assert named in str(caught.value)
