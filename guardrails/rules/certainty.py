"""Outcomes said to be certain: a word of certainty and an outcome no one can promise in one
clause, in whatever words and order a language puts them ("transfers here always end in a
pregnancy", "com certeza o plano vai cobrir", "sigurado pong aaprubahan"), read from the two
vocabularies ``policy.yaml`` gives the rule rather than from whole sentences' shapes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.policy import CertaintyConfig
from guardrails.rules.negation import Negation


class Certainty:
    """Finds outcomes said to be certain in a sentence (already normalised: lower case)."""

    def __init__(self, config: CertaintyConfig, negations: re.Pattern[str], negation: Negation):
        self.config = config
        self.clause_breaks = re.compile(config.clause_breaks)
        self.negation = negation
        self.markers = re.compile(config.markers)
        self.hedges = re.compile(config.hedges)
        self.outcomes = [(re.compile(o.words), re.compile(o.context) if o.context else None)
                         for o in config.outcomes]
        self.negations = negations

    def spans(self, sentence: str) -> Iterator[tuple[int, int]]:
        """(start, end) of the stretch from a marker to an outcome that makes the claim, the
        first in each clause of ``sentence``."""
        # the outcomes this sentence can hold: those with no context word, or with one in it
        kinds = [words for words, context in self.outcomes
                 if context is None or context.search(sentence)]
        start = 0
        for end in [m.start() for m in self.clause_breaks.finditer(sentence)] + [len(sentence)]:
            yield from self._clause(sentence, start, end, kinds)
            start = end

    def _clause(self, sentence: str, start: int, end: int,
                kinds: list[re.Pattern[str]]) -> Iterator[tuple[int, int]]:
        clause = sentence[start:end]
        outcomes = [m for words in kinds for m in words.finditer(clause)]
        if not outcomes:
            return
        for marker in self.markers.finditer(clause):
            if self._negated(sentence, start + marker.start()):
                continue
            for outcome in outcomes:
                first, last = sorted((marker, outcome), key=lambda m: m.start())
                if (first.end() <= last.start()
                        and last.start() - first.end() <= self.config.window
                        and not _compound(clause, first, last)
                        and not self.hedges.search(clause, first.end(), last.start())
                        and not self._hedged(clause, outcome.start())
                        and not self._negated(sentence, start + outcome.start())):
                    yield start + first.start(), start + last.end()
                    return

    def _hedged(self, clause: str, at: int) -> bool:
        """A hedge among the three words right before the outcome ("whether it will work")."""
        before = clause[:at].split()[-3:]
        return bool(before) and bool(self.hedges.search(" ".join(before)))

    def _negated(self, sentence: str, at: int) -> bool:
        return self.negation.negated(sentence, at, self.negations, self.config.negation_window,
                                     claim=True)


def _compound(clause: str, first: re.Match[str], last: re.Match[str]) -> bool:
    """An outcome right before a noun of certainty names a thing ("no success guarantees", "a
    pregnancy promise"): no claim is made of it."""
    return (first.end() + 1 == last.start() and clause[first.end()] == " "
            and last.group() in _NOUNS)


_NOUNS = frozenset({"guarantee", "guarantees", "promise", "promises"})
