"""What the claims checker returns: violations, verdicts, required notes, urgent notices.

Pydantic models, so callers can ``model_dump()`` them straight into JSON.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Violation(_Frozen):
    """One breach of a rule: ``text`` is ``checked_text[start:end]``."""

    rule: str
    start: int
    end: int
    text: str
    message: str
    suggestion: str = ""


class CheckResult(_Frozen):
    """``verdict`` is "violation" as soon as there is one violation."""

    verdict: Literal["pass", "violation"]
    violations: list[Violation] = []

    @classmethod
    def of(cls, violations: list[Violation]) -> CheckResult:
        """Verdict from a list of violations, sorted by position."""
        ordered = sorted(violations, key=lambda v: (v.start, v.end, v.rule))
        return cls(verdict="violation" if ordered else "pass", violations=ordered)


class RequiredNote(_Frozen):
    """A note the answer must carry (``id`` is its key under ``required_notes`` in policy.yaml)."""

    id: str
    text: str
    answers: bool = False  # the note's routing answers the question (policy.yaml ``answers``)


class UrgentNotice(_Frozen):
    """Shown above everything else when the question describes red-flag symptoms."""

    text: str
    reasons: list[str] = []
