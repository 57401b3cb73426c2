"""What each step of the answer chain takes and gives (``copilot.answer.chain``), as frozen records.

``Question`` -> redact -> ``Redacted`` -> retrieve -> ``Retrieved`` -> draft -> ``Drafted`` ->
ground -> ``Grounded`` -> guard -> ``Guarded`` -> cite -> ``AnswerResult``. Each record holds what
the steps before it found and adds its own step's findings; no step changes what it was given.
Only ``Question`` holds the raw question: from ``Redacted`` on, the chain has the redacted one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, fields
from typing import TypeVar

from copilot.answer.drafters import Draft
from copilot.answer.grounding import Grounding
from copilot.answer.guard import GuardOutcome
from copilot.answer.model import Turn
from copilot.answer.retrieval import Retrieval
from copilot.answer.snapshot import Snapshot
from guardrails import RedactionResult

Next = TypeVar("Next", bound="Redacted")


@dataclass(frozen=True)
class Question:
    """What the agent asked, with the earlier (already redacted) turns."""

    question: str
    history: tuple[Turn, ...] = ()
    include_archived: bool = False  # the agent asked for archived documents too
    started: float = field(default_factory=time.perf_counter)


@dataclass(frozen=True, kw_only=True)
class Redacted:
    """The question without its PHI and without attempts to instruct the copilot."""

    history: tuple[Turn, ...]
    include_archived: bool
    started: float
    redaction: RedactionResult
    search_text: str  # the redacted question without attempts to instruct the copilot
    instructions_ignored: bool
    refused: str  # the kind of request the input rail refuses ("": none); nothing is searched

    @property
    def safe_question(self) -> str:
        return self.redaction.text

    @property
    def asked(self) -> str:
        """What is searched and drafted from: the redacted question without injected orders."""
        return self.search_text or self.safe_question

    def then(self, step: type[Next], **found) -> Next:
        """The next step's record: everything in this one, with what that step ``found``."""
        return step(**{**{f.name: getattr(self, f.name) for f in fields(self)}, **found})


@dataclass(frozen=True, kw_only=True)
class Retrieved(Redacted):
    """The passages found for the question in the serving index generation."""

    snapshot: Snapshot
    search_query: str  # what was searched: with the previous question for a follow-up
    retrieval: Retrieval


@dataclass(frozen=True, kw_only=True)
class Drafted(Retrieved):
    """A draft (None when nothing was found), and why the fallback drafter wrote it, if it did."""

    draft: Draft | None
    fallback_reason: str = ""


@dataclass(frozen=True, kw_only=True)
class Grounded(Drafted):
    """The draft with only its backed statements (or the fallback's draft when too few were)."""

    grounding: Grounding | None  # None: there was no draft to check


@dataclass(frozen=True, kw_only=True)
class Guarded(Grounded):
    """The claims policy's verdict on the draft: the answer, its notes and sources."""

    outcome: GuardOutcome
