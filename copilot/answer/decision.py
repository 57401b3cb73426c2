"""Whether the documents cover a question: one decision, three outcomes, thresholds as data.

``answered`` (draft from the passages), ``weak`` (something near exists: show the closest passages
to check, draft no facts from them) or ``not_covered`` (nothing relevant: say whom to ask). The
signals and the thresholds are described in ``copilot/data/coverage.yaml``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from guardrails.data import StrictModel, load_model

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "data" / "coverage.yaml"

# "refused" is not this decision's: the input rail refused the request (guardrails/instructions).
Outcome = Literal["answered", "weak", "not_covered", "refused"]
_SHARE = Field(ge=0.0, le=1.0)


class CoverageRule(StrictModel):
    """The decision's thresholds (validated: unknown keys and out-of-range values are errors)."""

    topic_kinds: tuple[str, ...]
    topic_tags: tuple[str, ...]
    modifier_tags: tuple[str, ...]
    contraction_endings: tuple[str, ...]
    confident_dense: float = _SHARE
    min_coverage: float = _SHARE
    topic_coverage: float = _SHARE
    weak_dense: float = _SHARE
    weak_coverage: float = _SHARE
    lexical_coverage: float = _SHARE

    @classmethod
    def load(cls, path: Path | None = None) -> CoverageRule:
        return load_model(path or DEFAULT_FILE, cls)

    def decide(
        self, dense: float, coverage: float, topics: tuple[str, ...], min_relevance: float
    ) -> Outcome:
        """The outcome for one question's retrieval signals (pure)."""
        if dense >= min_relevance:
            if dense >= self.confident_dense and (not topics or coverage >= self.topic_coverage):
                return "answered"
            if coverage >= self.min_coverage and not topics:
                return "answered"
        if coverage >= self.lexical_coverage and not topics:
            return "answered"  # the passages hold most of what was asked, in its own words
        if dense >= self.weak_dense or coverage >= self.weak_coverage:
            return "weak"
        return "not_covered"
