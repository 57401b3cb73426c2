"""Is a match negated? ("there is no free consultation", "we can't guarantee")."""

from __future__ import annotations

import re

_WORD = re.compile(r"[\w']+")
# A negation does not reach across a dash, a colon or into the next of two joined clauses ("We
# can't wait - it will work", "there's no risk and nothing to pay"), and reassurances are not
# negations ("Don't worry, it will work").
_CLAUSE_BREAK = re.compile(r"\s[-–—]\s|:|,?\s(?:and|but)\s")
_REASSURANCE = re.compile(r"\b(?:don'?t|do not) (?:you )?worry\b|\bno worries\b|\bnot to worry\b")
# An answer opening the sentence negates nothing after it ("No, the visit is free").
_ANSWER = re.compile(r"^\W*(?:no|nope|nah|not really|not at all)\b\s*[,!.]", re.IGNORECASE)


def negated(text: str, start: int, negations: re.Pattern[str], window: int,
            sentence_start: int = 0) -> bool:
    """True when a negation occurs among the ``window`` words before ``start`` in its sentence."""
    before = _REASSURANCE.sub(" ", _CLAUSE_BREAK.split(
        _ANSWER.sub(" ", text[sentence_start:start]))[-1])
    words = _WORD.findall(before)[-window:]
    return bool(words) and bool(negations.search(" ".join(words)))
