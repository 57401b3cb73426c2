"""What the claims checker returns: violations, verdicts, required notes, urgent notices."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Violation:
    """One breach of a rule: ``text`` is ``checked_text[start:end]``."""

    rule: str
    start: int
    end: int
    text: str
    message: str
    suggestion: str = ""

    def to_dict(self) -> dict:
        """The JSON shape ``copilot check --json`` prints."""
        return asdict(self)


@dataclass(frozen=True)
class CheckResult:
    """``verdict`` is "violation" as soon as there is one violation."""

    verdict: Literal["pass", "violation"]
    violations: list[Violation] = field(default_factory=list)

    @classmethod
    def of(cls, violations: list[Violation]) -> CheckResult:
        """Verdict from a list of violations, sorted by position."""
        ordered = sorted(violations, key=lambda v: (v.start, v.end, v.rule))
        return cls("violation" if ordered else "pass", ordered)

    def to_dict(self) -> dict:
        """``{"verdict", "violations"}`` as printed by ``copilot check --json``."""
        return {"verdict": self.verdict, "violations": [v.to_dict() for v in self.violations]}


@dataclass(frozen=True)
class RequiredNote:
    """A note the answer must carry (``id`` is its key under ``required_notes`` in policy.yaml)."""

    id: str
    text: str


@dataclass(frozen=True)
class UrgentNotice:
    """Shown above everything else when the question describes red-flag symptoms."""

    text: str
    reasons: list[str] = field(default_factory=list)
