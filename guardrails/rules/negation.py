"""Is a match negated? ("there is no free consultation", "we can't guarantee")."""

from __future__ import annotations

import re

_WORD = re.compile(r"[\w']+")
# A negation does not reach across a dash or colon ("We can't wait - it will work"), and
# reassurances are not negations ("Don't worry, it will work").
_CLAUSE_BREAK = re.compile(r"\s[-–—]\s|:")
# ... nor, for a claim, into the next of two joined clauses ("there's no risk and nothing to
# pay"); a symptom list keeps it ("denies fever and chills").
_JOINED = re.compile(r",?\s(?:and|but)\s")
_REASSURANCE = re.compile(r"\b(?:don'?t|do not) (?:you )?worry\b|\bno worries\b|\bnot to worry\b")
# An answer opening the sentence negates nothing after it ("No, the visit is free").
_ANSWER = re.compile(r"^\W*(?:no|nope|nah|not really|not at all)\b\s*[,!.]", re.IGNORECASE)


def negated(text: str, start: int, negations: re.Pattern[str], window: int,
            sentence_start: int = 0, claim: bool = False) -> bool:
    """True when a negation occurs among the ``window`` words before ``start`` in its sentence
    (with ``claim``, in its own clause of two joined by "and" or "but")."""
    before = _CLAUSE_BREAK.split(_ANSWER.sub(" ", text[sentence_start:start]))[-1]
    if claim:
        before = _JOINED.split(before)[-1]
    before = _REASSURANCE.sub(" ", before)
    words = _WORD.findall(before)[-window:]
    return bool(words) and bool(negations.search(" ".join(words)))
