"""The JSON API: ask (plain and streaming), feedback, sources, guardrails, audit export."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response
from fastapi.responses import StreamingResponse

from copilot.answer.model import AnswerResult
from copilot.audit import NotYourAnswer, UnknownAnswer
from copilot.auth import Identity
from copilot.knowledge.model import SourceInfo
from copilot.web.asking import answer_question, stream_answer
from copilot.web.deps import RuntimeDep
from copilot.web.history import (
    ConversationSummary,
    StoredConversation,
    recent_conversations,
    stored_conversation,
)
from copilot.web.schemas import (
    ID_PATTERN,
    AskRequest,
    FeedbackReceipt,
    FeedbackRequest,
    TextRequest,
)
from copilot.web.security import require
from copilot.web.source_text import SourceDocument, SourceUnavailable, source_document

router = APIRouter(prefix="/api", tags=["api"])


@router.post(
    "/ask",
    response_model=AnswerResult,
    summary="Answer a question (same JSON as `copilot ask --json`)",
    description="The answer id (for feedback) and conversation id (for follow-ups) are in the "
    "`X-Answer-Id` and `X-Conversation-Id` response headers.",
)
def ask(
    body: AskRequest,
    rt: RuntimeDep,
    response: Response,
    who: Annotated[Identity, Depends(require("ask"))],
) -> AnswerResult:
    answered = answer_question(rt, who, body)
    response.headers["X-Answer-Id"] = answered.answer_id
    response.headers["X-Conversation-Id"] = answered.conversation_id
    return answered.result


@router.post(
    "/ask/stream",
    summary="Answer a question as server-sent events",
    description='"sentence" events (`{"text"}`), each sent once it has passed the grounding and '
    'claims checks (a "restart" event drops those sent so far: the model broke off and the '
    'documents answer instead), then one "final" event `{"result", "answer_id", "conversation_id", '
    '"phi_notice"}` whose `result` is what `POST /api/ask` returns (next-step chips included); '
    'an "error" event if it fails.',
    response_class=StreamingResponse,
)
def ask_stream(
    body: AskRequest, rt: RuntimeDep, who: Annotated[Identity, Depends(require("ask"))]
) -> StreamingResponse:
    return StreamingResponse(
        stream_answer(rt, who, body),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.post("/feedback", response_model=FeedbackReceipt, summary="Rate an answer")
def feedback(
    body: FeedbackRequest,
    rt: RuntimeDep,
    who: Annotated[Identity, Depends(require("feedback"))],
) -> FeedbackReceipt:
    comment = rt.redact(body.comment).text if body.comment.strip() else ""
    try:
        feedback_id = rt.audit.record_feedback(
            body.answer_id, who.user, body.rating, comment, any_answer=who.can("audit")
        )
    except UnknownAnswer:
        raise HTTPException(404, f"no answer with id {body.answer_id!r}") from None
    except NotYourAnswer as error:
        raise HTTPException(403, str(error)) from None
    return FeedbackReceipt(id=feedback_id, answer_id=body.answer_id, rating=body.rating)


@router.get("/sources", response_model=list[SourceInfo], summary="The indexed documents")
def sources(
    rt: RuntimeDep, who: Annotated[Identity, Depends(require("sources"))]
) -> list[SourceInfo]:
    return rt.store.list_sources()


@router.get(
    "/conversations",
    response_model=list[ConversationSummary],
    summary="Your recent conversations (redacted first questions), latest first",
)
def conversations(
    rt: RuntimeDep, who: Annotated[Identity, Depends(require("ask"))]
) -> list[ConversationSummary]:
    return recent_conversations(rt, who.user)


@router.get(
    "/conversations/{conversation_id}",
    response_model=StoredConversation,
    summary="Your turns of one conversation (redacted, as stored), oldest first",
)
def conversation(
    rt: RuntimeDep,
    who: Annotated[Identity, Depends(require("ask"))],
    conversation_id: Annotated[str, Path(pattern=ID_PATTERN)],
) -> StoredConversation:
    return stored_conversation(rt, who.user, conversation_id)


@router.get(
    "/sources/document",
    response_model=SourceDocument,
    summary="One indexed document's text (what a citation opens)",
)
def source_text(
    rt: RuntimeDep,
    who: Annotated[Identity, Depends(require("sources"))],
    path: Annotated[str, Query(max_length=512, description="The citation's `source`")],
) -> SourceDocument:
    try:
        return source_document(rt, path)
    except SourceUnavailable as error:
        raise HTTPException(404, str(error)) from None


@router.post("/redact", summary="Remove PHI from text (same JSON as `copilot redact --json`)")
def redact(
    body: TextRequest, rt: RuntimeDep, who: Annotated[Identity, Depends(require("guardrails"))]
) -> dict:
    return rt.redact(body.text).to_dict()


@router.post("/check", summary="Check text against the claims policy")
def check(
    body: TextRequest, rt: RuntimeDep, who: Annotated[Identity, Depends(require("guardrails"))]
) -> dict:
    return rt.checker.check(body.text).model_dump()


@router.get("/audit", summary="Export the audit trail (redacted) as CSV or JSON Lines")
def audit_export(
    rt: RuntimeDep,
    who: Annotated[Identity, Depends(require("audit"))],
    since: Annotated[datetime | None, Query(description="ISO date or date-time, UTC")] = None,
    fmt: Annotated[Literal["csv", "jsonl"], Query(alias="format")] = "jsonl",
) -> Response:
    from copilot.audit.export import write_answers

    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    out = io.StringIO()
    write_answers(rt.audit.answers(since=since), fmt, out)
    media = "text/csv" if fmt == "csv" else "application/x-ndjson"
    return Response(out.getvalue(), media_type=media)
