"""price_mismatch: a dollar amount that the current documents do not give for that service."""

from __future__ import annotations

import re

from guardrails.prices import AMOUNT, PriceCatalog, amount_cents, format_cents, mention_tokens
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
                if valid is not None and cents not in valid:
                    listed = ", ".join(format_cents(a) for a in sorted(valid)[:MAX_LISTED])
                    suggestion = f"{self.config.suggestion} Current prices for this: {listed}."
                    violations.append(self._violation(text, start, end, self.config.message,
                                                      suggestion))
        return violations

    def _violation(self, text: str, start: int, end: int, message: str,
                   suggestion: str) -> Violation:
        return Violation(rule=self.rule_id, start=start, end=end, text=text[start:end],
                         message=message, suggestion=suggestion)
