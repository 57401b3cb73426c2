"""Required notes: which policy notes a question calls for, and whether an answer carries them.

Each entry of ``required_notes`` in ``policy.yaml`` is a note; its id is its key there and its
model's type says what calls for it (an age, a renewal request by a new patient, a question
pattern). No note id is written here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from guardrails.policy import AgeNote, Note, RenewalNote, TriggeredNote
from guardrails.results import RequiredNote
from guardrails.text import normalize


def _compile(patterns: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


def _any(patterns: list[re.Pattern[str]], text: str) -> bool:
    return any(p.search(text) for p in patterns)


class _AgeTrigger:
    """An age at or above ``min_age``: stated in the question ("pt is 43") or derived."""

    def __init__(self, note: AgeNote):
        self.min_age = note.min_age
        self.patterns = _compile(note.age_patterns)

    def applies(self, text: str, ages: list[int]) -> bool:
        stated = [int(m.group("age")) for p in self.patterns for m in p.finditer(text)]
        return any(age >= self.min_age for age in [*ages, *stated])


class _RenewalTrigger:
    """A prescription renewal asked for a new patient (not an established one)."""

    def __init__(self, note: RenewalNote):
        self.request = _compile(note.request_patterns)
        self.new_patient = _compile(note.new_patient_patterns)
        self.established = _compile(note.established_patterns)

    def applies(self, text: str, ages: list[int]) -> bool:
        return (_any(self.request, text) and _any(self.new_patient, text)
                and not _any(self.established, text))


class _PatternTrigger:
    """Any of the note's question patterns."""

    def __init__(self, note: TriggeredNote):
        self.patterns = _compile(note.question_patterns)

    def applies(self, text: str, ages: list[int]) -> bool:
        return _any(self.patterns, text)


_TRIGGERS = {AgeNote: _AgeTrigger, RenewalNote: _RenewalTrigger, TriggeredNote: _PatternTrigger}


class NotesPolicy:
    """Decides the required notes for a question and detects a note missing from an answer."""

    def __init__(self, config: dict[str, Note]):
        self.notes = [(RequiredNote(id=note_id, text=note.text,
                                    answers=isinstance(note, TriggeredNote) and note.answers),
                       _TRIGGERS[type(note)](note))
                      for note_id, note in config.items()]
        self.present = {note_id: _compile(note.present_when)
                        for note_id, note in config.items()}

    def required(self, question: str, ages: Iterable[int] = ()) -> list[RequiredNote]:
        """The notes the answer to ``question`` must carry, in the policy's order."""
        text = normalize(question).text
        ages = list(ages)
        return [note for note, trigger in self.notes if trigger.applies(text, ages)]

    def carries(self, answer: str, note: RequiredNote) -> bool:
        """True when every ``present_when`` pattern of the note matches the answer."""
        text = normalize(answer).text
        patterns = self.present.get(note.id)
        if patterns is None:
            return note.text.lower() in text
        return all(p.search(text) for p in patterns)
