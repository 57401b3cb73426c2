"""Request bodies of the JSON API (the responses reuse ``copilot.answer.model``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AskRequest(_Strict):
    """A question from an agent; ``conversation_id`` links follow-ups to earlier turns."""

    question: str = Field(max_length=4000)
    conversation_id: str | None = Field(None, pattern=ID_PATTERN)
    include_archived: bool = False

    @field_validator("question")
    @classmethod
    def _not_blank(cls, question: str) -> str:
        if not question.strip():
            raise ValueError("question is empty")
        return question


class FeedbackRequest(_Strict):
    """A thumbs up or down on one answer; the comment is redacted before it is stored."""

    answer_id: str = Field(pattern=ID_PATTERN)
    rating: Literal["up", "down"]
    comment: str = Field("", max_length=2000)


class TextRequest(_Strict):
    """Free text for the guardrail endpoints (redact, check)."""

    text: str = Field(min_length=1, max_length=20000)


class FeedbackReceipt(BaseModel):
    id: str
    answer_id: str
    rating: str

