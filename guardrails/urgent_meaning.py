"""Urgent symptoms by meaning: the red flags a question describes in words no pattern knows.

Each sentence of a question is compared with the exemplars of every red flag and with calm
exemplars (``exemplars/urgent.yaml``); it is that red flag when it is at least ``floor`` similar
to the flag's exemplars and closer to them than to the calm ones by ``margin``. The vectors come
from the claims check's semantic layer: the exemplars once per embedder, a question's sentences
through the layer's cache (so a question the drafter also embeds is embedded once).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from pydantic import Field

from guardrails.data import StrictModel, load_model
from guardrails.semantic import EXEMPLAR_DIR, SemanticLayer, exemplar_vectors, top_mean

DEFAULT_FILE = EXEMPLAR_DIR / "urgent.yaml"


class UrgentBank(StrictModel):
    """``exemplars/urgent.yaml`` as written (unknown keys are refused)."""

    top_k: int = Field(ge=1, le=10)
    margin: float = Field(ge=-1.0, le=1.0)
    floor: float = Field(ge=0.0, le=1.0)
    red_flags: dict[str, list[str]]
    calm: list[str]

    @classmethod
    def load(cls, path: Path | None = None) -> UrgentBank:
        return load_model(path or DEFAULT_FILE, cls)


class UrgentMeaning:
    """Names the red flags a question's sentences describe."""

    def __init__(self, layer: SemanticLayer, bank: UrgentBank, known_flags: set[str]) -> None:
        unknown = set(bank.red_flags) - known_flags
        if unknown:
            raise ValueError(f"urgent exemplars name red flags the policy does not have: "
                             f"{sorted(unknown)} (policy.yaml urgent.triggers)")
        self.vectors = layer.vectors
        self.bank = bank
        self.flags = list(bank.red_flags)
        texts = [t for flag in self.flags for t in bank.red_flags[flag]]
        matrix = exemplar_vectors(layer.embed, tuple(texts + bank.calm))
        owners = np.asarray([flag for flag in self.flags for _ in bank.red_flags[flag]])
        self.masks = {flag: owners == flag for flag in self.flags}  # each flag's exemplar rows
        self.flag_vectors, self.calm = matrix[: len(texts)], matrix[len(texts):]

    def red_flags(self, sentences: list[str]) -> list[str]:
        """The red flags ``sentences`` (normalised) describe, by the policy's names."""
        if not sentences:
            return []
        matrix = self.vectors(sentences)
        k = self.bank.top_k
        calm = top_mean(matrix @ self.calm.T, k)
        similar = matrix @ self.flag_vectors.T
        found = []
        for flag in self.flags:
            closeness = top_mean(similar[:, self.masks[flag]], k)
            if ((closeness >= self.bank.floor) & (closeness - calm >= self.bank.margin)).any():
                found.append(flag)
        return found
