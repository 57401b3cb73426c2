"""Misspellings of the words of a list ("remider": reminder, "garantee": guarantee).

Symmetric deletes: every way to delete one letter of a listed word (two from 8 letters on) is
indexed, and a word whose own deletes meet them is within that many edits (adjacent swaps count
once) of a listed word. The policy's words (``spelling.yaml``, read by ``deobfuscate``) and the
documents' own vocabulary (the copilot's question side) are two such lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from string import ascii_lowercase

MIN_LETTERS = 4  # a shorter word is read as typed
LONG_WORD = 8  # letters from which a word may be two edits from a listed one


@dataclass(frozen=True)
class Speller:
    """A word list, its deletes indexed; earlier words of the list are preferred."""

    rank: dict[str, int]  # each listed word -> its place in the list
    by_deletes: dict[str, frozenset[str]]  # every way to delete up to two letters -> words

    @classmethod
    def of(cls, words: Iterable[str]) -> Speller:
        rank: dict[str, int] = {}
        index: dict[str, set[str]] = {}
        for word in words:
            rank.setdefault(word, len(rank))
            for variant in deletes(word, edits(word)):
                index.setdefault(variant, set()).add(word)
        return cls(rank, {k: frozenset(v) for k, v in index.items()})

    def __contains__(self, word: str) -> bool:
        return word in self.rank

    def correction(self, word: str, real_word_zipf: float | None = None) -> str | None:
        """The listed word ``word`` misspells, the earliest of the nearest ones, or None; with
        ``real_word_zipf``, a word at least that frequent in English is a word of its own
        ("fee", "tree"), never a misspelling."""
        if len(word) < MIN_LETTERS or word in self.rank:
            return None
        limit = edits(word)
        near: set[str] = set()
        for variant in deletes(word, limit):
            near |= self.by_deletes.get(variant, frozenset())
        for listed in sorted(near, key=self.rank.__getitem__):
            if distance_at_most(word, listed, limit) and (
                    real_word_zipf is None or zipf(word) < real_word_zipf):
                return listed
        return None


def edits(word: str) -> int:
    """How many edits from a listed word a misspelling of ``word`` may be."""
    return 1 if len(word) < LONG_WORD else 2


def deletes(word: str, depth: int) -> set[str]:
    found = {word}
    for _ in range(depth):
        found |= {w[:i] + w[i + 1 :] for w in found for i in range(len(w))}
    return found


def one_edit(word: str) -> set[str]:
    """Every string one edit from ``word`` (a lower-case ASCII word): a letter deleted, inserted
    or replaced, or two adjacent letters swapped."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + b[1:] for a, b in splits if b}
            | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
            | {a + c + b[1:] for a, b in splits if b for c in ascii_lowercase}
            | {a + c + b for a, b in splits for c in ascii_lowercase}) - {word}


def distance_at_most(a: str, b: str, limit: int) -> bool:
    """Damerau-Levenshtein distance (adjacent swaps count once) of at most ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit


@cache
def zipf(word: str, language: str = "en") -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, language)
