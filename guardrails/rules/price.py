"""price_mismatch: a dollar amount that the current documents do not give for that service."""

from __future__ import annotations

import re

from guardrails.prices import (
    AMOUNT,
    PriceCatalog,
    amount_cents,
    format_cents,
    mention_tokens,
    service_tokens,
)
from guardrails.results import Violation
from guardrails.text import sentence_spans

MAX_LISTED = 4


class PriceMismatchRule:
    """Flags an amount unknown to the catalog, or not among the prices of the service it names."""

    rule_id = "price_mismatch"

    def __init__(self, catalog: PriceCatalog):
        self.catalog = catalog
        self.config = catalog.rule
        self.skip = re.compile(self.config.skip_cues, re.IGNORECASE)

    def find(self, text: str) -> list[Violation]:
        """Violations in ``text``; sentences about discontinued offers are not price quotes."""
        violations: list[Violation] = []
        for s_start, s_end in sentence_spans(text):
            sentence = text[s_start:s_end]
            if self.skip.search(sentence):
                continue
            amounts = [amount_cents(m) for m in AMOUNT.finditer(sentence)]
            for message in self.catalog.contradicted_facts(sentence, amounts):
                violations.append(self._violation(text, s_start, s_end, message,
                                                  self.config.suggestion))
            for match in AMOUNT.finditer(sentence):
                cents = amount_cents(match)
                start, end = s_start + match.start(), s_start + match.end()
                if cents not in self.catalog.amounts:
                    message = (f"{format_cents(cents)} appears nowhere in the current documents. "
                               + self.config.message)
                    violations.append(self._violation(text, start, end, message,
                                                      self.config.suggestion))
                    continue
                service = mention_tokens(sentence, match.start(), match.end(), self.config)
                valid = self.catalog.valid_amounts(service) if service else None
                if valid is not None and cents not in valid and not self._priced_in(sentence,
                                                                                    cents):
                    listed = ", ".join(format_cents(a) for a in sorted(valid)[:MAX_LISTED])
                    suggestion = f"{self.config.suggestion} Current prices for this: {listed}."
                    violations.append(self._violation(text, start, end, self.config.message,
                                                      suggestion))
        return violations

    def _priced_in(self, sentence: str, cents: int) -> bool:
        """True when the service the whole sentence names best has this price ("Medications
        aren't in the $14,900 IVF price": the amount belongs to IVF, not to medications)."""
        service = service_tokens(sentence, frozenset(self.config.generic_words),
                                 self.config.count_words)
        valid = self.catalog.valid_amounts(service) if service else None
        return valid is not None and cents in valid

    def _violation(self, text: str, start: int, end: int, message: str,
                   suggestion: str) -> Violation:
        return Violation(rule=self.rule_id, start=start, end=end, text=text[start:end],
                         message=message, suggestion=suggestion)
