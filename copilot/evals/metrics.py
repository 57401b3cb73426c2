"""Metric functions for answer evals: pure, no I/O, usable on hand-made inputs.

Text matching is forgiving about case, Unicode dashes, quotes and spacing, but strict about
number boundaries: "$99" does not match "$990" or "$99,000".
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = {ord("\u2018"): "'", ord("\u2019"): "'", ord("\u201c"): '"', ord("\u201d"): '"'}


def normalize(text: str) -> str:
    """Fold case, Unicode dashes and quotes, and whitespace; drop spaces around hyphens."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_QUOTES).casefold()
    text = re.sub(r"\s+", " ", text)
    return re.sub(r" ?- ?", "-", text).strip()


def _pattern(needle: str) -> re.Pattern[str]:
    norm = re.escape(normalize(needle))
    start = r"(?<![a-z0-9])" if re.match(r"[a-z0-9]", normalize(needle)) else ""
    end = r"(?![a-z0-9]|[.,][0-9])" if re.search(r"[a-z0-9]$", normalize(needle)) else ""
    return re.compile(start + norm + end)


def contains(text: str, needle: str) -> bool:
    """Whether ``needle`` occurs in ``text`` as a whole word or number (after normalizing)."""
    return bool(needle.strip()) and bool(_pattern(needle).search(normalize(text)))


def groups_hit(groups: Sequence[Sequence[str]], answer: str) -> list[bool]:
    """For each must_include group: does the answer contain any of its alternatives?"""
    return [any(contains(answer, alt) for alt in group) for group in groups]


def forbidden_found(forbidden: Iterable[str], answer: str) -> list[str]:
    """The must_not_include strings that appear in the answer."""
    return [item for item in forbidden if contains(answer, item)]


def unique_sources(cited: Iterable[str]) -> list[str]:
    """Cited sources in citation order, each once (two citations of one file rank once)."""
    return list(dict.fromkeys(cited))


def source_matches(expected: str, cited: str) -> bool:
    """An expected path matches itself; an expected folder ending in "/" matches files under it."""
    if expected.endswith("/"):
        return cited.startswith(expected)
    return cited == expected


def first_hit_rank(expected: Sequence[str], cited: Sequence[str]) -> int | None:
    """1-based rank of the first cited source that is one of ``expected``; None if none is."""
    for rank, source in enumerate(unique_sources(cited), start=1):
        if any(source_matches(e, source) for e in expected):
            return rank
    return None


def hit_at(rank: int | None, k: int) -> bool:
    """Whether a hit happened within the first ``k`` cited sources."""
    return rank is not None and rank <= k


def reciprocal_rank(rank: int | None) -> float:
    """1/rank of the first hit, 0 when nothing expected was cited."""
    return 0.0 if rank is None else 1.0 / rank


def phi_echoes(question: str, spans: Iterable[tuple[str, int, int]], answer: str) -> list[str]:
    """Labels of redacted question spans (label, start, end) whose text reappears in the answer.

    Spans shorter than three characters are ignored: they cannot be told apart from ordinary text.
    """
    echoed = []
    for label, start, end in spans:
        value = question[start:end].strip()
        if len(value) >= 3 and contains(answer, value):
            echoed.append(label)
    return echoed


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) with linear interpolation between ranks; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def ratio(numerator: float, denominator: float) -> float | None:
    """numerator/denominator, or None when there is nothing to measure."""
    return None if denominator == 0 else numerator / denominator
