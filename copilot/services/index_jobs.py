"""Upload, delete and re-index as jobs: a request validates and stages, a worker does the rest.

The use cases (``upload``, ``delete``, ``reindex``) check what they can at once and record a
queued job in the app database; one worker thread per app process runs its jobs one at a time,
at a lower CPU priority than answering. A job waits for the index lock, applies its change to
the knowledge folder, runs the indexer in a process of its own at the lowest priority
(``index_process``; progress: chunks embedded of the total) and, if the run changed the index,
re-asks the open knowledge gaps. A job that fails is rolled back: the folder and the index
are left as they were, and the job says why.

At start-up :meth:`IndexJobs.recover` fails the jobs of processes that died (rolling back their
change), removes staged files nobody will use and generations of killed runs.
"""

from __future__ import annotations

import logging
import os
import queue
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path, PurePosixPath

from copilot.audit.jobs import JobRecord, JobStore, new_job_id
from copilot.audit.models import utc_now
from copilot.knowledge.background import lower_priority
from copilot.knowledge.indexer import IndexLocked, index_lock
from copilot.knowledge.model import IndexReport
from copilot.services import uploads
from copilot.services.gaps import close_answered_gaps
from copilot.services.index_process import IndexRunFailed, failure_reason, run_index

logger = logging.getLogger("copilot.jobs")
MB = 1_000_000
SYSTEM_USER = "system"
_LOCK_POLL_S = 0.5
_PROGRESS_EVERY_S = 0.5
_STALE_OWNER_S = 900  # a job of another host with no news for this long has lost its process
_INTERRUPTED = "the server stopped before this job finished; {undone}"


class JobFailed(Exception):
    """A job that cannot complete; ``str(error)`` is the reason shown to the content owner."""


def _start_time(pid: int) -> str:
    """When process ``pid`` started (clock ticks since boot), which tells a reused pid apart."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def process_owner() -> str:
    """This process, as a job's owner: host, pid and start time."""
    return f"{socket.gethostname()}:{os.getpid()}:{_start_time(os.getpid())}"


def owner_alive(owner: str, updated_at: datetime, now: datetime) -> bool:
    """Whether the process that owns a job still runs (on another host: whether it reported
    within the last quarter of an hour)."""
    host, _, rest = owner.partition(":")
    pid, _, started = rest.partition(":")
    if host != socket.gethostname():
        return (now - updated_at).total_seconds() < _STALE_OWNER_S
    return pid.isdigit() and bool(started) and _start_time(int(pid)) == started


def _document_failure(report: IndexReport, job: JobRecord) -> str:
    """Why the indexer refused the job's document, if it did."""
    if job.kind != "upload":
        return ""
    return next((f"{f.path}: {f.error}" for f in report.failed if f.path == job.path), "")


class IndexJobs:
    """The document-change and re-index use cases, and the worker that runs them."""

    def __init__(self, runtime) -> None:
        self.rt = runtime
        self.settings = runtime.settings
        self.store = JobStore(runtime.audit.engine)
        self.owner = process_owner()
        self._knowledge = Path(self.settings.knowledge_dir)
        self._data = Path(self.settings.data_dir)
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._accepting = threading.Lock()
        self._thread: threading.Thread | None = None

    # -- use cases ---------------------------------------------------------------------------
    def upload(
        self, user: str, chunks: Iterable[bytes], path: str, filename: str, replace: bool
    ) -> JobRecord:
        """Check and stage an uploaded document and queue the job that installs and indexes it;
        ``UploadRejected`` (with its HTTP status) when it cannot go in."""
        relative = uploads.safe_relative_path(path or filename)
        uploads.check_suffix(relative)
        uploads.check_destination(self._knowledge, relative, replace)
        self._check_not_pending(relative)
        job_id = new_job_id()
        with uploads.staging_area(self._data) as staging:
            staged = staging / relative
            staged.parent.mkdir(parents=True, exist_ok=True)
            uploads.stage(chunks, staged, int(self.settings.max_upload_mb * MB))
            uploads.validate_staged(staging, relative, self.settings)
            with self._accepting:
                existed = uploads.check_destination(self._knowledge, relative, replace)
                self._check_not_pending(relative)
                uploads.hand_over(staged, uploads.job_folder(self._data, job_id), relative)
                job = self.store.create(
                    "upload", user, self.owner, job_id=job_id, path=relative.as_posix(),
                    action="replaced" if existed else "added",
                )
        self._queue.put(job.id)
        return job

    def delete(self, user: str, path: str) -> JobRecord:
        """Queue the removal of a document (404 ``UploadRejected`` when there is none)."""
        relative = uploads.safe_relative_path(path)
        uploads.check_deletable(self._knowledge, relative)
        with self._accepting:
            self._check_not_pending(relative)
            job = self.store.create(
                "delete", user, self.owner, path=relative.as_posix(), action="deleted"
            )
        self._queue.put(job.id)
        return job

    def reindex(self, user: str, rebuild: bool = False) -> JobRecord:
        """Queue a re-index of the knowledge folder (a full rebuild with ``rebuild``)."""
        job = self.store.create("reindex", user, self.owner, rebuild=rebuild)
        self._queue.put(job.id)
        return job

    def get(self, job_id: str) -> JobRecord | None:
        return self.store.get(job_id)

    def recent(self, limit: int = 20) -> list[JobRecord]:
        return self.store.recent(limit)

    def _check_not_pending(self, relative: PurePosixPath) -> None:
        wanted = relative.as_posix().lower()
        for job in self.store.pending():
            if job.path.lower() == wanted:
                raise uploads.UploadRejected(
                    409, f"a change to {job.path} is already {job.state} (job {job.id}); "
                    "wait for it to finish",
                )

    # -- start-up and the worker ---------------------------------------------------------------
    def recover(self) -> int:
        """Fail the jobs whose process died, undoing their change to the knowledge folder (a
        re-index is queued when something was undone); remove staged uploads nobody will use
        and generations of killed runs. Returns how many jobs were failed."""
        now = utc_now()
        dead = [j for j in self.store.pending() if not owner_alive(j.owner, j.updated_at, now)]
        undone = False
        if dead:  # only then wait for the lock: a sibling process may be indexing
            with self._locked(None):
                for job in dead:
                    folder = uploads.job_folder(self._data, job.id)
                    changed = bool(job.path) and uploads.roll_back(
                        folder, self._knowledge, PurePosixPath(job.path)
                    )
                    undone |= changed
                    what = "its change was undone" if changed else "nothing was changed"
                    self.store.fail(job.id, _INTERRUPTED.format(undone=what))
        uploads.clean_staging(self._data, frozenset(j.id for j in self.store.pending()))
        self.rt.indexer.drop_orphans()  # skipped while another run holds the lock
        if undone:
            self.reindex(SYSTEM_USER)
        return len(dead)

    def start(self) -> None:
        """Start the worker thread (once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="index-jobs", daemon=True)
            self._thread.start()

    def stop(self, timeout_s: float = 10.0) -> None:
        """Let the worker finish its current job and stop (a job still running when the process
        ends is failed and undone at the next start)."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout_s)

    def _work(self) -> None:
        lower_priority()
        while (job_id := self._queue.get()) is not None:
            try:
                self._run(job_id)
            except Exception as error:  # the worker must survive any one job
                logger.error("index job failed unexpectedly (%s)", type(error).__name__)
                self.store.fail(job_id, f"internal error ({type(error).__name__}); see the log")
            self._prune()

    def _prune(self) -> None:
        """Bound the job table once a job has finished (settings ``index_jobs_kept*``)."""
        try:
            self.store.prune(self.settings.index_jobs_kept, self.settings.index_jobs_kept_days)
        except Exception as error:  # a failed clean-up must not stop the worker
            logger.error("pruning finished index jobs failed (%s)", type(error).__name__)

    def _locked(self, job_id: str | None) -> ExitStack:
        """The index lock, waiting (and saying so on the job) while another run holds it."""
        stack = ExitStack()
        while True:
            try:
                stack.enter_context(index_lock(self._data))
                return stack
            except IndexLocked:
                if job_id:
                    self.store.note(job_id, "waiting for another index run")
                time.sleep(_LOCK_POLL_S)

    def _progress(self, job_id: str) -> Callable[[int, int], None]:
        last = [0.0]

        def report(done: int, total: int) -> None:
            now = time.monotonic()
            if done == total or now - last[0] >= _PROGRESS_EVERY_S:
                last[0] = now
                self.store.progress(job_id, "embedding", done, total)

        return report

    def _run(self, job_id: str) -> None:
        job = self.store.get(job_id)
        if job is None or job.state != "queued":
            return
        folder = uploads.job_folder(self._data, job.id)
        relative = PurePosixPath(job.path) if job.path else None
        try:
            with self._locked(job.id):
                self.store.progress(job.id, "indexing")
                report = self._apply_and_index(job, folder, relative)
            if job.kind == "delete":
                uploads.keep_deleted(folder, relative, self._data / "deleted")
        except (JobFailed, IndexRunFailed, uploads.UploadRejected) as error:
            self.store.fail(job.id, str(error))
            return
        except Exception as error:
            logger.error("index job failed (%s)", type(error).__name__)
            self.store.fail(job.id, failure_reason(error))
            return
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        closed = 0
        if report.added or report.updated or report.removed:
            self.rt.snapshots.latest()  # done means answers come from the new generation
            self.store.progress(job.id, "re-checking knowledge gaps", report.chunks, report.chunks)
            closed = close_answered_gaps(self.rt.audit, self.rt.copilot)
        self.store.finish(job.id, report.model_dump(mode="json"), closed)

    def _apply_and_index(
        self, job: JobRecord, folder: Path, relative: PurePosixPath | None
    ) -> IndexReport:
        """Under the index lock: change the folder, index, and undo both if anything fails."""
        indexer = self.rt.indexer
        try:
            if job.kind == "upload":
                uploads.apply_upload(
                    folder, self._knowledge, relative, replace=job.action == "replaced"
                )
            elif job.kind == "delete":
                uploads.apply_delete(folder, self._knowledge, relative)
            report = run_index(self.settings, job.rebuild, self._progress(job.id))
            self.rt.store.notice_publication()  # answers follow the child's generation at once
            if failure := _document_failure(report, job):
                raise JobFailed(failure)
            return report
        except BaseException:
            if relative is not None and uploads.roll_back(folder, self._knowledge, relative):
                try:
                    indexer.run_locked()  # the index follows the folder back
                except Exception as error:
                    logger.error("index run after a rollback failed (%s)", type(error).__name__)
            indexer.drop_orphans_locked()
            raise
