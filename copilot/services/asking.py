"""Asking: a question through the copilot, and a knowledge gap recorded when nothing covered it."""

from __future__ import annotations

from collections.abc import Sequence

from copilot.answer.model import AnswerResult, Turn


def record_gap(audit, result: AnswerResult, user: str) -> bool:
    """Record the (redacted) question as a knowledge gap when the copilot found nothing for it;
    True if one was recorded."""
    if result.found:
        return False
    audit.record_gap(result.redacted_question, user)
    return True


def ask(
    rt,
    question: str,
    user: str,
    *,
    copilot=None,
    history: Sequence[Turn] = (),
    include_archived: bool = False,
) -> AnswerResult:
    """Answer ``question`` (with ``rt.copilot`` unless another is given) and record a gap if it
    was not covered."""
    result = (copilot or rt.copilot).ask(question, history, include_archived)
    record_gap(rt.audit, result, user)
    return result
