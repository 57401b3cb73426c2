"""Is a match negated? ("there is no free consultation", "we can't guarantee")."""

from __future__ import annotations

import re

_WORD = re.compile(r"[\w']+")


def negated(text: str, start: int, negations: re.Pattern[str], window: int,
            sentence_start: int = 0) -> bool:
    """True when a negation occurs among the ``window`` words before ``start`` in its sentence."""
    before = text[sentence_start:start]
    words = _WORD.findall(before)[-window:]
    return bool(words) and bool(negations.search(" ".join(words)))
