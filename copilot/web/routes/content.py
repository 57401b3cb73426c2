"""Content owners' API: upload and delete documents, re-index (each a job), follow a job, read the
index report and the knowledge gaps, dismiss a gap."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, Response, UploadFile

from copilot.audit.jobs import JobRecord
from copilot.auth import Identity
from copilot.services.gaps import UnknownGap, dismiss_gap
from copilot.services.index_jobs import IndexJobs
from copilot.services.uploads import UploadRejected
from copilot.web.deps import RuntimeDep
from copilot.web.security import require

router = APIRouter(prefix="/api", tags=["content"])
_JOB_FIELDS = set(JobRecord.model_fields) - {"owner"}


def get_jobs(request: Request) -> IndexJobs:
    """The app's index jobs (created with the app, worker started at start-up)."""
    return request.app.state.jobs


JobsDep = Annotated[IndexJobs, Depends(get_jobs)]


def job_view(job: JobRecord) -> dict:
    """A job as the API and the admin page show it."""
    return job.model_dump(mode="json", include=_JOB_FIELDS) | {"url": f"/api/jobs/{job.id}"}


def _accepted(response: Response, job: JobRecord) -> dict:
    response.headers["Location"] = f"/api/jobs/{job.id}"
    return job_view(job)


def _read_chunks(upload: UploadFile):
    while chunk := upload.file.read(1 << 20):
        yield chunk


@router.post(
    "/documents",
    status_code=202,
    summary="Upload a document (checked and staged now; installed and indexed by a job)",
)
def upload_document(
    response: Response,
    jobs: JobsDep,
    who: Annotated[Identity, Depends(require("documents"))],
    file: Annotated[UploadFile, File(description="The document")],
    path: Annotated[
        str,
        Form(
            description="Where in the knowledge folder, e.g. faq/parking.md; "
            "defaults to the file name"
        ),
    ] = "",
    replace: Annotated[bool, Form(description="Allow replacing an existing document")] = False,
) -> dict:
    try:
        job = jobs.upload(who.user, _read_chunks(file), path, file.filename or "", replace)
    except UploadRejected as rejected:
        raise HTTPException(rejected.status, rejected.message) from None
    return _accepted(response, job)


@router.delete(
    "/documents/{path:path}",
    status_code=202,
    summary="Remove a document (kept under data_dir/deleted) and re-index, as a job",
)
def delete_document(
    path: str,
    response: Response,
    jobs: JobsDep,
    who: Annotated[Identity, Depends(require("documents"))],
) -> dict:
    try:
        job = jobs.delete(who.user, path)
    except UploadRejected as rejected:
        raise HTTPException(rejected.status, rejected.message) from None
    return _accepted(response, job)


@router.post(
    "/index", status_code=202, summary="Re-index the knowledge folder as a job (incremental "
    "unless rebuild)"
)
def reindex(
    response: Response,
    jobs: JobsDep,
    who: Annotated[Identity, Depends(require("index"))],
    rebuild: bool = False,
) -> dict:
    return _accepted(response, jobs.reindex(who.user, rebuild))


@router.get("/jobs", summary="The latest upload, delete and re-index jobs, newest first")
def list_jobs(
    jobs: JobsDep, who: Annotated[Identity, Depends(require("documents"))]
) -> list[dict]:
    return [job_view(job) for job in jobs.recent()]


@router.get(
    "/jobs/{job_id}",
    summary="A job's state (queued, running, done, failed), progress and outcome",
)
def get_job(
    job_id: str, jobs: JobsDep, who: Annotated[Identity, Depends(require("documents"))]
) -> dict:
    job = jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id[:64]!r}")
    return job_view(job)


@router.get("/index", summary="Last index report, failed files and the knowledge-gap list")
def index_status(rt: RuntimeDep, who: Annotated[Identity, Depends(require("index"))]) -> dict:
    return index_overview(rt)


@router.delete("/gaps/{key}", summary="Dismiss a knowledge gap (asked again, it reopens)")
def dismiss(key: str, rt: RuntimeDep, who: Annotated[Identity, Depends(require("index"))]) -> dict:
    try:
        dismiss_gap(rt.audit, key)
    except UnknownGap as unknown:
        raise HTTPException(404, str(unknown)) from None
    return {"dismissed": key}


def index_overview(rt, gap_limit: int = 100) -> dict:
    """What ``GET /api/index`` and ``/admin`` show: last report, failures, gaps, sources."""
    report = rt.store.last_report()
    return {
        "report": report.model_dump() if report else None,
        "failed": [f.model_dump() for f in report.failed] if report else [],
        "gaps": [
            {
                "key": g.key,
                "question": g.redacted_question,
                "count": g.count,
                "last_asked": g.last_asked.isoformat(),
            }
            for g in rt.audit.gaps(limit=gap_limit)
        ],
        "sources": [s.model_dump() for s in rt.store.list_sources()],
    }
