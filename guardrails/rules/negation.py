"""Is a match negated? ("there is no free consultation", "we can't guarantee")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from guardrails.policy import NegationReading

_WORD = re.compile(r"[\w']+")


@dataclass(frozen=True)
class Lists:
    """How a list of symptoms reads (``urgent`` in policy.yaml): what joins its items, what
    joins its last two for a negation to cover them all, what ends it, how long an item is."""

    joins: re.Pattern[str]
    ends: re.Pattern[str]
    turns: re.Pattern[str]
    item_words: int
    screens: re.Pattern[str]  # a negation that screens a whole list, commas alone or not

    @classmethod
    def compile(cls, joins: str, ends: str, turns: str, item_words: int,
                screens: str = r"$^") -> Lists:
        return cls(*(re.compile(p, re.IGNORECASE) for p in (joins, ends, turns)), item_words,
                   re.compile(screens, re.IGNORECASE))

    def start(self, before: str, joins: list[re.Match[str]]) -> str | None:
        """``before`` up to the first item of the list its end is in ("denies fever, chills
        or" -> "denies fever"): the short items joined to it, with no turn among them, left
        out; None when its end is in no list whose last two items a word joins, unless a
        screening negation opens it ("denies pain, fever, SOB")."""
        if not joins:
            return None
        parts = self.joins.split(before)
        kept = len(parts)
        while kept > 1 and len(_WORD.findall(parts[kept - 1])) <= self.item_words \
                and not self.turns.search(parts[kept - 1]):
            kept -= 1
        if kept == len(parts):
            return None
        head = before[: joins[kept - 1].start()]
        opening = " ".join(_WORD.findall(head)[-(self.item_words + 1):])
        return head if self.ends.fullmatch(joins[-1].group()) or self.screens.search(opening) \
            else None


@dataclass(frozen=True)
class Negation:
    """How a negation is read (``negation`` in policy.yaml): what ends its reach, what is no
    negation though it says "don't", and an answer that opens a sentence."""

    clause_breaks: re.Pattern[str]
    joined_clauses: re.Pattern[str]
    reassurances: re.Pattern[str]
    answers: re.Pattern[str]

    @classmethod
    def compile(cls, reading: NegationReading) -> Negation:
        return cls(*(re.compile(p) for p in (reading.clause_breaks, reading.joined_clauses,
                                             reading.reassurances, reading.answers)))

    def negated(self, text: str, start: int, negations: re.Pattern[str], window: int,
                sentence_start: int = 0, claim: bool = False,
                lists: Lists | None = None) -> bool:
        """True when a negation occurs among the ``window`` words before ``start`` in its
        sentence (with ``claim``, in its own clause of two joined ones; with ``lists``, in its
        own item of a list, or before the first item of a list it covers whole)."""
        before = self.clause_breaks.split(self.answers.sub(" ", text[sentence_start:start]))[-1]
        if claim:
            before = self.joined_clauses.split(before)[-1]
        if lists is None:
            return self._says_no(before, negations, window)
        joins = list(lists.joins.finditer(before))
        if self._says_no(before[joins[-1].end() :] if joins else before, negations, window):
            return True  # in its own item: "no pain, no fever"
        first = lists.start(before, joins)
        return first is not None and self._says_no(first, negations, window + lists.item_words)

    def _says_no(self, before: str, negations: re.Pattern[str], window: int) -> bool:
        """Whether a negation is among the last ``window`` words of ``before`` (not a
        reassurance)."""
        words = _WORD.findall(self.reassurances.sub(" ", before))[-window:]
        return bool(words) and bool(negations.search(" ".join(words)))
