"""Stored conversations as the side panel shows them again: one after a reload, and the list
of one's recent ones. Redacted questions and answers from the audit trail, never the questions
as typed."""

from __future__ import annotations

from pydantic import BaseModel

from copilot.answer.model import NextStep
from copilot.answer.next_steps import next_steps


class StoredSource(BaseModel):
    source: str
    title: str


class StoredTurn(BaseModel):
    answer_id: str
    question: str  # redacted
    answer: str
    verdict: str
    urgent: bool
    found: bool
    notes: list[str]
    sources: list[StoredSource]
    next_steps: list[NextStep]  # the chips, found again in the stored answer
    created_at: str  # ISO 8601, UTC


class StoredConversation(BaseModel):
    conversation_id: str
    turns: list[StoredTurn]


def stored_conversation(rt, user: str, conversation_id: str) -> StoredConversation:
    """``user``'s turns of one conversation, oldest first (empty for someone else's)."""
    titles = {source: entry["title"] for source, entry in rt.store.manifest().items()}
    steps, checker = next_steps(), rt.checker
    turns = [
        StoredTurn(
            answer_id=record.id,
            question=record.redacted_question,
            answer=record.answer,
            verdict=record.verdict,
            urgent=record.urgent,
            found=record.found,
            notes=record.notes,
            sources=[StoredSource(source=s, title=titles.get(s, s)) for s in record.sources],
            next_steps=steps.find(record.answer, record.notes, checker, urgent=record.urgent),
            created_at=record.created_at.isoformat(),
        )
        for record in rt.audit.conversation_answers(conversation_id, user=user)
    ]
    return StoredConversation(conversation_id=conversation_id, turns=turns)


class ConversationSummary(BaseModel):
    conversation_id: str
    first_question: str  # redacted
    turns: int
    last_at: str  # ISO 8601, UTC


def recent_conversations(rt, user: str, limit: int = 20) -> list[ConversationSummary]:
    """``user``'s latest conversations, the most recently continued first."""
    found: dict[str, dict] = {}
    for record in rt.audit.recent_answers(user):  # newest first
        entry = found.setdefault(
            record.conversation_id, {"last_at": record.created_at.isoformat(), "turns": 0}
        )
        entry["turns"] += 1
        entry["first_question"] = record.redacted_question  # the oldest one seen wins
    return [
        ConversationSummary(conversation_id=cid, **entry)
        for cid, entry in list(found.items())[:limit]
    ]
