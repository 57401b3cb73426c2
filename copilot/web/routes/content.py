"""Content owners' API: upload and delete documents, re-index, read the index report and gaps."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from copilot.auth import Identity
from copilot.knowledge.indexer import IndexLocked
from copilot.web import uploads
from copilot.web.schemas import DocumentChange
from copilot.web.security import require

router = APIRouter(prefix="/api", tags=["content"])
MB = 1_000_000
_LOCK_WAIT_S = 30.0


def runtime(request: Request):
    return request.app.state.runtime


def run_index(rt, rebuild: bool = False):
    """Run the indexer, waiting a while if another run holds the lock; None if it stays busy."""
    deadline = time.monotonic() + _LOCK_WAIT_S
    while True:
        try:
            return rt.indexer.run(rebuild=rebuild)
        except IndexLocked:
            if time.monotonic() > deadline:
                return None
            time.sleep(0.5)


def _change(rt, path: str, action: str) -> DocumentChange:
    report = run_index(rt)
    if report is None:
        return DocumentChange(
            path=path,
            action=action,
            indexed=False,
            message="saved; the index is busy with another run and will pick it up next time",
        )
    return DocumentChange(path=path, action=action, indexed=True, report=report.model_dump())


def _read_chunks(upload: UploadFile):
    while chunk := upload.file.read(1 << 20):
        yield chunk


@router.post(
    "/documents",
    response_model=DocumentChange,
    status_code=201,
    summary="Upload a document (Markdown, PDF, HTML, text) and re-index",
)
def upload_document(
    request: Request,
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
) -> DocumentChange:
    rt, settings = runtime(request), runtime(request).settings
    try:
        relative = uploads.safe_relative_path(path or file.filename or "")
        uploads.check_suffix(relative)
        uploads.check_destination(Path(settings.knowledge_dir), relative, replace)
        with uploads.staging_area(Path(settings.data_dir)) as staging:
            staged = staging / relative
            staged.parent.mkdir(parents=True, exist_ok=True)
            uploads.stage(_read_chunks(file), staged, int(settings.max_upload_mb * MB))
            uploads.validate_staged(staging, relative, settings)
            existed = uploads.check_destination(Path(settings.knowledge_dir), relative, replace)
            uploads.install(staged, Path(settings.knowledge_dir), relative)
    except uploads.UploadRejected as rejected:
        raise HTTPException(rejected.status, rejected.message) from None
    return _change(rt, relative.as_posix(), "replaced" if existed else "added")


@router.delete(
    "/documents/{path:path}",
    response_model=DocumentChange,
    summary="Remove a document (kept under data_dir/deleted) and re-index",
)
def delete_document(
    path: str, request: Request, who: Annotated[Identity, Depends(require("documents"))]
) -> DocumentChange:
    rt, settings = runtime(request), runtime(request).settings
    try:
        relative = uploads.safe_relative_path(path)
        uploads.remove(Path(settings.knowledge_dir), relative, Path(settings.data_dir) / "deleted")
    except uploads.UploadRejected as rejected:
        raise HTTPException(rejected.status, rejected.message) from None
    return _change(rt, relative.as_posix(), "deleted")


@router.post("/index", summary="Re-index the knowledge folder (incremental unless rebuild)")
async def reindex(
    request: Request,
    who: Annotated[Identity, Depends(require("index"))],
    rebuild: bool = False,
) -> dict:
    report = await run_in_threadpool(run_index, runtime(request), rebuild)
    if report is None:
        raise HTTPException(409, "another index run is in progress; try again when it finishes")
    return report.model_dump()


@router.get("/index", summary="Last index report, failed files and the knowledge-gap list")
def index_status(request: Request, who: Annotated[Identity, Depends(require("index"))]) -> dict:
    return index_overview(runtime(request))


def index_overview(rt, gap_limit: int = 100) -> dict:
    """What ``GET /api/index`` and ``/admin`` show: last report, failures, gaps, sources."""
    report = rt.store.last_report()
    return {
        "report": report.model_dump() if report else None,
        "failed": [f.model_dump() for f in report.failed] if report else [],
        "gaps": [
            {
                "question": g.redacted_question,
                "count": g.count,
                "last_asked": g.last_asked.isoformat(),
            }
            for g in rt.audit.gaps(limit=gap_limit)
        ],
        "sources": [s.model_dump() for s in rt.store.list_sources()],
    }
