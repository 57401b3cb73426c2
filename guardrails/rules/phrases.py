"""Pattern rules with negation: ``guarantee`` (promised outcomes) and ``medical_advice``."""

from __future__ import annotations

import re

from guardrails.policy import PhraseConfig
from guardrails.results import Violation
from guardrails.rules.certainty import Certainty
from guardrails.rules.free_consultation import LETTER
from guardrails.rules.negation import Negation
from guardrails.rules.registry import RuleContext, kind
from guardrails.text import alternation, normalize, sentence_spans


@kind("phrases")
class PhraseListRule:
    """Any of the rule's patterns, unless a negation precedes it in the same sentence; and, for
    a sentence none of them matches, an outcome its ``certainty`` says is certain."""

    def __init__(self, rule_id: str, config: PhraseConfig, negation: Negation):
        self.rule_id = rule_id
        self.config = config
        self.negation = negation
        # A pattern starts at a word start, or at an apostrophe ("you'll be pregnant").
        start = rf"(?:(?<!{LETTER})|(?='))"
        self.patterns = [re.compile(start + p) for p in config.patterns]
        # One pass that says whether any pattern matches at all: most sentences match none, and
        # one alternation tried at word starts costs a tenth of every pattern tried everywhere.
        self.any_pattern = re.compile(f"{start}(?:{alternation(config.patterns, literal=False)})")
        self.negations = re.compile(config.negations)
        self.certainty = (Certainty(config.certainty, self.negations, negation)
                          if config.certainty else None)

    @classmethod
    def from_policy(cls, rule_id: str, config: PhraseConfig,
                    context: RuleContext) -> PhraseListRule:
        return cls(rule_id, config, context.negation)

    def find(self, text: str) -> list[Violation]:
        """Violations in ``text`` (offsets into the original text)."""
        norm = normalize(text)
        violations: list[Violation] = []
        taken: list[tuple[int, int]] = []
        for s_start, s_end in sentence_spans(norm.text):
            sentence = norm.text[s_start:s_end]
            for pattern in self.patterns if self.any_pattern.search(sentence) else ():
                for match in pattern.finditer(sentence):
                    span = (s_start + match.start(), s_start + match.end())
                    if any(a < span[1] and span[0] < b for a, b in taken):
                        continue
                    if self.negation.negated(sentence, match.start(), self.negations,
                                             self.config.negation_window, claim=True):
                        continue
                    taken.append(span)
            if self.certainty and not any(s_start <= a < s_end for a, _ in taken):
                taken += [(s_start + a, s_start + b) for a, b in self.certainty.spans(sentence)]
        for span in taken:
            start, end = norm.span(*span)
            violations.append(Violation(
                rule=self.rule_id, start=start, end=end, text=text[start:end],
                message=self.config.message, suggestion=self.config.suggestion))
        return violations
