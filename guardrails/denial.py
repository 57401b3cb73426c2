"""Denial and retraction scope: does a sentence deny, retract or correct a rule's claim?

"We don't offer a free consultation", "that offer ended", "no one can promise a baby", "I'll
transfer you to the nurse line": such a sentence mentions the claim in order to take it back, so
neither the pattern rules nor the semantic layer flag it for that rule. The patterns, in every
language the agents write, are data (``denials.yaml``).
"""

from __future__ import annotations

import re
from pathlib import Path

from guardrails.data import PACKAGE_DIR, StrictModel, load_model


def _compile(where: str, values: list[str], flags: int = 0) -> list[re.Pattern[str]]:
    compiled = []
    for value in values:
        try:
            compiled.append(re.compile(value, flags))
        except re.error as error:
            raise ValueError(f"denials.{where}: invalid regex {value!r}: {error}") from None
    return compiled


class DenialsFile(StrictModel):
    """``denials.yaml``: rule -> regexes of clauses denying it (and those denying any rule's
    claim); clause breaks; follow-ups."""

    rules: dict[str, list[str]]
    every_rule: list[str] = []
    clause_breaks: str = r"$^"
    follow_ups: list[str] = []
    caller_lines: str = r"$^"
    reported: str = r"$^"
    quoted_questions: str = r"$^"
    affirmations: str = r"$^"


class DenialScope:
    """Per rule, the patterns of clauses that deny or retract its claim; plus the follow-up
    sentences that take back the sentence before them."""

    def __init__(self, rules: dict[str, list[str]], clause_breaks: str = r"$^",
                 follow_ups: list[str] = (), caller_lines: str = r"$^", reported: str = r"$^",
                 quoted_questions: str = r"$^", affirmations: str = r"$^"):
        self.patterns = {rule: _compile(rule, values) for rule, values in rules.items()}
        self.clause_breaks = _compile("clause_breaks", [clause_breaks])[0]
        self.follow_ups = _compile("follow_ups", list(follow_ups))
        self.caller_line = _compile("caller_lines", [caller_lines],
                                    re.IGNORECASE | re.MULTILINE)[0]
        self.reported = _compile("reported", [reported])[0]
        self.quoted_question = _compile("quoted_questions", [quoted_questions])[0]
        self.affirmation = _compile("affirmations", [affirmations])[0]

    @classmethod
    def load(cls, path: Path | None = None) -> DenialScope:
        data = load_model(path or PACKAGE_DIR / "denials.yaml", DenialsFile)
        rules = {rule: values + data.every_rule for rule, values in data.rules.items()}
        return cls(rules, data.clause_breaks, data.follow_ups, data.caller_lines, data.reported,
                   data.quoted_questions, data.affirmations)

    def denies(self, rule: str, sentence: str, at: int | None = None, following: str = "") -> bool:
        """True when ``sentence`` (normalised) denies or retracts ``rule``'s claim: in the
        clause holding offset ``at`` (the whole sentence when None), when the clause after it
        takes it back ("our old free call — that ended in 2024"), when the ``following``
        sentence does, or when the claim is another's words, quoted, and the rest of the
        sentence or the ``following`` one denies it ('The ad said "complimentary consult." We
        don't have one.', 'Her voicemail says "complimentary first consult" — there is no free
        consultation.')."""
        clause, after, rest, at_clause = sentence, "", "", at
        if at is not None:
            breaks = list(self.clause_breaks.finditer(sentence))
            starts = [0] + [m.end() for m in breaks if m.end() <= at]
            ends = [m for m in breaks if m.start() > at]
            clause = sentence[max(starts) : ends[0].start() if ends else len(sentence)]
            at_clause = at - max(starts)
            if ends:
                after = sentence[ends[0].end() : ends[1].start() if len(ends) > 1
                                 else len(sentence)].strip()
                rest = sentence[ends[0].end() :]
        patterns = self.patterns.get(rule, ())
        return any(p.search(clause) for p in patterns) \
            or self._asked(clause, following, at_clause) \
            or self.takes_back(after) or self.takes_back(following) \
            or (bool(self.reported.search(sentence)) and any(
                p.search(following) or p.search(rest) for p in patterns))

    def _asked(self, clause: str, following: str, at: int | None) -> bool:
        """True when the claim (at ``at`` in the clause) is inside the caller's question quoted
        there, or the question ends the clause, and what comes after it (in the clause, or the
        next sentence) does not answer yes ('You asked, "Is it free?" Yes.'); a claim after
        the question ('She asked, "When?" The consult is free.') is still the draft's."""
        question = self.quoted_question.search(clause)
        if question is None:
            return False
        rest = clause[question.end() :].strip(" \"“”‘’'")
        if rest and (at is None or not question.start() <= at < question.end()):
            return False
        return not self.affirmation.match(rest or following)

    def caller_lines(self, text: str) -> list[tuple[int, int]]:
        """Spans of the lines of ``text`` a caller speaks in a transcript: not the draft's
        claims."""
        spans = []
        for match in self.caller_line.finditer(text):
            end = text.find("\n", match.start())
            spans.append((match.start(), len(text) if end < 0 else end))
        return spans

    def takes_back(self, following: str) -> bool:
        """True when ``following`` (normalised) retracts or corrects the sentence before it."""
        return bool(following) and any(p.search(following) for p in self.follow_ups)
