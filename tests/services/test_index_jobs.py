"""Start-up recovery of index jobs: a job whose process died is failed with the reason and its
change undone; a job of a live process (a sibling worker on this host) is left alone. When the
worker finishes a job it prunes the finished jobs beyond the retention settings."""

from __future__ import annotations

import socket
import subprocess
import sys
from datetime import timedelta
from pathlib import PurePosixPath

from sqlalchemy import update

from copilot.audit.models import JobRow, utc_now
from copilot.runtime import Runtime
from copilot.services import uploads
from copilot.services.index_jobs import IndexJobs, process_owner
from tests.security.conftest import small_knowledge
from tests.support import make_settings


def dead_owner() -> str:
    """The owner string of a process that has exited (a real one, run and finished here)."""
    code = "from copilot.services.index_jobs import process_owner; print(process_owner())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_recovery_fails_dead_jobs_undoes_their_change_and_leaves_live_ones(tmp_path):
    settings = make_settings(tmp_path / "data", knowledge_dir=small_knowledge(tmp_path))
    rt = Runtime.from_settings(settings)
    jobs = IndexJobs(rt)
    # A dead process had installed its upload but not indexed it.
    dead = jobs.store.create("upload", "owner", dead_owner(), path="faq/new.md", action="added")
    folder = uploads.job_folder(settings.data_dir, dead.id)
    (folder / "new" / "faq").mkdir(parents=True)
    (folder / "new" / "faq" / "new.md").write_text("# New\n\nText.\n")
    (settings.knowledge_dir / "faq" / "new.md").write_text("# New\n\nText.\n")
    live = jobs.store.create("reindex", "owner", process_owner())
    elsewhere = jobs.store.create("reindex", "owner", "other-host:1:1")
    assert not process_owner().startswith("other-host") and socket.gethostname() != "other-host"

    assert IndexJobs(rt).recover() == 1

    failed = jobs.get(dead.id)
    assert failed.state == "failed" and failed.error == (
        "the server stopped before this job finished; its change was undone"
    )
    assert not (settings.knowledge_dir / "faq" / "new.md").exists()
    assert (settings.knowledge_dir / "faq" / "general.md").exists()
    assert not folder.exists()
    assert jobs.get(live.id).state == "queued"  # its process (this one) still runs
    assert jobs.get(elsewhere.id).state == "queued"  # another host's, recently heard from
    queued = [j for j in jobs.recent() if j.user == "system"]
    assert [j.kind for j in queued] == ["reindex"]  # the index follows the folder back
    assert uploads.roll_back(folder, settings.knowledge_dir, PurePosixPath("faq/new.md")) is False


def test_a_finished_job_prunes_the_jobs_beyond_the_retention_settings(tmp_path):
    settings = make_settings(
        tmp_path / "data",
        knowledge_dir=small_knowledge(tmp_path),
        index_jobs_kept=2,
        index_jobs_kept_days=7,
    )
    jobs = IndexJobs(Runtime.from_settings(settings))
    old = []
    for days in (40, 30, 20):
        job = jobs.store.create("reindex", "owner", process_owner())
        jobs.store.finish(job.id, {"chunks": 0})
        old.append(job.id)
        with jobs.store._sessions.begin() as session:
            when = utc_now() - timedelta(days=days)
            session.execute(update(JobRow).where(JobRow.id == job.id).values(finished_at=when))
    jobs.start()
    new = jobs.reindex("owner")
    jobs.stop(timeout_s=600)  # the worker finishes the queued job (and its pruning) first
    assert jobs.get(new.id).state == "done"
    assert [j.id for j in jobs.recent()] == [new.id, old[-1]]  # the newest 2 finished
