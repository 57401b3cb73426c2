"""Required notes: which policy notes a question calls for, and whether an answer carries them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from guardrails.policy import AgeNote, RenewalNote, RequiredNotes, TriggeredNote
from guardrails.results import RequiredNote
from guardrails.text import normalize

AGE_NOTE = "age_42_plus"
RENEWAL_NOTE = "rx_renewal_new_patient"
CLINICAL_NOTE = "clinical_question"


def _compile(patterns: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


class NotesPolicy:
    """Decides the required notes for a question and detects a note missing from an answer."""

    def __init__(self, config: RequiredNotes):
        self.age: AgeNote = config.age_42_plus
        self.renewal: RenewalNote = config.rx_renewal_new_patient
        self.age_patterns = _compile(self.age.age_patterns)
        self.request = _compile(self.renewal.request_patterns)
        self.new_patient = _compile(self.renewal.new_patient_patterns)
        self.established = _compile(self.renewal.established_patterns)
        self.clinical: TriggeredNote = config.clinical_question
        self.clinical_patterns = _compile(self.clinical.question_patterns)
        self.present = {AGE_NOTE: _compile(self.age.present_when),
                        RENEWAL_NOTE: _compile(self.renewal.present_when),
                        CLINICAL_NOTE: _compile(self.clinical.present_when)}

    def stated_ages(self, question: str) -> list[int]:
        """Ages stated in the question ("pt is 43", "43 yo", "age 44")."""
        text = normalize(question).text
        return [int(m.group("age")) for p in self.age_patterns for m in p.finditer(text)]

    def required(self, question: str, ages: Iterable[int] = ()) -> list[RequiredNote]:
        """The notes the answer to ``question`` must carry."""
        text = normalize(question).text
        notes: list[RequiredNote] = []
        if any(age >= self.age.min_age for age in [*ages, *self.stated_ages(question)]):
            notes.append(RequiredNote(id=AGE_NOTE, text=self.age.text))
        asks_renewal = any(p.search(text) for p in self.request)
        is_new = any(p.search(text) for p in self.new_patient)
        is_established = any(p.search(text) for p in self.established)
        if asks_renewal and is_new and not is_established:
            notes.append(RequiredNote(id=RENEWAL_NOTE, text=self.renewal.text))
        if any(p.search(text) for p in self.clinical_patterns):
            notes.append(RequiredNote(id=CLINICAL_NOTE, text=self.clinical.text))
        return notes

    def carries(self, answer: str, note: RequiredNote) -> bool:
        """True when every ``present_when`` pattern of the note matches the answer."""
        text = normalize(answer).text
        patterns = self.present.get(note.id)
        if patterns is None:
            return note.text.lower() in text
        return all(p.search(text) for p in patterns)
