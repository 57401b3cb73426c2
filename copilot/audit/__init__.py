"""The audit trail: answers (redacted questions only), feedback, conversations, knowledge gaps."""

from copilot.audit.store import (
    AnswerRecord,
    AuditStore,
    FeedbackRecord,
    GapRecord,
    NotYourAnswer,
    UnknownAnswer,
)

__all__ = [
    "AnswerRecord",
    "AuditStore",
    "FeedbackRecord",
    "GapRecord",
    "NotYourAnswer",
    "UnknownAnswer",
]
