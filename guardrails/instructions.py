"""The input rails: orders to the copilot cut from a question, and requests it refuses.

The phrases are policy, kept as data in ``instructions.yaml`` (regular expressions, matched
case-insensitively). A question is searched and drafted from without the orders; ``cut`` also
says whether there were any, so that the agent can be told they were ignored. ``refusal`` names
the kind of a request the copilot refuses outright (other patients' records, its own
configuration): nothing is searched for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from guardrails.data import PACKAGE_DIR, StrictModel, load_model


class InstructionsFile(StrictModel):
    """``instructions.yaml`` as written (unknown keys are refused)."""

    instruction_phrases: list[str]
    refused_requests: dict[str, list[str]] = {}


@dataclass(frozen=True)
class InstructionRail:
    """Cuts attempts to instruct the copilot out of a question; names requests it refuses."""

    phrases: tuple[re.Pattern[str], ...]
    refused: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...] = ()

    @classmethod
    def load(cls, path: Path | None = None) -> InstructionRail:
        """Read the phrases with the strict loader (a problem names the file, line and key)."""
        data = load_model(path or PACKAGE_DIR / "instructions.yaml", InstructionsFile)
        return cls(
            tuple(re.compile(p, re.IGNORECASE) for p in data.instruction_phrases),
            tuple((kind, tuple(re.compile(p, re.IGNORECASE) for p in patterns))
                  for kind, patterns in data.refused_requests.items()),
        )

    def refusal(self, question: str) -> str:
        """The kind of refused request ``question`` makes (``refused_requests``), or ""."""
        return next((kind for kind, patterns in self.refused
                     if any(p.search(question) for p in patterns)), "")

    def cut(self, question: str) -> tuple[str, bool]:
        """The question without attempts to instruct the copilot, and whether there were any."""
        cleaned = question
        for pattern in self.phrases:
            cleaned = pattern.sub(" ", cleaned)
        return re.sub(r"\s+", " ", cleaned).strip(), cleaned != question
