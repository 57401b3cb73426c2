"""Asking: a question through the copilot, and a knowledge gap recorded when nothing covered it.

Every answer handed out (``POST /api/ask``, the stream's final event, ``copilot ask``) carries
its next-step chips, found here the same way for each."""

from __future__ import annotations

from collections.abc import Sequence

from copilot.answer.model import AnswerResult, Turn
from copilot.answer.next_steps import next_steps


def record_gap(audit, result: AnswerResult, user: str) -> bool:
    """Record the (redacted) question as a knowledge gap when the copilot found nothing for it
    (a refused request is no gap); True if one was recorded."""
    if result.found or result.coverage == "refused":
        return False
    audit.record_gap(result.redacted_question, user)
    return True


def finished(rt, result: AnswerResult, user: str) -> AnswerResult:
    """``result`` as it is handed out: its gap recorded, its next-step chips found (each script
    line held to the serving generation's claims check)."""
    record_gap(rt.audit, result, user)
    return result.model_copy(update={"next_steps": next_steps().of(result, rt.checker)})


def ask(
    rt,
    question: str,
    user: str,
    *,
    copilot=None,
    history: Sequence[Turn] = (),
    include_archived: bool = False,
) -> AnswerResult:
    """Answer ``question`` (with ``rt.copilot`` unless another is given), record a gap if it
    was not covered, and find its next-step chips."""
    result = (copilot or rt.copilot).ask(question, history, include_archived)
    return finished(rt, result, user)
