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
# For a symptom, a negation covers its own item of a list, and every item of a list whose last
# two are joined by a word ("denies fever, chills or heavy bleeding"; not "no fever, heavy
# bleeding": after a comma alone, a new statement). Items are short and joined by a comma, a
# slash or a conjunction; a turn, a person or a verb ends the list ("no fever or chills but
# heavy bleeding", "no fever or she is bleeding").
_LIST_JOIN = re.compile(r",|/|\b(?:or|and|nor|o|y|e|ou|et|ni|hoặc|và)\b", re.IGNORECASE)
_LIST_END = re.compile(r"/|\b(?:or|and|nor|o|y|e|ou|et|ni|hoặc|và)\b", re.IGNORECASE)
_LIST_TURN = re.compile(r"\b(?:but|yet|though|however|except|now|still|then|just|only|pero|mais|"
                        r"mas|i|i'm|im|she|he|it|they|we|you|she's|he's|it's|is|was|are|were|"
                        r"has|had|have|says?|said|feels?|felt|gets?|got)\b", re.IGNORECASE)
LIST_ITEM_WORDS = 3
# An answer opening the sentence negates nothing after it ("No, the visit is free").
_ANSWER = re.compile(r"^\W*(?:no|nope|nah|not really|not at all)\b\s*[,!.]", re.IGNORECASE)


def negated(text: str, start: int, negations: re.Pattern[str], window: int,
            sentence_start: int = 0, claim: bool = False, listed: bool = False) -> bool:
    """True when a negation occurs among the ``window`` words before ``start`` in its sentence
    (with ``claim``, in its own clause of two joined by "and" or "but"; with ``listed``, before
    the first item of a list the match is in)."""
    before = _CLAUSE_BREAK.split(_ANSWER.sub(" ", text[sentence_start:start]))[-1]
    if claim:
        before = _JOINED.split(before)[-1]
    if not listed:
        return _says_no(before, negations, window)
    joins = list(_LIST_JOIN.finditer(before))
    if _says_no(before[joins[-1].end() :] if joins else before, negations, window):
        return True  # in its own item: "no pain, no fever"
    first = _list_start(before, joins)
    return first is not None and _says_no(first, negations, window + LIST_ITEM_WORDS)


def _says_no(before: str, negations: re.Pattern[str], window: int) -> bool:
    """Whether a negation is among the last ``window`` words of ``before`` (not a reassurance)."""
    words = _WORD.findall(_REASSURANCE.sub(" ", before))[-window:]
    return bool(words) and bool(negations.search(" ".join(words)))


def _list_start(before: str, joins: list[re.Match[str]]) -> str | None:
    """``before`` up to the first item of the "or" list its end is in ("denies fever, chills
    or" -> "denies fever"): the short items joined to it, with no turn among them, left out;
    None when its end is in no such list."""
    if not joins or not _LIST_END.fullmatch(joins[-1].group()):
        return None
    parts = _LIST_JOIN.split(before)
    kept = len(parts)
    while kept > 1 and len(_WORD.findall(parts[kept - 1])) <= LIST_ITEM_WORDS \
            and not _LIST_TURN.search(parts[kept - 1]):
        kept -= 1
    if kept == len(parts):
        return None
    return before[: joins[kept - 1].start()]
