"""Word-level undoing of obfuscation, after character folding: accents and combining marks on
a policy word ("fréé", "f̲r̲e̲e̲"), spaced or dotted letters ("f r e e", "F.R.E.E."), a policy
word broken by marks or a hyphen inside it ("fr.ee con.sult", "fr-ee"), hashtags
("#FreeConsultFriday", "#freeconsult"), misspellings of the policy's key words
("consulation", "garantee") and a negation typed without its apostrophe ("doesnt", "cant").

Each step rewrites ``(text, origin)`` pairs, so every output character still points at the
original character it came from. Word frequencies (``wordfreq``) are loaded only when a word
needs them: splitting a run-together word, or telling a misspelling from a real word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from guardrails.data import load_yaml
from guardrails.spelling import Speller, zipf

# Three or more single letters joined by one kind of separator: "f r e e", "f.r.e.e.", "f-r-e-e".
_SPACED = re.compile(r"(?<![\w.])((?:[a-z](?P<sep>[ .\-_*·]))(?:[a-z](?P=sep)){1,}[a-z])"
                     r"(?P=sep)?(?![\w])")
_HASHTAG = re.compile(r"#([a-z][a-z0-9_]*)", re.IGNORECASE)
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_WORD = re.compile(r"[a-z]+")
# A word of letters with combining marks anywhere in it (U+0332 under each letter, U+0301 ...).
_MARKS = r"\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_STROKED = {"đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O"}  # no decomposition
# Letters broken by marks inside one word ("fr.ee", "con_sult", "fr-ee"): two to four pieces.
_BROKEN = re.compile(r"(?<![\w.])[a-z]{1,12}(?:[._*·-][a-z]{1,12}){1,3}(?![\w]|\.\w)")
_MARKED_WORD = re.compile(rf"(?:[^\W\d_]|[{_MARKS}])+")
_NEGATION = re.compile(r"\b([a-z]+)nt\b")  # "doesnt": "does" + "nt"
MIN_SEGMENT_ZIPF = 2.0  # a run-together word splits only into words at least this common
MAX_SEGMENT_CHARS = 60  # longer, a run of letters is no run-together phrase (and is left whole)


@dataclass(frozen=True)
class _Spelling:
    speller: Speller  # the policy's words, shortest first
    real_word_zipf: float
    marked_languages: tuple[str, ...]  # a marked word common in one of these is a real word
    marked_real_zipf: float
    negated: frozenset[str]  # auxiliaries whose "n't" may be typed "nt" ("ca": "cant")


@cache
def _spelling() -> _Spelling:
    data = load_yaml("spelling.yaml")
    marked = data["marked_words"]
    return _Spelling(Speller.of(sorted(data["targets"], key=len)), float(data["real_word_zipf"]),
                     tuple(marked["languages"]), float(marked["real_word_zipf"]),
                     frozenset(data["negated_auxiliaries"]))


def deobfuscate(original: str, text: str, origin: list[int]) -> tuple[str, list[int]]:
    """Apply the six rewrites; ``original`` is the un-folded text (for hashtag case)."""
    if not text.isascii():
        text, origin = _unmark_policy_words(text, origin)
    if "#" in text:
        text, origin = _split_hashtags(original, text, origin)
    text, origin = _join_spaced(text, origin)
    text, origin = _join_broken(text, origin)
    text, origin = _restore_negations(text, origin)
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
    if len(word) < 6 or len(word) > MAX_SEGMENT_CHARS or zipf(word) >= MIN_SEGMENT_ZIPF:
        return [word]
    best: list[tuple[float, list[str]] | None] = [(0.0, [])] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 16), end):
            previous = best[start]
            piece = word[start:end]
            if previous is None or (len(piece) == 1 and piece not in "ai"):
                continue
            frequency = zipf(piece)
            if frequency < MIN_SEGMENT_ZIPF:
                continue
            # fewer, commoner words
            candidate = (previous[0] + frequency - 8.0, [*previous[1], piece])
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


def _join_broken(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """A policy word broken by marks inside it ("fr.ee", "con_sult", "gua*ran*tee") reads as
    the word; other dotted runs ("e.g", "fertility.example") stay. A hyphen breaks one only
    into the policy word itself ("fr-ee"): a hyphenated compound is no misspelling of one."""
    edits = []
    for match in _BROKEN.finditer(text):
        joined = re.sub(r"[._*·-]", "", match.group())
        if _policy_word(joined) and ("-" not in match.group() or joined in _spelling().speller):
            edits.append((match.start(), match.end(), joined))
    return _replace(text, origin, edits)


def _unmark_policy_words(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """A word written with accents or combining marks whose bare letters are a policy word or a
    misspelling of one ("fréé", "f̲r̲e̲e̲ consult") reads as its bare letters, unless the marked
    word is a real word of a language the agents write ("miễn phí", "évaluation" stay)."""
    out: list[str] = []
    positions: list[int] = []
    last = 0
    for match in _MARKED_WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        bare = [(base, origin[match.start() + i]) for i, char in enumerate(word)
                for base in without_marks(char)]
        letters = "".join(base for base, _ in bare)
        if not letters.isascii() or not _policy_word(letters) or _real_marked_word(word):
            continue
        out.append(text[last : match.start()])
        positions.extend(origin[last : match.start()])
        out.append(letters)
        positions.extend(position for _, position in bare[:-1])
        positions.append(origin[match.end() - 1])  # the last letter spans its marks
        last = match.end()
    if not out:
        return text, origin
    out.append(text[last:])
    positions.extend(origin[last:])
    return "".join(out), positions


def bare_letters(text: str) -> str:
    """``text`` with the marks of its Latin letters dropped ("miễn phí" -> "mien phi", "đ" ->
    "d"), as agents type other languages on an English keyboard; other scripts stay."""
    out = []
    for char in text:
        if char.isascii() or "LATIN" not in unicodedata.name(char, ""):
            out.append(char)
            continue
        bare = without_marks(char)
        out.append(_STROKED.get(bare, bare))
    return "".join(out)


def typed_bare(patterns: list[str]) -> list[str]:
    """``patterns`` and, for those with marked Latin letters, the same typed without the marks
    ("mien phi", "tu van" for "miễn phí", "tư vấn"; "sot cao" for "sốt cao")."""
    return patterns + [b for b in map(bare_letters, patterns) if b not in patterns]


def without_marks(text: str) -> str:
    """``text`` with its accents and other combining marks dropped ("médica" -> "medica"; a
    mark alone -> "")."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _policy_word(word: str) -> bool:
    return word in _spelling().speller or correction(word) is not None


def _real_marked_word(word: str) -> bool:
    spelling = _spelling()
    composed = unicodedata.normalize("NFC", word)
    return any(zipf(composed, language) >= spelling.marked_real_zipf
               for language in spelling.marked_languages)


@cache
def correction(word: str) -> str | None:
    """The policy word ``word`` misspells, or None (real words are never changed)."""
    spelling = _spelling()
    return spelling.speller.correction(word, spelling.real_word_zipf)


def _restore_negations(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """An auxiliary verb's negation typed without its apostrophe reads as the contraction
    ("doesnt" -> "doesn't", "cant" -> "can't"): what reads negations ("she doesn't want to …",
    "we can't guarantee") then reads it too."""
    negated = _spelling().negated
    edits = [(match.end() - 1, match.end() - 1, "'") for match in _NEGATION.finditer(text)
             if match.group(1) in negated]
    return _replace(text, origin, edits)


def _correct_spelling(text: str, origin: list[int]) -> tuple[str, list[int]]:
    edits = []
    for match in _WORD.finditer(text):
        fixed = correction(match.group())
        if fixed is not None:
            edits.append((match.start(), match.end(), fixed))
    return _replace(text, origin, edits)
