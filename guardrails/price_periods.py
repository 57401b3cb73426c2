"""The period a price is for ("$750 per year", "$750 a month"), read right after its amount.

The documents' amounts are read once per catalog: when every mention of an amount gives it for
one period, a draft quoting that amount for another period misstates it ("storage is $750 a
month" against "$750 per year"). An amount the documents also give without a period, or a draft
amount with none, is left to the other price checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

AFTER_CHARS = 24  # how far after an amount its period is read


class Periods:
    """The periods the documents give each amount for (None: an amount given without one)."""

    def __init__(self, patterns: dict[str, str], stated: dict[int, frozenset[str | None]]):
        self.patterns = {name: re.compile(p, re.IGNORECASE) for name, p in patterns.items()}
        self.stated = stated

    @classmethod
    def from_documents(cls, texts: Iterable[str], patterns: dict[str, str],
                       amounts: Callable[[str], Iterable[tuple[int, int]]]) -> Periods:
        """``amounts(text)`` gives each amount of a text as (cents, end offset)."""
        found = cls(patterns, {})
        stated: dict[int, set[str | None]] = {}
        for text in texts:
            for cents, end in amounts(text):
                stated.setdefault(cents, set()).add(found.period(text[end : end + AFTER_CHARS]))
        found.stated = {cents: frozenset(periods) for cents, periods in stated.items()}
        return found

    def period(self, after: str) -> str | None:
        """The period the text right after an amount names, if any."""
        return next((name for name, pattern in self.patterns.items() if pattern.match(after)),
                    None)

    def misstated(self, cents: int, after: str) -> frozenset[str] | None:
        """The periods the documents give ``cents`` for, when the draft (``after``: the text
        right after its amount) gives it for another one; None when it agrees or cannot tell."""
        quoted = self.period(after[:AFTER_CHARS])
        stated = self.stated.get(cents, frozenset())
        if quoted is None or not stated or None in stated or quoted in stated:
            return None
        return stated
