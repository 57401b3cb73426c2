"""Dates tied to a person: a DOB (the age is kept), a procedure date, or a date in a sentence
about a patient; the clinic's own dates (schedules, updates, price lists) are not PHI."""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from guardrails.text import sentence_spans

_EDGE_BEFORE = r"(?<![\w./-])"
_EDGE_AFTER = r"(?![\w/-]|\.\d)"
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|[a-z]+\b", re.IGNORECASE)


class DateRecognizer(EntityRecognizer):
    """DOB after a birth cue; DATE near a procedure cue, or in a sentence about a patient
    unless a policy cue is near. Dates with none of these cues are left alone."""

    def __init__(self, section: dict[str, Any]):
        self.dob_cue = re.compile(section["dob_cues"], re.IGNORECASE)
        self.procedure_cue = re.compile(section["procedure_cues"], re.IGNORECASE)
        self.patient_ref = re.compile(section["patient_refs"], re.IGNORECASE)
        self.policy_cue = re.compile(section["policy_cues"], re.IGNORECASE)
        self.window = int(section["cue_window"])
        self.date = re.compile(_EDGE_BEFORE + "(?P<value>" + section["date"] + ")" + _EDGE_AFTER,
                               re.IGNORECASE)
        self.short_date = re.compile(
            _EDGE_BEFORE + "(?P<value>" + section["short_date"] + ")" + _EDGE_AFTER)
        super().__init__(supported_entities=["DOB", "DATE"], name="date_recognizer",
                         supported_language="en")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """DOB and DATE results for the dates in ``text``."""
        results: list[RecognizerResult] = []
        for pattern in (self.date, self.short_date):
            for match in pattern.finditer(text):
                start, end = match.span("value")
                if any(r.start <= start < r.end for r in results) or not _plausible(match["value"]):
                    continue
                label = self._classify(text, start, end)
                if label and label in entities:
                    results.append(RecognizerResult(label, start, end, 0.95 if label == "DOB"
                                                    else 0.85))
        return results

    def dates_beside(self, text: str, people: list[tuple[int, int]]) -> list[RecognizerResult]:
        """Dates in a sentence that also identifies a person (a name, a member ID…), unless a
        policy cue is near: "Rosa Delgado seen 3/3/2025" ties the date to her."""
        sentences = [(s, e) for s, e in sentence_spans(text)
                     if any(s <= start < e for start, _ in people)]
        results: list[RecognizerResult] = []
        for pattern in (self.date, self.short_date):
            for match in pattern.finditer(text):
                start, end = match.span("value")
                inside = any(s <= start < e for s, e in sentences)
                if not inside or not _plausible(match["value"]):
                    continue
                if any(r.start <= start < r.end for r in results):
                    continue
                if self._classify(text, start, end) is None and not self._policy_near(text, start,
                                                                                      end):
                    results.append(RecognizerResult("DATE", start, end, 0.8))
        return results

    def _policy_near(self, text: str, start: int, end: int) -> bool:
        before = " ".join(_WORD.findall(text[max(0, start - 60) : start])[-self.window :])
        after = " ".join(_WORD.findall(text[end : end + 60])[: self.window])
        return bool(self.policy_cue.search(f"{before} | {after}"))

    def _classify(self, text: str, start: int, end: int) -> str | None:
        if self.dob_cue.search(text[max(0, start - 24) : start]):
            return "DOB"
        before = " ".join(_WORD.findall(text[max(0, start - 60) : start])[-self.window :])
        after = " ".join(_WORD.findall(text[end : end + 60])[: self.window])
        near = f"{before} | {after}"
        if self.procedure_cue.search(near):
            return "DATE"
        if self.policy_cue.search(near):
            return None
        sentence = next((text[s:e] for s, e in sentence_spans(text) if s <= start < e), "")
        return "DATE" if self.patient_ref.search(sentence) else None


def _plausible(value: str) -> bool:
    """Reject numeric look-alikes that cannot be a month/day ("24/7", "13/45")."""
    numbers = re.match(r"^(\d{1,4})[/.-](\d{1,2})", value)
    if not numbers:
        return True
    first, second = int(numbers.group(1)), int(numbers.group(2))
    if len(numbers.group(1)) == 4:
        return 1 <= second <= 12
    return 1 <= first <= 12 and 1 <= second <= 31
