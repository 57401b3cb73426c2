"""Whether the documents cover a question: one calibrated decision with three outcomes.

A logistic model over measured retrieval signals (``copilot/data/coverage.yaml``) gives the
probability that the best passages answer the question. At or above ``answer_at`` the question is
answered; from ``weak_at`` the evidence is weak (the closest passages are shown to check, no facts
are drafted); below it the documents do not cover the question.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "data" / "coverage.yaml"
SIGNALS = ("dense", "coverage", "unknown", "agreement", "statement")

Outcome = Literal["answered", "weak", "not_covered"]


@dataclass(frozen=True)
class CoverageModel:
    weights: dict[str, float]
    bias: float
    answer_at: float
    weak_at: float

    @classmethod
    def load(cls, path: Path | None = None) -> CoverageModel:
        """Read and validate the YAML file; a missing or unknown signal is an error naming it."""
        path = path or DEFAULT_FILE
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        weights = {str(k): float(v) for k, v in (data.get("weights") or {}).items()}
        if set(weights) != set(SIGNALS):
            raise ValueError(
                f"{path}: weights must name exactly {list(SIGNALS)}; got {sorted(weights)}"
            )
        answer_at, weak_at = float(data["answer_at"]), float(data["weak_at"])
        if not 0 <= weak_at <= answer_at <= 1:
            raise ValueError(
                f"{path}: need 0 <= weak_at <= answer_at <= 1 (got {weak_at}, {answer_at})"
            )
        return cls(weights, float(data.get("bias", 0.0)), answer_at, weak_at)

    def probability(self, signals: dict[str, float]) -> float:
        """The model's probability that the passages answer the question (pure)."""
        z = self.bias + sum(w * signals[name] for name, w in self.weights.items())
        return 1 / (1 + math.exp(-z))

    def outcome(self, probability: float) -> Outcome:
        if probability >= self.answer_at:
            return "answered"
        return "weak" if probability >= self.weak_at else "not_covered"
