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
