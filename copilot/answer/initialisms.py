"""Initialisms the agents type that the documents only spell out: "AFC" for the documents'
"antral follicle count", "OSA" for "obstructive sleep apnea". Read off each generation's own
documents (no list to keep): every run of three to five content words on one line, by its
initials; an initialism is spelled out by the run the documents use most often for it (at least
twice), when no other run is used as often.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from copilot.answer.text import STOPWORDS

MIN_LETTERS, MAX_LETTERS = 3, 5  # two letters are too many things ("SA", "PT")
MIN_WORD = 3  # letters of a word that may give its initial
MIN_USES = 2  # a run used once is too weak a guess ("hear severe abdominal" for "HSA")
_SPLIT = re.compile(r"[.;:,!?()\[\]|\n]")  # a run stays within one clause
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def spelled_out(texts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each initialism (lower case) with the words the documents spell it out with."""
    runs: dict[str, Counter[tuple[str, ...]]] = defaultdict(Counter)
    for text in texts:
        for clause in _SPLIT.split(text):
            words = [w.lower() for w in _WORD.findall(clause)]
            for size in range(MIN_LETTERS, MAX_LETTERS + 1):
                for start in range(len(words) - size + 1):
                    run = tuple(words[start : start + size])
                    if all(len(w) >= MIN_WORD and w not in STOPWORDS for w in run):
                        runs["".join(w[0] for w in run)][run] += 1
    spelled = {}
    for letters, counted in runs.items():
        (best, count), *others = counted.most_common(2)
        if count >= MIN_USES and (not others or others[0][1] < count):
            spelled[letters] = best
    return spelled
