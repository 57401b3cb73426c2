"""One question through the copilot, with everything around it: history, audit, gaps, logs.

Shared by ``POST /api/ask`` (one JSON answer) and ``POST /api/ask/stream`` (server-sent events).
Only ``AnswerResult.redacted_question`` is ever stored or logged, never the question as typed.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from copilot.answer.model import AnswerResult
from copilot.auth import Identity
from copilot.services import asking
from copilot.web.notices import phi_notice
from copilot.web.request_log import log_error
from copilot.web.schemas import AskRequest

logger = logging.getLogger("copilot.web")


@dataclass(frozen=True)
class Answered:
    """An answer with the ids the caller needs for feedback and follow-ups."""

    result: AnswerResult
    answer_id: str
    conversation_id: str


def _history(rt, who: Identity, conversation_id: str):
    return rt.audit.conversation(conversation_id, user=who.user)


def _record(rt, who: Identity, result: AnswerResult, conversation_id: str) -> Answered:
    """Audit an answer whose gap (if any) is already recorded, and log it."""
    answer_id = rt.audit.record_answer(who.user, who.role, result, conversation_id)
    logger.info(
        "answer",
        extra={
            "user": who.user,
            "answer_id": answer_id,
            "verdict": result.verdict,
            "found": result.found,
            "citations": len(result.citations),
            "ms": round(result.latency_ms, 1),
        },
    )
    return Answered(result, answer_id, conversation_id)


def answer_question(rt, who: Identity, request: AskRequest) -> Answered:
    """Ask with the conversation's earlier turns, then audit the answer (and any gap)."""
    conversation_id = request.conversation_id or uuid.uuid4().hex
    result = asking.ask(
        rt,
        request.question,
        who.user,
        history=_history(rt, who, conversation_id),
        include_archived=request.include_archived,
    )
    return _record(rt, who, result, conversation_id)


def sse(event: str, data: dict) -> str:
    """One server-sent event in wire format."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def stream_answer(rt, who: Identity, request: AskRequest) -> Iterator[str]:
    """SSE text: "sentence" events as produced (a "restart" event drops those sent so far when
    the model broke off and the documents answer instead), then one "final" event with the full
    result (what ``POST /api/ask`` returns, next-step chips included), ``answer_id``,
    ``conversation_id`` and ``phi_notice``; an "error" event if answering fails."""
    conversation_id = request.conversation_id or uuid.uuid4().hex
    try:
        events = rt.copilot.stream(
            request.question,
            history=_history(rt, who, conversation_id),
            include_archived=request.include_archived,
        )
        for event in events:
            if event["event"] == "sentence":
                yield sse("sentence", {"text": event["text"]})
            elif event["event"] == "restart":  # the model broke off: the documents answer
                yield sse("restart", {})
            elif event["event"] == "final":
                result = asking.finished(rt, AnswerResult.model_validate(event["result"]), who.user)
                answered = _record(rt, who, result, conversation_id)
                payload = {
                    "result": result.model_dump(),
                    "answer_id": answered.answer_id,
                    "conversation_id": conversation_id,
                    "phi_notice": phi_notice(r.label for r in result.redactions),
                }
                yield sse("final", payload)
    except Exception as error:  # the stream has started: report in-band, never the details
        log_error(error)
        yield sse("error", {"detail": "the copilot could not answer; please try again"})
