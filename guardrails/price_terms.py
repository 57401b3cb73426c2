"""What a price is stated with beyond its amount: the period it is for ("$750 per year"), read
right after the amount, and the rates of fees ("a 3% card surcharge").

The documents' amounts and rates are read once per catalog. When every mention of an amount
gives it for one period, a draft quoting that amount for another period misstates it ("storage
is $750 a month" against "$750 per year"); an amount the documents also give without a period,
or a draft amount with none, is left to the other price checks. A fee's rate the documents never
state ("a 5% processing fee" against their 3%) is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

AFTER_CHARS = 24  # how far after an amount its period is read


class PriceTerms:
    """The periods the documents give each amount for (None: an amount given without one), and
    the fee rates they state."""

    def __init__(self, periods: dict[str, str], rate: str = r"$^",
                 stated: dict[int, frozenset[str | None]] | None = None,
                 rates: frozenset[float] = frozenset()):
        self.periods = {name: re.compile(p, re.IGNORECASE) for name, p in periods.items()}
        self.rate = re.compile(rate, re.IGNORECASE)
        self.stated = stated or {}
        self.rates = rates

    @classmethod
    def from_documents(cls, texts: Iterable[str], periods: dict[str, str], rate: str,
                       amounts: Callable[[str], Iterable[tuple[int, int]]]) -> PriceTerms:
        """``amounts(text)`` gives each amount of a text as (cents, end offset)."""
        terms = cls(periods, rate)
        stated: dict[int, set[str | None]] = {}
        rates: set[float] = set()
        for text in texts:
            for cents, end in amounts(text):
                stated.setdefault(cents, set()).add(terms.period(text[end : end + AFTER_CHARS]))
            rates |= {_share(m) for m in terms.rate.finditer(text)}
        terms.stated = {cents: frozenset(found) for cents, found in stated.items()}
        terms.rates = frozenset(rates)
        return terms

    def period(self, after: str) -> str | None:
        """The period the text right after an amount names, if any."""
        return next((name for name, pattern in self.periods.items() if pattern.match(after)),
                    None)

    def misstated(self, cents: int, after: str) -> frozenset[str] | None:
        """The periods the documents give ``cents`` for, when the draft (``after``: the text
        right after its amount) gives it for another one; None when it agrees or cannot tell."""
        quoted = self.period(after[:AFTER_CHARS])
        stated = self.stated.get(cents, frozenset())
        if quoted is None or not stated or None in stated or quoted in stated:
            return None
        return stated

    def unstated_rates(self, sentence: str) -> list[re.Match[str]]:
        """The fee rates ``sentence`` gives that the documents never state."""
        return [m for m in self.rate.finditer(sentence) if _share(m) not in self.rates]


def _share(match: re.Match[str]) -> float:
    return float(match["share"] or match["share_after"])
