"""Word-level undoing of obfuscation, after character folding: spaced or dotted letters
("f r e e", "F.R.E.E."), hashtags ("#FreeConsultFriday", "#freeconsult") and misspellings of
the policy's key words ("consulation", "garantee").

Each step rewrites ``(text, origin)`` pairs, so every output character still points at the
original character it came from. Word frequencies (``wordfreq``) are loaded only when a word
needs them: splitting a run-together word, or telling a misspelling from a real word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from guardrails.data import load_yaml

# Three or more single letters joined by one kind of separator: "f r e e", "f.r.e.e.", "f-r-e-e".
_SPACED = re.compile(r"(?<![\w.])((?:[a-z](?P<sep>[ .\-_*·]))(?:[a-z](?P=sep)){1,}[a-z])"
                     r"(?P=sep)?(?![\w])")
_HASHTAG = re.compile(r"#([a-z][a-z0-9_]*)", re.IGNORECASE)
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_WORD = re.compile(r"[a-z]+")
MIN_SEGMENT_ZIPF = 2.0  # a run-together word splits only into words at least this common
MAX_SEGMENT_CHARS = 60  # longer, a run of letters is no run-together phrase (and is left whole)


@dataclass(frozen=True)
class _Spelling:
    targets: frozenset[str]
    real_word_zipf: float
    by_deletes: dict[str, frozenset[str]]  # every way to delete up to two letters -> targets


def _limit(word: str) -> int:
    return 1 if len(word) < 8 else 2


def _deletes(word: str, depth: int) -> set[str]:
    found = {word}
    for _ in range(depth):
        found |= {w[:i] + w[i + 1 :] for w in found for i in range(len(w))}
    return found


@cache
def _spelling() -> _Spelling:
    data = load_yaml("spelling.yaml")
    index: dict[str, set[str]] = {}
    for target in data["targets"]:
        for variant in _deletes(target, _limit(target)):
            index.setdefault(variant, set()).add(target)
    return _Spelling(frozenset(data["targets"]), float(data["real_word_zipf"]),
                     {k: frozenset(v) for k, v in index.items()})


@cache
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def deobfuscate(original: str, text: str, origin: list[int]) -> tuple[str, list[int]]:
    """Apply the three rewrites; ``original`` is the un-folded text (for hashtag case)."""
    if "#" in text:
        text, origin = _split_hashtags(original, text, origin)
    text, origin = _join_spaced(text, origin)
    return _correct_spelling(text, origin)


def _replace(text: str, origin: list[int], edits: list[tuple[int, int, str]]
             ) -> tuple[str, list[int]]:
    """Apply ``(start, end, replacement)`` edits; new characters point into the replaced span."""
    if not edits:
        return text, origin
    parts: list[str] = []
    positions: list[int] = []
    last = 0
    for start, end, replacement in sorted(edits):
        parts.append(text[last:start])
        positions.extend(origin[last:start])
        span = origin[start:end] or [origin[start - 1] if start else 0]
        steps = max(len(replacement) - 1, 1)
        for index in range(len(replacement)):  # first to first, last to last, spread between
            positions.append(span[index * (len(span) - 1) // steps])
        parts.append(replacement)
        last = end
    parts.append(text[last:])
    positions.extend(origin[last:])
    return "".join(parts), positions


def segment(word: str) -> list[str]:
    """Split a run-together lower-case word into common words ("freeconsult" -> free consult);
    the word itself when no split into words of at least ``MIN_SEGMENT_ZIPF`` exists."""
    if len(word) < 6 or len(word) > MAX_SEGMENT_CHARS or _zipf(word) >= MIN_SEGMENT_ZIPF:
        return [word]
    best: list[tuple[float, list[str]] | None] = [(0.0, [])] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 16), end):
            previous = best[start]
            piece = word[start:end]
            if previous is None or (len(piece) == 1 and piece not in "ai"):
                continue
            zipf = _zipf(piece)
            if zipf < MIN_SEGMENT_ZIPF:
                continue
            candidate = (previous[0] + zipf - 8.0, [*previous[1], piece])  # fewer, commoner words
            if best[end] is None or candidate[0] > best[end][0]:
                best[end] = candidate
    found = best[len(word)]
    return found[1] if found else [word]


def _split_hashtags(original: str, text: str, origin: list[int]) -> tuple[str, list[int]]:
    edits = []
    for match in _HASHTAG.finditer(text):
        start, end = match.span()
        raw = original[origin[start + 1] : origin[end - 1] + 1]
        pieces = _CAMEL.findall(raw) if raw.isascii() and not raw.islower() else [match.group(1)]
        words = [w for piece in pieces for w in segment(piece.lower())]
        replacement = " " + " ".join(words)
        if len(replacement) == end - start or raw.isascii():
            edits.append((start, end, replacement))
    return _replace(text, origin, edits)


def _join_spaced(text: str, origin: list[int]) -> tuple[str, list[int]]:
    edits = []
    for match in _SPACED.finditer(text):
        letters = match.group(1).replace(match.group("sep"), "")
        edits.append((match.start(), match.end(), " ".join(segment(letters))))
    return _replace(text, origin, edits)


def _distance_at_most(a: str, b: str, limit: int) -> bool:
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
def correction(word: str) -> str | None:
    """The policy word ``word`` misspells, or None (real words are never changed)."""
    spelling = _spelling()
    if len(word) < 4 or word in spelling.targets:
        return None
    limit = _limit(word)
    near: set[str] = set()
    for variant in _deletes(word, limit):
        near |= spelling.by_deletes.get(variant, frozenset())
    for target in sorted(near, key=len):
        if _distance_at_most(word, target, limit) and _zipf(word) < spelling.real_word_zipf:
            return target
    return None


def _correct_spelling(text: str, origin: list[int]) -> tuple[str, list[int]]:
    edits = []
    for match in _WORD.finditer(text):
        fixed = correction(match.group())
        if fixed is not None:
            edits.append((match.start(), match.end(), fixed))
    return _replace(text, origin, edits)
