"""Urgent symptoms by meaning: the red flags a question describes in words no pattern knows.

Each sentence of a question is compared with the exemplars of every red flag and with calm
exemplars (``exemplars/urgent.yaml``); it is that red flag when it is at least ``floor`` similar
to the flag's exemplars and closer to them than to the calm ones by ``margin``, or at least
``far_floor`` similar and closer by ``far_margin`` (a sentence like nothing calm). A sentence near a
red flag as a whole is also read clause by clause ("husband on the line, she's bleeding really
heavy and wants to reschedule"), each clause held to ``clause_margin``. The vectors come from the
claims check's semantic layer: the exemplars once per embedder, a question's sentences through
the layer's cache (so a question the drafter also embeds is embedded once).

The copilot's embedder reads English only: a sentence mostly in other words (``other_languages``
in the bank) is also read with a multilingual embedder when one is given, against the bank's
English exemplars and calm lines of its own, held to that reader's floor and margin (its
similarities run higher).
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import numpy as np
from pydantic import Field

from guardrails.data import StrictModel, load_model
from guardrails.lexicon import english_share
from guardrails.semantic import (
    EXEMPLAR_DIR,
    Embed,
    SemanticLayer,
    exemplar_vectors,
    top_mean,
    unit_rows,
)

DEFAULT_FILE = EXEMPLAR_DIR / "urgent.yaml"


class OtherLanguages(StrictModel):
    """How the multilingual reader reads a sentence not in English."""

    # a sentence is read when fewer of its words than this share are English words at least
    # ``english_zipf`` frequent
    english_share: float = Field(ge=0.0, le=1.0)
    english_zipf: float = Field(ge=0.0, le=8.0)
    # ... and it has this many words at least, or a letter outside ASCII (whose language two
    # plain words do not tell)
    min_words: int = Field(ge=1)
    top_k: int = Field(ge=1, le=10)
    floor: float = Field(ge=0.0, le=1.0)
    margin: float = Field(ge=-1.0, le=1.0)
    calm: list[str]  # more calm exemplars, for this reader only


class UrgentBank(StrictModel):
    """``exemplars/urgent.yaml`` as written (unknown keys are refused)."""

    top_k: int = Field(ge=1, le=10)
    margin: float = Field(ge=-1.0, le=1.0)
    floor: float = Field(ge=0.0, le=1.0)
    clause_breaks: str  # where a sentence's clauses meet
    min_clause_words: int = Field(ge=1)  # a shorter piece is no clause of its own
    clause_margin: float = Field(ge=-1.0, le=1.0)  # ``margin``, for a clause read alone
    # a sentence is read clause by clause when a red flag is this close to it as a whole and
    # within ``clause_gap`` of (or beyond) the calm exemplars
    clause_floor: float = Field(ge=0.0, le=1.0)
    clause_gap: float = Field(ge=-1.0, le=1.0)
    # ... and a sentence below ``floor`` is that red flag when it is at least ``far_floor``
    # close to it and this much closer to it than to the calm exemplars
    far_floor: float = Field(ge=0.0, le=1.0)
    far_margin: float = Field(ge=0.0, le=1.0)
    red_flags: dict[str, list[str]]
    calm: list[str]
    other_languages: OtherLanguages

    @classmethod
    def load(cls, path: Path | None = None) -> UrgentBank:
        return load_model(path or DEFAULT_FILE, cls)


class UrgentMeaning:
    """Names the red flags a question's sentences describe."""

    def __init__(self, layer: SemanticLayer, bank: UrgentBank, known_flags: set[str],
                 multilingual: Embed | None = None) -> None:
        unknown = set(bank.red_flags) - known_flags
        if unknown:
            raise ValueError(f"urgent exemplars name red flags the policy does not have: "
                             f"{sorted(unknown)} (policy.yaml urgent.triggers)")
        self.vectors = layer.vectors
        self.bank = bank
        self.breaks = re.compile(bank.clause_breaks)
        self.flags = list(bank.red_flags)
        texts = [t for flag in self.flags for t in bank.red_flags[flag]]
        matrix = exemplar_vectors(layer.embed, tuple(texts + bank.calm))
        owners = np.asarray([flag for flag in self.flags for _ in bank.red_flags[flag]])
        self.masks = {flag: owners == flag for flag in self.flags}  # each flag's exemplar rows
        self.flag_vectors, self.calm = matrix[: len(texts)], matrix[len(texts):]
        self.multilingual = multilingual
        self._texts = texts
        self._other: tuple[np.ndarray, dict[str, np.ndarray], np.ndarray] | None = None
        self._other_lock = threading.Lock()  # (the background screening may be loading it)

    def clauses(self, sentence: str) -> list[str]:
        """The clauses of ``sentence`` when it has more than one, else none; a piece too short
        to be a clause is left out ("in tears, <a red flag>": the red flag alone)."""
        pieces = [p.strip() for p in self.breaks.split(sentence)]
        parts = [p for p in pieces if len(p.split()) >= self.bank.min_clause_words]
        return parts if len(pieces) > 1 else []

    def red_flags(self, sentences: list[str]) -> list[str]:
        """The red flags ``sentences`` (normalised) or their clauses describe, by the policy's
        names. A sentence is read clause by clause only when it is near a red flag as a whole
        (most questions are embedded once)."""
        if not sentences:
            return []
        bank = self.bank
        closeness, calm = self._closeness(sentences)
        found = self._flagged(closeness, calm, bank.margin)
        near = [s for i, s in enumerate(sentences) if closeness[:, i].max() >= bank.clause_floor
                and (closeness[:, i] - calm[i]).max() >= bank.clause_gap]
        clauses = [c for s in near for c in self.clauses(s) if c not in sentences]
        if clauses:
            # read alone, a clause has lost what its sentence said of it: a wider margin
            found |= self._flagged(*self._closeness(clauses), bank.clause_margin)
        found |= self._read_in_other_languages(sentences)
        return [flag for flag in self.flags if flag in found]

    def read_other_languages_now(self) -> None:
        """Load the multilingual reader and embed its exemplars now (a serving process, in the
        background), not at the first question in another language (1.5-2 s)."""
        if self.multilingual is not None:
            self._other_exemplars()

    def _other_exemplars(self) -> tuple[np.ndarray, dict[str, np.ndarray], np.ndarray]:
        """The multilingual reader's red-flag vectors, each flag's rows and the calm vectors,
        embedded at its first use (a serving process's background screening, or the first
        sentence read: a process that reads none never loads the model): of
        the English exemplars only (a language pulls a sentence towards the exemplars written
        in it, red flags or calm)."""
        with self._other_lock:
            return self._other or self._embed_other_exemplars()

    def _embed_other_exemplars(self) -> tuple[np.ndarray, dict[str, np.ndarray], np.ndarray]:
        bank = self.bank
        english = np.asarray([self._is_english(t) for t in self._texts])
        calm = [t for t in bank.calm + bank.other_languages.calm if self._is_english(t)]
        rows = [t for t, kept in zip(self._texts, english, strict=True) if kept]
        matrix = exemplar_vectors(self.multilingual, tuple(rows + calm))
        self._other = (matrix[: len(rows)],
                       {flag: mask[english] for flag, mask in self.masks.items()},
                       matrix[len(rows):])
        return self._other

    def _read_in_other_languages(self, sentences: list[str]) -> set[str]:
        """The red flags the multilingual reader finds in the sentences not in English."""
        other = self.bank.other_languages
        foreign = [s for s in sentences if not self._is_english(s)]
        if self.multilingual is None or not foreign:
            return set()
        flag_vectors, masks, calm_vectors = self._other_exemplars()
        closeness, calm = self._closeness_of(unit_rows(self.multilingual(foreign)),
                                             flag_vectors, masks, calm_vectors, other.top_k)
        return self._found(closeness, calm, other.margin, other.floor)

    def _is_english(self, text: str) -> bool:
        other = self.bank.other_languages
        if text.isascii() and len(text.split()) < other.min_words:
            return True
        return english_share(text, other.english_zipf) >= other.english_share

    def _closeness(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Each red flag's closeness to each text (flags x texts), and each text's to calm."""
        return self._closeness_of(self.vectors(texts), self.flag_vectors, self.masks, self.calm,
                                  self.bank.top_k)

    def _closeness_of(self, matrix: np.ndarray, flag_vectors: np.ndarray,
                      masks: dict[str, np.ndarray], calm: np.ndarray,
                      k: int) -> tuple[np.ndarray, np.ndarray]:
        similar = matrix @ flag_vectors.T
        flags = np.stack([top_mean(similar[:, masks[flag]], k) for flag in self.flags])
        return flags, top_mean(matrix @ calm.T, k)

    def _flagged(self, closeness: np.ndarray, calm: np.ndarray, margin: float) -> set[str]:
        """The red flags MiniLM's reading finds: over ``floor`` by ``margin``, or over
        ``far_floor`` by ``far_margin`` (a text like nothing calm)."""
        bank = self.bank
        return self._found(closeness, calm, margin) \
            | self._found(closeness, calm, bank.far_margin, bank.far_floor)

    def _found(self, closeness: np.ndarray, calm: np.ndarray, margin: float,
               floor: float | None = None) -> set[str]:
        floor = self.bank.floor if floor is None else floor
        return {flag for flag, row in zip(self.flags, closeness, strict=True)
                if ((row >= floor) & (row - calm >= margin)).any()}
