"""A regex recognizer whose patterns carry their own cue ("MRN 00482913" -> only the number)."""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult


class CuedPatternRecognizer(EntityRecognizer):
    """Finds ``(?P<value>...)`` of each pattern in one ``phi.yaml`` section and labels it.

    ``relabel`` maps another label to a regex tested on the 24 characters before the match
    (a phone number after "fax" becomes FAX).
    """

    def __init__(self, name: str, section: dict[str, Any]):
        unknown = set(section) - {"label", "score", "patterns", "relabel", "case_sensitive"}
        if unknown:
            raise ValueError(f"phi.yaml patterns.{name}: unknown key(s) {sorted(unknown)}")
        self.label: str = section["label"]
        self.score: float = float(section["score"])
        flags = 0 if section.get("case_sensitive") else re.IGNORECASE
        self.patterns = [re.compile(p, flags) for p in section["patterns"]]
        self.relabel = {label: re.compile(rx, re.IGNORECASE)
                        for label, rx in (section.get("relabel") or {}).items()}
        labels = [self.label, *self.relabel]
        super().__init__(supported_entities=labels, name=f"{name}_recognizer",
                         supported_language="en")

    def load(self) -> None:
        """Nothing to load: the patterns are compiled in ``__init__``."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """Every pattern match in ``text``, labelled (and relabelled by its left context)."""
        results: list[RecognizerResult] = []
        seen: set[tuple[int, int]] = set()
        for pattern in self.patterns:
            for match in pattern.finditer(text):
                span = match.span("value")
                if span in seen or span[0] == span[1]:
                    continue
                seen.add(span)
                label = self._label_for(text, span[0])
                if label in entities:
                    results.append(RecognizerResult(label, span[0], span[1], self.score))
        return results

    def _label_for(self, text: str, start: int) -> str:
        before = text[max(0, start - 24) : start]
        for label, pattern in self.relabel.items():
            if pattern.search(before):
                return label
        return self.label
