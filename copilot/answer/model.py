"""The answer the copilot returns: what ``copilot ask --json`` and ``POST /api/ask`` print."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from copilot.answer.decision import Outcome
from guardrails.results import Violation


class Citation(BaseModel):
    source: str
    title: str
    section: str = ""
    page: int | None = None
    last_updated: str = ""
    snippet: str = ""


class RedactionOut(BaseModel):
    label: str
    start: int
    end: int


class Turn(BaseModel):
    """One earlier turn of the conversation; texts are already redacted."""

    role: Literal["agent", "copilot"]
    text: str = Field(max_length=8000)


class NextStep(BaseModel):
    """A suggested next step (a chip): its kind, what it says and the script line it copies."""

    kind: Literal["transfer", "booking"]
    label: str
    script: str


class AnswerResult(BaseModel):
    answer: str
    citations: list[Citation] = []
    verdict: Literal["pass", "revised", "blocked"] = "pass"
    violations: list[Violation] = []
    redactions: list[RedactionOut] = []
    notes: list[str] = []
    drafter: str = "grounded"
    latency_ms: float = 0.0
    # Beyond the documented fields: what the UI and the audit trail need.
    redacted_question: str = ""
    urgent: bool = False
    found: bool = True  # False when the documents do not cover the question (a knowledge gap)
    # answered; weak (closest passages shown to check, no facts drafted); not_covered;
    # refused (a request the input rail refuses: other patients' records, the configuration)
    coverage: Outcome = "answered"
    fallback_reason: str = ""
    # Found in the cited statements (and the urgent routing) by ``copilot.answer.next_steps``.
    next_steps: list[NextStep] = []
