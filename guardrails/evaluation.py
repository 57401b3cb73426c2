"""Recall and precision of a Redactor on a labelled JSONL set.

Each line: ``{"text": "...", "phi": [["LABEL", "exact substring"], ...]}`` (synthetic data).
A gold span is *recalled* when detected entities cover all of its characters (nothing leaks);
a detected entity is *correct* when it overlaps a gold span.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from guardrails.entities import Entity


@dataclass(frozen=True)
class LabelledText:
    text: str
    gold: list[tuple[str, int, int]]  # (label, start, end)


@dataclass
class Scores:
    """Span-level scores; ``missed`` / ``spurious`` hold (label, text) for inspection."""

    gold: int = 0
    recalled: int = 0
    detected: int = 0
    correct: int = 0
    same_label: int = 0
    missed: list[tuple[str, str]] = field(default_factory=list)
    spurious: list[tuple[str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.recalled / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.detected if self.detected else 1.0

    @property
    def label_accuracy(self) -> float:
        """Share of recalled gold spans whose covering entity has the gold label."""
        return self.same_label / self.recalled if self.recalled else 1.0


def load_labelled(path: Path) -> list[LabelledText]:
    """Read the JSONL set; a value missing from its text is an error naming the line."""
    items: list[LabelledText] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        text, gold = record["text"], []
        for label, value in record["phi"]:
            start = text.find(value)
            if start < 0:
                raise ValueError(f"{path} line {number}: {label} value not found in text")
            gold.append((label, start, start + len(value)))
        items.append(LabelledText(text, gold))
    return items


def score(items: list[LabelledText], detect) -> Scores:
    """Run ``detect(text) -> list[Entity]`` over the set and count."""
    scores = Scores()
    for item in items:
        entities: list[Entity] = detect(item.text)
        for label, start, end in item.gold:
            scores.gold += 1
            covering = [e for e in entities if e.start < end and start < e.end]
            if _covered(item.text, start, end, covering):
                scores.recalled += 1
                scores.same_label += any(e.label == label for e in covering)
            else:
                scores.missed.append((label, item.text[start:end]))
        for entity in entities:
            scores.detected += 1
            if any(entity.start < end and start < entity.end for _, start, end in item.gold):
                scores.correct += 1
            else:
                scores.spurious.append((entity.label, item.text[entity.start : entity.end]))
    return scores


def _covered(text: str, start: int, end: int, entities: list[Entity]) -> bool:
    return all(text[i].isspace() or text[i] in ",.;:()" or
               any(e.start <= i < e.end for e in entities) for i in range(start, end))


@dataclass
class CoverageScores:
    """Character-coverage scores of redaction (the independent dev set's rules): a gold span is
    caught when predictions cover half of its non-space characters; a prediction is correct when
    half of its non-space characters lie in gold spans; a line is fully redacted when every
    letter and digit of its gold spans is covered; a PHI-free line is changed when any
    prediction covers a letter or digit."""

    caught: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    predicted: int = 0
    correct: int = 0
    phi_lines: int = 0
    full_lines: int = 0
    clean_lines: int = 0
    changed_clean_lines: int = 0

    @property
    def recall(self) -> float:
        gold = sum(self.total.values())
        return sum(self.caught.values()) / gold if gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def full(self) -> float:
        return self.full_lines / self.phi_lines if self.phi_lines else 1.0

    @property
    def clean_changed(self) -> float:
        return self.changed_clean_lines / self.clean_lines if self.clean_lines else 0.0

    def label_recall(self, label: str) -> float:
        return self.caught.get(label, 0) / self.total[label]

    def add(self, text: str, gold: list[tuple[int, int, str]],
            predicted: list[tuple[int, int]]) -> None:
        """Count one line: ``gold`` as (start, end, label), ``predicted`` as (start, end)."""
        covered = _mask(len(text), predicted)
        in_gold = _mask(len(text), [(s, e) for s, e, _ in gold])
        for start, end, label in gold:
            self.total[label] = self.total.get(label, 0) + 1
            if _share(text, start, end, covered, str.isspace) >= 0.5:
                self.caught[label] = self.caught.get(label, 0) + 1
        for start, end in predicted:
            self.predicted += 1
            self.correct += _share(text, start, end, in_gold, str.isspace) >= 0.5
        if gold:
            self.phi_lines += 1
            self.full_lines += all(
                _share(text, s, e, covered, lambda c: not c.isalnum()) == 1.0 for s, e, _ in gold)
        else:
            self.clean_lines += 1
            self.changed_clean_lines += any(
                any(c.isalnum() for c in text[s:e]) for s, e in predicted)


def _mask(length: int, spans: list[tuple[int, int]]) -> list[bool]:
    mask = [False] * length
    for start, end in spans:
        for index in range(max(0, start), min(length, end)):
            mask[index] = True
    return mask


def _share(text: str, start: int, end: int, mask: list[bool], skip) -> float:
    counted = [i for i in range(start, end) if not skip(text[i])]
    return sum(mask[i] for i in counted) / len(counted) if counted else 1.0
